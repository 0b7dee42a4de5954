// Command measure reads what the sandbox saw, and runs the sequential baseline, for
// bench/run.sh. Its output is shell assignments (name=value), one run per line.
//
//	measure arrivals -url http://127.0.0.1:PORT
//	    count=… ok=… span_s=… mean=… max1s=… first10=… last10=… inflight=… sending_s=… rate=…
//	    (inserts only, from GET /sandbox/requests; inflight: mean requests in flight at
//	    the server from the first arrival to the last answer; rate: inserts over that span)
//	measure seq -url http://127.0.0.1:PORT -input rows.csv -mapping mapping.yaml
//	    rows=… created=… seconds=… rows_per_s=…  (one POST after another, token from WOLKVOX_TOKEN)
//	measure loop -c C -url http://127.0.0.1:PORT -input rows.csv -mapping mapping.yaml
//	    the same output: C goroutines POSTing the bodies as fast as answers come (the
//	    machine's limit for the importer at --concurrency C)
//	measure body -input rows.csv -mapping mapping.yaml
//	    the first row's request body, for hey -D
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"time"

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
	conc := fs.Int("c", 1, "loop: `C` goroutines posting")
	fs.Parse(os.Args[2:])
	if *url == "" && os.Args[1] != "body" {
		usage()
	}
	switch os.Args[1] {
	case "arrivals":
		log, err := bench.FetchRequests(ctx, *url)
		if err != nil {
			fail(err)
		}
		a := bench.Inserts(log)
		fmt.Printf("count=%d ok=%d span_s=%.3f mean=%.2f max1s=%d first10=%.1f last10=%.1f inflight=%.4f sending_s=%.3f rate=%.2f\n",
			a.Count, a.OK, a.Span.Seconds(), a.Mean, a.MaxIn1s, a.FirstTenth, a.LastTenth, a.InFlight, a.Sending.Seconds(), a.Rate())
	case "body":
		bodies, err := bench.Bodies(*input, *mappingPath)
		if err != nil {
			fail(err)
		}
		if len(bodies) == 0 {
			fail(fmt.Errorf("%s: no valid row", *input))
		}
		os.Stdout.Write(bodies[0])
	case "seq", "loop":
		bodies, err := bench.Bodies(*input, *mappingPath)
		if err != nil {
			fail(err)
		}
		token := os.Getenv("WOLKVOX_TOKEN")
		if token == "" {
			token = "bench-token"
		}
		post := bench.PostSequential
		if os.Args[1] == "loop" {
			post = func(ctx context.Context, url, token string, bodies [][]byte) (int, time.Duration, error) {
				return bench.PostConcurrent(ctx, url, token, bodies, *conc)
			}
		}
		created, took, err := post(ctx, *url, token, bodies)
		if err != nil {
			fail(err)
		}
		fmt.Printf("rows=%d created=%d seconds=%.3f rows_per_s=%.2f\n", len(bodies), created, took.Seconds(), float64(len(bodies))/took.Seconds())
	default:
		usage()
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: measure arrivals -url URL | measure seq|loop [-c C] -url URL -input FILE -mapping FILE | measure body -input FILE -mapping FILE")
	os.Exit(2)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "measure:", err)
	os.Exit(1)
}
