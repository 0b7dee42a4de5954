package report

import (
	"strings"
	"testing"
	"time"

	"github.com/wolkvox-import/wolkvox-import/i18n"
)

func TestPlanArithmetic(t *testing.T) {
	for _, tc := range []struct {
		name      string
		plan      Plan
		dur, unl  time.Duration
		days      int
		wantLines map[i18n.Lang][]string
	}{
		{
			name: "the issue's example",
			plan: Plan{Rows: 20000, ToSend: 19415, Already: 585, Rate: 5, Concurrency: 2, Latency: 155 * time.Millisecond},
			dur:  3883 * time.Second, unl: 1504625 * time.Millisecond,
			wantLines: map[i18n.Lang][]string{
				i18n.EN: {"plan: 20,000 rows, 19,415 to send, 585 already imported (not sent again)",
					"at 5.0 rows/s about 1 h 05 min; the server allows 2 in flight: --rate 0 would take about 25 min"},
				i18n.ES: {"plan: 20.000 filas, 19.415 por enviar, 585 ya importadas (no se envían de nuevo)",
					"a 5,0 filas/s, unos 1 h 05 min; el servidor permite 2 en curso: con --rate 0 tomaría unos 25 min"},
			},
		},
		{
			name: "the requests in flight are slower than the rate",
			plan: Plan{Rows: 100, ToSend: 100, Rate: 50, Concurrency: 2, Latency: time.Second},
			dur:  50 * time.Second, unl: 50 * time.Second,
			wantLines: map[i18n.Lang][]string{i18n.EN: {"plan: 100 rows, 100 to send"}},
		},
		{
			name: "a million rows over days of allowance",
			plan: Plan{Rows: 1000000, ToSend: 999990, Uncertain: 2, Invalid: 8, Rate: 0, Concurrency: 2, Latency: 200 * time.Millisecond,
				Allowance: AllowanceInfo{Known: true, Limit: 100000, Left: 40000, HoursToRestart: 7}},
			dur: 99999 * time.Second, unl: 99999 * time.Second, days: 11,
			wantLines: map[i18n.Lang][]string{
				i18n.EN: {"plan: 1,000,000 rows, 999,990 to send, 2 uncertain from an earlier run (not sent: settle them first, see wolkvox-import ledger), 8 invalid",
					"with 2 in flight about 1 d 4 h",
					"the token has 40,000 calls left today (of 100,000 a day): 999,990 rows take 11 days of allowance; the allowance restarts in about 7 h. Re-run the same command each day, or add --wait-for-allowance to wait for each restart and go on"},
				i18n.ES: {"plan: 1.000.000 filas, 999.990 por enviar, 2 inciertas de una ejecución anterior (no se envían: resuélvalas primero, vea wolkvox-import ledger), 8 inválidas",
					"con 2 en curso, unos 1 d 4 h",
					"al token le quedan 40.000 llamadas hoy (de 100.000 al día): 999.990 filas toman 11 días de cupo; el cupo se reinicia en unos 7 h. Ejecute de nuevo el mismo comando cada día, o agregue --wait-for-allowance para esperar cada reinicio y seguir"},
			},
		},
		{
			name: "one request in flight",
			plan: Plan{Rows: 600, ToSend: 600, Rate: 5, Concurrency: 1, Latency: 100 * time.Millisecond},
			dur:  120 * time.Second, unl: 60 * time.Second,
			wantLines: map[i18n.Lang][]string{
				i18n.EN: {"plan: 600 rows, 600 to send", "at 5.0 rows/s about 2 min; with 1 in flight, --rate 0 would take about 1 min"},
				i18n.ES: {"plan: 600 filas, 600 por enviar", "a 5,0 filas/s, unos 2 min; con 1 en curso, con --rate 0 tomaría unos 1 min"},
			},
		},
		{
			name: "every row already imported",
			plan: Plan{Rows: 3, Already: 3, Rate: 5, Concurrency: 2},
			wantLines: map[i18n.Lang][]string{
				i18n.EN: {"plan: 3 rows, 0 to send, 3 already imported (not sent again)", "nothing to send: no request is made"},
				i18n.ES: {"plan: 3 filas, 0 por enviar, 3 ya importadas (no se envían de nuevo)", "nada por enviar: no se hace ninguna solicitud"},
			},
		},
		{
			name: "today's allowance covers it",
			plan: Plan{Rows: 10, ToSend: 10, Rate: 5, Concurrency: 2, Allowance: AllowanceInfo{Known: true, Limit: 100, Left: 10}},
			dur:  2 * time.Second, unl: 0, days: 1,
			wantLines: map[i18n.Lang][]string{i18n.EN: {"plan: 10 rows, 10 to send"}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.plan.Duration(); got.Round(time.Second) != tc.dur.Round(time.Second) {
				t.Errorf("Duration %v, want %v", got, tc.dur)
			}
			if got := tc.plan.Unlimited(); got.Round(time.Second) != tc.unl.Round(time.Second) {
				t.Errorf("Unlimited %v, want %v", got, tc.unl)
			}
			if got := tc.plan.Days(); got != tc.days {
				t.Errorf("Days %d, want %d", got, tc.days)
			}
			for lang, want := range tc.wantLines {
				if got := tc.plan.Lines(lang); strings.Join(got, "\n") != strings.Join(want, "\n") {
					t.Errorf("%s lines\n got %q\nwant %q", lang, got, want)
				}
			}
		})
	}
}

func TestSpan(t *testing.T) {
	for d, want := range map[time.Duration]string{
		30 * time.Second: "30 s", 25 * time.Minute: "25 min", 65 * time.Minute: "1 h 05 min",
		2 * time.Hour: "2 h", 28 * time.Hour: "1 d 4 h", 48 * time.Hour: "2 d",
	} {
		if got := Span(d); got != want {
			t.Errorf("Span(%v) = %q, want %q", d, got, want)
		}
	}
}
