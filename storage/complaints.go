package storage

import (
	"bytes"
	"slices"
	"strings"

	"advisordesk/model"
)

// Complaints (model.Complaint): the related advisor's records, handed to
// their handler, who may change them while assigned. Their status moves
// only by the flow (MoveComplaint), each step on the timeline; where a
// complaint stands against its deadlines is computed when read, with the
// office calendar and rules, and never written.

// ComplaintTable is the complaints' table with the indexes a customer's
// page and the appraisal look them up by: customer, related advisor and
// responsible advisor, each with the day the complaint came in.
type ComplaintTable struct {
	*Table[model.Complaint, *model.Complaint]
	byCustomer, byAdvisor, byResponsible Index[model.Complaint, uint64]
	// open holds the complaints not yet done, under one key: what Home
	// counts and what runs late is found without reading the closed ones.
	open Index[model.Complaint, string]
}

// openKey is the open index's one key.
const openKey = "open"

// datedIx indexes a complaint by one advisor or customer key and its day.
func datedIx(t *Table[model.Complaint, *model.Complaint], name, field string, id func(*model.Complaint) uint64) Index[model.Complaint, uint64] {
	return addIndex(t, name, field, false, refKey, func(c *model.Complaint) []uint64 {
		if id(c) == 0 {
			return nil
		}
		return []uint64{id(c)}
	})
}

func newComplaintTable(db *DB) *ComplaintTable {
	t, _ := describedTable[model.Complaint, *model.Complaint](db, model.ComplaintRecord)
	t.scope.assigneeWrites = true
	t.scope.rule = complaintRule
	ct := &ComplaintTable{Table: t}
	// The day follows the key in the index text: one key's entries sort
	// by day, so a page of one customer's or advisor's complaints is a
	// range of the index.
	dated := func(name, field string, id func(*model.Complaint) uint64) Index[model.Complaint, uint64] {
		ix := datedIx(t, name, field, id)
		values := ix.ix.values
		ix.ix.values = func(c *model.Complaint) []string {
			vs := values(c)
			for i := range vs {
				vs[i] += string(c.Received)
			}
			return vs
		}
		return ix
	}
	ct.byCustomer = dated("customer_day", model.FieldComplCustomer, func(c *model.Complaint) uint64 { return c.CustomerID })
	ct.byAdvisor = dated("advisor_day", model.FieldComplAdvisor, func(c *model.Complaint) uint64 { return c.AdvisorID })
	ct.byResponsible = dated("responsible_day", model.FieldResponsible, func(c *model.Complaint) uint64 { return c.ResponsibleID })
	ct.open = addIndex(t, "open", model.FieldComplStatus, false, same, func(c *model.Complaint) []string {
		if c.Status.Done() {
			return nil
		}
		return []string{openKey}
	})
	return ct
}

