package source

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"

	"golang.org/x/net/html/charset"

	"github.com/wolkvox-import/wolkvox-import/mapping"
)

// This file reads the parts of an XLSX package the reader needs, and no other: the
// workbook (sheets, their visibility, the 1904 date system), the styles (number formats
// by style index), the shared strings, and a sheet's merged areas and column widths. No
// part is read whole into memory past a limit, and a part the tool does not use is never
// decompressed: a workbook that would expand past the limits is refused as "too large or
// damaged" (excelize's OpenFile, which reads every part and extracts large ones to disk,
// took 6 GB on a 2 MB file).

// Limits on what a workbook may expand to. A real workbook of a million rows stays well
// inside them; each is far from what the machine can hold.
const (
	metaPartLimit = 32 << 20  // workbook.xml, its rels, styles.xml: decompressed bytes
	sstLimit      = 512 << 20 // sharedStrings.xml: decompressed bytes
	textRunLimit  = 4 << 20   // bytes between two tags: a cell of 32,767 characters escaped is < 1 MiB
	maxCellChars  = 32767     // Excel's limit on a cell's text
	maxRowCells   = 16384     // Excel's column limit (XFD)
)

// sstTextLimit is the shared strings' text held in memory (a variable, so that a test
// need not make 96 MB of strings).
var sstTextLimit = 96 << 20

// ErrTooLarge is a workbook (or a part of it) that would expand past the reader's limits.
var ErrTooLarge = errors.New("too large or damaged")

// workbook is the package-level information of an XLSX file.
type workbook struct {
	files    map[string]*zip.File
	sheets   []sheetPart
	date1904 bool
	xfs      []int          // the number format id of each cell style (cellXfs), by index
	custom   map[int]string // the workbook's own number formats, by id
	sstPath  string         // the shared strings part, as the workbook's relationships name it
}

// xmlWorkbookFull is what the workbook part says that the reader uses.
type xmlWorkbookFull struct {
	Pr struct {
		Date1904 string `xml:"date1904,attr"`
	} `xml:"workbookPr"`
	Sheets []struct {
		Name  string `xml:"name,attr"`
		ID    string `xml:"id,attr"` // r:id
		State string `xml:"state,attr"`
	} `xml:"sheets>sheet"`
}

type xmlStyles struct {
	NumFmts []struct {
		ID   int    `xml:"numFmtId,attr"`
		Code string `xml:"formatCode,attr"`
	} `xml:"numFmts>numFmt"`
	Xfs []struct {
		NumFmtID string `xml:"numFmtId,attr"`
	} `xml:"cellXfs>xf"`
}

func xmlTrue(s string) bool { return s == "1" || strings.EqualFold(s, "true") }

// readWorkbook reads the workbook, its relationships and its styles.
func readWorkbook(zr *zip.Reader) (*workbook, error) {
	wb := &workbook{files: make(map[string]*zip.File, len(zr.File)), custom: map[int]string{}}
	for _, f := range zr.File {
		wb.files[f.Name] = f
	}
	if lookupPart(wb.files, "xl/workbook.xml") == nil && lookupPart(wb.files, "content.xml") != nil {
		return nil, errODS
	}
	wbPath := "xl/workbook.xml"
	var root xmlRels
	if err := decodePart(wb.files, "_rels/.rels", &root, metaPartLimit); err == nil {
		for _, r := range root.Rels {
			if strings.HasSuffix(r.Type, "/officeDocument") {
				wbPath = strings.TrimPrefix(r.Target, "/")
			}
		}
	}
	var x xmlWorkbookFull
	if err := decodePart(wb.files, wbPath, &x, metaPartLimit); err != nil {
		return nil, fmt.Errorf("reading the workbook part %s: %w", wbPath, err)
	}
	wb.date1904 = xmlTrue(x.Pr.Date1904)
	parts, err := sheetParts(wb.files, wbPath, x)
	if err != nil {
		return nil, err
	}
	wb.sheets = parts
	stylesPath := "xl/styles.xml"
	var rels xmlRels
	if err := decodePart(wb.files, path.Join(path.Dir(wbPath), "_rels", path.Base(wbPath)+".rels"), &rels, metaPartLimit); err == nil {
		for _, r := range rels.Rels {
			target := path.Join(path.Dir(wbPath), r.Target)
			if strings.HasPrefix(r.Target, "/") {
				target = strings.TrimPrefix(r.Target, "/")
			}
			switch {
			case strings.HasSuffix(r.Type, "/sharedStrings"):
				wb.sstPath = target
			case strings.HasSuffix(r.Type, "/styles"):
				stylesPath = target
			}
		}
	}
	var st xmlStyles
	if f := lookupPart(wb.files, stylesPath); f != nil {
		if err := decodePart(wb.files, f.Name, &st, metaPartLimit); err != nil {
			return nil, fmt.Errorf("reading the styles: %w", err)
		}
	}
	for _, n := range st.NumFmts {
		wb.custom[n.ID] = n.Code
	}
	wb.xfs = make([]int, len(st.Xfs))
	for i, xf := range st.Xfs {
		wb.xfs[i], _ = strconv.Atoi(strings.TrimSpace(xf.NumFmtID))
	}
	return wb, nil
}

