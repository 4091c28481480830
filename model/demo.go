package model

import (
	"fmt"
	"math/rand/v2"
	"time"
)

// Demo data: a plausible dealership's after-sales office, so a new user can
// try every screen before entering their own people.
var (
	demoSurnames = []string{"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高",
		"林", "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧", "欧阳", "司马"}
	demoGivenMale = []string{"伟", "强", "磊", "军", "洋", "勇", "杰", "涛", "明", "超", "平", "刚", "晓东", "子豪",
		"思远", "浩然", "俊杰", "一鸣", "昊", "鑫", "博文", "建华"}
	demoGivenFemale = []string{"芳", "娜", "秀英", "敏", "静", "丽", "艳", "娟", "秀兰", "霞", "桂英", "雨涵", "梓萱",
		"欣怡", "佳琪", "婧", "璐", "倩", "嘉怡", "晓燕"}
	demoDepartments = []string{"售后服务部", "销售部", "客户服务中心", "前台接待组", "配件部"}
)

// demoLeads is how many of the first demo advisors lead the others: each
// later one reports to one of them.
const demoLeads = 4

// DemoAdvisors makes n advisors with realistic Chinese names, numbers
// SA0001…, a mix of employment types, roles, departments and statuses; the
// first four supervise the rest (by name and employee number: the store
// turns the number into the reference). The same seed gives the same office.
func DemoAdvisors(n int, seed uint64, today Date) []Advisor {
	r := rand.New(rand.NewPCG(seed, seed^0x5eed))
	end, ok := today.Time()
	if !ok {
		end = time.Now()
	}
	out := make([]Advisor, 0, n)
	ids := map[string]bool{} // ID card numbers are unique on file
	for i := 1; i <= n; i++ {
		a := Advisor{
			EmpNo:      fmt.Sprintf("SA%04d", i),
			Phone:      fmt.Sprintf("1%d%d%08d", 3+r.IntN(7), r.IntN(10), r.IntN(100000000)),
			Department: demoDepartments[r.IntN(len(demoDepartments))],
			Status:     Active,
		}
		if lead := r.IntN(demoLeads); i > demoLeads {
			a.Supervisor, a.SupervisorNo = out[lead].Name, out[lead].EmpNo
		}
		surname := demoSurnames[r.IntN(len(demoSurnames))]
		if r.IntN(2) == 0 {
			a.Gender, a.Name = Male, surname+demoGivenMale[r.IntN(len(demoGivenMale))]
		} else {
			a.Gender, a.Name = Female, surname+demoGivenFemale[r.IntN(len(demoGivenFemale))]
		}
		switch x := r.IntN(10); {
		case x < 7:
			a.Employment = FullTime
		case x < 9:
			a.Employment = Intern
		default:
			a.Employment = PartTime
		}
		a.Role = []Role{FrontDesk, FrontDesk, AccountManager, AfterSales, AfterSales, AfterSales, OtherRole}[r.IntN(7)]
		days := 30 + r.IntN(365*8)
		if a.Employment == Intern {
			days = 10 + r.IntN(180)
		}
		hired := end.AddDate(0, 0, -days)
		a.HireDate = DateOf(hired)
		a.Email = fmt.Sprintf("%s@dealer.example.cn", lowerASCII(a.EmpNo))
		// About one in ten has left and one in twelve is on leave, so every
		// status shows up in a demo of 30.
		switch {
		case i%10 == 7 && days > 60:
			a.Status, a.StatusDate = Left, DateOf(end.AddDate(0, 0, -r.IntN(days/2)))
			a.Notes = "已办理离职手续。"
		case i%12 == 5 && days > 60:
			a.Status, a.StatusDate = OnLeave, DateOf(end.AddDate(0, 0, -r.IntN(30)))
			a.Notes = "休产假/病假中，预计下月返岗。"
		}
		a.IDCard = demoIDCard(seed, i, a.Gender, hired, ids)
		out = append(out, a)
	}
	return out
}

