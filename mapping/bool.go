package mapping

import (
	"strings"

	"github.com/wolkvox-import/wolkvox-import/i18n"
)

// boolWords are the yes/no answers a sheet may hold, folded (case and accents do
// not matter: "Sí", "SI" and "si" are all yes).
var boolWords = map[string]bool{
	"si": true, "yes": true, "y": true, "true": true, "verdadero": true, "1": true, "x": true,
	"no": false, "n": false, "false": false, "falso": false, "0": false,
}

// boolExact is the answers as sheets mostly write them (si, Sí, SÍ, Yes, NO, ...), each
// with what fold makes of it in boolWords, so that parseBool finds them without folding
// (for "sí", a Unicode normalization: most of the cost of a row's mapping).
var boolExact = func() map[string]bool {
	exact := map[string]bool{}
	add := func(v string) {
		if b, ok := boolWords[fold(v)]; ok {
			exact[v] = b
		}
	}
	for w := range boolWords {
		add(w)
		add(strings.ToUpper(w))
		add(strings.ToUpper(w[:1]) + w[1:])
	}
	for _, v := range []string{"sí", "Sí", "SÍ"} {
		add(v)
	}
	return exact
}()

// parseBool reads a yes/no answer; s is already trimmed and not empty.
func parseBool(s string) (bool, error) {
	c := converter{kind: kindBool}
	return c.parseBool(s)
}

func (c *converter) parseBool(s string) (bool, error) {
	if b, ok := boolExact[s]; ok {
		return b, nil
	}
	b, ok := boolWords[fold(s)]
	if !ok {
		fix := txt("row.fix.type", orList{c.boolWord(true), c.boolWord(false)})
		if c.constant {
			fix = txt("mapping.fix.write_bool")
		}
		return false, newProblem(KindBoolUnknown, ErrInvalidBool, txt("row.bool.unknown", quote(s)), fix, i18n.Text{})
	}
	return b, nil
}

// boolWord is the word a cell may hold for yes (or no): the sheet's, where values:
// translates one to it, else Yes (Sí) or No.
func (c *converter) boolWord(yes bool) any {
	for _, v := range c.words {
		if b, ok := boolWords[fold(v.to)]; ok && b == yes {
			return v.from
		}
	}
	if yes {
		return txt("row.word.yes")
	}
	return txt("row.word.no")
}
