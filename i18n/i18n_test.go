package i18n

import (
	"slices"
	"testing"
)

// Every key is in both languages.
func TestCatalogsHaveTheSameKeys(t *testing.T) {
	for _, k := range Keys(EN) {
		if !Has(ES, k) {
			t.Errorf("%q is in English only", k)
		}
	}
	for _, k := range Keys(ES) {
		if !Has(EN, k) {
			t.Errorf("%q is in Spanish only", k)
		}
	}
}

// Every key renders to something other than itself in both languages.
func TestEveryKeyRenders(t *testing.T) {
	for _, lang := range Langs {
		p := New(lang)
		keys := Keys(lang)
		slices.Sort(keys)
		for _, k := range keys {
			if got := p.T(k, 1, 2, 3, 4, 5); got == k || got == "" {
				t.Errorf("%s %q renders as %q", lang, k, got)
			}
		}
	}
}

func TestPluralsAndNumbers(t *testing.T) {
	for _, tt := range []struct {
		lang Lang
		n    int
		want string
	}{
		{EN, 1, "1 row"}, {EN, 20000, "20,000 rows"}, {ES, 1, "1 fila"}, {ES, 20000, "20.000 filas"}, {ES, 0, "0 filas"},
	} {
		if got := New(tt.lang).T("rows", tt.n); got != tt.want {
			t.Errorf("%s rows(%d) = %q, want %q", tt.lang, tt.n, got, tt.want)
		}
	}
}

func TestDetect(t *testing.T) {
	for _, tt := range []struct {
		asked, lcAll, lcMessages, lang string
		want                           Lang
	}{
		{"", "", "", "es_CO.UTF-8", ES},
		{"", "", "", "C", EN},
		{"", "", "", "", EN},
		{"en", "", "", "es_CO.UTF-8", EN},
		{"", "en_US.UTF-8", "", "es_CO.UTF-8", EN},
		{"", "", "es_MX", "en_US", ES},
		{"", "", "", "fr_FR.UTF-8", EN},
	} {
		t.Setenv("LC_ALL", tt.lcAll)
		t.Setenv("LC_MESSAGES", tt.lcMessages)
		t.Setenv("LANG", tt.lang)
		if got, err := Detect(tt.asked); err != nil || got != tt.want {
			t.Errorf("Detect(%q) with LC_ALL=%q LC_MESSAGES=%q LANG=%q = %v, %v; want %v", tt.asked, tt.lcAll, tt.lcMessages, tt.lang, got, err, tt.want)
		}
	}
	if _, err := Detect("fr"); err == nil {
		t.Error("Detect(fr): no error")
	}
}
