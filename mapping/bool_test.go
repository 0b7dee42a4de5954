package mapping

import (
	"errors"
	"testing"
)

func TestParseBool(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{"si", true}, {"sí", true}, {"SÍ", true}, {"Si", true}, {"yes", true}, {"Y", true},
		{"true", true}, {"TRUE", true}, {"verdadero", true}, {"VERDADERO", true}, {"1", true}, {"x", true}, {"X", true},
		{"no", false}, {"NO", false}, {"n", false}, {"false", false}, {"FALSO", false}, {"0", false},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, err := parseBool(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
	for _, in := range []string{"tal vez", "2", "yes!", "sii", "-"} {
		t.Run(in, func(t *testing.T) {
			_, err := parseBool(in)
			if !errors.Is(err, ErrInvalidBool) {
				t.Fatalf("error %v is not ErrInvalidBool", err)
			}
			if got, want := err.Error(), `"`+in+`" is not a yes or a no; type Yes or No`; got != want {
				t.Errorf("got %q, want %q", got, want)
			}
		})
	}
}

// The answers parseBool finds without folding mean what folding them means.
func TestBoolExactIsFold(t *testing.T) {
	if len(boolExact) < len(boolWords) {
		t.Fatalf("%d exact answers, fewer than the %d words", len(boolExact), len(boolWords))
	}
	for v, b := range boolExact {
		if want, ok := boolWords[fold(v)]; !ok || want != b {
			t.Errorf("boolExact[%q] = %v, boolWords[fold] = %v, %v", v, b, want, ok)
		}
	}
}
