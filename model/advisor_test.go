package model

import "testing"

func validAdvisor() Advisor {
	return Advisor{EmpNo: "sa001", Name: " 王  小明 ", Phone: "138 0013 8000", Employment: FullTime,
		Role: FrontDesk, HireDate: "2023-04-01", Status: Active}
}

func TestAdvisorValidate(t *testing.T) {
	const today = Date("2026-11-27")
	cases := []struct {
		name  string
		edit  func(*Advisor)
		field string
		code  string
	}{
		{"valid", func(*Advisor) {}, "", ""},
		{"no empno", func(a *Advisor) { a.EmpNo = "  " }, FieldEmpNo, CodeRequired},
		{"empno with space", func(a *Advisor) { a.EmpNo = "SA 1" }, FieldEmpNo, CodeEmpNo},
		{"empno too long", func(a *Advisor) { a.EmpNo = "A123456789012345678901" }, FieldEmpNo, CodeTooLong},
		{"no name", func(a *Advisor) { a.Name = "" }, FieldName, CodeRequired},
		{"long name", func(a *Advisor) { a.Name = string(make([]rune, 41)) }, FieldName, CodeTooLong},
		{"short phone", func(a *Advisor) { a.Phone = "12345" }, FieldPhone, CodePhone},
		{"letters in phone", func(a *Advisor) { a.Phone = "138abc00000" }, FieldPhone, CodePhone},
		{"mobile 12x", func(a *Advisor) { a.Phone = "12800138000" }, FieldPhone, CodePhone},
		{"landline", func(a *Advisor) { a.Phone = "010-88886666" }, "", ""},
		{"intl", func(a *Advisor) { a.Phone = "+86 139 1234 5678" }, "", ""},
		{"bad email", func(a *Advisor) { a.Email = "wang@" }, FieldEmail, CodeEmail},
		{"email no dot", func(a *Advisor) { a.Email = "wang@host" }, FieldEmail, CodeEmail},
		{"good email", func(a *Advisor) { a.Email = "wang.xm@example.cn" }, "", ""},
		{"no employment", func(a *Advisor) { a.Employment = "" }, FieldEmployment, CodeRequired},
		{"odd employment", func(a *Advisor) { a.Employment = "contract" }, FieldEmployment, CodeChoice},
		{"odd role", func(a *Advisor) { a.Role = "boss" }, FieldRole, CodeChoice},
		{"future hire", func(a *Advisor) { a.HireDate = "2027-01-01" }, FieldHireDate, CodeFuture},
		{"bad hire", func(a *Advisor) { a.HireDate = "2023-02-30" }, FieldHireDate, CodeDate},
		{"left without date", func(a *Advisor) { a.Status = Left }, FieldStatusDate, CodeRequired},
		{"left before hire", func(a *Advisor) { a.Status = Left; a.StatusDate = "2022-01-01" }, FieldStatusDate, CodeBefore},
		{"left ok", func(a *Advisor) { a.Status = Left; a.StatusDate = "2025-06-30" }, "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := validAdvisor()
			c.edit(&a)
			a.Normalize()
			err := a.Validate(today)
			if c.field == "" {
				if err != nil {
					t.Fatalf("want valid, got %v", err)
				}
				return
			}
			fes, ok := AsFieldErrors(err)
			if !ok {
				t.Fatalf("want field error on %s, got %v", c.field, err)
			}
			fe := fes.For(c.field)
			if fe == nil || fe.Code != c.code {
				t.Fatalf("want %s/%s, got %v", c.field, c.code, err)
			}
		})
	}
}

func TestNormalize(t *testing.T) {
	a := validAdvisor()
	a.Status = ""
	a.StatusDate = "2024-01-01"
	a.Normalize()
	if a.EmpNo != "SA001" || a.Name != "王 小明" || a.Status != Active || a.StatusDate != "" {
		t.Fatalf("normalize: %+v", a)
	}
}

func TestParseDate(t *testing.T) {
	cases := map[string]Date{
		"2024-03-05": "2024-03-05", "2024/3/5": "2024-03-05", "2024.3.5": "2024-03-05",
		"20240305": "2024-03-05", "2024年3月5日": "2024-03-05", " 2024-12-31 ": "2024-12-31", "": "",
	}
	for in, want := range cases {
		got, err := ParseDate(in)
		if err != nil || got != want {
			t.Errorf("ParseDate(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"2024-02-30", "2024-13-01", "yesterday", "24-3-5", "1800-01-01", "2024-3"} {
		if _, err := ParseDate(bad); err == nil {
			t.Errorf("ParseDate(%q) accepted", bad)
		}
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2024-03-05", "2024年3月5日", "20240230", "9999/99/99"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			return
		}
		if _, ok := d.Time(); !ok && d != "" {
			t.Fatalf("ParseDate(%q) gave unreadable %q", s, d)
		}
		if again, err := ParseDate(string(d)); err != nil || again != d {
			t.Fatalf("round trip of %q: %q, %v", d, again, err)
		}
	})
}

func TestDemoAdvisorsAreValid(t *testing.T) {
	const today = Date("2026-11-27")
	seen := map[string]bool{}
	kinds := map[Employment]int{}
	for _, a := range DemoAdvisors(300, 7, today) {
		a.Normalize()
		if err := a.Validate(today); err != nil {
			t.Fatalf("%s %s: %v", a.EmpNo, a.Name, err)
		}
		if seen[a.EmpNo] {
			t.Fatalf("duplicate %s", a.EmpNo)
		}
		seen[a.EmpNo] = true
		kinds[a.Employment]++
	}
	if len(kinds) != 3 {
		t.Fatalf("employment types: %v", kinds)
	}
}

func TestIDCardNumber(t *testing.T) {
	base := Advisor{EmpNo: "SA1", Name: "王芳", Employment: FullTime, Role: FrontDesk}
	for _, c := range []struct {
		id string
		ok bool
	}{
		{"11010519491231002X", true}, // the standard's own example
		{"11010519491231002x", true}, // a small x is cleaned to X
		{" 110105194912310021 ", false},
		{"11010519491231002", false},  // 17 characters
		{"1101051949123100X2", false}, // X not last
		{"110105194913310027", false}, // month 13
		{"110105209912310024", false}, // born in the future
		{"", true},
	} {
		a := base
		a.IDCard = c.id
		a.Normalize()
		err := a.Validate("2026-11-27")
		if fes, _ := AsFieldErrors(err); (fes.For(FieldIDCard) == nil) != c.ok {
			t.Errorf("%q: %v", c.id, err)
		}
	}
	for _, a := range DemoAdvisors(40, 1, "2026-11-27") {
		if code, _ := checkIDCard(&a, "2026-11-27"); code != "" || (a.IDCard[16]-'0')%2 == 1 != (a.Gender == Male) {
			t.Fatalf("demo ID card %s of a %s is not well formed", a.IDCard, a.Gender)
		}
	}
}

// A large demo office has no two advisors with one ID card number.
func TestDemoIDCardsUnique(t *testing.T) {
	seen := map[string]bool{}
	for _, a := range DemoAdvisors(100_000, 9, "2026-11-27") {
		if seen[a.IDCard] {
			t.Fatalf("ID card %s twice", a.IDCard)
		}
		seen[a.IDCard] = true
	}
}
