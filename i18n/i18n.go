// Package i18n is the one message catalog of the tool: every text a person reads (the
// command's messages, the summary, the results' added columns and status words, the
// Summary sheet, the page) is looked up here by a key that says what it is about
// ("summary.created"), in Spanish or English.
//
// It is built on golang.org/x/text/message: the module is already a dependency (the CSV
// reader's encodings), its catalog does CLDR plural rules (plural.Selectf) and its
// printer writes numbers the way each language does (20.000 filas, 20,000 rows). The
// messages live in Go tables (messages_en.go, messages_es.go) rather than in files, so a
// missing key or a wrong argument is caught by the compiler and the tests, and nothing
// has to be loaded at run time.
package i18n

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"strings"
	"sync"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/message/catalog"
)

// Lang is a language the tool speaks.
type Lang string

const (
	EN Lang = "en"
	ES Lang = "es"
)

// Langs are the languages of the catalog, the default first.
var Langs = []Lang{EN, ES}

func (l Lang) tag() language.Tag {
	if l == ES {
		return language.Spanish
	}
	return language.English
}

// Parse reads a language name or locale ("es", "es_CO.UTF-8", "en-US", "C"); ok is false
// for one the tool does not speak.
func Parse(s string) (Lang, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(s, ".@"); i >= 0 {
		s = s[:i]
	}
	s = strings.ReplaceAll(s, "_", "-")
	switch base, _, _ := strings.Cut(s, "-"); base {
	case "es":
		return ES, true
	case "en", "c", "posix":
		return EN, true
	}
	return "", false
}

// Detect is the language of messages: the asked one (--lang), else the user's locale
// (LC_ALL, LC_MESSAGES, LANG, as POSIX orders them; the UI language on Windows), else
// English.
func Detect(asked string) (Lang, error) {
	if asked != "" {
		l, ok := Parse(asked)
		if !ok {
			locale, _ := Detect("") // the language asked for is not known: say it in the locale's
			return EN, errors.New(New(locale).T("cli.lang", asked))
		}
		return l, nil
	}
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if s := os.Getenv(v); s != "" {
			if l, ok := Parse(s); ok {
				return l, nil
			}
			return EN, nil // a locale is set, in a language the tool does not speak
		}
	}
	if runtime.GOOS == "windows" {
		if l, ok := Parse(windowsUILanguage()); ok {
			return l, nil
		}
	}
	return EN, nil
}

// tables are the catalog's parts, by language: each area (the command, the page) keeps
// its messages in files of its own, messages_<area>_<lang>.go, registered in their init.
var tables = map[Lang][]map[string]catalog.Message{}

func register(lang Lang, table map[string]catalog.Message) {
	tables[lang] = append(tables[lang], table)
}

// catalogOnce builds the catalog at first use: after every file's init has registered
// its table (init order follows file names).
var catalogOnce = sync.OnceValue(func() catalog.Catalog {
	b := catalog.NewBuilder(catalog.Fallback(language.English))
	for lang, parts := range tables {
		for _, table := range parts {
			for key, msg := range table {
				if err := b.Set(lang.tag(), key, msg); err != nil {
					panic(fmt.Sprintf("i18n: %s %s: %v", lang, key, err))
				}
			}
		}
	}
	return b
})

// Printer renders the catalog's messages in one language. It is safe for concurrent use
// only through T (each call makes its own printer state).
type Printer struct {
	lang Lang
	p    *message.Printer
}

// New returns the printer of lang.
func New(lang Lang) *Printer {
	return &Printer{lang: lang, p: message.NewPrinter(lang.tag(), message.Catalog(catalogOnce()))}
}

// Lang is the printer's language.
func (p *Printer) Lang() Lang { return p.lang }

// T is the message of key with args. A key missing from the catalog comes back as the key
// itself (a test makes sure none is).
func (p *Printer) T(key string, args ...any) string {
	return p.p.Sprintf(key, args...)
}

// Has reports whether the catalog holds key in lang.
func Has(lang Lang, key string) bool {
	for _, table := range tables[lang] {
		if _, ok := table[key]; ok {
			return true
		}
	}
	return false
}

// Keys lists the keys of one language's table.
func Keys(lang Lang) []string {
	var keys []string
	for _, table := range tables[lang] {
		for k := range table {
			keys = append(keys, k)
		}
	}
	return keys
}

// Text is a message not yet rendered: a key and its arguments. Errors carry Texts, so
// that the same error is rendered in the language of whoever reads it.
type Text struct {
	Key  string
	Args []any
}

// In renders t with p.
func (t Text) In(p *Printer) string { return p.T(t.Key, t.Args...) }
