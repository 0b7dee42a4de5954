package source

import (
	"archive/zip"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
)

// Why this file exists: excelize's streaming iterator (Rows + Columns) returns each row as
// []string only. With RawCellValue it gives the raw value, but not the cell's type nor its
// style: a shared string "12345", the number 12345, the boolean 1 and a date serial all come
// back as bare text, and excelize's per-cell GetCellType/GetCellStyle load the whole
// worksheet into memory (workSheetReader), which defeats streaming. So the XLSX reader
// walks the same worksheet XML a second time, in step with excelize, reading only each
// cell's position, type (t) and style (s): excelize still decodes the values (shared
// strings, rich text, inline strings, formulas' cached values); this scanner says what kind
// of value each one is. The worksheet is read straight from the zip entry, as a stream.

// sheetPart is one sheet of the workbook as its package describes it.
type sheetPart struct {
	name      string
	path      string // the part's name in the zip
	worksheet bool   // false for chart sheets and dialog sheets
}

type xmlRels struct {
	Rels []struct {
		ID     string `xml:"Id,attr"`
		Type   string `xml:"Type,attr"`
		Target string `xml:"Target,attr"`
	} `xml:"Relationship"`
}

type xmlWorkbook struct {
	Sheets []struct {
		Name string `xml:"name,attr"`
		ID   string `xml:"id,attr"` // r:id
	} `xml:"sheets>sheet"`
}

// readSheetParts lists the sheets of an XLSX package with the zip entries that hold them.
func readSheetParts(zr *zip.Reader) ([]sheetPart, error) {
	files := make(map[string]*zip.File, len(zr.File))
	for _, f := range zr.File {
		files[f.Name] = f
	}
	wbPath := "xl/workbook.xml"
	var root xmlRels
	if err := decodePart(files, "_rels/.rels", &root); err == nil {
		for _, r := range root.Rels {
			if strings.HasSuffix(r.Type, "/officeDocument") {
				wbPath = strings.TrimPrefix(r.Target, "/")
			}
		}
	}
	var wb xmlWorkbook
	if err := decodePart(files, wbPath, &wb); err != nil {
		return nil, fmt.Errorf("reading the workbook part %s: %w", wbPath, err)
	}
	var rels xmlRels
	relsPath := path.Join(path.Dir(wbPath), "_rels", path.Base(wbPath)+".rels")
	if err := decodePart(files, relsPath, &rels); err != nil {
		return nil, fmt.Errorf("reading %s: %w", relsPath, err)
	}
	parts := make([]sheetPart, 0, len(wb.Sheets))
	for _, s := range wb.Sheets {
		p := sheetPart{name: s.Name}
		for _, r := range rels.Rels {
			if r.ID != s.ID {
				continue
			}
			if strings.HasPrefix(r.Target, "/") {
				p.path = strings.TrimPrefix(r.Target, "/")
			} else {
				p.path = path.Join(path.Dir(wbPath), r.Target)
			}
			p.worksheet = strings.HasSuffix(r.Type, "/worksheet")
		}
		if f := lookupPart(files, p.path); f != nil {
			p.path = f.Name
		}
		parts = append(parts, p)
	}
	return parts, nil
}

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

func decodePart(files map[string]*zip.File, name string, v any) error {
	f := lookupPart(files, name)
	if f == nil {
		return fmt.Errorf("%s is missing", name)
	}
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	return xml.NewDecoder(rc).Decode(v)
}

// cellMeta is a cell's type and style as the worksheet XML gives them.
type cellMeta struct {
	t   string // "" or "n" number, "s" shared string, "str" formula text, "inlineStr", "b", "e", "d"
	s   int    // style index (cellXfs)
	set bool   // the cell element exists
}

// metaScanner walks a worksheet's XML in step with excelize's Rows iterator and gives, for
// each row number, the type and style of the row's cells. It numbers rows the way excelize
// does: a row's r attribute, else one more than the row before.
type metaScanner struct {
	rc  io.ReadCloser
	dec *xml.Decoder
	cur int // number of the last row read

	pendingNum int // the row read ahead, 0 when none
	cells      []cellMeta
	done       bool
}

func newMetaScanner(f *zip.File) (*metaScanner, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	return &metaScanner{rc: rc, dec: xml.NewDecoder(rc)}, nil
}

func (m *metaScanner) Close() error { return m.rc.Close() }

// row returns the cells of row n (nil for a row that is not in the XML). The slice is
// reused by the next call. Rows must be asked for in increasing order.
func (m *metaScanner) row(n int) ([]cellMeta, error) {
	for {
		if m.pendingNum == n {
			m.pendingNum = 0
			return m.cells, nil
		}
		if m.pendingNum > n {
			return nil, nil
		}
		if m.done {
			return nil, nil
		}
		if err := m.next(); err != nil {
			return nil, err
		}
	}
}

// next reads the next row element into m.cells and m.pendingNum.
func (m *metaScanner) next() error {
	for {
		tok, err := m.dec.RawToken()
		if err == io.EOF {
			m.done = true
			return nil
		}
		if err != nil {
			return err
		}
		switch el := tok.(type) {
		case xml.StartElement:
			if el.Name.Local != "row" {
				continue
			}
			m.cur++
			if r := attr(el.Attr, "r"); r != "" {
				if v, err := strconv.Atoi(r); err == nil && v > 0 {
					m.cur = v
				}
			}
			if err := m.readCells(); err != nil {
				return err
			}
			m.pendingNum = m.cur
			return nil
		case xml.EndElement:
			if el.Name.Local == "sheetData" {
				m.done = true
				return nil
			}
		}
	}
}

func (m *metaScanner) readCells() error {
	m.cells = m.cells[:0]
	col := 0
	for {
		tok, err := m.dec.RawToken()
		if err != nil {
			if err == io.EOF {
				m.done = true
				return nil
			}
			return err
		}
		switch el := tok.(type) {
		case xml.StartElement:
			if el.Name.Local != "c" {
				continue
			}
			col++
			meta := cellMeta{set: true}
			for _, a := range el.Attr {
				switch a.Name.Local {
				case "r":
					if c := columnOf(a.Value); c > 0 {
						col = c
					}
				case "t":
					meta.t = a.Value
				case "s":
					meta.s, _ = strconv.Atoi(a.Value)
				}
			}
			for len(m.cells) < col {
				m.cells = append(m.cells, cellMeta{})
			}
			m.cells[col-1] = meta
		case xml.EndElement:
			if el.Name.Local == "row" {
				return nil
			}
		}
	}
}

func attr(attrs []xml.Attr, local string) string {
	for _, a := range attrs {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// columnOf returns the column number of a cell reference such as "AB12" (0 if none).
func columnOf(ref string) int {
	col := 0
	for i := 0; i < len(ref); i++ {
		c := ref[i]
		switch {
		case 'A' <= c && c <= 'Z':
			col = col*26 + int(c-'A') + 1
		case 'a' <= c && c <= 'z':
			col = col*26 + int(c-'a') + 1
		default:
			return col
		}
		if col > 16384 {
			return 0
		}
	}
	return col
}
