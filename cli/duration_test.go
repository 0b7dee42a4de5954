package cli

import (
	"strings"
	"testing"
	"time"
)

func TestDurationFlag(t *testing.T) {
	var d time.Duration
	f := Duration{D: &d}
	for in, want := range map[string]string{
		"5":    `"5" has no unit: write 5s`,
		"1.5":  `write 1.5s`,
		"soon": "is not a duration",
		"0":    "above zero",
		"-1m":  "above zero",
	} {
		if err := f.Set(in); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Set(%q) = %v, want %q", in, err, want)
		}
	}
	if err := f.Set("90s"); err != nil || d != 90*time.Second {
		t.Errorf("Set(90s): %v, %v", d, err)
	}
}
