package cli

import (
	"bytes"
	"flag"
	"strings"
	"testing"
	"time"

	"github.com/wolkvox-import/wolkvox-import/i18n"
)

func testFlags(out *bytes.Buffer) *flag.FlagSet {
	fs := flag.NewFlagSet("x", flag.ContinueOnError)
	fs.SetOutput(out)
	fs.Int("concurrency", 2, "requests in flight")
	fs.Int("zero", 0, "no default shown")
	fs.Float64("rate", 5, "per second")
	fs.String("log-format", "text", "text or json")
	fs.String("mapping", "", "YAML `FILE`")
	fs.Bool("dry-run", false, "send nothing")
	fs.Bool("q", false, "quiet")
	fs.Duration("latency", 0, "added")
	fs.Duration("timeout", 30*time.Second, "per request")
	return fs
}

// In English, PrintDefaults writes what the flag package writes.
func TestPrintDefaultsEnglishIsTheFlagPackages(t *testing.T) {
	var want, got bytes.Buffer
	testFlags(&want).PrintDefaults()
	PrintDefaults(testFlags(&got), i18n.New(i18n.EN))
	if got.String() != want.String() {
		t.Fatalf("got\n%s\nwant\n%s", got.String(), want.String())
	}
}

func TestPrintDefaultsSpanish(t *testing.T) {
	var got bytes.Buffer
	PrintDefaults(testFlags(&got), i18n.New(i18n.ES))
	for _, want := range []string{
		"  -concurrency entero\n    \trequests in flight (por omisión: 2)\n",
		"  -rate número\n    \tper second (por omisión: 5)\n",
		"  -log-format texto\n    \ttext or json (por omisión: \"text\")\n",
		"  -timeout duración\n    \tper request (por omisión: 30s)\n",
		"  -mapping FILE\n",
		"  -q\tquiet\n",
	} {
		if !strings.Contains(got.String(), want) {
			t.Errorf("missing %q in\n%s", want, got.String())
		}
	}
	if strings.Contains(got.String(), "(default") {
		t.Errorf("English left in\n%s", got.String())
	}
}
