package model

import (
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Dimension is one of the three things chapter 5 appraises.
type Dimension string

const (
	Attitude Dimension = "attitude" // 工作态度
	Ability  Dimension = "ability"  // 业务能力
	Results  Dimension = "results"  // 工作成果
)

var Dimensions = []Dimension{Attitude, Ability, Results}

// Method is who gives a score (考核方法).
type Method string

const (
	SelfEval       Method = "self"       // 自我评价
	SupervisorEval Method = "supervisor" // 上级评价
	CustomerEval   Method = "customer"   // 客户评价
)

var Methods = []Method{SelfEval, SupervisorEval, CustomerEval}

// Item is one criterion of a template, with its scoring standard and its
// share of the total.
type Item struct {
	Key        string    `msgpack:"key"` // stable within the template
	Dimension  Dimension `msgpack:"dim"`
	Name       string    `msgpack:"name"`
	NameEn     string    `msgpack:"name_en,omitempty"`
	Standard   string    `msgpack:"std,omitempty"` // how to score it
	StandardEn string    `msgpack:"std_en,omitempty"`
	Weight     float64   `msgpack:"weight"` // percent of the total; a template's items add up to 100
	// NoCustomer marks an item customers do not rate; its score uses the
	// other methods' weights scaled to 100.
	NoCustomer bool `msgpack:"no_customer,omitempty"`
	// Question is how the customer form asks a customer about the item, in
	// words a customer can judge; empty falls back to the item's name.
	Question   string `msgpack:"question,omitempty"`
	QuestionEn string `msgpack:"question_en,omitempty"`
	// Measure is the number of the work process that suggests the item's
	// score; ComplaintPoints come off it for each founded complaint.
	Measure         Measure `msgpack:"measure,omitempty"`
	ComplaintPoints float64 `msgpack:"complaint_points,omitempty"`
}

// The longest texts a template may hold, in characters, and the most items:
// the printed sheet and customer form are laid out (and tested) to keep one
// A4 page at these lengths in both languages.
const (
	MaxItems        = 10
	MaxItemName     = 12
	MaxItemNameEn   = 24
	MaxStandard     = 30
	MaxStandardEn   = 60
	MaxQuestion     = 30
	MaxQuestionEn   = 80
	MaxGradeLabel   = 8
	MaxGradeLabelEn = 20
)

// Label is the item's name in lang ("zh" or "en"), falling back to the other.
func (it *Item) Label(lang string) string { return pickLang(lang, it.Name, it.NameEn) }

// QuestionText is what the customer form asks about the item in lang. An
// item of the default template saved before items had questions gets the
// default's question; other items without one are asked by name.
func (it *Item) QuestionText(lang string) string {
	if q := pickLang(lang, it.Question, it.QuestionEn); q != "" {
		return q
	}
	if q, ok := defaultQuestions[it.Key]; ok && q.name == it.Name {
		return pickLang(lang, q.zh, q.en)
	}
	return it.Label(lang)
}

// defaultQuestions ask customers about the default template's items in
// words a customer can judge (HR's wording, such as "corrects own errors",
// is not something a customer sees).
var defaultQuestions = map[string]struct{ name, zh, en string }{
	"initiative":     {"工作积极性", "顾问是否主动接待您，并主动跟进您的事？", "Did the advisor look after you and follow up without being asked?"},
	"responsibility": {"责任心", "顾问答应您的事，是否按时办好？", "Did the advisor do what was promised, on time?"},
	"product":        {"产品知识", "顾问对产品、价格和服务的介绍是否清楚、准确？", "Were products, prices and services explained clearly and correctly?"},
	"sales_skill":    {"销售技巧", "顾问是否了解您的需要，推荐适合您的产品？", "Did the advisor understand your needs and suggest what suits you?"},
	"service":        {"客户服务能力", "顾问是否耐心解答您的问题？", "Did the advisor answer your questions patiently?"},
	"satisfaction":   {"客户满意度", "总的来说，您对这次服务满意吗？", "Overall, how satisfied are you with this visit?"},
}

// StandardText is the scoring standard in lang.
func (it *Item) StandardText(lang string) string { return pickLang(lang, it.Standard, it.StandardEn) }

func pickLang(lang, zh, en string) string {
	if lang == "en" && en != "" || zh == "" {
		return en
	}
	return zh
}

// MethodWeights are the shares of self, supervisor and customer scores in an
// item's score; they add up to 100.
type MethodWeights struct {
	Self       float64 `msgpack:"self"`
	Supervisor float64 `msgpack:"supervisor"`
	Customer   float64 `msgpack:"customer"`
}

func (w MethodWeights) Of(m Method) float64 {
	switch m {
	case SelfEval:
		return w.Self
	case SupervisorEval:
		return w.Supervisor
	}
	return w.Customer
}

// GradeBand: a total of at least Min earns Code.
type GradeBand struct {
	Code    string  `msgpack:"code"`
	Min     float64 `msgpack:"min"`
	Label   string  `msgpack:"label"`
	LabelEn string  `msgpack:"label_en,omitempty"`
}

// Outcome rules say what a grade suggests (结果应用): a salary adjustment,
// promotion eligibility, a training recommendation. HR confirms per advisor.
type OutcomeRule struct {
	Grade     string  `msgpack:"grade"`
	SalaryPct float64 `msgpack:"salary_pct"`
	Promotion bool    `msgpack:"promotion"`
	Training  bool    `msgpack:"training"`
}

// Template is an appraisal form's criteria, method weights, grade bands and
// outcome rules. A template used by a published cycle is frozen: editing it
// saves a new version.
type Template struct {
	ID      uint64        `msgpack:"id"`
	Name    string        `msgpack:"name"`
	Version int           `msgpack:"version"`
	BasedOn uint64        `msgpack:"based_on,omitempty"`
	Items   []Item        `msgpack:"items"`
	Methods MethodWeights `msgpack:"methods"`
	Grades  []GradeBand   `msgpack:"grades"` // highest band first
	Rules   []OutcomeRule `msgpack:"rules"`
	Frozen  bool          `msgpack:"frozen,omitempty"`
	Created time.Time     `msgpack:"created"`
	Updated time.Time     `msgpack:"updated"`
}

func (t *Template) Key() uint64      { return t.ID }
func (t *Template) SetKey(id uint64) { t.ID = id }
func (t *Template) Touch(now time.Time) {
	if t.Created.IsZero() {
		t.Created = now
	}
	t.Updated = now
}

// Item returns the item with key k, or nil.
func (t *Template) Item(k string) *Item {
	for i := range t.Items {
		if t.Items[i].Key == k {
			return &t.Items[i]
		}
	}
	return nil
}

// Rated tells whether method m scores item it.
func (it *Item) Rated(m Method) bool { return m != CustomerEval || !it.NoCustomer }

// Grade is the band a total falls in.
func (t *Template) Grade(total float64) GradeBand {
	for _, g := range t.Grades {
		if total >= g.Min-1e-9 {
			return g
		}
	}
	if len(t.Grades) > 0 {
		return t.Grades[len(t.Grades)-1]
	}
	return GradeBand{}
}

// Rule is the outcome rule for a grade code.
func (t *Template) Rule(grade string) OutcomeRule {
	for _, r := range t.Rules {
		if r.Grade == grade {
			return r
		}
	}
	return OutcomeRule{Grade: grade}
}

// Template field keys, for messages.
const (
	FieldTemplateName = "template_name"
	FieldItems        = "items"
	FieldItemName     = "item_name"
	FieldItemKey      = "item_key"
	FieldDimension    = "dimension"
	FieldWeight       = "weight"
	FieldMethodSelf   = "method_self"
	FieldMethodSup    = "method_supervisor"
	FieldMethodCust   = "method_customer"
	FieldMethods      = "methods"
	FieldGrades       = "grades"
	FieldGradeCode    = "grade_code"
	FieldGradeMin     = "grade_min"
	FieldSalaryPct    = "salary_pct"
	FieldItemNameEn   = "item_name_en"
	FieldStandard     = "standard"
	FieldStandardEn   = "standard_en"
	FieldQuestion     = "question"
	FieldQuestionEn   = "question_en"
	FieldGradeLabel   = "grade_label"
	FieldGradeLabelEn = "grade_label_en"
)

// Normalize trims the texts.
func (t *Template) Normalize() {
	t.Name = strings.TrimSpace(t.Name)
	for i := range t.Items {
		it := &t.Items[i]
		it.Key = strings.TrimSpace(it.Key)
		it.Name, it.NameEn = strings.TrimSpace(it.Name), strings.TrimSpace(it.NameEn)
		it.Standard, it.StandardEn = strings.TrimSpace(it.Standard), strings.TrimSpace(it.StandardEn)
		it.Question, it.QuestionEn = strings.TrimSpace(it.Question), strings.TrimSpace(it.QuestionEn)
	}
	for i := range t.Grades {
		t.Grades[i].Code = strings.ToUpper(strings.TrimSpace(t.Grades[i].Code))
	}
}

// Validate checks a template. Item weights must total 100 (the message
// says by how much they are off), each method weight lies in 0–100 and
// they total 100, and the grade bands run from high to low down to 0.
func (t *Template) Validate(Date) error {
	var p problems
	if t.Name == "" {
		p.add(0, FieldTemplateName, CodeRequired, "")
	} else {
		p.tooLong(0, FieldTemplateName, t.Name, 60)
	}
	t.checkItems(&p)
	t.checkMethods(&p)
	t.checkGrades(&p)
	for i, r := range t.Rules {
		if !within(r.SalaryPct, -100, 100) {
			p.add(i+1, FieldSalaryPct, CodeRange, "-100–100")
		}
	}
	if p.errs != nil {
		return p.errs
	}
	return nil
}

// problems gathers a record's field errors in the order they are found.
type problems struct{ errs FieldErrors }

func (p *problems) add(row int, field, code, arg string) {
	p.errs = append(p.errs, &FieldError{Field: field, Code: code, Arg: arg, Row: row})
}

// tooLong refuses text longer than the printed forms are laid out for.
func (p *problems) tooLong(row int, field, v string, max int) {
	if utf8.RuneCountInString(v) > max {
		p.add(row, field, CodeTooLong, strconv.Itoa(max))
	}
}

func (t *Template) checkItems(p *problems) {
	if len(t.Items) == 0 {
		p.add(0, FieldItems, CodeRequired, "")
	} else if len(t.Items) > MaxItems {
		p.add(0, FieldItems, CodeTooMany, strconv.Itoa(MaxItems))
	}
	keys := map[string]bool{}
	sum := 0.0
	for i, it := range t.Items {
		row := i + 1
		switch {
		case it.Key == "":
			p.add(row, FieldItemKey, CodeRequired, "")
		case keys[it.Key]:
			p.add(row, FieldItemKey, CodeDuplicate, it.Key)
		}
		keys[it.Key] = true
		if it.Name == "" && it.NameEn == "" {
			p.add(row, FieldItemName, CodeRequired, "")
		}
		p.tooLong(row, FieldItemName, it.Name, MaxItemName)
		p.tooLong(row, FieldItemNameEn, it.NameEn, MaxItemNameEn)
		p.tooLong(row, FieldStandard, it.Standard, MaxStandard)
		p.tooLong(row, FieldStandardEn, it.StandardEn, MaxStandardEn)
		p.tooLong(row, FieldQuestion, it.Question, MaxQuestion)
		p.tooLong(row, FieldQuestionEn, it.QuestionEn, MaxQuestionEn)
		if !oneOf(it.Dimension, Dimensions) {
			p.add(row, FieldDimension, CodeChoice, "")
		}
		if !within(it.Weight, 0, 100) || it.Weight == 0 {
			p.add(row, FieldWeight, CodeRange, "0–100")
		} else if !oneDecimal(it.Weight) {
			p.add(row, FieldWeight, CodeDecimals, "")
		}
		it.checkMeasure(row, p)
		sum += it.Weight
	}
	if len(t.Items) > 0 && math.Abs(sum-100) > 1e-6 {
		p.add(0, FieldWeight, CodeWeightSum, signed(Round(sum-100, 1)))
	}
}

func (t *Template) checkMethods(p *problems) {
	mw := 0.0
	for _, m := range []struct {
		field string
		v     float64
	}{{FieldMethodSelf, t.Methods.Self}, {FieldMethodSup, t.Methods.Supervisor}, {FieldMethodCust, t.Methods.Customer}} {
		if !within(m.v, 0, 100) {
			p.add(0, m.field, CodeRange, "0–100")
		} else if !oneDecimal(m.v) {
			p.add(0, m.field, CodeDecimals, "")
		}
		mw += m.v
	}
	if math.Abs(mw-100) > 1e-6 {
		p.add(0, FieldMethods, CodeWeightSum, signed(Round(mw-100, 1)))
	}
}

func (t *Template) checkGrades(p *problems) {
	if len(t.Grades) == 0 {
		p.add(0, FieldGrades, CodeRequired, "")
	}
	codes := map[string]bool{}
	for i, g := range t.Grades {
		row := i + 1
		if g.Code == "" {
			p.add(row, FieldGradeCode, CodeRequired, "")
		} else if codes[g.Code] {
			p.add(row, FieldGradeCode, CodeDuplicate, g.Code)
		}
		codes[g.Code] = true
		p.tooLong(row, FieldGradeCode, g.Code, 3)
		p.tooLong(row, FieldGradeLabel, g.Label, MaxGradeLabel)
		p.tooLong(row, FieldGradeLabelEn, g.LabelEn, MaxGradeLabelEn)
		if !within(g.Min, 0, 100) {
			p.add(row, FieldGradeMin, CodeRange, "0–100")
		} else if i > 0 && g.Min >= t.Grades[i-1].Min {
			p.add(row, FieldGradeMin, CodeOrder, "")
		}
	}
	if n := len(t.Grades); n > 0 && t.Grades[n-1].Min != 0 {
		p.add(n, FieldGradeMin, CodeRange, "0") // the lowest band must catch every total
	}
}

func oneDecimal(v float64) bool { return math.Abs(v*10-math.Round(v*10)) < 1e-6 }

// within is lo ≤ v ≤ hi; NaN and infinities never are.
func within(v, lo, hi float64) bool { return v >= lo && v <= hi }

func signed(v float64) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if v > 0 {
		s = "+" + s
	}
	return s
}

