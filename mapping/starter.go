package mapping

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/wolkvox-import/wolkvox-import/i18n"
)

// starterHelp says, for back-office staff, what each API field is.
var starterHelp = [numFields]string{
	fStatus:         "The meeting's state in Wolkvox.",
	fName:           "The meeting's title. Every meeting needs one.",
	fPriority:       "How important the meeting is: high, normal or low.",
	fNameModule:     "The Wolkvox module of the record the meeting belongs to, e.g. cases.",
	fCompletionDate: "When the meeting ends.",
	fRemember:       "Whether Wolkvox reminds the owner: sí or no (also yes/no, x or empty).",
	fReminderDate:   "When the reminder goes off.",
	fDescription:    "Notes about the meeting.",
	fIDRecord:       "The id of the record (in name_module) the meeting belongs to.",
	fLocation:       "Where the meeting is: a place or a video-call link.",
	fStartDate:      "When the meeting starts.",
	fWolkvoxOwner:   "The Wolkvox user who owns the meeting, e.g. ADMIN_@ventas.",
	fParticipants:   "Who takes part.",
}

// starterShort describes the optional fields that no header matched, on one line each.
var starterShort = [numFields]string{
	fNameModule:     "the module of the record, the same for every meeting",
	fCompletionDate: "when the meeting ends",
	fRemember:       "sí/no: remind the owner (needs reminder_date)",
	fReminderDate:   "when the reminder goes off",
	fDescription:    "notes about the meeting",
	fIDRecord:       "the id of the record in name_module",
	fLocation:       "a place or a video-call link",
	fStartDate:      "when the meeting starts",
	fWolkvoxOwner:   "the Wolkvox user who owns the meeting",
	fParticipants:   "who takes part, separated by ; or ,",
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
	return StarterWith(headers, nil, source)
}

