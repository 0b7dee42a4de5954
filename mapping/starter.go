package mapping

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/wolkvox-import/wolkvox-import/i18n"
)

// starterHelp says, for back-office staff, what each API field is (catalog keys).
var starterHelp = [numFields]string{
	fStatus:         "starter.help.status",
	fName:           "starter.help.name",
	fPriority:       "starter.help.priority",
	fNameModule:     "starter.help.namemodule",
	fCompletionDate: "starter.help.completiondate",
	fRemember:       "starter.help.remember",
	fReminderDate:   "starter.help.reminderdate",
	fDescription:    "starter.help.description",
	fIDRecord:       "starter.help.idrecord",
	fLocation:       "starter.help.location",
	fStartDate:      "starter.help.startdate",
	fWolkvoxOwner:   "starter.help.wolkvoxowner",
	fParticipants:   "starter.help.participants",
}

// starterShort describes the optional fields that no header matched, on one line each
// (catalog keys).
var starterShort = [numFields]string{
	fNameModule:     "starter.short.namemodule",
	fCompletionDate: "starter.short.completiondate",
	fRemember:       "starter.short.remember",
	fReminderDate:   "starter.short.reminderdate",
	fDescription:    "starter.short.description",
	fIDRecord:       "starter.short.idrecord",
	fLocation:       "starter.short.location",
	fStartDate:      "starter.short.startdate",
	fWolkvoxOwner:   "starter.short.wolkvoxowner",
	fParticipants:   "starter.short.participants",
}

// Placeholder stands for what the user must write in a starter mapping; an import
// refuses an operation still set to it.
const Placeholder = "CHANGE-ME"

// Starter writes a commented starter mapping for a sheet with these headers: every header
// Auto matches becomes a field line (with values: for Spanish priorities and split: ";," for
// participants, and a format: line commented out for date fields, with a hint), required or
// defaulted fields that no header matched appear commented out with a hint (name is required),
// and the headers it could not match are listed in a comment at the end.
// operation is written as a placeholder the user must fill in ("operation: CHANGE-ME  # your Wolkvox operation").
// It returns the YAML text and the unmatched headers.
//
// source is the input file's name as the user typed it, for the comments; "" leaves it
// out. Fields come in the API's order. The output is the same for the same arguments, and
// Parse accepts it (then Bind(headers) too) whenever it has a name line: a name column
// that no header matched, or that several headers share, is left commented out, so that
// Parse says that the name is missing.
func Starter(headers []string, source string) (yaml []byte, unmatched []string) {
	return StarterWith(headers, nil, source, i18n.EN)
}

