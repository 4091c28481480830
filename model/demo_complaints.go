package model

import (
	"math/rand/v2"
	"time"
)

// DemoCalendar is the State Council's 2026 holiday schedule (国办发明电,
// 4 November 2025): the weekday holidays and the weekend days worked
// instead. It is an example for the demo office, which HR checks and edits
// on the calendar tab; other years have none until HR enters them.
func DemoCalendar(year int) []CalendarDay {
	if year != 2026 {
		return nil
	}
	var out []CalendarDay
	add := func(kind DayKind, name string, days ...Date) {
		for _, d := range days {
			out = append(out, CalendarDay{Date: d, Kind: kind, Name: name})
		}
	}
	add(DayHoliday, "元旦", "2026-01-01", "2026-01-02")
	add(DayWorking, "元旦调休上班", "2026-01-04")
	add(DayHoliday, "春节", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20", "2026-02-23")
	add(DayWorking, "春节调休上班", "2026-02-14", "2026-02-28")
	add(DayHoliday, "清明节", "2026-04-06")
	add(DayHoliday, "劳动节", "2026-05-01", "2026-05-04", "2026-05-05")
	add(DayWorking, "劳动节调休上班", "2026-05-09")
	add(DayHoliday, "端午节", "2026-06-19")
	add(DayHoliday, "中秋节", "2026-09-25")
	add(DayHoliday, "国庆节", "2026-10-01", "2026-10-02", "2026-10-05", "2026-10-06", "2026-10-07")
	add(DayWorking, "国庆节调休上班", "2026-09-20", "2026-10-10")
	return out
}

var demoComplaintTexts = []struct{ desc, resolution string }{
	{"保养后发动机有异响，在店等待两小时无人解释。", "免费复检，紧固隔热罩，退还工时费并当面致歉。"},
	{"报价与结算金额不一致，多收了配件费。", "核对工单后退还差额，调整报价流程。"},
	{"预约的维修时间被推迟两次，没有提前通知。", "致歉并赠送一次免费洗车，预约变更改为短信通知。"},
	{"新车交付时发现车漆划痕，要求处理。", "厂家承担补漆费用，交付检查增加漆面项。"},
	{"电话咨询多次无人接听，回电不及时。", "调整前台值班，承诺两小时内回电。"},
	{"延保条款与销售时的介绍不符。", "向客户书面解释条款，按销售承诺补足一年延保。"},
	{"取车时发现车内遗留污渍，清洁不到位。", "重新清洁内饰并赠送保养券。"},
	{"更换的配件一周后再次损坏。", "免费更换原厂配件，追究供应商质量问题。"},
	{"服务顾问态度生硬，解释不耐心。", "主管上门致歉，对顾问进行服务规范辅导。"},
	{"质保期内维修被要求自费。", "核实属于质保范围，全额退款。"},
	{"车辆维修后空调仍不制冷。", "二次检修更换膨胀阀，延长该项质保三个月。"},
	{"办理会员积分兑换时被告知规则已变更。", "按原规则兑换，并在店内公告新规则。"},
}

// demoPlan is one demo complaint: how many days ago it came in, where it
// stands now, and, once closed, the finding and the customer's score.
type demoPlan struct {
	back  int
	final ComplaintStatus
	sev   Severity
	cause ComplaintCause
	sat   string
}

var demoPlans = []demoPlan{
	{170, ComplaintClosed, SeverityNormal, CauseService, "3"},
	{150, ComplaintClosed, SeveritySerious, CauseUnfounded, "4"},
	{125, ComplaintClosed, SeverityNormal, CauseProduct, "5"},
	{100, ComplaintClosed, SeverityNormal, CauseService, "2"},
	{80, ComplaintClosed, SeverityUrgent, CausePolicy, "4"},
	{60, ComplaintClosed, SeverityNormal, CauseService, "4"},
	{40, ComplaintResolved, SeverityNormal, "", "5"},
	{25, ComplaintResolved, SeveritySerious, "", "3"},
	{21, ComplaintInvestigating, SeverityNormal, "", ""}, // long overdue: up to HR
	{9, ComplaintWaiting, SeverityNormal, "", ""},
	{7, ComplaintOpen, SeverityNormal, "", ""}, // not contacted in time
	{1, ComplaintOpen, SeveritySerious, "", ""},
}

// DemoComplainer makes a demo office's complaints about the advisors of
// its customers, each handled by a colleague of the same team: most closed
// with a finding and the customer's satisfaction, some resolved, some
// still open — the most recent open ones past their deadlines.
type DemoComplainer struct {
	byID  map[uint64]*Advisor
	team  map[uint64][]uint64 // supervisor → active advisors they lead
	today time.Time
	n     int // complaints made so far: each takes the next text and channel
}

// NewDemoComplainer makes complaints about advisors (keys set) up to today.
func NewDemoComplainer(advisors []Advisor, today Date) *DemoComplainer {
	d := &DemoComplainer{byID: map[uint64]*Advisor{}, team: map[uint64][]uint64{}}
	d.today, _ = today.Time()
	for i := range advisors {
		a := &advisors[i]
		d.byID[a.ID] = a
		if a.SupervisorID != 0 && a.Status == Active {
			d.team[a.SupervisorID] = append(d.team[a.SupervisorID], a.ID)
		}
	}
	return d
}

// handler is a team mate of customer cu's advisor, who handles a complaint
// about them, or 0 when they have none.
func (d *DemoComplainer) handler(cu *Customer) uint64 {
	a := d.byID[cu.AdvisorID]
	if a == nil || len(d.team[a.SupervisorID]) < 2 {
		return 0
	}
	for _, id := range d.team[a.SupervisorID] {
		if id != a.ID {
			return id
		}
	}
	return 0
}

// Dozen are a dozen complaints of the last six months, one of each kind a
// desk sees (closed, resolved, waiting, overdue), about customers drawn
// from customers (keys set) who were on file by then.
func (d *DemoComplainer) Dozen(customers []Customer, seed uint64) []Complaint {
	if d.today.IsZero() || len(customers) == 0 {
		return nil
	}
	r := rand.New(rand.NewPCG(seed^0xc0a1, seed))
	var out []Complaint
	used := map[int]bool{}
	for _, p := range demoPlans {
		for try := 0; try < 50; try++ {
			k := r.IntN(len(customers))
			cu := &customers[k]
			h := d.handler(cu)
			if used[k] || h == 0 || !d.knew(cu, p.back+3) {
				continue
			}
			used[k] = true
			out = append(out, d.make(p, cu, h))
			break
		}
	}
	return out
}

// Share is a complaint for about one customer cu in 150 (c's key set),
// drawn from r, of a kind that fits the days since they were added; ok is
// false for the others.
func (d *DemoComplainer) Share(cu *Customer, r *rand.Rand) (c Complaint, ok bool) {
	if r.IntN(150) != 0 || d.today.IsZero() {
		return c, false
	}
	p := demoPlans[r.IntN(len(demoPlans))]
	h := d.handler(cu)
	if h == 0 || !d.knew(cu, p.back+3) {
		return c, false
	}
	return d.make(p, cu, h), true
}

// knew reports that customer cu was on file back days before today (a
// complaint comes in on the working day on or before).
func (d *DemoComplainer) knew(cu *Customer, back int) bool {
	return cu.Created.IsZero() || !cu.Created.After(d.today.AddDate(0, 0, -back))
}

func (d *DemoComplainer) make(p demoPlan, cu *Customer, handler uint64) Complaint {
	c := demoComplaint(d.n, p, cu, handler, d.byID, d.today)
	d.n++
	return c
}

// demoComplaint is the ith plan's complaint of customer cu, taken in by
// the advisor's supervisor and taken through its steps to where the plan
// says it stands.
func demoComplaint(i int, p demoPlan, cu *Customer, handler uint64, byID map[uint64]*Advisor, t0 time.Time) Complaint {
	day := func(d int) (Date, time.Time) {
		t := t0.AddDate(0, 0, -d)
		for t.Weekday() == time.Saturday || t.Weekday() == time.Sunday {
			t = t.AddDate(0, 0, -1)
		}
		return DateOf(t), t.Add(9*time.Hour + 30*time.Minute + time.Duration(i%len(demoPlans))*7*time.Minute)
	}
	text := demoComplaintTexts[i%len(demoComplaintTexts)]
	recv, at := day(p.back)
	c := Complaint{Received: recv, Channel: []ComplaintChannel{ChannelPhone, ChannelWalkIn, ChannelOnline, ChannelLetter}[i%4],
		Severity: p.sev, CustomerID: cu.ID, Customer: cu.Name, AdvisorID: cu.AdvisorID, Description: text.desc,
		HandlerID: handler, Status: ComplaintOpen}
	sup := byID[byID[cu.AdvisorID].SupervisorID]
	by := func(id uint64) string {
		if a := byID[id]; a != nil {
			return a.Name
		}
		return ""
	}
	c.Timeline = []ComplaintEvent{{At: at, Day: recv, By: sup.Name, To: ComplaintOpen}}
	step := func(to ComplaintStatus, after int, who uint64, note string) {
		d, t := day(max(p.back-after, 0))
		if last := c.Timeline[len(c.Timeline)-1]; !t.After(last.At) {
			d, t = last.Day, last.At.Add(time.Hour+17*time.Minute)
		}
		_ = c.Move(to, by(who), t, d, note)
	}
	if p.final != ComplaintOpen {
		step(ComplaintInvestigating, 1, handler, "已联系客户，了解经过")
	}
	if p.final == ComplaintWaiting {
		step(ComplaintWaiting, 2, handler, "等客户提供维修单据")
	}
	if p.final.Done() {
		c.Resolution, c.Satisfaction = text.resolution, p.sat
		step(ComplaintResolved, 3, handler, "客户同意处理方案")
	}
	if p.final == ComplaintClosed {
		c.Cause = p.cause
		if p.cause == CauseService {
			c.ResponsibleID = cu.AdvisorID // the advisor's own service: theirs
		}
		step(ComplaintClosed, 6, sup.ID, "回访确认，结案")
	}
	return c
}
