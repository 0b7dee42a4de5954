// Command corpus writes what the project's reader (importer/source) reads from each input
// file as a CSV, for bench/corpus.sh to compare with what LibreOffice shows.
//
//	go run ./bench/corpus [-sheet NAME] [-out DIR] FILE...
//
// For each FILE it writes DIR/<name>.<hash>.csv: first the record "H" + Header(), then one
// record per row from Next(): Row.Num, then each Row.Cells[i].Text. On stdout it prints
// one tab-separated line per file:
//
//	FILE <TAB> STATUS <TAB> OUTFILE <TAB> MESSAGE
//
// STATUS is "ok", "open" (Open failed), "read" (Next returned an error other than io.EOF;
// the rows before it are kept), "write" (the output could not be written) or "panic"
// (the reader panicked; recovered). A bad file never stops the others.
//
// It uses only Open, Options{Sheet}, Header, Next, Row.Num, Row.Cells[].Text and Close, so
// that it builds against newer reader code.
package main

import (
	"crypto/sha1"
	"encoding/csv"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"

	"github.com/wolkvox-import/wolkvox-import/importer/source"
)

func main() {
	sheet := flag.String("sheet", "", "XLSX sheet to read (default: the reader's choice, the first visible sheet)")
	out := flag.String("out", ".", "directory for the output CSV files")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: corpus [-sheet NAME] [-out DIR] FILE...\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() == 0 {
		flag.Usage()
		os.Exit(2)
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "corpus:", err)
		os.Exit(1)
	}
	for _, path := range flag.Args() {
		outFile := filepath.Join(*out, outName(path))
		status, msg := dump(path, outFile, source.Options{Sheet: *sheet})
		fmt.Printf("%s\t%s\t%s\t%s\n", path, status, outFile, oneLine(msg))
	}
}

// outName is the output file's name: the input's base name and a hash of its path, so
// that inputs of the same name in different folders do not collide.
func outName(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	sum := sha1.Sum([]byte(abs))
	return filepath.Base(path) + "." + hex.EncodeToString(sum[:4]) + ".csv"
}

// dump reads path and writes what it read to outFile. It never panics: a panic in the
// reader becomes the status "panic" (what was read before it is kept).
func dump(path, outFile string, opts source.Options) (status, msg string) {
	f, err := os.Create(outFile)
	if err != nil {
		return "write", err.Error()
	}
	w := csv.NewWriter(f)
	defer func() {
		if p := recover(); p != nil {
			status = "panic"
			msg = fmt.Sprintf("%v; %s", p, firstFrames(debug.Stack()))
		}
		w.Flush()
		if err := w.Error(); err != nil && status == "ok" {
			status, msg = "write", err.Error()
		}
		if err := f.Close(); err != nil && status == "ok" {
			status, msg = "write", err.Error()
		}
	}()

	r, err := source.Open(path, opts)
	if err != nil {
		return "open", err.Error()
	}
	defer func() {
		// Close may panic too; the deferred recover above sees it.
		_ = r.Close()
	}()
	if err := w.Write(append([]string{"H"}, r.Header()...)); err != nil {
		return "write", err.Error()
	}
	rows := 0
	for {
		row, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return "read", fmt.Sprintf("after %d rows: %v", rows, err)
		}
		rec := make([]string, 0, 1+len(row.Cells))
		rec = append(rec, strconv.Itoa(row.Num))
		for _, c := range row.Cells {
			rec = append(rec, c.Text)
		}
		if err := w.Write(rec); err != nil {
			return "write", err.Error()
		}
		rows++
	}
	return "ok", fmt.Sprintf("%d rows", rows)
}

// firstFrames keeps the few stack lines that name the reader's code, for the report.
func firstFrames(stack []byte) string {
	var keep []string
	for _, line := range strings.Split(string(stack), "\n") {
		line = strings.TrimSpace(line)
		if strings.Contains(line, "/importer/") && strings.Contains(line, ".go:") {
			keep = append(keep, line)
			if len(keep) == 3 {
				break
			}
		}
	}
	return strings.Join(keep, " <- ")
}

func oneLine(s string) string {
	return strings.NewReplacer("\t", " ", "\r", " ", "\n", " ").Replace(s)
}
