package model

import (
	"errors"
	"testing"
)

// The figures below are worked out by hand, as an HR clerk would check them.
func TestNumbersSuggestScores(t *testing.T) {
	var n Numbers
	n.Target, n.Sold = 5_000_000, 4_375_000         // ¥50,000 target, ¥43,750 sold: 87.5 %
	for _, r := range []float64{5, 4, 4, 3, 0, 6} { // 0 and 6 are not scores
		n.Rate(r)
	}
	n.Founded = 2
	n.FollowUpsDue, n.FollowUpsDone = 8, 6

	cases := []struct {
		name  string
		it    Item
		value float64
		score float64
	}{
		{"achievement is the score", Item{Measure: MeasureSales}, 87.5, 87.5},
		{"average 4.0 × 20, two founded complaints at 5 points", Item{Measure: MeasureSatisfaction, ComplaintPoints: 5}, 4, 70},
		{"six of eight calls made", Item{Measure: MeasureFollowUps}, 75, 75},
		{"100 less 2 × 10", Item{Measure: MeasureComplaints, ComplaintPoints: 10}, 2, 80},
	}
	for _, c := range cases {
		s, ok := n.Suggest(&c.it)
		if !ok || s.Value != c.value || s.Score != c.score {
			t.Errorf("%s: got %+v ok=%v, want value %v score %v", c.name, s, ok, c.value, c.score)
		}
	}
	if n.Ratings != 4 || n.RatingSum != 16 {
		t.Errorf("ratings %d sum %v, want 4 and 16 (0 and 6 left out)", n.Ratings, n.RatingSum)
	}

	n.Sold = 6_000_000 // 120 %: the score stops at 100
	if s, _ := n.Suggest(&Item{Measure: MeasureSales}); s.Value != 120 || s.Score != 100 {
		t.Errorf("over the target: %+v, want value 120 score 100", s)
	}
	n.Founded = 12 // more points off than there are: 0, not below
	if s, _ := n.Suggest(&Item{Measure: MeasureComplaints, ComplaintPoints: 10}); s.Score != 0 {
		t.Errorf("twelve founded complaints: score %v, want 0", s.Score)
	}
	if _, ok := (Numbers{}).Suggest(&Item{Measure: MeasureSales}); ok {
		t.Error("a period without a target suggests a sales score")
	}
	if _, ok := (Numbers{}).Suggest(&Item{Measure: MeasureSatisfaction}); ok {
		t.Error("a period nobody rated suggests a satisfaction score")
	}
	if _, ok := n.Suggest(&Item{Name: "团队协作精神"}); ok {
		t.Error("an item without a measure has a suggestion")
	}
}

func TestTemplateMeasureChecks(t *testing.T) {
	tpl := DefaultTemplate()
	if err := tpl.Validate(""); err != nil {
		t.Fatalf("default template: %v", err)
	}
	if tpl.Item("sales").Measure != MeasureSales || tpl.Item("satisfaction").Measure != MeasureSatisfaction {
		t.Error("the default template does not map 销售业绩 and 客户满意度 to their numbers")
	}
	tpl.Items[0].ComplaintPoints = 5 // 工作积极性 suggests nothing to take points off
	tpl.Items[1].Measure = "bonus"
	tpl.Items[2].Measure, tpl.Items[2].ComplaintPoints = MeasureComplaints, 0
	var fes FieldErrors
	if !errors.As(tpl.Validate(""), &fes) {
		t.Fatal("bad mappings were accepted")
	}
	want := map[int]string{1: CodeNeedsMeasure, 2: CodeChoice, 3: CodeRequired}
	for _, fe := range fes {
		if code, ok := want[fe.Row]; ok && code == fe.Code {
			delete(want, fe.Row)
		}
	}
	if len(want) > 0 {
		t.Errorf("missing problems by row: %v in %v", want, fes)
	}
}
