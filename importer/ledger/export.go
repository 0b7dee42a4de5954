package ledger

import (
	"io"
	"time"

	"github.com/gocarina/gocsv"
)

// historyRow is one line of the ledger's history export: a fixed schema, which is what
// gocsv's struct tags are for.
type historyRow struct {
	SentAt    string `csv:"sent_at"`
	DoneAt    string `csv:"done_at"`
	State     State  `csv:"state"`
	WolkvoxID string `csv:"wolkvox_id"`
	Server    string `csv:"server"`
	Operation string `csv:"operation"`
	Input     string `csv:"input"`
	Row       int    `csv:"source_row"`
	Error     string `csv:"error"`
}

// ExportCSV writes every entry as CSV, answering "what did we import, when, and with
// which ids". It holds the whole history in memory: a ledger row is ~200 bytes.
func (l *Ledger) ExportCSV(w io.Writer) error {
	var rows []historyRow
	err := l.Each(func(e Entry) error {
		rows = append(rows, historyRow{
			SentAt: stamp(e.SentAt), DoneAt: stamp(e.DoneAt), State: e.State, WolkvoxID: e.WolkvoxID,
			Server: e.Server, Operation: e.Operation, Input: e.Input, Row: e.Row, Error: e.Error,
		})
		return nil
	})
	if err != nil {
		return err
	}
	return gocsv.Marshal(rows, w)
}

func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Local().Format("2006-01-02 15:04:05")
}
