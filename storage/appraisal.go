package storage

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"advisordesk/model"
)

func hexID(id uint64) string { return fmt.Sprintf("%016x", id) }

// CycleTable holds the appraisal cycles, found by template and by
// participant.
type CycleTable struct {
	*Table[model.Cycle, *model.Cycle]
	ByTemplate    Index[model.Cycle, uint64]
	ByParticipant Index[model.Cycle, uint64]
}

// EvaluationTable holds the evaluation forms, found by cycle, by advisor in
// a cycle, and by a customer form's serial.
type EvaluationTable struct {
	*Table[model.Evaluation, *model.Evaluation]
	ByCycle          Index[model.Evaluation, uint64]
	byAdvisorInCycle Index[model.Evaluation, cycleAdvisor]
	BySerial         Index[model.Evaluation, string]
}

// OutcomeTable holds each participant's outcome of a cycle.
type OutcomeTable struct {
	*Table[model.Outcome, *model.Outcome]
	byAdvisorInCycle Index[model.Outcome, cycleAdvisor]
}

// cycleAdvisor is one participant of one cycle: what their forms and their
// outcome are filed under.
type cycleAdvisor struct{ cycle, advisor uint64 }

func (k cycleAdvisor) key() string { return hexID(k.cycle) + "/" + hexID(k.advisor) }

// A form of a method other than the customer's exists once per participant.
type participantForm struct {
	cycleAdvisor
	method model.Method
}

func (k participantForm) key() string { return k.cycleAdvisor.key() + "/" + string(k.method) }

// Templates are few and no screen lists them with search: no listing.
func newTemplateTable(db *DB) *Table[model.Template, *model.Template] {
	t := newTable[model.Template, *model.Template](db, "templates", nil)
	t.scope.write = model.PermRunAppraisal // the office's: everyone reads them
	return t
}

func newCycleTable(db *DB) *CycleTable {
	t := &CycleTable{}
	t.Table, _ = describedTable[model.Cycle, *model.Cycle](db, model.CycleRecord)
	t.ByTemplate = addIndex(t.Table, "template", "", false, hexID,
		func(c *model.Cycle) []uint64 { return []uint64{c.TemplateID} })
	t.ByParticipant = addIndex(t.Table, "participant", "", false, hexID,
		func(c *model.Cycle) []uint64 { return c.Participants })
	return t
}

// Evaluations and outcomes are read through their indexes, never listed.
func newEvaluationTable(db *DB) *EvaluationTable {
	t := &EvaluationTable{}
	t.Table = newTable[model.Evaluation, *model.Evaluation](db, "evaluations", nil)
	t.scope.owner = func(e *model.Evaluation) uint64 { return e.AdvisorID }
	t.scope.allow = evaluationAccess
	t.ByCycle = addIndex(t.Table, "cycle", "", false, hexID,
		func(e *model.Evaluation) []uint64 { return []uint64{e.CycleID} })
	t.byAdvisorInCycle = addIndex(t.Table, "cycle_advisor", "", false, cycleAdvisor.key,
		func(e *model.Evaluation) []cycleAdvisor { return []cycleAdvisor{{e.CycleID, e.AdvisorID}} })
	// A paper customer form's serial is used once in the whole file.
	t.BySerial = addIndex(t.Table, "serial", model.FieldSerial, true, same,
		func(e *model.Evaluation) []string { return []string{e.Serial} })
	// One self-evaluation and one supervisor evaluation per advisor and cycle.
	addIndex(t.Table, "form", model.FieldMethod, true, participantForm.key,
		func(e *model.Evaluation) []participantForm {
			if e.Method == model.CustomerEval {
				return nil
			}
			return []participantForm{{cycleAdvisor{e.CycleID, e.AdvisorID}, e.Method}}
		})
	return t
}

