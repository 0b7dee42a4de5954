package source

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"github.com/wolkvox-import/wolkvox-import/i18n"
)

// sniffSize is how much of a CSV file is looked at to detect its encoding and delimiter.
// Only this prefix is ever held in memory at once (plus the csv.Reader's own buffer).
const sniffSize = 64 << 10

// Canonical encoding names, as Encoding() reports them.
const (
	encUTF8    = "utf-8"
	encUTF16LE = "utf-16le"
	encUTF16BE = "utf-16be"
	encCP1252  = "windows-1252"
	encUTF16   = "utf-16" // only as a request: the BOM decides, little-endian without one
)

// acceptedEncodings is what an unknown --encoding error lists.
const acceptedEncodings = "utf-8, utf-16 (the BOM decides the byte order), utf-16le, utf-16be, windows-1252 (also cp1252, latin1)"

// normalizeEncoding maps a user's encoding name to a canonical one ("" = detect).
func normalizeEncoding(name string) (string, bool) {
	n := strings.ToLower(strings.TrimSpace(name))
	n = strings.ReplaceAll(n, "_", "-")
	switch n {
	case "":
		return "", true
	case "utf-8", "utf8":
		return encUTF8, true
	case "utf-16", "utf16", "unicode":
		return encUTF16, true
	case "utf-16le", "utf16le", "utf-16-le":
		return encUTF16LE, true
	case "utf-16be", "utf16be", "utf-16-be":
		return encUTF16BE, true
	case "windows-1252", "windows1252", "cp1252", "cp-1252", "latin1", "latin-1", "iso-8859-1", "iso8859-1", "ansi":
		return encCP1252, true
	}
	return "", false
}

// bomOf returns the encoding a byte order mark at the start of b announces, and its length.
func bomOf(b []byte) (string, int) {
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		return encUTF8, 3
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}):
		return encUTF16LE, 2
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		return encUTF16BE, 2
	}
	return "", 0
}

// chooseEncoding decides the encoding of a file from its first bytes and the requested
// encoding (canonical, "" = detect). It returns the encoding and how many BOM bytes to skip.
// Detection: a BOM decides (UTF-8, UTF-16LE, UTF-16BE); else a prefix that looks like
// UTF-16 without a BOM (every other byte zero) is UTF-16; else valid UTF-8 is UTF-8; else
// Windows-1252 (what Excel writes as "CSV" on a Spanish or English Windows). A UTF-8 file
// with a few stray bytes (a paste from another program) stays UTF-8: its accents are
// right, and the stray bytes are read as Windows-1252, with a warning on their rows.
func chooseEncoding(prefix []byte, requested string) (enc string, bomLen int, why i18n.Text) {
	bom, n := bomOf(prefix)
	switch requested {
	case "":
		if bom != "" {
			return bom, n, why
		}
		if e := utf16WithoutBOM(prefix); e != "" {
			return e, 0, why
		}
		if mostlyUTF8(prefix, len(prefix) == sniffSize) {
			return encUTF8, 0, why
		}
		return encCP1252, 0, why
	case encUTF8:
		if bom == encUTF8 {
			return encUTF8, n, why
		}
		if bom != "" {
			return "", 0, i18n.Text{Key: "source.encoding.bom_not_utf8", Args: []any{strings.ToUpper(bom), bom}}
		}
		return encUTF8, 0, why
	case encUTF16, encUTF16LE, encUTF16BE:
		if bom == encUTF16LE || bom == encUTF16BE {
			return bom, n, why // the BOM is the file's own word on its byte order
		}
		if bom == encUTF8 {
			return "", 0, i18n.Text{Key: "source.encoding.bom_utf8", Args: []any{requested}}
		}
		if requested == encUTF16BE {
			return encUTF16BE, 0, why
		}
		return encUTF16LE, 0, why
	case encCP1252:
		return encCP1252, 0, why
	}
	return "", 0, i18n.Text{Key: "source.encoding.unknown", Args: []any{requested, acceptedEncodings}}
}