// StarterWith is Starter looking at the data too: rows are the sheet's first data rows
// (their cells in the order of headers). What they show goes into the mapping, so that a
// sheet of dd/mm/yyyy dates gets its format: line switched on (day first when a day
// above 12 shows it; when every date reads both ways, day first, said in a comment), the
// priority words the column holds besides Alta/Media/Baja are listed for translation,
// and the yes/no words of remember that are not the usual ones too.
func StarterWith(headers []string, rows [][]Cell, source string) (yaml []byte, unmatched []string) {
	w := &starterWriter{}
	if rows != nil {
		w.hints = Suggest(headers, rows)
		w.rows = rows
		w.headers = headers
	}
	src := oneLine(source)
	if src != "" {
		w.line("# Starter mapping for %s, written by wolkvox-import mapping init.", src)
	} else {
		w.line("# Starter mapping written by wolkvox-import mapping init.")
	}
	w.line("# It says which column of the sheet fills each field of a Wolkvox meeting.")
	w.line("# Lines starting with # are notes that the tool skips. To use a line that is")
	w.line("# switched off with #, delete the # and the one space after it.")
	if src != "" {
		w.line("# Save it (e.g. as mapping.yaml), then try it without sending anything:")
		w.line("#   wolkvox-import import --dry-run --mapping mapping.yaml %s", shellWord(src))
	}
	w.line("")
	w.line("operation: %s  # your Wolkvox operation", Placeholder)
	w.line("type: meet  # a meeting; leave it as it is")
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
			w.line("  # No column matched this field. To send it, delete its #:")
		} else {
			w.line("  # No column matched these fields. To fill one, delete its # and write the")
			w.line("  # header of its column instead of %s:", Placeholder)
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
			w.line("  # %s%s  # %s", text, strings.Repeat(" ", width-len(text)), starterShort[id])
		}
	}

	for i, h := range headers {
		if !matched[i] && strings.TrimSpace(h) != "" {
			unmatched = append(unmatched, h)
		}
	}
	w.line("")
	if len(unmatched) == 0 {
		w.line("# Every column of the sheet is used above.")
	} else {
		quoted := make([]string, len(unmatched))
		for i, h := range unmatched {
			quoted[i] = doubleQuote(h)
		}
		w.line("# Columns of the sheet that no field uses (their headers name no Wolkvox field):")
		w.wrap("#   ", strings.Join(quoted, ", "))
		w.line("# To send one, put it in a field above, e.g. in description:")
		w.line("#     template: %s", templateExample(headers, unmatched))
		w.line("# (template: replaces column:; {Header} stands for that column's cell).")
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
	hints   Spec     // what the data suggests (Suggest); empty without rows
	rows    [][]Cell // the data rows looked at
	headers []string
}

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
			w.help(starterHelp[id], "The dates typed in this column read with the format below (from its first rows).")
			if w.bothWays(header, hint.Format) {
				w.help("Every date seen reads both ways (no day above 12): day first is assumed; check it.")
			}
			w.line("  %s:", id)
			w.line("    column: %s", col)
			w.line(`    format: "%s"  # DD day, MM month, YYYY year, HH hour, mm minutes`, hint.Format)
			break
		}
		w.help(starterHelp[id],
			"Date cells are read as they are; dates typed as text, such as 26/07/2024 09:30,",
			"need the format: line: delete its # and check the order of day and month.")
		w.line("  %s:", id)
		w.line("    column: %s", col)
		w.line(`    # format: "DD/MM/YYYY HH:mm"  # DD day, MM month, YYYY year, HH hour, mm minutes`)
	case kindPriority:
		w.help(starterHelp[id])
		w.line("  %s:", id)
		w.line("    column: %s", col)
		w.line("    values: { Alta: high, Media: normal, Baja: low }  # the sheet's word: Wolkvox's word")
		var others []string
		for _, t := range hint.Values {
			if t.To == "" {
				others = append(others, yamlQuote(t.From)+": CHANGE-ME")
			}
		}
		if len(others) > 0 {
			w.line("    # The column also holds these words: add each to values: with high, normal or low:")
			w.wrap("    #   ", strings.Join(others, ", "))
		}
		w.line("    default: normal  # for empty cells")
	case kindList:
		w.help(starterHelp[id])
		w.line("  %s:", id)
		w.line("    column: %s", col)
		w.line(`    split: ";,"  # a ; or a , separates two participants`)
	case kindBool:
		if hasReminder {
			w.help(starterHelp[id], "A sí needs a reminder date (reminder_date).")
		} else {
			w.help(starterHelp[id], "A sí needs a reminder date, and no column was recognised for it",
				"(Recordatorio or reminder_date): fill in reminder_date below.")
		}
		w.line("  %s:", id)
		w.line("    column: %s", col)
		var words []string
		for _, t := range hint.Values {
			words = append(words, yamlQuote(t.From))
		}
		if len(words) > 0 {
			w.line("    # The column also holds words that are not a plain yes or no: translate them, e.g.")
			w.line("    # values: { %s: sí }", strings.Join(words, ": sí, "))
		}
	default:
		w.help(starterHelp[id])
		w.line("  %s:", id)
		w.line("    column: %s", col)
	}
}

// missing writes, switched off, a required or defaulted field that no header matched.
func (w *starterWriter) missing(id field) {
	switch id {
	case fName:
		w.help(starterHelp[id],
			"No column was recognised as the title (Asunto, Nombre or name): write its header",
			"instead of "+Placeholder+", then delete the # of both lines.")
		w.line("  # %s:", id)
		w.line("  #   column: %s", Placeholder)
	case fStatus:
		w.help(starterHelp[id], "Without these lines every meeting is sent as created.")
		w.line("  # %s:", id)
		w.line("  #   value: created")
	case fPriority:
		w.help(starterHelp[id],
			"No column was recognised (Prioridad or priority), so every meeting is sent as",
			"normal. To take it from a column, write its header instead of "+Placeholder+" and",
			"delete the # of these lines.")
		w.line("  # %s:", id)
		w.line("  #   column: %s", Placeholder)
		w.line("  #   values: { Alta: high, Media: normal, Baja: low }  # the sheet's word: Wolkvox's word")
		w.line("  #   default: normal  # for empty cells")
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
	w.help(starterHelp[id],
		fmt.Sprintf("The sheet has %d columns named %s (%s): rename all but one in the",
			len(idx), yamlQuote(header), columnLetters(idx)),
		"sheet, then delete the # of both lines.")
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
