package report

import (
	"math"
	"time"

	"github.com/wolkvox-import/wolkvox-import/i18n"
)

// Plan is what a run is about to do, stated before anything is sent: the rows to send,
// those the ledger already holds, and how long sending will take at --rate and
// --concurrency, and, for a run the daily allowance does not cover, in how many days.
type Plan struct {
	Rows      int // data rows read (hidden rows left out are not counted)
	ToSend    int // valid rows the ledger does not hold
	Already   int // created by an earlier run: not sent again
	Uncertain int // left uncertain by an earlier run: not sent again (see --retry-uncertain)
	Changed   int // the meeting was created by an earlier run and the row now differs: not sent (see --on-change)
	Invalid   int // not sent: the results say why

	Rate        float64 // --rate; 0: no limit
	Concurrency int     // --concurrency
	// Latency is one round trip to the server (the allowance call's), 0 when not known:
	// at --rate 0 the concurrency and the latency set the pace.
	Latency time.Duration

	// Waits is --wait-for-allowance: the run waits for each restart of the allowance.
	Waits bool

	// The token's daily allowance; Known is false when it could not be read (or no call
	// was spent on it, with nothing to send).
	Allowance AllowanceInfo
}

// WolkvoxInFlight is how many requests Wolkvox allows in flight per token.
const WolkvoxInFlight = 2

// AllowanceInfo is the token's daily allowance as tokenInformation reports it.
type AllowanceInfo struct {
	Known          bool
	Limit, Left    int
	HoursToRestart float64
}

// perSecond is the pace rows will go out at: the rate, unless the requests in flight
// cannot keep up with it; 0 when it cannot be told (no rate and no latency).
func (p Plan) perSecond(rate float64) float64 {
	inflight := 0.0
	if p.Latency > 0 {
		inflight = float64(max(p.Concurrency, 1)) / p.Latency.Seconds()
	}
	switch {
	case rate > 0 && inflight > 0:
		return math.Min(rate, inflight)
	case rate > 0:
		return rate
	}
	return inflight
}

// Duration is how long sending ToSend rows takes at the plan's rate (0: unknown).
func (p Plan) Duration() time.Duration { return p.durationAt(p.Rate) }

// Unlimited is how long they take at --rate 0, with the same requests in flight (0:
// unknown).
func (p Plan) Unlimited() time.Duration { return p.durationAt(0) }

func (p Plan) durationAt(rate float64) time.Duration {
	r := p.perSecond(rate)
	if r <= 0 || p.ToSend == 0 {
		return 0
	}
	return time.Duration(float64(p.ToSend) / r * float64(time.Second))
}

// Days is how many days of allowance the rows to send need, today's included: 1 when
// what is left today covers them; 0 when the allowance is not known (or unlimited).
func (p Plan) Days() int {
	a := p.Allowance
	if !a.Known || a.Limit <= 0 || p.ToSend == 0 {
		return 0
	}
	if p.ToSend <= a.Left {
		return 1
	}
	return 1 + int(math.Ceil(float64(p.ToSend-a.Left)/float64(a.Limit)))
}

// Worth reports whether the plan is worth stating: sending takes a minute or more, the
// ledger holds some of the rows, or the allowance does not cover them today. A weekly
// upload of a few rows that all go out in seconds runs quietly: its summary says it all.
func (p Plan) Worth() bool {
	return p.Duration() >= time.Minute || p.Already > 0 || p.Uncertain > 0 || p.Changed > 0 || p.Days() > 1
}

// Lines are the plan in lang, one sentence a line.
func (p Plan) Lines(lang i18n.Lang) []string {
	pr := i18n.New(lang)
	first := pr.T("plan.rows", p.Rows, p.ToSend)
	if p.Already > 0 {
		first += pr.T("plan.already", p.Already)
	}
	if p.Changed > 0 {
		first += pr.T("plan.changed", p.Changed)
	}
	if p.Uncertain > 0 {
		first += pr.T("plan.uncertain", p.Uncertain)
	}
	if p.Invalid > 0 {
		first += pr.T("plan.invalid", p.Invalid)
	}
	lines := []string{first}
	if p.ToSend == 0 {
		return append(lines, pr.T("plan.nothing"))
	}
	// The pace, for a run that takes a minute or more (seconds need no plan).
	if d := p.Duration(); d >= time.Minute {
		pace := pr.T("plan.at_rate", rateText(lang, p.Rate), Span(d))
		if p.Rate <= 0 {
			pace = pr.T("plan.at_concurrency", p.Concurrency, Span(d))
		}
		if u := p.Unlimited(); p.Rate > 0 && u > 0 && u < d*4/5 {
			key := "plan.faster"
			if p.Concurrency != WolkvoxInFlight {
				key = "plan.faster.concurrency"
			}
			pace += pr.T(key, p.Concurrency, Span(u))
		}
		lines = append(lines, pace)
	}
	a := p.Allowance
	if days := p.Days(); days > 1 {
		key := "plan.allowance.days"
		if p.Waits {
			key = "plan.allowance.days.wait"
		}
		lines = append(lines, pr.T(key, a.Left, a.Limit, p.ToSend, days, Span(time.Duration(a.HoursToRestart*float64(time.Hour)))))
	}
	return lines
}

func rateText(lang i18n.Lang, r float64) string {
	s := rate(r)
	if lang == i18n.ES {
		for i := range s {
			if s[i] == '.' {
				return s[:i] + "," + s[i+1:]
			}
		}
	}
	return s
}
