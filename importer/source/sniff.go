package source

import (
	"bytes"
	"io"

	"github.com/wolkvox-import/wolkvox-import/i18n"
)

// fileKind is what a file's first bytes say it is.
type fileKind int

const (
	kindText fileKind = iota // read as CSV
	kindXLSX                 // a zip: an XLSX workbook, or refused when it is not one
	kindOLE                  // an Excel 97-2003 .xls, or a password-protected workbook
	kindPDF
	kindPNG
	kindJPEG
	kindGIF
	kindHTML
	kindODSFlat
	kindRTF
	kindBinary
)

// sniff reads the first bytes of path to tell what it is, whatever its extension says: an
// XLSX named .csv is read as XLSX, a picture named .csv is refused.
func sniff(path string, p *i18n.Printer) (fileKind, error) {
	f, err := openFile(path, p)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	head := make([]byte, 4096)
	n, err := io.ReadFull(f, head)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return 0, fileError(p, path, 0, err, "source.cannot_read", err.Error())
	}
	return kindOf(head[:n]), nil
}

func kindOf(b []byte) fileKind {
	switch {
	case bytes.HasPrefix(b, []byte("PK\x03\x04")), bytes.HasPrefix(b, []byte("PK\x05\x06")):
		return kindXLSX
	case bytes.HasPrefix(b, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}):
		return kindOLE
	case bytes.HasPrefix(b, []byte("%PDF-")):
		return kindPDF
	case bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")):
		return kindPNG
	case bytes.HasPrefix(b, []byte{0xFF, 0xD8, 0xFF}):
		return kindJPEG
	case bytes.HasPrefix(b, []byte("GIF87a")), bytes.HasPrefix(b, []byte("GIF89a")):
		return kindGIF
	case bytes.HasPrefix(b, []byte(`{\rtf`)):
		return kindRTF
	}
	text := bytes.TrimLeft(bytes.TrimPrefix(b, []byte{0xEF, 0xBB, 0xBF}), " \t\r\n")
	lower := bytes.ToLower(text[:min(len(text), 512)])
	switch {
	case bytes.HasPrefix(lower, []byte("<!doctype html")), bytes.HasPrefix(lower, []byte("<html")):
		return kindHTML
	case bytes.HasPrefix(lower, []byte("<?xml")) && bytes.Contains(lower, []byte("office:document")):
		return kindODSFlat
	}
	if _, n := bomOf(b); n == 0 && utf16WithoutBOM(b) == "" && bytes.IndexByte(b, 0) >= 0 {
		return kindBinary
	}
	return kindText
}

// refuse is the error for a file that is not a spreadsheet the tool reads.
func refuse(p *i18n.Printer, path string, kind fileKind) error {
	key := map[fileKind]string{kindOLE: "source.refuse.xls", kindHTML: "source.refuse.html", kindODSFlat: "source.refuse.fods",
		kindPDF: "source.refuse.pdf", kindPNG: "source.refuse.png", kindJPEG: "source.refuse.jpeg", kindGIF: "source.refuse.gif",
		kindRTF: "source.refuse.rtf", kindBinary: "source.refuse.binary"}[kind]
	if key == "" {
		key = "source.refuse.other"
	}
	sentinel := ErrNotSpreadsheet
	if kind == kindOLE || kind == kindHTML || kind == kindODSFlat {
		sentinel = ErrUnsupportedFormat // a spreadsheet, in a format the tool does not read
	}
	return fileError(p, path, 0, sentinel, key)
}