// complaintRule keeps the flow whoever writes: a new complaint starts
// open; a change keeps the timeline as it was and adds only steps the flow
// allows, ending at the status saved; the finding is recorded by the
// advisor's supervisor or HR, not by the advisor it is about; only HR
// deletes a complaint.
func complaintRule(tx *Tx, old, rec *model.Complaint) error {
	if rec == nil {
		if tx.who.Role != model.RoleHR {
			return &model.Refusal{Table: "complaints", Record: old.ID}
		}
		return nil
	}
	from := model.ComplaintOpen
	var kept []model.ComplaintEvent
	if old != nil {
		from, kept = old.Status, old.Timeline
		if len(rec.Timeline) < len(kept) {
			return &model.MoveRefused{From: from, To: rec.Status}
		}
		for i := range kept {
			a, b := kept[i], rec.Timeline[i]
			if !a.At.Equal(b.At) || a.Day != b.Day || a.By != b.By || a.From != b.From || a.To != b.To || a.Note != b.Note || a.Raise != b.Raise {
				return &model.MoveRefused{From: from, To: rec.Status}
			}
		}
	} else if len(rec.Timeline) == 0 || rec.Timeline[0].To != model.ComplaintOpen || rec.Timeline[0].From != "" {
		return &model.MoveRefused{From: "", To: rec.Status}
	} else {
		kept = rec.Timeline[:1]
	}
	s := from
	for _, e := range rec.Timeline[len(kept):] {
		if e.From != s || (e.Raise == 0 && !s.CanMove(e.To)) || (e.Raise != 0 && e.To != s) {
			return &model.MoveRefused{From: s, To: e.To}
		}
		if e.NeedsReason() && strings.TrimSpace(e.Note) == "" {
			return &model.ReasonNeeded{Raise: e.Raise > 0}
		}
		s = e.To
	}
	if s != rec.Status || rec.Raised != raisedIn(rec.Timeline) || rec.Contacted != contactedIn(rec.Timeline) {
		return &model.MoveRefused{From: s, To: rec.Status}
	}
	// A closed complaint is the record that was signed: it changes only
	// by reopening, which takes the step and nothing else.
	if old != nil && old.Status == model.ComplaintClosed && !sameComplaint(old, rec) {
		return model.FieldErrors{{Field: model.FieldComplStatus, Code: model.CodeComplaintClosed}}
	}
	for _, e := range rec.Timeline[len(kept):] {
		if e.Raise == 0 {
			if err := mayStep(tx, rec, e.To); err != nil {
				return err
			}
		}
	}
	if err := mayAssign(tx, old, rec); err != nil {
		return err
	}
	finding := func(c *model.Complaint) [2]any { return [2]any{c.Cause, c.ResponsibleID} }
	changed := (old == nil && (rec.Cause != "" || rec.ResponsibleID != 0)) || (old != nil && finding(old) != finding(rec))
	if changed && !tx.scope().Lead(rec.AdvisorID) {
		return model.FieldErrors{{Field: model.FieldCause, Code: model.CodeFindingLead}}
	}
	return nil
}

// mayStep refuses a step to status to that the person may not take on c:
// the advisor a complaint is about neither resolves nor closes it (that
// would stop its clock and its escalation: a handler, the supervisor or HR
// does), and closing is for those who lead the advisor (the complaint
// leaves its handler when closed).
func mayStep(tx *Tx, c *model.Complaint, to model.ComplaintStatus) error {
	if !to.Done() || tx.who.Role == model.RoleProgram {
		return nil
	}
	if tx.who.Advisor != 0 && tx.who.Advisor == c.AdvisorID {
		return model.FieldErrors{{Field: model.FieldComplStatus, Code: model.CodeComplaintOwn}}
	}
	if to == model.ComplaintClosed && !tx.scope().Lead(c.AdvisorID) {
		return &model.Refusal{Table: model.ComplaintRecord.Name, Record: c.ID}
	}
	return nil
}

// mayAssign refuses a handler chosen or changed by someone who does not
// lead the advisor concerned (their supervisor or HR assigns it: an
// advisor taking in a complaint leaves it to them), or one outside the
// assigner's reach (the handler sees the customer's phone).
func mayAssign(tx *Tx, old, rec *model.Complaint) error {
	was := uint64(0)
	if old != nil {
		was = old.HandlerID
	}
	if rec.HandlerID == was || tx.who.Role == model.RoleProgram {
		return nil
	}
	if !tx.scope().Lead(rec.AdvisorID) {
		return model.FieldErrors{{Field: model.FieldHandler, Code: model.CodeHandlerLead}}
	}
	if rec.HandlerID != 0 && !tx.scope().Sees(rec.HandlerID) {
		return model.FieldErrors{{Field: model.FieldHandler, Code: model.CodeHandlerReach}}
	}
	return nil
}

// sameComplaint reports whether b holds what a form shows of a: every
// field but the status (which moves by the flow), references by the
// record they name (a renamed advisor is the same advisor).
func sameComplaint(a, b *model.Complaint) bool {
	for _, f := range model.ComplaintRecord.Fields {
		switch {
		case f.Key == model.FieldComplStatus:
			continue
		case f.Ref != nil:
			if *f.Ref.ID(a) != *f.Ref.ID(b) {
				return false
			}
		case f.Get(a) != f.Get(b):
			return false
		}
	}
	return true
}