func newOutcomeTable(db *DB) *OutcomeTable {
	t := &OutcomeTable{}
	t.Table = newTable[model.Outcome, *model.Outcome](db, "outcomes", nil)
	t.scope.owner = func(o *model.Outcome) uint64 { return o.AdvisorID }
	t.scope.write = model.PermRunAppraisal // HR confirms outcomes
	t.scope.allow = func(tx *Tx, s *model.Scope, o *model.Outcome, write bool) bool {
		return write || s.Lead(o.AdvisorID) || published(tx, o.CycleID)
	}
	t.byAdvisorInCycle = addIndex(t.Table, "cycle_advisor", model.FieldAdvisor, true, cycleAdvisor.key,
		func(o *model.Outcome) []cycleAdvisor { return []cycleAdvisor{{o.CycleID, o.AdvisorID}} })
	return t
}

// evaluationAccess refines the evaluations' scope: a self-evaluation is
// written by its advisor (or keyed in by HR from paper); the supervisor's
// and the customers' forms by the advisor's supervisor or HR. An advisor
// reads the forms of others about them once the cycle is published.
func evaluationAccess(tx *Tx, s *model.Scope, e *model.Evaluation, write bool) bool {
	own := e.AdvisorID == s.Who.Advisor
	if !write {
		return s.Lead(e.AdvisorID) || e.Method == model.SelfEval || published(tx, e.CycleID)
	}
	if e.Method == model.SelfEval {
		return s.Who.Role == model.RoleHR || own && s.Can(model.PermSelfEvaluate)
	}
	return s.Lead(e.AdvisorID) && s.Can(model.PermEvaluateTeam)
}

// published reports whether cycle id is published: its results are then
// open to the people they are about.
func published(tx *Tx, id uint64) bool {
	c, err := tx.db.Cycles.get(tx, id)
	return err == nil && c.Stage == model.Published
}

// ErrLocked: the cycle is published; reopen it (with a reason) to change it.
var ErrLocked error = &keyed{"err.locked_cycle", "the cycle is published and locked; reopen it with a reason to change it"}

// EnsureTemplate returns the first template, creating the regulation's
// default when the file has none.
func (db *DB) EnsureTemplate() (*model.Template, error) {
	var out *model.Template
	err := db.Update(func(tx *Tx) error {
		k, v := tx.tx.Bucket(db.Templates.bucket).Cursor().First()
		if k != nil {
			out = new(model.Template)
			return decode("templates", k, v, out)
		}
		if tx.who.Role == "" {
			return ErrSignedOut
		}
		// The regulation's default is made for whoever first needs it:
		// by the program when an advisor opens the appraisal screen first.
		t := model.DefaultTemplate()
		out = &t
		if !tx.scope().Can(model.PermRunAppraisal) {
			tx.who = program
		}
		return db.Templates.Put(tx, out)
	})
	return out, err
}

// SaveTemplate saves a template. A frozen one (used by a published cycle)
// is not changed: the edit becomes a new version based on it, returned in t.
func (db *DB) SaveTemplate(t *model.Template) error {
	return db.Update(func(tx *Tx) error {
		if t.ID != 0 {
			old, err := db.Templates.TxGet(tx, t.ID)
			if err != nil {
				return err
			}
			if old.Frozen {
				t.BasedOn, t.ID, t.Version, t.Frozen = old.ID, 0, old.Version+1, false
				t.Created = time.Time{} // a new record: Put stamps it
			}
		}
		if t.Version == 0 {
			t.Version = 1
		}
		return db.Templates.Put(tx, t)
	})
}

