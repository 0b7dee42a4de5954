package i18n

import (
	"reflect"
	"regexp"
	"slices"
	"strings"
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

// verb is a formatting verb of a message: flags, width, precision, index, letter.
var verb = regexp.MustCompile(`%[-+# 0]*\d*(?:\.\d+)?(?:\[\d+\])?[a-zA-Z%]`)

// Both languages of a plain message use the same verbs on the same arguments (a %[2]d in
// English is a %[2]d in Spanish, in any order), and none puts the precision after the
// index ("%[1].0f" prints %!f(BADINDEX); "%.0[1]f" is the way).
func TestTranslationsUseTheSameArguments(t *testing.T) {
	bad := regexp.MustCompile(`%\[\d+\][.\d]`)
	plain := func(lang Lang, key string) (string, bool) {
		for _, table := range tables[lang] {
			// catalog.String's message is a string type of an internal package.
			if m, ok := table[key]; ok && reflect.ValueOf(m).Kind() == reflect.String {
				return reflect.ValueOf(m).String(), true
			}
		}
		return "", false
	}
	for _, lang := range Langs {
		for _, k := range Keys(lang) {
			if s, ok := plain(lang, k); ok && bad.MatchString(s) {
				t.Errorf("%s %q: %q puts the precision after the index", lang, k, bad.FindString(s))
			}
		}
	}
	for _, k := range Keys(EN) {
		en, ok1 := plain(EN, k)
		es, ok2 := plain(ES, k)
		if !ok1 || !ok2 {
			continue
		}
		// The quotes may differ ("%q" in English, «%s» in Spanish), and an argument may be
		// said once in one language and twice in the other: the verbs are compared with
		// q taken for s, as sets.
		norm := func(s string) []string {
			vs := verb.FindAllString(s, -1)
			for i, v := range vs {
				if strings.HasSuffix(v, "q") {
					vs[i] = v[:len(v)-1] + "s"
				}
			}
			slices.Sort(vs)
			return slices.Compact(vs)
		}
		a, b := norm(en), norm(es)
		if !slices.Equal(a, b) {
			t.Errorf("%q: English uses %v, Spanish %v", k, a, b)
		}
	}
}
