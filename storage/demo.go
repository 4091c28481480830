package storage

import (
	"fmt"
	"math"
	"math/rand/v2"

	"advisordesk/model"
)

// DemoCompany is the company name a demo office prints on its forms.
const DemoCompany = "星河汽车销售服务有限公司（演示）"

// LoadDemo fills an empty file with a demo office of n advisors in one
// transaction. A file that already has advisors is refused, so demo people
// never mix with real ones.
func (db *DB) LoadDemo(n int, seed uint64) error { return db.LoadDemoWith(n, seed, 0) }

// LoadDemoWith is LoadDemo with customers demo customers spread over the
// active advisors, instead of two for each of the first 300 (0). Every
// customer comes with their history (see demoMaker); an office of more
// than demoBatch customers is written a batch per transaction after the
// office's own.
func (db *DB) LoadDemoWith(n int, seed uint64, customers int) error {
	if err := db.needHR("advisors"); err != nil {
		return err
	}
	if n < 1 || n > 1_000_000 {
		return fmt.Errorf("demo size %d: use 1 to 1000000 advisors", n)
	}
	if customers < 0 || customers > 1_000_000 {
		return fmt.Errorf("demo customers %d: use 0 to 1000000", customers)
	}
	var rest func() error
	err := db.updateBulk(func(tx *Tx) error {
		tx.noLog = true // made-up people are no one's history
		if k, _ := tx.tx.Bucket(db.Advisors.bucket).Cursor().First(); k != nil {
			return ErrNotEmpty
		}
		advisors, err := db.demoOffice(tx, n, seed)
		if err != nil {
			return err
		}
		d := &demoMaker{db: db, seed: seed, today: db.Today(), complainer: model.NewDemoComplainer(advisors, db.Today())}
		if err := d.demoProducts(tx, customers); err != nil {
			return err
		}
		rest, err = db.loadDemoCustomers(tx, d, advisors, customers)
		return err
	})
	if err != nil || rest == nil {
		return err
	}
	return rest()
}

// demoOffice writes the demo's advisors, their appraisals, the 2026
// holiday calendar (an example for HR to check) and the company's name.
func (db *DB) demoOffice(tx *Tx, n int, seed uint64) ([]model.Advisor, error) {
	advisors := model.DemoAdvisors(n, seed, db.Today())
	for i := range advisors {
		if no := advisors[i].SupervisorNo; no != "" {
			ids, _ := db.Advisors.ByEmpNo.TxIDs(tx, no)
			if len(ids) == 1 {
				advisors[i].SupervisorID = ids[0]
			}
		}
		if err := db.Advisors.Put(tx, &advisors[i]); err != nil {
			return nil, fmt.Errorf("demo advisor %s: %w", advisors[i].EmpNo, err)
		}
	}
	if err := db.demoAppraisals(tx, advisors, seed); err != nil {
		return nil, fmt.Errorf("demo appraisals: %w", err)
	}
	t, _ := db.Today().Time()
	for _, d := range model.DemoCalendar(t.Year()) {
		if err := db.Calendar.Put(tx, &d); err != nil {
			return nil, err
		}
	}
	s := tx.tx.Bucket(bucketSettings)
	if s.Get([]byte(SettingCompany)) == nil {
		return advisors, s.Put([]byte(SettingCompany), []byte(DemoCompany))
	}
	return advisors, nil
}

// IsEmpty reports a file with no advisors: a first start. It reads one key,
// not the listing, so that start-up stays independent of the file's size.
func (db *DB) IsEmpty() (bool, error) {
	empty := true
	err := db.View(func(tx *Tx) error {
		if b := tx.tx.Bucket(db.Advisors.bucket); b != nil {
			k, _ := b.Cursor().First()
			empty = k == nil
		}
		return nil
	})
	return empty, err
}

var demoComments = map[model.Method][]string{
	model.SelfEval: {"本季度主动跟进老客户回访，完成了销售目标。", "产品知识还需加强，下季度参加新车型培训。",
		"接待量较大，个别投诉处理不够及时，已总结改进。", "与配件部配合顺畅，客户等待时间明显缩短。"},
	model.SupervisorEval: {"工作积极主动，客户反馈良好，建议继续保持。", "销售技巧有进步，但回访记录不够完整。",
		"责任心强，能带教新同事，团队贡献突出。", "投诉处理需要更耐心，建议参加服务规范培训。"},
	model.CustomerEval: {"服务热情，解释清楚。", "等待时间有点长，但态度很好。", "专业、耐心，下次还找他。", ""},
}