// StarterWith is Starter looking at the data too: rows are the sheet's first data rows
// (their cells in the order of headers). What they show goes into the mapping, so that a
// sheet of dd/mm/yyyy dates gets its format: line switched on (day first when a day
// above 12 shows it; when every date reads both ways, day first, said in a comment), the
// priority words the column holds besides Alta/Media/Baja are listed for translation,
// and the yes/no words of remember that are not the usual ones too.
//
// The comments are in lang.
func StarterWith(headers []string, rows [][]Cell, source string, lang i18n.Lang) (yaml []byte, unmatched []string) {
	w := &starterWriter{p: i18n.New(lang)}
	if rows != nil {
		w.hints = Suggest(headers, rows)
		w.rows = rows
		w.headers = headers
	}
	src := oneLine(source)
	if src != "" {
		w.comment("title.for", src)
	} else {
		w.comment("title")
	}
	w.comment("intro.1")
	w.comment("intro.2")
	w.comment("intro.3")
	if src != "" {
		w.comment("intro.try")
		w.line("#   wolkvox-import import --dry-run --mapping mapping.yaml %s", shellWord(src))
	}
	w.line("")
	w.line("operation: %s  %s", Placeholder, w.c("starter.operation"))
	w.line("type: meet  %s", w.c("starter.type"))
	w.line("")
	w.comment("key.1")
	w.comment("key.2")
	// The default key as this mapping will have it: of the default fields, those a
	// header fills (a key field the mapping lacks is an error once switched on).
	var key []string
	for _, id := range defaultKey {
		if _, ok := autoHeader(id, headers); ok {
			key = append(key, id.String())
		}
	}
	if len(key) == 0 {
		key = []string{fName.String()}
	}
	w.line("# key: [%s]", strings.Join(key, ", "))
	w.line("")
	w.line("fields:")

	_, hasReminder := autoHeader(fReminderDate, headers)
	matched := map[int]bool{}
	var optional []field // optional fields no header matched
	for id := range numFields {
		h, ok := autoHeader(id, headers)
		if !ok {
			switch id {
			case fStatus, fName, fPriority:
				w.missing(id)
			default:
				optional = append(optional, id)
			}
			continue
		}
		i, err := headerIndex(headers, h, i18n.Text{})
		if err != nil { // several headers read the same: a column: line would fail in Bind
			w.shared(id, h, headers)
			for j, other := range headers {
				if other == h {
					matched[j] = true
				}
			}
			continue
		}
		matched[i] = true
		w.matched(id, h, hasReminder)
	}
	if len(optional) > 0 {
		w.line("")
		if len(optional) == 1 && optional[0] == fNameModule {
			w.comment("optional.one")
		} else {
			w.comment("optional.many.1")
			w.comment("optional.many.2", Placeholder)
		}
		keyWidth, width := 0, 0
		for _, id := range optional {
			keyWidth = max(keyWidth, len(id.String()))
		}
		for _, id := range optional {
			width = max(width, len(starterOptional(id, keyWidth)))
		}
		for _, id := range optional {
			text := starterOptional(id, keyWidth)
			w.line("  # %s%s  # %s", text, strings.Repeat(" ", width-len(text)), w.c(starterShort[id]))
		}
	}

	for i, h := range headers {
		if !matched[i] && strings.TrimSpace(h) != "" {
			unmatched = append(unmatched, h)
		}
	}
	w.line("")
	if len(unmatched) == 0 {
		w.comment("unmatched.none")
	} else {
		quoted := make([]string, len(unmatched))
		for i, h := range unmatched {
			quoted[i] = doubleQuote(h)
		}
		w.comment("unmatched.list")
		w.wrap("#   ", strings.Join(quoted, ", "))
		w.comment("unmatched.how")
		w.line("#     template: %s", templateExample(headers, unmatched))
		w.comment("unmatched.template")
	}
	return []byte(w.String()), unmatched
}

// starterOptional is the line, without its #, of an optional field no header matched;
// its value starts after keyWidth characters.
func starterOptional(id field, keyWidth int) string {
	pad := strings.Repeat(" ", keyWidth-len(id.String()))
	if id == fNameModule {
		return id.String() + ":" + pad + " { value: cases }"
	}
	if id == fParticipants {
		return id.String() + ":" + pad + " { column: " + Placeholder + `, split: ";," }`
	}
	return id.String() + ":" + pad + " { column: " + Placeholder + " }"
}

type starterWriter struct {
	strings.Builder
	p       *i18n.Printer // the language of the comments
	hints   Spec          // what the data suggests (Suggest); empty without rows
	rows    [][]Cell      // the data rows looked at
	headers []string
}

// c is the catalog's text of key (starter comments) in the writer's language.
func (w *starterWriter) c(key string, args ...any) string { return w.p.T(key, args...) }

// comment writes the comment line of key ("starter." + key).
func (w *starterWriter) comment(key string, args ...any) { w.line("%s", w.c("starter."+key, args...)) }

