package source

import (
	"bytes"
	"fmt"
	"io"
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
func sniff(path string) (fileKind, error) {
	f, err := openFile(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	head := make([]byte, 4096)
	n, err := io.ReadFull(f, head)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return 0, &FileError{Path: path, Err: err, Msg: "cannot read the file: " + err.Error()}
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
func refuse(path string, kind fileKind) error {
	const save = "open it in Excel or LibreOffice and save it as .xlsx (or .csv)"
	var msg string
	switch kind {
	case kindOLE:
		msg = "this is an Excel 97-2003 workbook (.xls) or a password-protected workbook, which cannot be read; " + save + ", without a password"
	case kindHTML:
		msg = "this is a web page (HTML), not a spreadsheet, although some systems export it as .xls; " + save
	case kindODSFlat:
		msg = "this is an OpenDocument spreadsheet (.fods); " + save
	case kindPDF, kindPNG, kindJPEG, kindGIF, kindRTF, kindBinary:
		what := map[fileKind]string{kindPDF: "a PDF document", kindPNG: "a PNG image", kindJPEG: "a JPEG image",
			kindGIF: "a GIF image", kindRTF: "an RTF document", kindBinary: "a binary file"}[kind]
		msg = fmt.Sprintf("this is not a spreadsheet: it is %s; choose the .xlsx or .csv file with the meetings", what)
	default:
		msg = "this file cannot be read as a spreadsheet; " + save
	}
	sentinel := ErrNotSpreadsheet
	if kind == kindOLE || kind == kindHTML || kind == kindODSFlat {
		sentinel = ErrUnsupportedFormat // a spreadsheet, in a format the tool does not read
	}
	return &FileError{Path: path, Err: sentinel, Msg: msg}
}
