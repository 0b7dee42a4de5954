// Command gen writes the inputs of bench/run.sh: a CSV or XLSX of generated meeting rows
// and the mapping that reads them.
//
//	go run ./bench/gen -rows 1000000 -csv DIR/big.csv
//	go run ./bench/gen -rows 200000 -xlsx DIR/big.xlsx -mapping DIR/mapping.yaml
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/wolkvox-import/wolkvox-import/bench"
)

func main() {
	rows := flag.Int("rows", 1000, "data rows to write")
	csvPath := flag.String("csv", "", "write a CSV of -rows rows to `FILE`")
	xlsxPath := flag.String("xlsx", "", "write an XLSX of -rows rows to `FILE` (StreamWriter, then shared strings)")
	mappingPath := flag.String("mapping", "", "write the mapping that reads them to `FILE`")
	flag.Parse()
	if *csvPath == "" && *xlsxPath == "" && *mappingPath == "" {
		fmt.Fprintln(os.Stderr, "gen: nothing to do: give -csv FILE, -xlsx FILE and/or -mapping FILE")
		os.Exit(2)
	}
	fail := func(err error) {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	if *mappingPath != "" {
		if err := bench.WriteMapping(*mappingPath); err != nil {
			fail(err)
		}
	}
	if *csvPath != "" {
		if err := bench.WriteCSVFile(*csvPath, *rows); err != nil {
			fail(err)
		}
	}
	if *xlsxPath != "" {
		if err := bench.WriteXLSX(*xlsxPath, *rows); err != nil {
			fail(err)
		}
	}
}
