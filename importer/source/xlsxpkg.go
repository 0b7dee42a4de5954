package source

import (
	"archive/zip"
	"encoding/xml"
	"fmt"
	"io"

	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/net/html/charset"
)

// This file reads an XLSX package straight from the zip: which part holds each sheet, the
// shared strings (once, into memory), and a worksheet's XML as a stream, in one pass that
// gives each cell's value, type and style. excelize's streaming iterator (Rows + Columns)
// returns values only, as []string: with RawCellValue a shared string "12345", the number
// 12345, the boolean 1 and a date serial all come back as bare text, and its per-cell
// GetCellType/GetCellStyle load the whole worksheet. It also costs some 340 allocations a
// row. sheetStream numbers rows and places cells exactly as excelize's iterator does.

// sheetPart is one sheet of the workbook as its package describes it.
type sheetPart struct {
	name      string
	path      string // the part's name in the zip
	worksheet bool   // false for chart sheets and dialog sheets
	hidden    bool   // the sheet's state is hidden or veryHidden
}

type xmlRels struct {
	Rels []struct {
		ID     string `xml:"Id,attr"`
		Type   string `xml:"Type,attr"`
		Target string `xml:"Target,attr"`
	} `xml:"Relationship"`
}

// lookupPart finds a part by its name, else in any case and with either slash, as
// excelize does.
func lookupPart(files map[string]*zip.File, name string) *zip.File {
	if f, ok := files[name]; ok {
		return f
	}
	for n, f := range files {
		if strings.EqualFold(strings.ReplaceAll(n, `\`, "/"), name) {
			return f
		}
	}
	return nil
}

// xmlDecoder reads XML with RawToken (no namespace work, no allocation for end tags'
// matching) and reads elements the way excelize's structs decode them.
type xmlDecoder struct {
	dec *xml.Decoder
	buf []byte
}

// text reads the element just started up to its end and returns its own character data
// (not that of nested elements), as a string field with ",chardata" decodes it.
func (d *xmlDecoder) text() (string, error) {
	d.buf = d.buf[:0]
	depth := 0
	for {
		tok, err := d.dec.RawToken()
		if err != nil {
			return "", unexpectedEOF(err)
		}
		switch el := tok.(type) {
		case xml.CharData:
			if depth == 0 {
				d.buf = append(d.buf, el...)
			}
		case xml.StartElement:
			depth++
		case xml.EndElement:
			if depth == 0 {
				return string(d.buf), nil
			}
			depth--
		}
	}
}

// skip reads the element just started up to its end.
func (d *xmlDecoder) skip() error {
	_, err := d.text()
	return err
}

// richText reads a string item (si, or an inline string's is) just started: its plain
// text (t) followed by its rich text runs' (r/t), phonetic runs left out, escapes such as
// _x000D_ decoded: what excelize's xlsxSI.String gives.
func (d *xmlDecoder) richText() (string, error) {
	var plain string
	var runs []string
	for {
		tok, err := d.dec.RawToken()
		if err != nil {
			return "", unexpectedEOF(err)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			switch el.Name.Local {
			case "t":
				if plain, err = d.text(); err != nil {
					return "", err
				}
			case "r":
				run, err := d.run()
				if err != nil {
					return "", err
				}
				runs = append(runs, run)
			default:
				if err := d.skip(); err != nil {
					return "", err
				}
			}
		case xml.EndElement:
			if len(runs) == 0 {
				return unescapeBSTR(plain), nil
			}
			return unescapeBSTR(plain + strings.Join(runs, "")), nil
		}
	}
}

// run reads a rich text run just started and returns its text.
func (d *xmlDecoder) run() (string, error) {
	var t string
	for {
		tok, err := d.dec.RawToken()
		if err != nil {
			return "", unexpectedEOF(err)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			var err error
			if el.Name.Local == "t" {
				t, err = d.text()
			} else {
				err = d.skip()
			}
			if err != nil {
				return "", err
			}
		case xml.EndElement:
			return t, nil
		}
	}
}

func unexpectedEOF(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}

// unescapeBSTR decodes the _xHHHH_ escapes of string items (_x005F_ is "_"), as excelize
// does: left to right, an escape that is not a valid character dropped.
func unescapeBSTR(s string) string {
	i := strings.Index(s, "_x")
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.WriteString(s[:i])
	for i < len(s) {
		if s[i] == '_' && i+7 <= len(s) && s[i+1] == 'x' && s[i+6] == '_' && isHex4(s[i+2:i+6]) {
			if s[i+2:i+6] == "005F" {
				b.WriteByte('_')
			} else if v, err := strconv.ParseUint(s[i+2:i+6], 16, 32); err == nil && utf8.ValidRune(rune(v)) {
				b.WriteRune(rune(v))
			}
			i += 7
			continue
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

func isHex4(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// rawCell is a cell of the worksheet XML: its value (a shared string looked up, an inline
// string flattened, a formula's cached value), type (t) and style (s).
type rawCell struct {
	v    string
	t    string
	s    int
	long int // the value's length in characters when it is longer than a cell may be
}

// sheetStream reads a worksheet part row by row in a single pass. It is a port of
// excelize's Rows.Next and Rows.Columns (RawCellValue): Next is called once per row number,
// missing rows come back empty, a row's cells are placed by their r attributes and its
// trailing cells without a value dropped, and the same conditions are errors. Unlike
// excelize, a damaged sheet (an XML error, the part ending inside an element) is an error,
// not a silent end of the rows: after the last complete row, or in the row it damages.
type sheetStream struct {
	xmlDecoder
	rc  io.ReadCloser
	sst *sharedStrings

	seekRow int               // calls to next: the row number asked for
	curRow  int               // number of the last row element read
	held    *xml.StartElement // a row element read by next whose cells are not read yet
	ended   bool              // the end of sheetData (or of the part) is read
	depth   int               // elements open
	err     error             // an error met after a complete row, for next to return
	cells   []rawCell         // the cells of the current row, reused
	hidden  int               // the number of the last row element read with hidden="1"
	// seekHidden says the row next moved to is hidden; taken when next moves, since
	// reading a row's cells reads the next row's element too.
	seekHidden bool
}

func newSheetStream(f *zip.File, sst *sharedStrings) (*sheetStream, error) {
	rc, err := openPart(f, 1<<62) // no limit on the rows, which stream; only on a text run
	if err != nil {
		return nil, err
	}
	s := &sheetStream{rc: rc, sst: sst}
	s.dec = xml.NewDecoder(rc)
	s.dec.CharsetReader = charset.NewReaderLabel
	return s, nil
}

// rowHidden reports whether the row next moved to is hidden (or filtered out).
func (s *sheetStream) rowHidden() bool { return s.seekHidden }

// rowElement notes what a row element says about its row, once curRow is its number.
func (s *sheetStream) rowElement(el xml.StartElement) {
	for _, a := range el.Attr {
		if a.Name.Local == "hidden" && xmlTrue(a.Value) {
			s.hidden = s.curRow
		}
	}
}

func (s *sheetStream) Close() error { return s.rc.Close() }

// token returns the next token, io.EOF at the end of the part, io.ErrUnexpectedEOF when
// the part ends inside an element.
func (s *sheetStream) token() (xml.Token, error) {
	tok, err := s.dec.RawToken()
	switch tok.(type) {
	case xml.StartElement:
		s.depth++
	case xml.EndElement:
		s.depth--
	}
	if err == io.EOF {
		s.ended = true
		if s.depth > 0 {
			err = io.ErrUnexpectedEOF
		}
	}
	return tok, err
}

// next moves to the next row number; false at the end of the sheet.
func (s *sheetStream) next() (bool, error) {
	ok, err := s.advance()
	s.seekHidden = ok && s.hidden != 0 && s.hidden == s.seekRow
	return ok, err
}

func (s *sheetStream) advance() (bool, error) {
	s.seekRow++
	if s.curRow >= s.seekRow {
		return true, nil
	}
	if s.err != nil {
		return false, s.err
	}
	for !s.ended {
		tok, err := s.token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return false, err
		}
		switch el := tok.(type) {
		case xml.StartElement:
			if el.Name.Local == "row" {
				s.curRow++
				rowNum, _ := attrInt(el.Attr, "r")
				if rowNum > excelize.TotalRows {
					return false, excelize.ErrMaxRows
				}
				if rowNum != 0 {
					s.curRow = rowNum
				} else if s.curRow > excelize.TotalRows {
					return false, excelize.ErrMaxRows
				}
				s.rowElement(el)
				s.held = &el
				return true, nil
			}
		case xml.EndElement:
			if el.Name.Local == "sheetData" {
				s.ended = true
			}
		}
	}
	return false, nil
}

// columns reads the cells of the row next moved to (none for a missing row). The slice is
// reused by the next call.
func (s *sheetStream) columns() ([]rawCell, error) {
	s.cells = s.cells[:0]
	if s.curRow > s.seekRow {
		return s.cells, nil
	}
	var rowErr error
	col := 0
	rowEnded := false // the row's end tag is read: an XML error is the next row's
	for {
		var tok xml.Token
		held := s.held != nil
		if held {
			tok = *s.held
		} else {
			if s.ended {
				return s.cells, rowErr
			}
			var err error
			if tok, err = s.token(); err == io.EOF {
				return s.cells, rowErr
			} else if err != nil {
				if rowEnded && rowErr == nil {
					s.err = err
					return s.cells, nil
				}
				return s.cells, err
			}
		}
		switch el := tok.(type) {
		case xml.StartElement:
			switch el.Name.Local {
			case "row":
				var rowNum int
				rowNum, rowErr = attrInt(el.Attr, "r")
				switch {
				case rowNum > excelize.TotalRows:
					s.held = nil
					return s.cells, excelize.ErrMaxRows
				case rowNum != 0:
					s.curRow = rowNum
				case !held:
					if s.curRow++; s.curRow > excelize.TotalRows {
						s.held = nil
						return s.cells, excelize.ErrMaxRows
					}
				}
				if !held {
					s.rowElement(el)
				}
				if s.curRow > s.seekRow {
					s.held = nil
					return s.cells, rowErr
				}
			case "c":
				col++
				if err := s.cell(el, &col); err != nil {
					s.held = nil
					return s.cells, err
				}
			}
			if rowErr != nil {
				s.held = nil
				return s.cells, rowErr
			}
			s.held = nil
		case xml.EndElement:
			switch el.Name.Local {
			case "row":
				rowEnded = true
			case "sheetData":
				s.ended = true
				return s.cells, rowErr
			}
		}
	}
}

// cell reads a c element just started, and adds it to s.cells at its column when it has a
// value or a formula.
func (s *sheetStream) cell(start xml.StartElement, col *int) error {
	var c rawCell
	var ref string
	for _, a := range start.Attr {
		switch a.Name.Local {
		case "r":
			ref = a.Value
		case "s":
			if strings.TrimSpace(a.Value) == "" {
				continue // s="": the default style, as Excel and LibreOffice read it
			}
			v, err := strconv.ParseInt(a.Value, 10, 64)
			if err != nil {
				// excelize stops reading the cell here: it has no value, and the rest of
				// the element is read as the row's.
				return s.place(col, ref, rawCell{}, false)
			}
			c.s = int(v)
		case "t":
			c.t = a.Value
		}
	}
	var v, is string
	var hasF, hasIS bool
	for {
		tok, err := s.dec.RawToken()
		if err != nil {
			return unexpectedEOF(err)
		}
		var end bool
		switch el := tok.(type) {
		case xml.StartElement:
			switch el.Name.Local {
			case "v":
				v, err = s.text()
			case "f":
				hasF = true
				err = s.skip()
			case "is":
				hasIS = true
				is, err = s.richText()
			}
		case xml.EndElement:
			end = el.Name == start.Name
			if end {
				s.depth--
			}
		}
		if err != nil {
			return err
		}
		if end {
			break
		}
	}
	switch c.t {
	case "s":
		if v != "" {
			i, _ := strconv.Atoi(strings.TrimSpace(v))
			v = ""
			if 0 <= i && i < len(s.sst.items) {
				v = s.sst.items[i] // an index out of the table: excelize gives no value
				c.long = s.sst.long[i]
			}
		}
	case "inlineStr":
		if hasIS {
			v = is
		}
	}
	if c.long == 0 && len(v) > maxCellChars {
		if n := charCount(v); n > maxCellChars {
			c.long, v = n, clipChars(v, maxCellChars)
		}
	}
	c.v = v
	return s.place(col, ref, c, v != "" || hasF)
}

// place sets the cell's column from its reference, and adds it there if keep.
func (s *sheetStream) place(col *int, ref string, c rawCell, keep bool) error {
	if ref != "" {
		n, err := refColumn(ref)
		if err != nil {
			return err
		}
		*col = n
	}
	if *col > maxRowCells {
		return fmt.Errorf("a row has a cell beyond column XFD, the last a sheet can have (%d cells)", maxRowCells)
	}
	if keep {
		for len(s.cells) < *col-1 {
			s.cells = append(s.cells, rawCell{})
		}
		s.cells = append(s.cells, c)
	}
	return nil
}

// refColumn returns the column of a cell reference such as "AB12", as
// excelize.CellNameToCoordinates does (which it calls for anything but the plain form).
func refColumn(ref string) (int, error) {
	col, i := 0, 0
	for i < len(ref) && 'A' <= ref[i] && ref[i] <= 'Z' && col <= excelize.MaxColumns {
		col = col*26 + int(ref[i]-'A') + 1
		i++
	}
	row := 0
	if i > 0 && i < len(ref) && ref[i] != '0' && len(ref)-i <= 7 && col <= excelize.MaxColumns {
		for row >= 0 && i < len(ref) {
			if c := ref[i]; '0' <= c && c <= '9' {
				row = row*10 + int(c-'0')
				i++
			} else {
				row = -1
			}
		}
		if row > 0 && row <= excelize.TotalRows {
			return col, nil
		}
	}
	col, _, err := excelize.CellNameToCoordinates(ref)
	return col, err
}

// attrInt is excelize's attrValToInt: the named attribute as an integer, 0 when absent.
func attrInt(attrs []xml.Attr, name string) (int, error) {
	var v int
	for _, a := range attrs {
		if a.Name.Local == name {
			var err error
			if v, err = strconv.Atoi(a.Value); err != nil {
				return v, err
			}
		}
	}
	return v, nil
}
