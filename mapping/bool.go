package mapping

// boolWords are the yes/no answers a sheet may hold, folded (case and accents do
// not matter: "Sí", "SI" and "si" are all yes).
var boolWords = map[string]bool{
	"si": true, "yes": true, "y": true, "true": true, "verdadero": true, "1": true, "x": true,
	"no": false, "n": false, "false": false, "falso": false, "0": false,
}

const boolHelp = "write sí, yes, true, verdadero, 1 or x for yes; no, false, falso or 0 for no; or leave it empty"

// parseBool reads a yes/no answer; s is already trimmed and not empty.
func parseBool(s string) (bool, error) {
	b, ok := boolWords[fold(s)]
	if !ok {
		return false, wrapf(ErrInvalidBool, "%q is not a yes/no answer; %s", s, boolHelp)
	}
	return b, nil
}
