package ledger

import (
	"errors"
	"fmt"
	"os"
)

// ErrDamaged is what every DamagedError matches with errors.Is.
var ErrDamaged = errors.New("the ledger is damaged")

// Damage is what was found wrong with a ledger file.
type Damage int

const (
	Empty     Damage = iota + 1 // 0 bytes
	Truncated                   // shorter than its own header says
	NotLedger                   // no ledger header and no ledger entries: another kind of file
	Corrupt                     // bad header checksums, bad pages, or bbolt panicked on it
)

func (d Damage) String() string {
	switch d {
	case Empty:
		return "empty"
	case Truncated:
		return "truncated"
	case NotLedger:
		return "not a ledger"
	case Corrupt:
		return "corrupt"
	}
	return fmt.Sprintf("Damage(%d)", int(d))
}

// DamagedError says what is wrong with the ledger at Path, what a fresh ledger would
// cost, and how to export what can still be read.
type DamagedError struct {
	Path     string
	Kind     Damage
	Detail   string // what was found, in bbolt's or our words
	Readable int    // entries a salvage can still read (counted when the error is made)
}

func (e *DamagedError) Is(target error) bool { return target == ErrDamaged }

func (e *DamagedError) Error() string {
	var found string
	switch e.Kind {
	case Empty:
		found = "the file is empty (0 bytes): a failed copy, a full disk or a crash emptied it"
	case Truncated:
		found = "the file is cut short (" + e.Detail + ")"
	case NotLedger:
		found = "the file holds no ledger header and no ledger entries (" + e.Detail + "): --ledger may name another kind of file, or the ledger was overwritten"
	default:
		found = "its pages are corrupted (" + e.Detail + ")"
	}
	readable := "no entry can be read from it any more"
	if e.Readable > 0 {
		readable = plural(e.Readable, "entry", "entries") + " can still be read"
	}
	return fmt.Sprintf("ledger %s is damaged: %s. It is left as it is, and nothing is sent with it. "+
		"Do not start a fresh ledger in its place (deleting it, or a new --ledger FILE): a fresh ledger would send again every meeting this one remembers, creating duplicates. "+
		"%s: export them with `wolkvox-import ledger --salvage --ledger %s > ledger-salvage.csv` (it reads the file page by page on its own, and never modifies it), "+
		"then restore the ledger from a backup, or compare the export with Wolkvox before importing again",
		e.Path, found, upperFirst(readable), e.Path)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func upperFirst(s string) string {
	if s != "" && s[0] >= 'a' && s[0] <= 'z' {
		return string(s[0]-'a'+'A') + s[1:]
	}
	return s
}

// Salvaged is one entry read back from a ledger file by Salvage.
type Salvaged struct {
	Key   Key
	Entry Entry
}

// SalvageStats says how much of the file Salvage could read.
type SalvageStats struct {
	Pages, LeafPages, Unreadable int // unreadable: elements or entries that did not decode
}

// Salvage reads every entry it can from the ledger file at path, damaged or not, without
// changing or locking it: a SQLite ledger through SQLite, read-only, range by range so
// that a damaged part of the file loses only the entries it holds; a bbolt ledger (the
// store before SQLite) page by page, without bbolt.
func Salvage(path string) ([]Salvaged, SalvageStats, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, SalvageStats{}, err
	}
	info, err := f.Stat()
	f.Close()
	if err != nil {
		return nil, SalvageStats{}, err
	}
	if isSQL, _ := looksSQLite(path, info.Size()); isSQL {
		return salvageSQLite(path)
	}
	if looksBolt(path, info.Size()) {
		return salvageBolt(path)
	}
	// No header: try both ways of reading pages.
	if got, st, err := salvageSQLite(path); err != nil || len(got) > 0 {
		return got, st, err
	}
	return salvageBolt(path)
}