// demoIDCard is a well-formed ID card number for someone hired on hired,
// aged 20 to 45 then; its order digit is odd for a man, even for a woman,
// as on a real card. It draws from its own generator, so the rest of the
// demo office stays as it was before advisors had ID cards.
func demoIDCard(seed uint64, i int, g Gender, hired time.Time, taken map[string]bool) string {
	r := rand.New(rand.NewPCG(seed+uint64(i), 0x1dca4d))
	areas := []string{"110105", "310115", "440106", "510107", "330106", "420111"}
	birth := hired.AddDate(-20-r.IntN(26), 0, -r.IntN(365))
	order := r.IntN(500) * 2
	if g == Male {
		order++
	}
	area := areas[r.IntN(len(areas))]
	for {
		digits := area + birth.Format("20060102") + fmt.Sprintf("%03d", order)
		if id := digits + string(idCardCheck(digits)); !taken[id] {
			taken[id] = true
			return id
		}
		if order += 2; order > 999 { // the next order number of the same sex, then the next day
			order -= 1000
			birth = birth.AddDate(0, 0, 1)
		}
	}
}

func lowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

var demoCompanies = []string{"", "", "顺达物流有限公司", "华润置地", "个人车主", "鹏程汽车租赁", "蓝海科技", "市第一人民医院"}

// demoCustomerAdvisors bounds the advisors who get demo customers, so that a
// large demo office stays quick to make.
const demoCustomerAdvisors = 300

// DemoCustomers gives each of the first active advisors (by position in
// advisors, whose keys are set) two customers, mobiles and landlines, added
// five to six months before today; every third is handed to another active
// advisor for a follow-up call. It draws from its own generator, so the
// rest of the demo office stays as it was.
func DemoCustomers(advisors []Advisor, seed uint64, today Date) []Customer {
	r := rand.New(rand.NewPCG(seed^0xc057, seed))
	day, _ := today.Time()
	var active []*Advisor
	for i := range advisors {
		if advisors[i].Status == Active && len(active) < demoCustomerAdvisors {
			active = append(active, &advisors[i])
		}
	}
	var out []Customer
	for _, a := range active {
		for range 2 {
			surname := demoSurnames[r.IntN(len(demoSurnames))]
			c := Customer{Name: surname + []string{"先生", "女士"}[r.IntN(2)], AdvisorID: a.ID,
				Company: demoCompanies[r.IntN(len(demoCompanies))]}
			if r.IntN(3) == 0 {
				c.Phone = fmt.Sprintf("0755-%d%07d", 2+r.IntN(7), r.IntN(10000000))
			} else {
				c.Phone = fmt.Sprintf("1%d%d%08d", 3+r.IntN(7), r.IntN(10), r.IntN(100000000))
			}
			if len(out)%2 == 0 {
				c.Email = fmt.Sprintf("kehu%04d@mail.example.cn", len(out)+1)
			}
			// Not drawn from r: the customers stay as they were before
			// they had a day added.
			back, at := 150+len(out)*37%33, 9*60+len(out)*53%(9*60)
			c.Created = day.AddDate(0, 0, -back).Add(time.Duration(at) * time.Minute)
			if len(out)%3 == 2 && len(active) > 1 {
				if caller := active[r.IntN(len(active))]; caller.ID != a.ID {
					c.CallerID = caller.ID
				}
			}
			out = append(out, c)
		}
	}
	return out
}

// DemoProducts is a service desk's catalogue: services, parts and extras,
// with prices in yuan and stock for what is stocked.
func DemoProducts() []Product {
	rows := []struct {
		code, name, cat, unit string
		price, stock          float64
	}{
		{"SV-001", "常规保养（5000公里）", "维修保养", "次", 380, 0},
		{"SV-002", "大保养（30000公里）", "维修保养", "次", 1280, 0},
		{"SV-010", "四轮定位", "维修保养", "次", 198, 0},
		{"SV-020", "空调系统清洗", "维修保养", "次", 268, 0},
		{"PT-101", "机油滤清器", "配件", "个", 45, 120},
		{"PT-102", "空气滤清器", "配件", "个", 88, 60},
		{"PT-110", "前刹车片（一套）", "配件", "套", 560, 18},
		{"PT-120", "雨刮片", "配件", "对", 120, 40},
		{"AC-201", "脚垫（全包围）", "精品", "套", 680, 12},
		{"AC-210", "行车记录仪", "精品", "台", 899, 6},
		{"EW-301", "延长保修（2年）", "延保", "份", 2600, 0},
		{"IN-401", "车险续保服务", "保险", "份", 0, 0},
	}
	out := make([]Product, len(rows))
	for i, r := range rows {
		out[i] = Product{Code: r.code, Name: r.name, Kind: Goods, Category: r.cat, Unit: r.unit, Price: r.price,
			Stock: r.stock, Backorder: No, State: OnSale}
		if r.cat == "维修保养" || r.cat == "延保" || r.cat == "保险" {
			out[i].Kind = Service // no stock to run out of
		}
	}
	return out
}
