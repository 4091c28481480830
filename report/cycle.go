package report

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"

	"advisordesk/model"
)

// CycleSheets makes the sheets of a cycle's participants, in employee-number
// order, each scored by model.Score.
func CycleSheets(d *model.CycleData) []Sheet {
	c, t, advisors, evals, outcomes := d.Cycle, d.Template, d.Advisors, d.Evals, d.Outcomes
	ids := slices.Clone(c.Participants)
	slices.SortFunc(ids, func(a, b uint64) int { return strings.Compare(advisors[a].EmpNo, advisors[b].EmpNo) })
	out := make([]Sheet, 0, len(ids))
	for _, id := range ids {
		out = append(out, Sheet{FormNo: FormNo(c, advisors[id]), Cycle: c, Template: t, Advisor: advisors[id],
			Evals: evals[id], Result: model.Score(t, evals[id]), Outcome: outcomes[id]})
	}
	return out
}

// FormNo is a sheet's number: the cycle and the employee number.
func FormNo(c *model.Cycle, a *model.Advisor) string { return fmt.Sprintf("PA-%d-%s", c.ID, a.EmpNo) }

// EachSheet prints every sheet as a PDF of its own, on workers goroutines,
// and hands them to put in order. It stops at the first error or when ctx
// is canceled.
func EachSheet(ctx context.Context, sheets []Sheet, m Meta, workers int, put func(i int, pdf []byte) error) error {
	// Each file gets a face cut for its own sheet, embedded as it is: a
	// face cut once for the whole batch would put every name's glyphs in
	// every file (twice the size at 100 sheets). The bold face, the labels',
	// is the same for every sheet and cut once (cutCached).
	type job struct {
		pdf []byte
		err error
	}
	results := make([]chan job, len(sheets))
	for i := range results {
		results[i] = make(chan job, 1)
	}
	next := make(chan int)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		defer close(next)
		for i := range sheets {
			select {
			case next <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	for w := 0; w < max(1, workers); w++ {
		go func() {
			for i := range next {
				var buf bytes.Buffer
				err := appraisalSheets(&buf, sheets[i:i+1], m, nil)
				results[i] <- job{buf.Bytes(), err}
			}
		}()
	}
	for i := range sheets {
		select {
		case r := <-results[i]:
			if r.err != nil {
				return r.err
			}
			if err := put(i, r.pdf); err != nil {
				return err
			}
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}