// utf16WithoutBOM recognises UTF-16 text without a BOM: most characters of a CSV header and
// data are ASCII, so every other byte is zero.
func utf16WithoutBOM(b []byte) string {
	if len(b) > 4096 {
		b = b[:4096]
	}
	pairs := len(b) / 2
	if pairs < 2 {
		return ""
	}
	var evenZero, oddZero int
	for i := 0; i+1 < len(b); i += 2 {
		if b[i] == 0 {
			evenZero++
		}
		if b[i+1] == 0 {
			oddZero++
		}
	}
	switch {
	case oddZero*10 >= pairs*6 && evenZero*20 <= pairs:
		return encUTF16LE
	case evenZero*10 >= pairs*6 && oddZero*20 <= pairs:
		return encUTF16BE
	}
	return ""
}

// mostlyUTF8 reports whether b reads as UTF-8: valid, or with fewer bytes that are not
// UTF-8 than characters that are (a Windows-1252 file's accents are almost never valid
// UTF-8 sequences). A character cut at the end is allowed when b is only the start of the
// file.
func mostlyUTF8(b []byte, truncated bool) bool {
	if truncated {
		for i := 1; i <= utf8.UTFMax-1 && i <= len(b); i++ {
			c := b[len(b)-i]
			if c < utf8.RuneSelf {
				break
			}
			if utf8.RuneStart(c) {
				if !utf8.FullRune(b[len(b)-i:]) {
					b = b[:len(b)-i]
				}
				break
			}
		}
	}
	if utf8.Valid(b) {
		return true
	}
	var good, bad int
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		c, size := utf8.DecodeRune(b[i:])
		if c == utf8.RuneError && size == 1 {
			bad++
		} else {
			good++
		}
		i += size
	}
	return good > bad
}

// decoder returns the transformer that turns the file's bytes (BOM already skipped) into
// UTF-8; nil for UTF-8, whose bytes the reader checks field by field (see csvReader.row),
// so that a stray byte is read as Windows-1252 or U+FFFD with a warning on its row.
func decoder(enc string) transform.Transformer {
	switch enc {
	case encUTF16LE:
		return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewDecoder()
	case encUTF16BE:
		return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewDecoder()
	case encCP1252:
		return charmap.Windows1252.NewDecoder()
	}
	return nil
}

// delimiterCandidates are tried in this order; a tie goes to the earlier one.
var delimiterCandidates = []rune{',', ';', '\t', '|'}

// detectDelimiter picks the delimiter from the first lines of the file (already decoded):
// the candidate whose records most often have as many fields as the header, among those
// that split the header in two or more; then the one that gives more header fields; then
// the order , ; tab |. A file whose header has a single column is read with ','.
func detectDelimiter(sample string, truncated bool) rune {
	if truncated {
		if i := strings.LastIndexByte(sample, '\n'); i >= 0 {
			sample = sample[:i+1]
		}
	}
	best, bestFrac, bestWidth := ',', -1.0, 0
	for _, d := range delimiterCandidates {
		cr := csv.NewReader(strings.NewReader(sample))
		cr.Comma = d
		cr.FieldsPerRecord = -1
		cr.LazyQuotes = true // a sample only: be tolerant, the real read is strict
		var width, same, total int
		for n := 0; n < 50; n++ {
			rec, err := cr.Read()
			if err != nil {
				break
			}
			if isBlankRecord(rec) {
				continue
			}
			if width == 0 {
				width = len(rec) // the header
				continue
			}
			total++
			if len(rec) == width {
				same++
			}
		}
		if width < 2 {
			continue
		}
		frac := 1.0
		if total > 0 {
			frac = float64(same) / float64(total)
		}
		if frac > bestFrac || (frac == bestFrac && width > bestWidth) {
			best, bestFrac, bestWidth = d, frac, width
		}
	}
	return best
}

func isBlankRecord(rec []string) bool {
	for _, s := range rec {
		if !isBlank(s) {
			return false
		}
	}
	return true
}

// delimiterName is how errors and messages show a delimiter.
func delimiterName(d rune) string {
	switch d {
	case '\t':
		return "tab"
	case ',':
		return "comma (,)"
	case ';':
		return "semicolon (;)"
	case '|':
		return "pipe (|)"
	}
	return fmt.Sprintf("%q", d)
}