// bothWays reports whether every text date of the header's column reads with format and
// also with day and month swapped: the data cannot tell the order.
func (w *starterWriter) bothWays(header, format string) bool {
	i, err := headerIndex(w.headers, header, i18n.Text{})
	if err != nil || i < 0 {
		return false
	}
	swapped := strings.NewReplacer("DD", "MM", "MM", "DD", "D/", "M/", "M/", "D/").Replace(format)
	seen := false
	for _, r := range w.rows {
		if i >= len(r) || r[i].Kind == KindDate || strings.TrimSpace(r[i].Text) == "" {
			continue
		}
		seen = true
		if d, ok := readAs(strings.TrimSpace(r[i].Text), swapped); !ok || d.date.Key != "" || d.time.Key != "" {
			return false
		}
	}
	return seen
}

func (w *starterWriter) line(format string, args ...any) {
	fmt.Fprintf(w, format, args...)
	w.WriteByte('\n')
}

// help writes a field's explanation, after an empty line, as comment lines at the
// field's indentation.
func (w *starterWriter) help(lines ...string) {
	w.line("")
	for _, l := range lines {
		w.line("  # %s", l)
	}
}

// wrap writes text as comment lines that start with prefix, cut at spaces.
func (w *starterWriter) wrap(prefix, text string) {
	const width = 88
	line := prefix
	for word := range strings.SplitSeq(text, " ") {
		if len(line) > len(prefix) && len(line)+1+len(word) > width {
			w.line("%s", strings.TrimRight(line, " "))
			line = prefix
		}
		if len(line) > len(prefix) {
			line += " "
		}
		line += word
	}
	w.line("%s", line)
}

// matched writes the field line of a field whose column Auto found.
func (w *starterWriter) matched(id field, header string, hasReminder bool) {
	col := yamlQuote(header)
	hint, _ := w.hints.Field(id.String())
	switch id.kind() {
	case kindDate:
		if hint.Format != "" {
			w.help(w.c(starterHelp[id]), w.c("starter.date.found"))
			if w.bothWays(header, hint.Format) {
				w.help(w.c("starter.date.both"))
			}
			w.line("  %s:", id)
			w.line("    column: %s", col)
			w.line(`    format: "%s"  %s`, hint.Format, w.c("starter.format.tokens"))
			break
		}
		w.help(w.c(starterHelp[id]),
			w.c("starter.date.1"), w.c("starter.date.2"))
		w.line("  %s:", id)
		w.line("    column: %s", col)
		w.line(`    # format: "DD/MM/YYYY HH:mm"  %s`, w.c("starter.format.tokens"))
	case kindPriority:
		w.help(w.c(starterHelp[id]))
		w.line("  %s:", id)
		w.line("    column: %s", col)
		w.line("    values: { Alta: high, Media: normal, Baja: low }  %s", w.c("starter.values.note"))
		var others []string
		for _, t := range hint.Values {
			if t.To == "" {
				others = append(others, yamlQuote(t.From)+": CHANGE-ME")
			}
		}
		if len(others) > 0 {
			w.line("    %s", w.c("starter.priority.others"))
			w.wrap("    #   ", strings.Join(others, ", "))
		}
		w.line("    default: normal  %s", w.c("starter.default.note"))
	case kindList:
		w.help(w.c(starterHelp[id]))
		w.line("  %s:", id)
		w.line("    column: %s", col)
		w.line(`    split: ";,"  %s`, w.c("starter.split.note"))
	case kindBool:
		if hasReminder {
			w.help(w.c(starterHelp[id]), w.c("starter.remember.date"))
		} else {
			w.help(w.c(starterHelp[id]), w.c("starter.remember.nodate.1"), w.c("starter.remember.nodate.2"))
		}
		w.line("  %s:", id)
		w.line("    column: %s", col)
		var words []string
		for _, t := range hint.Values {
			words = append(words, yamlQuote(t.From))
		}
		if len(words) > 0 {
			w.line("    %s", w.c("starter.bool.others"))
			w.line("    # values: { %s: sí }", strings.Join(words, ": sí, "))
		}
	default:
		w.help(w.c(starterHelp[id]))
		w.line("  %s:", id)
		w.line("    column: %s", col)
	}
}