// complaintRights is what the transaction's person may do with c as it is
// on file, by the rules complaintRule checks a write by.
func (db *DB) complaintRights(tx *Tx, c *model.Complaint) model.ComplaintRights {
	var r model.ComplaintRights
	if c.ID == 0 || db.Complaints.canWrite(tx, c, c) != nil {
		return r
	}
	r.Edit = c.Status != model.ComplaintClosed
	for _, to := range model.ComplaintStatuses {
		err := mayStep(tx, c, to)
		switch {
		case err == nil && c.Status.CanMove(to):
			r.Moves = append(r.Moves, to)
		case err != nil:
			// Who may take it, said whatever the flow: the advisor
			// concerned learns she never resolves it, not "once…".
			if r.Why == nil {
				r.Why = map[model.ComplaintStatus]string{}
			}
			r.Why[to] = model.CodeCloseLead
			if fes, ok := model.AsFieldErrors(err); ok && fes.For(model.FieldComplStatus) != nil {
				r.Why[to] = fes.For(model.FieldComplStatus).Code
			}
		}
	}
	r.RaiseTo = raiseFrom(tx, c, max(c.Standing.Level, c.Raised)) + 1
	switch {
	case c.Status.Done():
		r.RaiseWhy = model.CodeRaiseDone
	case r.RaiseTo > 2:
		r.RaiseWhy = model.CodeRaiseTop
	case !tx.scope().Can(model.PermReportComplaints):
		r.RaiseWhy = model.CodeRaisePerm
	}
	r.Raise = r.RaiseWhy == ""
	if a, err := db.Advisors.get(tx, c.AdvisorID); err == nil && a.SupervisorID != 0 {
		if sup, err := db.Advisors.get(tx, a.SupervisorID); err == nil {
			r.Supervisor = sup.Name
		}
	}
	lead := tx.scope().Lead(c.AdvisorID) && (tx.who.Advisor == 0 || tx.who.Advisor != c.AdvisorID)
	r.Finding = r.Edit && lead
	r.Assign = r.Edit && lead
	return r
}

// raisedIn is the level the timeline's reports upward reached.
func raisedIn(tl []model.ComplaintEvent) int {
	n := 0
	for _, e := range tl {
		n = max(n, e.Raise)
	}
	return n
}

// contactedIn is the day the timeline first leaves "open".
func contactedIn(tl []model.ComplaintEvent) model.Date {
	for _, e := range tl {
		if e.From == model.ComplaintOpen && e.To != model.ComplaintOpen {
			return e.Day
		}
	}
	return ""
}

// FindComplaints answers one page of the complaints screen, of the
// person's reach, each with its standing and, for those who see it whole,
// the customer's phone. A filter on model.FieldComplaintFlag is decided on the
// standing, which no listing row holds: the person's complaints are read
// and paged here (an office has hundreds a year, not millions).
func (db *DB) FindComplaints(q model.ListQuery) ([]*model.Complaint, int, error) {
	if q.Where.Field != model.FieldComplaintFlag && q.Sort != model.FieldComplaintFlag {
		list, n, err := db.Complaints.List(q)
		if err == nil {
			err = db.standing(list)
		}
		return list, n, err
	}
	flag := q.Where.Value
	all := q
	all.Offset, all.Limit = 0, 0
	if q.Where.Field == model.FieldComplaintFlag {
		all.Where = model.Match{}
	}
	if q.Sort == model.FieldComplaintFlag {
		all.Sort, all.Desc = model.FieldReceived, false
	}
	list, _, err := db.Complaints.List(all)
	if err == nil {
		err = db.standing(list)
	}
	if err != nil {
		return nil, 0, err
	}
	list = slices.DeleteFunc(list, func(c *model.Complaint) bool {
		return q.Where.Field == model.FieldComplaintFlag && !c.HasFlag(flag)
	})
	if q.Sort == model.FieldComplaintFlag {
		slices.SortStableFunc(list, urgency)
		if q.Desc {
			slices.Reverse(list)
		}
	}
	n := len(list)
	list = list[min(q.Offset, n):]
	if q.Limit > 0 && len(list) > q.Limit {
		list = list[:q.Limit]
	}
	return list, n, nil
}

