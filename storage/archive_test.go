package storage

import (
	"errors"
	"testing"
	"time"

	"advisordesk/model"
)

// unit and member are record types declared only here: a member points at
// its unit, and a unit that members still point at is archived, not
// deleted, because its description says so.
type unit struct {
	ID               uint64
	Code, Name       string
	State            string
	Closed           model.Date
	Created, Updated time.Time
}

func (u *unit) Key() uint64      { return u.ID }
func (u *unit) SetKey(id uint64) { u.ID = id }
func (u *unit) Touch(t time.Time) {
	if u.Created.IsZero() {
		u.Created = t
	}
	u.Updated = t
}

type member struct {
	ID               uint64
	Name, Unit       string
	UnitID           uint64
	Created, Updated time.Time
}

func (m *member) Key() uint64      { return m.ID }
func (m *member) SetKey(id uint64) { m.ID = id }
func (m *member) Touch(t time.Time) {
	if m.Created.IsZero() {
		m.Created = t
	}
	m.Updated = t
}

var unitRecord = &model.Record[unit]{Name: "units", Key: "code", Title: "name",
	Archive: func(u *unit, today model.Date) { u.State, u.Closed = "closed", today },
	Fields: []model.Field[unit]{
		{Key: "code", Required: true, List: 80, Access: model.Str(func(u *unit) *string { return &u.Code })},
		{Key: "name", Required: true, Search: true, List: 100, Access: model.Str(func(u *unit) *string { return &u.Name })},
		{Key: "state", Kind: model.KindChoice, Choices: []string{"", "closed"}, Prefix: "status.", List: 60,
			Access: model.Str(func(u *unit) *string { return &u.State })},
		{Key: "closed", Kind: model.KindDate, Access: model.Str(func(u *unit) *model.Date { return &u.Closed })},
	}}

var memberRecord = &model.Record[member]{Name: "members", Key: "name", Fields: []model.Field[member]{
	{Key: "name", Required: true, List: 100, Access: model.Str(func(m *member) *string { return &m.Name })},
	{Key: "unit", Kind: model.KindRef, List: 100, Ref: &model.Ref[member]{To: "units", ID: func(m *member) *uint64 { return &m.UnitID }},
		Access: model.Str(func(m *member) *string { return &m.Unit })},
}}

func TestDeleteArchivesWhereTheDescriptionSays(t *testing.T) {
	db := openTemp(t).as(hrWho("hr-li"))
	units, _, err := AddTable[unit](db, unitRecord)
	if err != nil {
		t.Fatal(err)
	}
	members, _, err := AddTable[member](db, memberRecord)
	if err != nil {
		t.Fatal(err)
	}
	used, free := &unit{Code: "U1", Name: "售后一组"}, &unit{Code: "U2", Name: "售后二组"}
	for _, u := range []*unit{used, free} {
		if err := units.Save(u); err != nil {
			t.Fatal(err)
		}
	}
	if err := members.Save(&member{Name: "王芳", UnitID: used.ID}); err != nil {
		t.Fatal(err)
	}
	var archived *model.Archived
	if err := units.Delete(used.ID); !errors.As(err, &archived) || archived.Name != "售后一组" {
		t.Fatalf("deleting a unit a member points at: %v", err)
	}
	got, err := units.Get(used.ID)
	if err != nil || got.State != "closed" || got.Closed != db.Today() {
		t.Fatalf("the unit kept: %+v, %v", got, err)
	}
	if log, _ := db.Changes(ChangeQuery{Table: "units", Record: used.ID, Limit: 1}); len(log) != 1 || log[0].Action != model.Updated {
		t.Fatalf("the archive was logged as %+v", log)
	}
	if err := units.Delete(free.ID); err != nil {
		t.Fatalf("a unit nothing points at: %v", err)
	}
	if _, err := units.Get(free.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("the free unit is still there: %v", err)
	}
}