// errODS is an OpenDocument spreadsheet, a zip too, given where an XLSX was expected.
var errODS = errors.New("an OpenDocument spreadsheet")

// formatOf is the number format of a cell style: the workbook's own format for its id
// first (Apple Numbers redefines built-in ids), else the built-in one.
func (wb *workbook) formatOf(style int) numFormat {
	if style < 0 || style >= len(wb.xfs) {
		return parseNumFormat("")
	}
	id := wb.xfs[style]
	if code, ok := wb.custom[id]; ok {
		return parseNumFormat(code)
	}
	if code, ok := mapping.BuiltinFormats[id]; ok {
		return parseNumFormat(code)
	}
	return parseNumFormat("")
}

// sheetParts lists the sheets with the zip entries that hold them.
func sheetParts(files map[string]*zip.File, wbPath string, wb xmlWorkbookFull) ([]sheetPart, error) {
	var rels xmlRels
	relsPath := path.Join(path.Dir(wbPath), "_rels", path.Base(wbPath)+".rels")
	if err := decodePart(files, relsPath, &rels, metaPartLimit); err != nil {
		return nil, fmt.Errorf("reading %s: %w", relsPath, err)
	}
	parts := make([]sheetPart, 0, len(wb.Sheets))
	for _, s := range wb.Sheets {
		p := sheetPart{name: s.Name, hidden: s.State == "hidden" || s.State == "veryHidden"}
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

// openPart opens a part for reading at most limit decompressed bytes: past it the reader
// returns ErrTooLarge. A run of more than textRunLimit bytes between two tags is refused
// too, since an XML decoder holds a whole text token in memory.
func openPart(f *zip.File, limit int64) (io.ReadCloser, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	return &limitedPart{rc: rc, left: limit}, nil
}

type limitedPart struct {
	rc   io.ReadCloser
	left int64 // bytes the part may still expand to
	run  int   // bytes since the last '<' or '>'
}

func (p *limitedPart) Read(b []byte) (int, error) {
	if p.left <= 0 {
		return 0, ErrTooLarge
	}
	if int64(len(b)) > p.left {
		b = b[:p.left]
	}
	n, err := p.rc.Read(b)
	p.left -= int64(n)
	chunk := b[:n]
	if i := max(bytes.LastIndexByte(chunk, '<'), bytes.LastIndexByte(chunk, '>')); i >= 0 {
		p.run = len(chunk) - i - 1
	} else {
		p.run += len(chunk)
	}
	if p.run > textRunLimit {
		return n, ErrTooLarge
	}
	if p.left <= 0 && err == nil {
		// Not an error yet: the part may end exactly here.
		var one [1]byte
		if m, _ := p.rc.Read(one[:]); m > 0 {
			return n, ErrTooLarge
		}
	}
	return n, err
}

func (p *limitedPart) Close() error { return p.rc.Close() }

func decodePart(files map[string]*zip.File, name string, v any, limit int64) error {
	f := lookupPart(files, name)
	if f == nil {
		return fmt.Errorf("%s is missing", name)
	}
	rc, err := openPart(f, limit)
	if err != nil {
		return err
	}
	defer rc.Close()
	dec := xml.NewDecoder(rc)
	dec.CharsetReader = charset.NewReaderLabel
	return dec.Decode(v)
}

// sharedStrings is the workbook's shared string table, with the items that are longer
// than a cell may be marked (their text is cut to maxCellChars).
type sharedStrings struct {
	items []string
	long  map[int]int // index -> the item's length in characters, for items over maxCellChars
}

// readSharedStrings reads the shared string table: the part the workbook's relationships
// name (at), else xl/sharedStrings.xml, in any case; none when the part is missing.
func readSharedStrings(files map[string]*zip.File, at string) (*sharedStrings, error) {
	sst := &sharedStrings{}
	var zf *zip.File
	if at != "" {
		zf = lookupPart(files, at)
	}
	if zf == nil {
		zf = lookupPart(files, "xl/sharedStrings.xml")
	}
	if zf == nil {
		return sst, nil
	}
	rc, err := openPart(zf, sstLimit)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	d := xmlDecoder{dec: xml.NewDecoder(rc)}
	d.dec.CharsetReader = charset.NewReaderLabel
	held := 0
	for {
		tok, err := d.dec.RawToken()
		if err == io.EOF {
			return sst, nil
		}
		if err != nil {
			return nil, err
		}
		if el, ok := tok.(xml.StartElement); ok && el.Name.Local == "si" {
			v, err := d.richText()
			if err != nil {
				return nil, err
			}
			if n := charCount(v); n > maxCellChars {
				if sst.long == nil {
					sst.long = map[int]int{}
				}
				sst.long[len(sst.items)] = n
				v = clipChars(v, maxCellChars)
			}
			if held += len(v); held > sstTextLimit {
				return nil, ErrTooLarge
			}
			sst.items = append(sst.items, v)
		}
	}
}

// sheetExtras is what a worksheet part says beside its rows: the column widths (before
// sheetData), the merged areas (after it), and the last column that holds a value.
type sheetExtras struct {
	widths   []float64 // by column index; 0 = not set
	merges   []mergeArea
	usedCols int // the last column with a value in any row (cells with r attributes only)
}

// mergeArea is a merged range of cells, 1-based and inclusive.
type mergeArea struct {
	top, left, bottom, right int
}

// readSheetExtras reads the merged areas, column widths and dimension of a worksheet part.
// The part is read through once more for them (merged areas come after every row), as
// bytes: only the elements wanted are decoded, so this costs about a tenth of the row pass.
func readSheetExtras(f *zip.File) (sheetExtras, error) {
	var ex sheetExtras
	rc, err := f.Open()
	if err != nil {
		return ex, err
	}
	defer rc.Close()
	sc := tagScanner{r: rc, buf: make([]byte, 0, 64<<10)}
	lastCol := 0 // the column of the cell being read
	for {
		tag, err := sc.next()
		if err == io.EOF {
			return ex, nil
		}
		if err != nil {
			return ex, err
		}
		switch tagName(tag) {
		case "c":
			lastCol = 0
			if tag[len(tag)-1] != '/' {
				lastCol, _, _ = cellRef(tagAttr(tag, "r"))
			}
		case "v", "is", "f":
			ex.usedCols = max(ex.usedCols, lastCol)
		case "col":
			lo, _ := strconv.Atoi(tagAttr(tag, "min"))
			hi, _ := strconv.Atoi(tagAttr(tag, "max"))
			w, err := strconv.ParseFloat(tagAttr(tag, "width"), 64)
			if err != nil || lo < 1 || hi < lo || w <= 0 {
				continue
			}
			hi = min(hi, maxRowCells, lo+256) // "1:16384" styles every column; widths past the data do not matter
			for len(ex.widths) < hi {
				ex.widths = append(ex.widths, 0)
			}
			for c := lo; c <= hi; c++ {
				ex.widths[c-1] = w
			}
		case "mergeCell":
			if area, ok := parseArea(tagAttr(tag, "ref")); ok && len(ex.merges) < 1<<20 {
				ex.merges = append(ex.merges, area)
			}
		}
	}
}

// tagScanner finds the start tags of an XML stream without decoding the text between
// them. It holds at most one tag (bounded by textRunLimit) beside its buffer.
type tagScanner struct {
	r   io.Reader
	buf []byte
	pos int
	eof bool
}

// next returns the next start (or empty) tag's bytes, from its name to before '>'.
func (s *tagScanner) next() ([]byte, error) {
	for {
		i := bytes.IndexByte(s.buf[s.pos:], '<')
		if i < 0 {
			s.buf, s.pos = s.buf[:0], 0
			if err := s.fill(); err != nil {
				return nil, err
			}
			continue
		}
		start := s.pos + i + 1
		j := bytes.IndexByte(s.buf[start:], '>')
		if j < 0 {
			// The tag runs past the buffer: keep it and read more.
			s.buf = append(s.buf[:0], s.buf[start-1:]...)
			s.pos = 0
			if len(s.buf) > textRunLimit {
				return nil, ErrTooLarge
			}
			if err := s.fill(); err != nil {
				if err == io.EOF {
					return nil, io.EOF
				}
				return nil, err
			}
			continue
		}
		tag := s.buf[start : start+j]
		s.pos = start + j + 1
		if len(tag) > 0 && tag[0] != '/' && tag[0] != '?' && tag[0] != '!' {
			return tag, nil
		}
	}
}

func (s *tagScanner) fill() error {
	if s.eof {
		return io.EOF
	}
	if cap(s.buf)-len(s.buf) < 32<<10 {
		s.buf = append(make([]byte, 0, 2*cap(s.buf)+64<<10), s.buf...)
	}
	n, err := s.r.Read(s.buf[len(s.buf):cap(s.buf)])
	s.buf = s.buf[:len(s.buf)+n]
	if err == io.EOF {
		s.eof = true
		if n > 0 {
			return nil
		}
	}
	if err != nil && err != io.EOF {
		return err
	}
	if n == 0 && s.eof {
		return io.EOF
	}
	return nil
}

// tagName is a tag's local name (without a namespace prefix).
func tagName(tag []byte) string {
	end := bytes.IndexAny(tag, " \t\r\n/")
	if end < 0 {
		end = len(tag)
	}
	name := tag[:end]
	if k := bytes.IndexByte(name, ':'); k >= 0 {
		name = name[k+1:]
	}
	return string(name)
}

// tagAttr is the value of a tag's attribute (its local name), "" when absent.
func tagAttr(tag []byte, name string) string {
	for i := 0; i < len(tag); {
		k := bytes.Index(tag[i:], []byte(name+"="))
		if k < 0 {
			return ""
		}
		k += i
		if k > 0 && tag[k-1] != ' ' && tag[k-1] != '\t' && tag[k-1] != '\n' && tag[k-1] != '\r' && tag[k-1] != ':' {
			i = k + len(name)
			continue
		}
		v := tag[k+len(name)+1:]
		if len(v) == 0 || (v[0] != '"' && v[0] != '\'') {
			return ""
		}
		end := bytes.IndexByte(v[1:], v[0])
		if end < 0 {
			return ""
		}
		return string(v[1 : 1+end])
	}
	return ""
}

// parseArea reads "A2:B6" (or a single "C3").
func parseArea(ref string) (mergeArea, bool) {
	a, b, found := strings.Cut(strings.ReplaceAll(ref, "$", ""), ":")
	if !found {
		b = a
	}
	c1, r1, ok1 := cellRef(a)
	c2, r2, ok2 := cellRef(b)
	if !ok1 || !ok2 {
		return mergeArea{}, false
	}
	return mergeArea{top: min(r1, r2), left: min(c1, c2), bottom: max(r1, r2), right: max(c1, c2)}, true
}

// cellRef reads "AB12" as column 28, row 12.
func cellRef(s string) (col, row int, ok bool) {
	i := 0
	for i < len(s) && i < 3 {
		c := s[i] &^ 0x20
		if c < 'A' || c > 'Z' {
			break
		}
		col = col*26 + int(c-'A') + 1
		i++
	}
	if i == 0 || i == len(s) || col > maxRowCells {
		return 0, 0, false
	}
	row, err := strconv.Atoi(s[i:])
	if err != nil || row < 1 || row > 1_048_576 {
		return 0, 0, false
	}
	return col, row, true
}

func charCount(s string) int {
	if len(s) <= maxCellChars {
		return len([]rune(s)) // cheap enough for short texts; exact for every text
	}
	n := 0
	for range s {
		n++
	}
	return n
}

func clipChars(s string, n int) string {
	i := 0
	for k := range s {
		if i == n {
			return s[:k]
		}
		i++
	}
	return s
}

// errorCell is the cell a t="e" value becomes.
func errorCell(v string) mapping.Cell {
	return mapping.Cell{Text: strings.TrimSpace(v), Kind: mapping.KindError}
}