// urgency orders complaints by their standing, the most urgent first: the
// highest level, then overdue, then the earliest next deadline; paused
// ones after those running, done ones last.
func urgency(a, b *model.Complaint) int {
	rank := func(c *model.Complaint) (int, model.Date) {
		k := c.Standing
		switch {
		case c.Status.Done():
			return 5, ""
		case k.Paused:
			return 4, ""
		case k.Level >= 2:
			return 0, ""
		case k.Overdue || k.Level == 1:
			return 1, ""
		case c.Status == model.ComplaintOpen:
			return 2, k.ContactDue
		}
		return 2, k.OutcomeDue
	}
	ra, dueA := rank(a)
	rb, dueB := rank(b)
	if ra != rb {
		return ra - rb
	}
	return strings.Compare(string(dueA), string(dueB))
}

// standing fills in each complaint's standing today, what the person may
// do with it, and its customer's phone (the store's own read: whoever sees
// the complaint handles it).
func (db *DB) standing(list []*model.Complaint) error {
	if len(list) == 0 {
		return nil
	}
	return db.View(func(tx *Tx) error {
		cal, err := db.txCalendar(tx)
		if err != nil {
			return err
		}
		rules, err := txComplaintRules(tx)
		if err != nil {
			return err
		}
		today := db.Today()
		for _, c := range list {
			c.Standing = c.Clock(cal, rules, today)
			c.Rights = db.complaintRights(tx, c)
			if c.CustomerID != 0 {
				if cu, err := db.Customers.get(tx, c.CustomerID); err == nil {
					c.CustomerPhone = cu.Phone
				}
			}
		}
		return nil
	})
}

// GetComplaint reads one complaint with its standing and customer phone.
func (db *DB) GetComplaint(id uint64) (*model.Complaint, error) {
	c, err := db.Complaints.Get(id)
	if err == nil {
		err = db.standing([]*model.Complaint{c})
	}
	return c, err
}

// SaveComplaint saves what a form holds of a complaint: a new one comes in
// open, its first timeline entry saying who took it in; a change keeps the
// status and timeline on file (they move only by MoveComplaint).
func (db *DB) SaveComplaint(c *model.Complaint) error {
	return db.saveComplaint(c, func(*Tx, *model.Complaint) error { return nil })
}

// MoveComplaint saves the form's complaint and moves it to status to in
// the same transaction: a resolution typed and "resolve" pressed land
// together, or neither does.
func (db *DB) MoveComplaint(c *model.Complaint, to model.ComplaintStatus, note string) error {
	return db.saveComplaint(c, func(tx *Tx, cp *model.Complaint) error {
		return cp.Move(to, tx.who.Name, tx.now(), model.DateOf(tx.now()), note)
	})
}

// RaiseComplaint reports a complaint one level upward before its deadlines
// do: the regulation's "report complaints upward" permission.
func (db *DB) RaiseComplaint(c *model.Complaint, note string) error {
	return db.saveComplaint(c, func(tx *Tx, cp *model.Complaint) error {
		if !tx.scope().Can(model.PermReportComplaints) {
			return &model.Refusal{Table: "complaints", Record: cp.ID, Perm: model.PermReportComplaints}
		}
		cal, err := db.txCalendar(tx)
		if err != nil {
			return err
		}
		rules, err := txComplaintRules(tx)
		if err != nil {
			return err
		}
		today := model.DateOf(tx.now())
		return cp.Raise(raiseFrom(tx, cp, cp.Clock(cal, rules, today).Level), tx.who.Name, tx.now(), today, note)
	})
}

// raiseFrom is the level a report upward by the transaction's person
// starts from, where the complaint stands at level: a report goes above
// whoever makes it, so the advisor's supervisor reports to HR, not to
// herself.
func raiseFrom(tx *Tx, c *model.Complaint, level int) int {
	if tx.who.Role == model.RoleSupervisor && tx.scope().Lead(c.AdvisorID) {
		return max(level, 1)
	}
	return level
}