// missing writes, switched off, a required or defaulted field that no header matched.
func (w *starterWriter) missing(id field) {
	switch id {
	case fName:
		w.help(w.c(starterHelp[id]),
			w.c("starter.name.missing.1"), w.c("starter.name.missing.2", Placeholder))
		w.line("  # %s:", id)
		w.line("  #   column: %s", Placeholder)
	case fStatus:
		w.help(w.c(starterHelp[id]), w.c("starter.status.missing"))
		w.line("  # %s:", id)
		w.line("  #   value: created")
	case fPriority:
		w.help(w.c(starterHelp[id]),
			w.c("starter.priority.missing.1"), w.c("starter.priority.missing.2", Placeholder), w.c("starter.priority.missing.3"))
		w.line("  # %s:", id)
		w.line("  #   column: %s", Placeholder)
		w.line("  #   values: { Alta: high, Media: normal, Baja: low }  %s", w.c("starter.values.note"))
		w.line("  #   default: normal  %s", w.c("starter.default.note"))
	}
}

// shared writes, switched off, a field whose header several columns of the sheet share.
func (w *starterWriter) shared(id field, header string, headers []string) {
	var idx []int
	for i, h := range headers {
		if h == header {
			idx = append(idx, i)
		}
	}
	w.help(w.c(starterHelp[id]),
		w.c("starter.shared.1", len(idx), yamlQuote(header), columnLetters(idx)),
		w.c("starter.shared.2"))
	w.line("  # %s:", id)
	w.line("  #   column: %s", yamlQuote(header))
}

// templateExample is a description template that adds the first unmatched header (to
// the notes, when a column holds them), written so that Parse reads it back.
func templateExample(headers, unmatched []string) string {
	extra := unmatched[0]
	if !plainPlaceholder(extra) {
		return `"{Notas} (cliente: {Cliente})"`
	}
	label := strings.TrimSpace(extra)
	if notes, ok := autoHeader(fDescription, headers); ok && plainPlaceholder(notes) {
		return yamlQuote(fmt.Sprintf("{%s} (%s: {%s})", notes, label, extra))
	}
	return yamlQuote(fmt.Sprintf("%s: {%s}", label, extra))
}

// plainPlaceholder says whether h can be written as {h} in a template.
func plainPlaceholder(h string) bool {
	return strings.TrimSpace(h) != "" && !strings.ContainsAny(h, "{}\"\\") && oneLine(h) == h
}

// yamlQuote writes s as a YAML scalar that reads back as exactly s: plain when that is
// safe (letters, digits, inner spaces and a few signs), else in double quotes.
func yamlQuote(s string) string {
	if plainYAML(s) {
		return s
	}
	return doubleQuote(s)
}

// doubleQuote writes s in YAML's double quotes, on one line.
func doubleQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f || r == 0x85 || r == 0x2028 || r == 0x2029 || r == 0xFEFF:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func plainYAML(s string) bool {
	if s == "" || s != strings.TrimSpace(s) {
		return false
	}
	for i, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
		case i > 0 && (r == ' ' || strings.ContainsRune("_.-/()'", r)):
		default:
			return false
		}
	}
	switch strings.ToLower(s) {
	case "null", "true", "false", "yes", "no", "on", "off", "y", "n":
		return false // YAML could read these as something other than text
	}
	return !strings.ContainsAny(s[:1], "0123456789") // 2024, 1e3, 0x10 ...: numbers to YAML
}

// oneLine replaces the line breaks and other control characters of s by spaces.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == 0x2028 || r == 0x2029 {
			return ' '
		}
		return r
	}, s)
}

// shellWord quotes a file name for a command line when it has spaces or other signs.
func shellWord(s string) string {
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune("._-/\\:", r) {
			return `"` + s + `"`
		}
	}
	return s
}
