package model

import "strconv"

// Measure names a number of the work process (chapter 4) that suggests the
// score of an appraisal item (chapter 5). A template maps an item to at most
// one; the evaluator sees the suggestion with its source and may accept or
// override it.
type Measure string

const (
	MeasureNone Measure = ""
	// MeasureSales: the share of the sales target reached, capped at 100, is
	// the score.
	MeasureSales Measure = "sales"
	// MeasureSatisfaction: the average customer satisfaction (1–5, from
	// follow-up calls and complaint resolutions) × 20 is the score, as the
	// customer form counts a box.
	MeasureSatisfaction Measure = "satisfaction"
	// MeasureFollowUps: the share of due follow-up calls that were made.
	MeasureFollowUps Measure = "followups"
	// MeasureComplaints: 100, less the item's points for each founded
	// complaint.
	MeasureComplaints Measure = "complaints"
)

// Measures lists the measures a template item may map to, in the order the
// template editor offers them.
var Measures = []Measure{MeasureNone, MeasureSales, MeasureSatisfaction, MeasureFollowUps, MeasureComplaints}

// Numbers are one advisor's figures of the work process for a period: the
// one place the appraisal reads chapter 4 from.
type Numbers struct {
	Target int64 // fen; 0 when no target was set for the period
	Sold   int64 // fen, cancelled sales left out

	// Satisfaction scores (1–5) given in follow-up calls and for complaint
	// resolutions, added up and counted.
	RatingSum float64
	Ratings   int

	// Founded complaints whose responsible advisor is this one.
	Founded int

	// Follow-up calls that fell due in the period, and those made.
	FollowUpsDue, FollowUpsDone int
}

// Rate records one satisfaction score of 1–5; anything else is not a score
// and is left out.
func (n *Numbers) Rate(score float64) {
	if score >= 1 && score <= 5 {
		n.RatingSum += score
		n.Ratings++
	}
}

// Achievement is the sales achievement in percent, one decimal; false when
// the period has no target.
func (n Numbers) Achievement() (float64, bool) {
	if n.Target <= 0 {
		return 0, false
	}
	return Round(float64(n.Sold)*100/float64(n.Target), 1), true
}

// Satisfaction is the average satisfaction (1–5), two decimals; false when
// nobody rated.
func (n Numbers) Satisfaction() (float64, bool) {
	if n.Ratings == 0 {
		return 0, false
	}
	return Round(n.RatingSum/float64(n.Ratings), 2), true
}

// FollowUpCompletion is the share of due follow-up calls made, in percent,
// one decimal; false when none fell due.
func (n Numbers) FollowUpCompletion() (float64, bool) {
	if n.FollowUpsDue == 0 {
		return 0, false
	}
	return Round(float64(n.FollowUpsDone)*100/float64(n.FollowUpsDue), 1), true
}

// Suggestion is the score a template item's measure gives for an advisor,
// and what it came from, so the form can show its source.
type Suggestion struct {
	Measure Measure
	Value   float64 // the measure's figure: percent, or average satisfaction
	Base    float64 // the score from the figure, before complaints
	Founded int     // founded complaints taken off
	Points  float64 // points off for each
	Score   float64 // 0–100, one decimal
}

// Suggest gives item it's suggested score from n; false when the item has
// no measure or the period has no figure for it (no target, nobody rated,
// no call due).
func (n Numbers) Suggest(it *Item) (Suggestion, bool) {
	s := Suggestion{Measure: it.Measure, Founded: n.Founded, Points: it.ComplaintPoints}
	var ok bool
	switch it.Measure {
	case MeasureSales:
		s.Value, ok = n.Achievement()
		s.Base = min(s.Value, 100)
	case MeasureSatisfaction:
		s.Value, ok = n.Satisfaction()
		s.Base = s.Value * 20
	case MeasureFollowUps:
		s.Value, ok = n.FollowUpCompletion()
		s.Base = s.Value
	case MeasureComplaints:
		s.Value, s.Base, ok = float64(n.Founded), 100, true
	}
	if !ok {
		return Suggestion{}, false
	}
	if s.Points == 0 {
		s.Founded = 0
	}
	s.Score = Round(max(0, min(100, s.Base-float64(s.Founded)*s.Points)), 1)
	return s, true
}

// Field keys of an item's mapping, for messages.
const (
	FieldMeasure         = "measure"
	FieldComplaintPoints = "complaint_points"
)

// checkMeasure checks an item's mapping: a measure it knows, and points
// per founded complaint from 0 to 100 with one decimal, which only a
// mapped item can take off (and a complaints measure needs).
func (it *Item) checkMeasure(row int, p *problems) {
	if !oneOf(it.Measure, Measures) {
		p.add(row, FieldMeasure, CodeChoice, "")
	}
	switch {
	case !within(it.ComplaintPoints, 0, 100):
		p.add(row, FieldComplaintPoints, CodeRange, "0–100")
	case !oneDecimal(it.ComplaintPoints):
		p.add(row, FieldComplaintPoints, CodeDecimals, "")
	case it.ComplaintPoints > 0 && it.Measure == MeasureNone:
		p.add(row, FieldComplaintPoints, CodeNeedsMeasure, "")
	case it.ComplaintPoints == 0 && it.Measure == MeasureComplaints:
		p.add(row, FieldComplaintPoints, CodeRequired, "")
	}
}

// CodeNeedsMeasure: points per complaint on an item that suggests no score.
const CodeNeedsMeasure = "needs_measure"

// FormatPoints writes points as the template editor shows them.
func FormatPoints(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