func (db *DB) saveComplaint(c *model.Complaint, step func(*Tx, *model.Complaint) error) error {
	cp := *c
	err := db.Update(func(tx *Tx) error {
		if cp.ID == 0 {
			// Said beside the field: an advisor takes in complaints about
			// themselves; one about a colleague is their supervisor's.
			if cp.AdvisorID != 0 && tx.who.Role != "" && !tx.scope().Sees(cp.AdvisorID) {
				return model.FieldErrors{{Field: model.FieldComplAdvisor, Code: model.CodeComplaintReach}}
			}
			cp.Status, cp.Contacted, cp.Raised = model.ComplaintOpen, "", 0
			cp.Timeline = []model.ComplaintEvent{{At: tx.now(), Day: model.DateOf(tx.now()), By: tx.who.Name, To: model.ComplaintOpen}}
		} else {
			old, err := db.Complaints.TxGet(tx, cp.ID)
			if err != nil {
				return err
			}
			cp.Status, cp.Timeline, cp.Contacted, cp.Raised = old.Status, slices.Clone(old.Timeline), old.Contacted, old.Raised
		}
		if err := step(tx, &cp); err != nil {
			return err
		}
		return db.Complaints.Put(tx, &cp)
	})
	if err != nil {
		return err
	}
	*c = cp
	return db.standing([]*model.Complaint{c})
}

// ComplaintsOfCustomer lists a customer's complaints of the person's
// reach, newest first, through the customer index.
func (db *DB) ComplaintsOfCustomer(customerID uint64) ([]*model.Complaint, error) {
	var out []*model.Complaint
	err := db.View(func(tx *Tx) (err error) {
		out, err = db.complaintsBy(tx, db.Complaints.byCustomer, customerID, "", "\xff")
		return err
	})
	slices.Reverse(out)
	if err == nil {
		err = db.standing(out)
	}
	return out, err
}

// complaintsBy reads the complaints one dated index holds under key id
// with a day from from to to (inclusive), oldest first, of the person's
// reach.
func (db *DB) complaintsBy(tx *Tx, ix Index[model.Complaint, uint64], id uint64, from, to model.Date) ([]*model.Complaint, error) {
	if tx.who.Role == "" {
		return nil, ErrSignedOut
	}
	prefix := []byte(refKey(id))
	c := tx.tx.Bucket(ix.ix.bucket).Cursor()
	var out []*model.Complaint
	for k, _ := c.Seek(append(slices.Clone(prefix), from...)); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		if len(k) < len(prefix)+9 {
			continue
		}
		day := model.Date(k[len(prefix) : len(k)-9])
		if day > to {
			break
		}
		rec, err := db.Complaints.get(tx, btoi(k[len(k)-8:]))
		if err != nil {
			return nil, err
		}
		if db.Complaints.viewOf(tx, rec) == viewNone {
			continue
		}
		if rec, err = db.Complaints.read(tx, rec); err != nil {
			return nil, err
		}
		out = append(out, rec)
	}
	return out, nil
}

// ComplaintNumbers are an advisor's complaint figures for the appraisal,
// over the complaints that came in from from to to: those founded against
// them (a finding other than unfounded, naming them responsible), and the
// satisfaction customers gave the resolutions of complaints about them.
func (db *DB) ComplaintNumbers(advisorID uint64, from, to model.Date) (model.ComplaintNumbers, error) {
	var n model.ComplaintNumbers
	err := db.View(func(tx *Tx) error {
		against, err := db.complaintsBy(tx, db.Complaints.byResponsible, advisorID, from, to)
		if err != nil {
			return err
		}
		for _, c := range against {
			if c.Founded() {
				n.Founded++
			}
		}
		about, err := db.complaintsBy(tx, db.Complaints.byAdvisor, advisorID, from, to)
		if err != nil {
			return err
		}
		for _, c := range about {
			if s := c.Satisfaction; s != "" && c.Status.Done() {
				n.Satisfaction = append(n.Satisfaction, int(s[0]-'0'))
			}
		}
		return nil
	})
	return n, err
}