// SaveCycle saves a cycle's name, period, dates, template and participants.
// A published cycle is refused; the template can change only in a draft.
func (db *DB) SaveCycle(c *model.Cycle) error {
	return db.Update(func(tx *Tx) error {
		if c.ID != 0 {
			old, err := db.Cycles.TxGet(tx, c.ID)
			if err != nil {
				return err
			}
			if old.Stage == model.Published {
				return ErrLocked
			}
			if old.TemplateID != c.TemplateID && old.Stage != model.Draft {
				return model.FieldErrors{{Field: model.FieldTemplate, Code: model.CodeStage, Arg: string(old.Stage)}}
			}
			c.Stage, c.History = old.Stage, old.History // moved only by Advance and Reopen
			// A participant whose forms are in stays: the forms would lose
			// their cycle.
			for _, p := range old.Participants {
				if c.Has(p) {
					continue
				}
				forms, err := db.Evaluations.byAdvisorInCycle.TxIDs(tx, cycleAdvisor{c.ID, p})
				if err != nil {
					return err
				}
				if len(forms) > 0 {
					name := strconv.FormatUint(p, 10)
					if a, err := db.Advisors.get(tx, p); err == nil {
						name = a.Name
					}
					return model.FieldErrors{{Field: model.FieldParticipants, Code: model.CodeHasForms, Arg: name}}
				}
			}
		} else {
			c.Stage, c.History = model.Draft, nil
		}
		if _, err := db.Templates.TxGet(tx, c.TemplateID); err != nil && c.TemplateID != 0 {
			return model.FieldErrors{{Field: model.FieldTemplate, Code: model.CodeChoice}}
		}
		for _, id := range c.Participants {
			if _, err := db.Advisors.get(tx, id); err != nil {
				return model.FieldErrors{{Field: model.FieldParticipants, Code: model.CodeChoice, Arg: strconv.FormatUint(id, 10)}}
			}
		}
		return db.Cycles.Put(tx, c)
	})
}

// AdvanceCycle moves a cycle to its next stage. Publishing freezes its
// template, so later edits to the template make a new version.
func (db *DB) AdvanceCycle(id uint64, by string) (*model.Cycle, error) {
	var c *model.Cycle
	err := db.Update(func(tx *Tx) (err error) {
		if c, err = db.Cycles.TxGet(tx, id); err != nil {
			return err
		}
		if err := c.Advance(by, db.now()); err != nil {
			if c.Stage == model.Published {
				return ErrLocked
			}
			return err
		}
		if c.Stage == model.Published {
			t, err := db.Templates.TxGet(tx, c.TemplateID)
			if err != nil {
				return err
			}
			if !t.Frozen {
				t.Frozen = true
				if err := db.Templates.Put(tx, t); err != nil {
					return err
				}
			}
		}
		return db.Cycles.Put(tx, c)
	})
	return c, err
}

// ReopenCycle takes a published cycle back to HR review, with a reason.
func (db *DB) ReopenCycle(id uint64, by, reason string) (*model.Cycle, error) {
	var c *model.Cycle
	err := db.Update(func(tx *Tx) (err error) {
		if c, err = db.Cycles.TxGet(tx, id); err != nil {
			return err
		}
		if err := c.Reopen(by, reason, db.now()); err != nil {
			return err
		}
		if err := db.Cycles.Put(tx, c); err != nil {
			return err
		}
		// The stage's change is logged by the save; the reason with it.
		return tx.appendLog(model.Change{Table: db.Cycles.name, Record: c.ID, Action: model.Reopened,
			Fields: []model.FieldChange{{Field: "reason", New: reason}}})
	})
	return c, err
}

// SaveEvaluation checks a form against its cycle and template and saves it,
// all in one transaction: a refused form changes nothing.
func (db *DB) SaveEvaluation(e *model.Evaluation) error {
	return db.Update(func(tx *Tx) error { return db.putEvaluation(tx, e) })
}

func (db *DB) putEvaluation(tx *Tx, e *model.Evaluation) error {
	e.Normalize()
	if err := e.Validate(db.Today()); err != nil {
		return err
	}
	c, err := db.Cycles.TxGet(tx, e.CycleID)
	if err != nil {
		return model.FieldErrors{{Field: model.FieldCycle, Code: model.CodeChoice}}
	}
	if c.Stage == model.Published {
		return ErrLocked
	}
	if e.ID != 0 {
		old, err := db.Evaluations.TxGet(tx, e.ID)
		if err != nil {
			return err
		}
		if old.CycleID != e.CycleID {
			return model.FieldErrors{{Field: model.FieldCycle, Code: model.CodeChoice}}
		}
	}
	t, err := db.Templates.TxGet(tx, c.TemplateID)
	if err != nil {
		return err
	}
	if err := e.CheckAgainst(c, t); err != nil {
		return err
	}
	return db.Evaluations.Put(tx, e)
}

