package cli

import (
	"flag"
	"fmt"
	"reflect"
	"strings"

	"github.com/wolkvox-import/wolkvox-import/i18n"
)

// PrintDefaults is flag.PrintDefaults in p's language: the same layout, with the
// value's type ("int", "duration") and the "(default 5)" after a flag's text from the
// catalog, so that a Spanish --help says "(por omisión: 5)". In English it writes what
// flag.PrintDefaults writes.
func PrintDefaults(fs *flag.FlagSet, p *i18n.Printer) {
	fs.VisitAll(func(f *flag.Flag) {
		var b strings.Builder
		fmt.Fprintf(&b, "  -%s", f.Name)
		name, usage := flag.UnquoteUsage(f)
		if name != "" {
			if key := "flag.type." + name; i18n.Has(p.Lang(), key) {
				name = p.T(key)
			}
			b.WriteString(" ")
			b.WriteString(name)
		}
		if b.Len() <= 4 { // "  -x": a one-letter boolean flag, its text on the same line
			b.WriteString("\t")
		} else {
			b.WriteString("\n    \t")
		}
		b.WriteString(strings.ReplaceAll(usage, "\n", "\n    \t"))
		if !isZeroValue(f) {
			def := f.DefValue
			if g, ok := f.Value.(flag.Getter); ok {
				if _, isString := g.Get().(string); isString {
					def = fmt.Sprintf("%q", def)
				}
			}
			b.WriteString(p.T("flag.default", def))
		}
		fmt.Fprint(fs.Output(), b.String(), "\n")
	})
}

// isZeroValue reports whether f's default is its type's zero value, as the flag package
// decides it: such a default is not shown.
func isZeroValue(f *flag.Flag) bool {
	typ := reflect.TypeOf(f.Value)
	var z reflect.Value
	if typ.Kind() == reflect.Pointer {
		z = reflect.New(typ.Elem())
	} else {
		z = reflect.Zero(typ)
	}
	v, ok := z.Interface().(flag.Value)
	if !ok {
		return false
	}
	return f.DefValue == v.String()
}
