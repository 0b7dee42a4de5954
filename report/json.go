package report

import (
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/wolkvox-import/wolkvox-import/i18n"
)

// jsonSummary is the shape of WriteJSON: every key is always present (empty strings, zero
// numbers and empty lists rather than missing keys), so that scripts can rely on them.
// Keys are only ever added.
type jsonSummary struct {
	Input             string      `json:"input"`
	Sheet             string      `json:"sheet"`
	Mapping           string      `json:"mapping"`
	Results           string      `json:"results"`
	FailedRows        string      `json:"failed_rows"`
	RemovedFailedRows string      `json:"removed_failed_rows"`
	Server            string      `json:"server"`
	Operation         string      `json:"operation"`
	DryRun            bool        `json:"dry_run"`
	Rows              int         `json:"rows"`
	Counts            jsonCounts  `json:"counts"`
	Requests          int         `json:"requests"`
	Retries           int         `json:"retries"`
	RowsSent          int         `json:"rows_sent"`
	Start             string      `json:"start"`
	End               string      `json:"end"`
	DurationSeconds   float64     `json:"duration_seconds"`
	RowsSentPerSecond float64     `json:"rows_sent_per_second"`
	Outcome           string      `json:"outcome"`
	Interrupted       bool        `json:"interrupted"`
	Stopped           string      `json:"stopped"`
	ReadError         string      `json:"read_error"`
	Notes             []string    `json:"notes"`
	Errors            []jsonGroup `json:"errors"`
	OtherErrors       int         `json:"other_errors"`
	ExitCode          int         `json:"exit_code"`
	RateLowest        float64     `json:"rate_lowest"` // requests/s after overload answers; 0 when never lowered
	RateEnd           float64     `json:"rate_end"`
}

type jsonCounts struct {
	Created   int `json:"created"`
	Valid     int `json:"valid"`
	Invalid   int `json:"invalid"`
	Failed    int `json:"failed"`
	Uncertain int `json:"uncertain"`
	NotSent   int `json:"not_sent"`
	Changed   int `json:"changed"`
	// Already is how many of Created were created by an earlier run (the ledger's).
	Already int `json:"already_imported"`
}

type jsonGroup struct {
	Message   string `json:"message"`
	Status    Status `json:"status"`
	Rows      int    `json:"rows"`
	FirstRows []int  `json:"first_rows"`
}

// WriteJSON writes the summary as one JSON object (snake_case keys, times in RFC 3339),
// for scripts: --summary-json FILE. exitCode is the process's exit status.
func (s *Summary) WriteJSON(w io.Writer, exitCode int) error {
	j := jsonSummary{
		Input:             s.Input,
		Sheet:             s.Sheet,
		Mapping:           s.Mapping,
		Results:           s.Results,
		FailedRows:        s.FailedRows,
		RemovedFailedRows: s.RemovedFailedRows,
		Server:            s.Server,
		Operation:         s.Operation,
		DryRun:            s.DryRun,
		Rows:              s.Rows,
		Counts: jsonCounts{
			Created:   s.Counts[Created],
			Valid:     s.Counts[Valid],
			Invalid:   s.Counts[Invalid],
			Failed:    s.Counts[Failed],
			Uncertain: s.Counts[Uncertain],
			NotSent:   s.Counts[NotSent],
			Changed:   s.Counts[Changed],
			Already:   s.Earlier,
		},
		Requests:          s.Attempts,
		Retries:           s.Retries,
		RowsSent:          s.Sent(),
		Start:             jsonTime(s.Start),
		End:               jsonTime(s.End),
		DurationSeconds:   roundTo(s.Duration().Seconds(), 3),
		RowsSentPerSecond: roundTo(s.SentPerSecond(), 2),
		Outcome:           s.outcome(),
		Interrupted:       s.Interrupted,
		Notes:             append([]string{}, s.Notes...),
		RateLowest:        roundTo(s.RateLowest, 2),
		RateEnd:           roundTo(s.RateEnd, 2),
		Errors:            []jsonGroup{},
		ExitCode:          exitCode,
	}
	switch {
	case s.Fatal != "":
		j.Stopped = s.Fatal
	case s.QuotaSpent != "":
		j.Stopped = s.QuotaSpent
	case s.Stopped != "":
		j.Stopped = s.Stopped
	}
	if s.ReadError != nil {
		j.ReadError = s.ReadError.Error()
	}
	rep := s.Errors()
	for _, g := range rep.Groups {
		j.Errors = append(j.Errors, jsonGroup{Message: g.Message, Status: g.Status, Rows: g.Rows, FirstRows: g.FirstRows})
	}
	j.OtherErrors = rep.Other
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(j)
}

// WriteJSONFile writes WriteJSON's output to path, whole or not at all.
func (s *Summary) WriteJSONFile(path string, exitCode int) error {
	p := i18n.New(s.Lang)
	f, err := createTemp(path)
	if err != nil {
		return errorIn(p, err, "summary_json.cannot_write", err.Error())
	}
	if err := s.WriteJSON(f, exitCode); err != nil {
		abortTemp(f)
		return errorIn(p, err, "summary_json.cannot_write", fmt.Sprintf("%s: %v", path, err))
	}
	if err := commitTemp(f, path, p); err != nil {
		return errorIn(p, err, "summary_json.cannot_write", err.Error())
	}
	return nil
}

func jsonTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02T15:04:05.000Z07:00")
}

func roundTo(v float64, decimals int) float64 {
	p := 1.0
	for range decimals {
		p *= 10
	}
	return float64(int64(v*p+0.5)) / p
}