// DeleteEvaluation removes a form from a cycle that is not published.
func (db *DB) DeleteEvaluation(id uint64) error {
	return db.Update(func(tx *Tx) error {
		e, err := db.Evaluations.TxGet(tx, id)
		if err != nil {
			return err
		}
		c, err := db.Cycles.TxGet(tx, e.CycleID)
		if err == nil && c.Stage == model.Published {
			return ErrLocked
		}
		return db.Evaluations.Remove(tx, id)
	})
}

// LoadCycle reads a cycle with its template, participants, forms and outcomes.
func (db *DB) LoadCycle(id uint64) (*model.CycleData, error) {
	d := &model.CycleData{Advisors: map[uint64]*model.Advisor{}, Evals: map[uint64][]model.Evaluation{}, Outcomes: map[uint64]*model.Outcome{}}
	err := db.View(func(tx *Tx) (err error) {
		if d.Cycle, err = db.Cycles.TxGet(tx, id); err != nil {
			return err
		}
		if d.Template, err = db.Templates.TxGet(tx, d.Cycle.TemplateID); err != nil {
			return err
		}
		// A person sees the participants of their reach: an advisor
		// themselves, a supervisor their team.
		var seen []uint64
		for _, a := range d.Cycle.Participants {
			rec, err := db.Advisors.get(tx, a)
			if err != nil {
				return fmt.Errorf("participant %d: %w", a, err)
			}
			if db.Advisors.viewOf(tx, rec) == viewNone {
				continue
			}
			if d.Advisors[a], err = db.Advisors.read(tx, rec); err != nil {
				return err
			}
			seen = append(seen, a)
		}
		d.Cycle.Participants = seen
		ids, err := db.Evaluations.ByCycle.TxIDs(tx, id)
		if err != nil {
			return err
		}
		for _, eid := range ids {
			e, err := db.Evaluations.TxGet(tx, eid)
			if err != nil {
				return err
			}
			d.Evals[e.AdvisorID] = append(d.Evals[e.AdvisorID], *e)
		}
		for _, a := range d.Cycle.Participants {
			oids, err := db.Outcomes.byAdvisorInCycle.TxIDs(tx, cycleAdvisor{id, a})
			if err != nil {
				return err
			}
			if len(oids) > 0 {
				if d.Outcomes[a], err = db.Outcomes.TxGet(tx, oids[0]); err != nil {
					return err
				}
			}
		}
		return nil
	})
	return d, err
}

// ConfirmOutcome records HR's decision for one advisor in a cycle that is
// not published, replacing an earlier one.
func (db *DB) ConfirmOutcome(o *model.Outcome) error {
	return db.Update(func(tx *Tx) error {
		c, err := db.Cycles.TxGet(tx, o.CycleID)
		if err != nil {
			return model.FieldErrors{{Field: model.FieldCycle, Code: model.CodeChoice}}
		}
		if c.Stage == model.Published {
			return ErrLocked
		}
		if !c.Has(o.AdvisorID) {
			return model.FieldErrors{{Field: model.FieldAdvisor, Code: model.CodeNotInCycle}}
		}
		ids, err := db.Outcomes.byAdvisorInCycle.TxIDs(tx, cycleAdvisor{o.CycleID, o.AdvisorID})
		if err != nil {
			return err
		}
		if len(ids) > 0 {
			o.ID = ids[0]
		}
		return db.Outcomes.Put(tx, o)
	})
}