// demoAppraisals gives the demo office the regulation's template, the two
// previous quarters published with self, supervisor and customer
// evaluations and confirmed outcomes, and the current quarter at the
// self-evaluation stage.
func (db *DB) demoAppraisals(tx *Tx, advisors []model.Advisor, seed uint64) error {
	d := &demoScorer{db: db, tx: tx, tpl: model.DefaultTemplate(), r: rand.New(rand.NewPCG(seed, 77)), level: map[uint64]float64{}}
	if err := db.Templates.Put(tx, &d.tpl); err != nil {
		return err
	}
	today := db.Today()
	for _, a := range advisors {
		d.level[a.ID] = 65 + d.r.Float64()*30
	}
	t, _ := today.Time()
	for back := 2; back >= 0; back-- {
		day := model.DateOf(t.AddDate(0, -3*back, 0))
		start, end := model.PeriodDates(model.Quarterly, day)
		st, _ := start.Time()
		q := (int(st.Month())-1)/3 + 1
		c := model.Cycle{Name: fmt.Sprintf("%d年第%s季度绩效考核", st.Year(), []string{"一", "二", "三", "四"}[q-1]), Period: model.Quarterly,
			Start: start, End: end, TemplateID: d.tpl.ID, Stage: model.ReviewStage}
		for _, a := range advisors {
			if a.Status != model.Left && a.HireDate <= end {
				c.Participants = append(c.Participants, a.ID)
			}
		}
		if back == 0 {
			c.Stage = model.SelfStage
		}
		if err := db.Cycles.Put(tx, &c); err != nil {
			return err
		}
		date := min(end, today)
		byAdvisor := map[uint64][]model.Evaluation{}
		for i, id := range c.Participants {
			if back == 0 && i%3 == 2 {
				continue // the current quarter: a third have not filled in yet
			}
			forms, err := d.forms(&c, st.Year(), date, back > 0, id)
			if err != nil {
				return err
			}
			byAdvisor[id] = forms
		}
		if back > 0 {
			if err := d.publish(&c, byAdvisor); err != nil {
				return err
			}
		}
	}
	return nil
}

// demoScorer makes up a demo office's evaluations: each advisor has a level
// their scores spread around.
type demoScorer struct {
	db    *DB
	tx    *Tx
	tpl   model.Template
	r     *rand.Rand
	level map[uint64]float64
}

func (d *demoScorer) score(base, spread float64) float64 {
	return model.Round(math.Max(0, math.Min(100, base+(d.r.Float64()*2-1)*spread)), 1)
}

// forms saves one participant's forms of cycle c: a self-evaluation, and in
// a finished quarter (done) also the supervisor's and one to three
// customers'.
func (d *demoScorer) forms(c *model.Cycle, year int, date model.Date, done bool, id uint64) ([]model.Evaluation, error) {
	forms := []model.Evaluation{{Method: model.SelfEval, Scores: map[string]float64{}}}
	if done {
		forms = append(forms, model.Evaluation{Method: model.SupervisorEval, Scores: map[string]float64{}})
		for k := 0; k < 1+d.r.IntN(3); k++ {
			forms = append(forms, model.Evaluation{Method: model.CustomerEval, Scores: map[string]float64{}})
		}
	}
	var out []model.Evaluation
	base := d.level[id]
	for _, f := range forms {
		e := f
		e.CycleID, e.AdvisorID, e.Date, e.EnteredBy = c.ID, id, date, "演示"
		e.Comment = demoComments[e.Method][d.r.IntN(len(demoComments[e.Method]))]
		if e.Method == model.CustomerEval {
			serials, err := nextSerials(d.tx, year, 1)
			if err != nil {
				return nil, err
			}
			e.Serial = serials[0]
			if d.r.IntN(2) == 0 {
				e.Customer = "匿名"
			}
		}
		for _, it := range d.tpl.Items {
			if !it.Rated(e.Method) {
				continue
			}
			switch e.Method {
			case model.SelfEval:
				e.Scores[it.Key] = d.score(base+4, 5)
			case model.SupervisorEval:
				e.Scores[it.Key] = d.score(base, 5)
			default:
				e.Scores[it.Key] = d.score(base+2, 8)
			}
		}
		// The same checks as a form entered by hand, against the cycle and
		// template in hand.
		if err := e.CheckAgainst(c, &d.tpl); err != nil {
			return nil, fmt.Errorf("%s %s: %w", c.Name, e.Method, err)
		}
		if err := d.db.Evaluations.Put(d.tx, &e); err != nil {
			return nil, fmt.Errorf("%s %s: %w", c.Name, e.Method, err)
		}
		out = append(out, e)
	}
	return out, nil
}

// publish has HR confirm the outcomes the rules suggest, then publish c.
func (d *demoScorer) publish(c *model.Cycle, byAdvisor map[uint64][]model.Evaluation) error {
	for _, id := range c.Participants {
		o := model.Suggest(&d.tpl, model.Score(&d.tpl, byAdvisor[id]).Grade.Code)
		o.CycleID, o.AdvisorID, o.ConfirmedBy = c.ID, id, "人力资源部"
		if err := d.db.Outcomes.Put(d.tx, &o); err != nil {
			return err
		}
	}
	if err := c.Advance("人力资源部", d.db.now()); err != nil {
		return err
	}
	if err := d.db.Cycles.Put(d.tx, c); err != nil {
		return err
	}
	if !d.tpl.Frozen {
		d.tpl.Frozen = true
		return d.db.Templates.Put(d.tx, &d.tpl)
	}
	return nil
}
