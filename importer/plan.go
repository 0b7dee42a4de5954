package importer

import (
	"context"
	"io"
	"strings"

	"github.com/wolkvox-import/wolkvox-import/importer/ledger"
	"github.com/wolkvox-import/wolkvox-import/importer/source"
	"github.com/wolkvox-import/wolkvox-import/importer/wolkvox"
	"github.com/wolkvox-import/wolkvox-import/mapping"
	"github.com/wolkvox-import/wolkvox-import/report"
)

// survey reads the input once more before sending, maps every row as the run will and
// asks the ledger about it, to count the rows to send, those already imported, those an
// earlier run left uncertain, and the invalid ones: the plan's numbers. It holds one row
// at a time (memory stays flat); it costs a reading pass, seconds for a big file against
// hours of sending at Wolkvox's pace. ok is false when the input could not be read to
// the end (the import itself reports that, with its row), or ctx was cancelled.
func survey(ctx context.Context, cfg *Config, srcOpts source.Options, plan *mapping.Plan, m *mapping.Mapping, operation, server string, echo int) (p report.Plan, ok bool) {
	rd, err := source.Open(cfg.Input, srcOpts)
	if err != nil {
		return p, false
	}
	defer rd.Close()
	rd = withEdits(rd, cfg.Edits)
	_, isCSV := rd.(source.CSVInfo)
	unescape := isCSV && echo < len(rd.Header())
	idCol := idColumn(rd.Header())
	keys := m.KeyFields()
	for {
		if ctx.Err() != nil {
			return p, false // interrupted: the run reports every row not_sent
		}
		row, err := rd.Next()
		if err == io.EOF {
			return p, true
		}
		if err != nil {
			return p, false
		}
		if row.Hidden && cfg.SkipHiddenRows {
			continue
		}
		p.Rows++
		if row.Err != nil {
			p.Invalid++
			continue
		}
		if unescape {
			for i := range row.Cells {
				row.Cells[i].Text = report.UnescapeText(row.Cells[i].Text)
			}
		}
		fields, err := plan.Build(row.Num, row.Cells)
		if err != nil {
			p.Invalid++
			continue
		}
		body, err := wolkvox.Body(operation, m.Type(), fields)
		if err != nil {
			p.Invalid++
			continue
		}
		if cfg.Ledger == nil || cfg.AllowDuplicates {
			p.ToSend++
			continue
		}
		var ident ledger.Ident
		if !cfg.OnChangeCreate {
			ident = ledger.IdentOf(server, operation, keys, fields.KeyValues(keys))
		}
		same, changed, err := cfg.Ledger.Lookup(ledger.KeyOf(server, body), ident, "")
		prev, found := same.Entry, same.Found
		switch {
		case err != nil:
			p.ToSend++ // a ledger that cannot be read stops the run at that row
		case (!found || prev.State == ledger.Failed) && changed.Found:
			p.Changed++
		case !found || prev.State == ledger.Failed:
			p.ToSend++
		case prev.State == ledger.Created:
			p.Already++
		case cfg.RetryUncertain:
			p.ToSend++
		case idCol >= 0 && idCol < len(row.Cells) && strings.TrimSpace(row.Cells[idCol].Text) != "":
			if report.NotCreatedMark(row.Cells[idCol].Text) {
				p.ToSend++ // settled as not created: sent
			} else {
				p.Already++ // settled as created: recorded, not sent
			}
		default:
			p.Uncertain++
		}
	}
}
