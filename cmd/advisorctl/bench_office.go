package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"advisordesk/model"
	"advisordesk/storage"
)

// benchCustomerCount is the office chapter 4's figures are measured on:
// issue 10's 100,000 customers over the demo's 300 advisors, each with the
// history the demo makes (about three receptions and one sale, the calls
// the rules schedule, now and then a complaint).
const benchCustomerCount = 100_000

// crmOffice is that office, made once per bench run for every step that
// measures on it: built here as `advisorctl demo --advisors 300 --customers
// 100000` builds it, or a copy of a file so built (bench --office F.db:
// the bench writes to its copy, never to F.db).
type crmOffice struct {
	dir  string      // the bench's scratch folder
	from string      // --office, or "" to build it
	file *storage.DB // the opened file
	hr   *storage.DB // its HR, signed in
	// customers and advisors with customers, collected once.
	customers, advisors []uint64
}

// open makes or copies the office at its first call and signs in as HR
// (the bench's own HR on a built office; ADVISORDESK_USER, default admin,
// with ADVISORDESK_PASSWORD on a copy), then reports its size and content.
func (o *crmOffice) open(res map[string]float64) (*storage.DB, error) {
	if o.hr != nil {
		return o.hr, nil
	}
	path := filepath.Join(o.dir, "office100k.db")
	t := time.Now()
	if o.from != "" {
		if err := copyOffice(o.from, path); err != nil {
			return nil, err
		}
		res["office_copy_ms"] = ms(time.Since(t))
	}
	file, err := storage.Open(path, &storage.Options{WeakHashes: true})
	if err != nil {
		return nil, err
	}
	o.file = file
	if o.from != "" {
		o.hr, err = signInTo(file)
		if err == nil && o.hr.Who().Role != model.RoleHR {
			err = errNotHR{loginName()}
		}
	} else {
		o.hr, _, err = file.SetUp("bench", "bench", "bench password")
		if err == nil {
			t = time.Now()
			err = o.hr.LoadDemoWith(300, 1, benchCustomerCount)
			res["office_load_ms"] = ms(time.Since(t))
		}
	}
	if err != nil {
		o.close()
		return nil, err
	}
	return o.hr, o.describe(path, res)
}

// describe reports the office's file size and what it holds, and collects
// its customers and the advisors who have some.
func (o *crmOffice) describe(path string, res map[string]float64) error {
	st, err := os.Stat(path)
	if err != nil {
		return err
	}
	res["office_file_mb"] = round(float64(st.Size()) / (1 << 20))
	seen := map[uint64]bool{}
	if err := o.hr.Customers.Each(func(c *model.Customer) error {
		o.customers = append(o.customers, c.ID)
		if !seen[c.AdvisorID] {
			seen[c.AdvisorID] = true
			o.advisors = append(o.advisors, c.AdvisorID)
		}
		return nil
	}); err != nil {
		return err
	}
	if len(o.advisors) == 0 {
		return fmt.Errorf("bench: the office has no customers")
	}
	res["office_customers"] = float64(len(o.customers))
	for key, count := range map[string]func() (int, error){
		"office_receptions": o.hr.Receptions.Count, "office_sales": o.hr.Sales.Count,
		"office_calls": o.hr.FollowUps.Count, "office_complaints": o.hr.Complaints.Count,
	} {
		n, err := count()
		if err != nil {
			return err
		}
		res[key] = float64(n)
	}
	return nil
}

func (o *crmOffice) close() {
	if o.file != nil {
		o.file.Close()
	}
	o.file, o.hr = nil, nil
}

// copyOffice copies the file at from to a new file at to, synced.
func copyOffice(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
