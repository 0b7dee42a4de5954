// Command measure reads what the sandbox saw, and runs the sequential baseline, for
// bench/run.sh. Its output is shell assignments (name=value), one run per line.
//
//	measure arrivals -url http://127.0.0.1:PORT
//	    count=… ok=… span_s=… mean=… max1s=…   (inserts only, from GET /sandbox/requests)
//	measure seq -url http://127.0.0.1:PORT -input rows.csv -mapping mapping.yaml
//	    rows=… created=… seconds=… rows_per_s=…  (one POST after another, token from WOLKVOX_TOKEN)
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"

	"github.com/wolkvox-import/wolkvox-import/bench"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if len(os.Args) < 2 {
		usage()
	}
	fs := flag.NewFlagSet(os.Args[1], flag.ExitOnError)
	url := fs.String("url", "", "sandbox base `URL`")
	input := fs.String("input", "", "seq: input `FILE` (.csv or .xlsx)")
	mappingPath := fs.String("mapping", "", "seq: mapping `FILE`")
	fs.Parse(os.Args[2:])
	if *url == "" {
		usage()
	}
	switch os.Args[1] {
	case "arrivals":
		log, err := bench.FetchRequests(ctx, *url)
		if err != nil {
			fail(err)
		}
		a := bench.Inserts(log)
		fmt.Printf("count=%d ok=%d span_s=%.3f mean=%.2f max1s=%d first10=%.1f last10=%.1f\n", a.Count, a.OK, a.Span.Seconds(), a.Mean, a.MaxIn1s, a.FirstTenth, a.LastTenth)
	case "seq":
		bodies, err := bench.Bodies(*input, *mappingPath)
		if err != nil {
			fail(err)
		}
		token := os.Getenv("WOLKVOX_TOKEN")
		if token == "" {
			token = "bench-token"
		}
		created, took, err := bench.PostSequential(ctx, *url, token, bodies)
		if err != nil {
			fail(err)
		}
		fmt.Printf("rows=%d created=%d seconds=%.3f rows_per_s=%.2f\n", len(bodies), created, took.Seconds(), float64(len(bodies))/took.Seconds())
	default:
		usage()
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: measure arrivals -url URL | measure seq -url URL -input FILE -mapping FILE")
	os.Exit(2)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "measure:", err)
	os.Exit(1)
}