// Round rounds half away from zero to the given number of decimals, the way
// a person rounds on paper (math.Round on the scaled value, with a nudge for
// binary fractions such as 2.675).
func Round(v float64, decimals int) float64 {
	p := math.Pow(10, float64(decimals))
	x := v * p
	return math.Round(x+math.Copysign(1e-9, x)) / p
}

// DefaultTemplate is the regulation's appraisal: three dimensions of three
// items, self 20 / supervisor 50 / customer 30, grades A–D.
func DefaultTemplate() Template {
	item := func(key string, d Dimension, w float64, noCust bool, zh, en, std, stdEn string) Item {
		q := defaultQuestions[key]
		return Item{Key: key, Dimension: d, Weight: w, NoCustomer: noCust, Name: zh, NameEn: en, Standard: std, StandardEn: stdEn,
			Question: q.zh, QuestionEn: q.en}
	}
	measured := func(it Item, m Measure, points float64) Item {
		it.Measure, it.ComplaintPoints = m, points
		return it
	}
	return Template{
		Name:    "服务顾问绩效考核（标准）",
		Version: 1,
		Items: []Item{
			item("initiative", Attitude, 10, false, "工作积极性", "Initiative",
				"主动接待、主动跟进，不推诿", "Receives and follows up on their own, without being chased"),
			item("responsibility", Attitude, 10, false, "责任心", "Responsibility",
				"承诺的事按时办结，差错主动纠正", "Finishes what was promised on time and corrects own errors"),
			item("teamwork", Attitude, 10, true, "团队协作精神", "Teamwork",
				"与各部门配合顺畅，乐于支援同事", "Works smoothly with other departments and helps colleagues"),
			item("product", Ability, 10, false, "产品知识", "Product knowledge",
				"准确介绍产品、价格与服务", "Presents products, prices and services accurately"),
			item("sales_skill", Ability, 10, false, "销售技巧", "Sales skills",
				"了解需求、推荐合适的产品", "Learns the need and recommends what fits"),
			item("service", Ability, 15, false, "客户服务能力", "Customer service",
				"耐心答疑，及时处理投诉", "Answers patiently and handles complaints promptly"),
			measured(item("sales", Results, 15, true, "销售业绩", "Sales performance",
				"销售目标完成率", "Share of the sales target reached"), MeasureSales, 0),
			measured(item("satisfaction", Results, 10, false, "客户满意度", "Customer satisfaction",
				"回访与评价中的满意程度", "Satisfaction in follow-up visits and evaluations"), MeasureSatisfaction, 5),
			item("contribution", Results, 10, true, "团队贡献", "Team contribution",
				"带教新人、改进流程等贡献", "Coaching newcomers, improving the process"),
		},
		Methods: MethodWeights{Self: 20, Supervisor: 50, Customer: 30},
		Grades: []GradeBand{
			{Code: "A", Min: 90, Label: "优秀", LabelEn: "Excellent"},
			{Code: "B", Min: 80, Label: "良好", LabelEn: "Good"},
			{Code: "C", Min: 70, Label: "合格", LabelEn: "Satisfactory"},
			{Code: "D", Min: 0, Label: "待改进", LabelEn: "Needs improvement"},
		},
		Rules: []OutcomeRule{
			{Grade: "A", SalaryPct: 8, Promotion: true},
			{Grade: "B", SalaryPct: 5},
			{Grade: "C", SalaryPct: 0},
			{Grade: "D", SalaryPct: 0, Training: true},
		},
	}
}