// LatestCycle is the newest published cycle, or the newest of all when none
// is published; ErrNotFound when there is none.
func (db *DB) LatestCycle() (*model.Cycle, error) {
	// The listing holds each cycle's end date and stage: no cycle is decoded
	// to find the one wanted.
	latest := model.ListQuery{Sort: model.FieldEnd, Desc: true, Limit: 1}
	published := latest
	published.Where = model.Match{Field: model.FieldStage, Value: string(model.Published)}
	for _, q := range []model.ListQuery{published, latest} {
		cs, _, err := db.Cycles.List(q)
		if err != nil {
			return nil, err
		}
		if len(cs) > 0 {
			return cs[0], nil
		}
	}
	return nil, ErrNotFound
}

// AdvisorCycles lists the cycles an advisor took part in, oldest first.
func (db *DB) AdvisorCycles(advisorID uint64) ([]*model.Cycle, error) {
	ids, err := db.Cycles.ByParticipant.IDs(advisorID)
	if err != nil {
		return nil, err
	}
	cs, err := db.Cycles.GetMany(ids)
	if err != nil {
		return nil, err
	}
	slices.SortFunc(cs, func(a, b *model.Cycle) int {
		return cmp.Or(strings.Compare(string(a.End), string(b.End)), cmp.Compare(a.ID, b.ID))
	})
	return cs, nil
}

// AdvisorHistory scores an advisor in every cycle they took part in and
// have forms in, oldest first, reading only their own forms.
func (db *DB) AdvisorHistory(advisorID uint64) ([]model.HistoryPoint, error) {
	cycles, err := db.AdvisorCycles(advisorID)
	if err != nil {
		return nil, err
	}
	var out []model.HistoryPoint
	err = db.View(func(tx *Tx) error {
		templates := map[uint64]*model.Template{}
		for _, c := range cycles {
			ids, err := db.Evaluations.byAdvisorInCycle.TxIDs(tx, cycleAdvisor{c.ID, advisorID})
			if err != nil || len(ids) == 0 {
				continue // nothing entered yet: no score to show
			}
			t := templates[c.TemplateID]
			if t == nil {
				if t, err = db.Templates.TxGet(tx, c.TemplateID); err != nil {
					return err
				}
				templates[c.TemplateID] = t
			}
			evals := make([]model.Evaluation, 0, len(ids))
			for _, id := range ids {
				e, err := db.Evaluations.TxGet(tx, id)
				if err != nil {
					return err
				}
				evals = append(evals, *e)
			}
			out = append(out, model.HistoryPoint{Cycle: c, Result: model.Score(t, evals)})
		}
		return nil
	})
	return out, err
}

// NextSerials reserves n new customer-form serials (CF-2026-000001 …): a
// printed batch never repeats a number, even if its forms never come back.
// Only those who evaluate or run appraisals reserve them.
func (db *DB) NextSerials(n int) ([]string, error) {
	if n < 1 || n > 10000 {
		return nil, model.FieldErrors{{Field: "count", Code: model.CodeRange, Arg: "1–10000"}}
	}
	var out []string
	year := db.now().Year()
	err := db.Update(func(tx *Tx) (err error) {
		// Customer forms are printed for those who evaluate (the window
		// offers them to no one else): nobody else uses up numbers.
		if s := tx.scope(); tx.who.Role == "" {
			return ErrSignedOut
		} else if !s.Can(model.PermEvaluateTeam) && !s.Can(model.PermRunAppraisal) {
			return &model.Refusal{Table: "evaluations", Perm: model.PermEvaluateTeam}
		}
		out, err = nextSerials(tx, year, n)
		return err
	})
	return out, err
}

func nextSerials(tx *Tx, year, n int) ([]string, error) {
	b := tx.tx.Bucket(bucketSettings)
	key := []byte("customer_form_seq")
	var seq uint64
	if v := b.Get(key); len(v) == 8 {
		seq = btoi(v)
	}
	out := make([]string, 0, n)
	for i := 0; i < n; i++ {
		seq++
		out = append(out, fmt.Sprintf("CF-%d-%06d", year, seq))
	}
	return out, b.Put(key, itob(seq))
}
