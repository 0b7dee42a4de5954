package importer

import (
	"strconv"
	"strings"

	"github.com/wolkvox-import/wolkvox-import/i18n"
	"github.com/wolkvox-import/wolkvox-import/importer/ledger"
	"github.com/wolkvox-import/wolkvox-import/mapping"
	"github.com/wolkvox-import/wolkvox-import/report"
)

// changed reports a row whose meeting the ledger already holds under the same key with
// another content (SPEC "The local ledger"): not sent, and the message says which of the
// sheet's columns differ, what they hold now, and the id and day it was imported. Within
// one run it is the sheet holding one meeting twice, differently: invalid.
func (s *sender) changed(j job, prev ledger.Earlier, r report.Row) report.Row {
	diff, columns := fieldChanges(s.p, s.mapping, prev.Digest, j.fields)
	if prev.Run == s.run {
		r.Status = report.Invalid
		r.Error = s.p.T("row.same_key", strconv.Itoa(prev.Row), keyNames(s.p, s.mapping, s.keyFields), diff)
		r.Problems = []report.Problem{{Kind: "same_key", Text: s.p.T("changed.same_key_problem", keyNames(s.p, s.mapping, s.keyFields))}}
		return r
	}
	r.Status, r.WolkvoxID, r.FromLedger = report.Changed, prev.WolkvoxID, true
	r.Error = s.p.T("row.changed", len(columns), diff, prev.SentAt.Local().Format("2006-01-02"), prev.WolkvoxID,
		strconv.Itoa(prev.Row), prev.Input)
	// Grouped in the summary by the column that changed, not by the values.
	for _, c := range columns {
		r.Problems = append(r.Problems, report.Problem{Column: c, Kind: "changed", Text: s.p.T("changed.problem")})
	}
	return r
}

// maxShown bounds a value quoted in a changed row's message.
const maxShown = 40

// fieldChanges says which fields of a meeting differ from what was sent before (the
// ledger keeps a digest of each field, not its text) and what they hold now: "Notas
// (now "Llamar al cliente"), Lugar (now "")", each field named by its column when it
// comes from one; and those names. A field is compared as sent, so two cells that read
// the same in Wolkvox (09:30 and 9:30 AM) are no change.
func fieldChanges(p *i18n.Printer, m *mapping.Mapping, before []byte, now *mapping.Fields) (text string, names []string) {
	if now == nil {
		return p.T("changed.unknown"), nil
	}
	var parts []string
	for _, f := range mapping.DigestFields(before, now.Digest()) {
		name := f
		if m != nil {
			name = m.SourceOf(f)
		}
		parts = append(parts, p.T("changed.field", name, shown(p, f, now.Text(f))))
		names = append(names, name)
	}
	if len(parts) == 0 {
		return p.T("changed.unknown"), nil
	}
	return strings.Join(parts, ", "), names
}

// shown is a field's value as a person reads it: text as written (clipped), a list
// joined by "; ", true/false as yes/no.
func shown(p *i18n.Printer, field, text string) string {
	switch {
	case field == "remember" && text == "true":
		text = p.T("changed.yes")
	case field == "remember" && text == "false":
		text = p.T("changed.no")
	case field == "participants":
		text = strings.ReplaceAll(text, "\x1f", "; ")
	}
	if r := []rune(text); len(r) > maxShown {
		text = string(r[:maxShown-1]) + "…"
	}
	return text
}

// keyNames names the key's fields as the sheet does, those that come from it (a
// constant is the same in every row): "Asunto, Inicio y Caso".
func keyNames(p *i18n.Printer, m *mapping.Mapping, fields []string) string {
	var names []string
	for _, f := range fields {
		switch {
		case m == nil:
			names = append(names, f)
		case m.FromSheet(f):
			names = append(names, m.SourceOf(f))
		}
	}
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return p.T("changed.and", strings.Join(names[:len(names)-1], ", "), names[len(names)-1])
}

// preview is what an import would do with a valid row, as the ledger stands now, for a
// dry run that knows the server: valid, and when the ledger already holds the meeting,
// why it would not be sent (already imported, changed, uncertain). Nothing is sent or
// recorded; rows repeated within the sheet are found by the import itself.
func (s *sender) preview(j job, r report.Row) report.Row {
	r.Status = report.Valid
	if s.cfg.AllowDuplicates {
		return r
	}
	same, changed, err := s.ledger.Lookup(j.key, j.ident, s.run)
	if err != nil {
		return r // the import reports a ledger it cannot read
	}
	for _, prev := range []ledger.Earlier{same, changed} {
		if !prev.Found || s.mayClaim(prev) {
			continue
		}
		out := s.fromLedger(j, prev, r)
		if out.Status == report.Created {
			out.Status = report.Valid // valid, and not sent again: nothing is created by a dry run
		}
		return out
	}
	return r
}
