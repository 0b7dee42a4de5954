package ledger

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/wolkvox-import/wolkvox-import/i18n"
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

func (e *DamagedError) Error() string { return e.Localize(i18n.New(i18n.EN)) }

// Localize is the error in p's language: what was found, that a fresh ledger would send
// every meeting again, and how to export what can still be read.
func (e *DamagedError) Localize(p *i18n.Printer) string {
	var found string
	switch e.Kind {
	case Empty:
		found = p.T("ledger.damaged.empty")
	case Truncated:
		found = p.T("ledger.damaged.truncated", e.Detail)
	case NotLedger:
		found = p.T("ledger.damaged.not_ledger", e.Detail)
	default:
		found = p.T("ledger.damaged.corrupt", e.Detail)
	}
	readable := p.T("ledger.damaged.none_readable")
	if e.Readable > 0 {
		readable = p.T("ledger.damaged.readable", e.Readable)
	}
	return p.T("ledger.damaged", e.Path, found, readable)
}

// InUseError is a ledger another run kept locked longer than a commit takes; it
// matches ErrInUse with errors.Is.
type InUseError struct {
	Path  string
	Cause error // what the store said, nil when the lock was ours to see
}

func (e *InUseError) Is(target error) bool { return target == ErrInUse }
func (e *InUseError) Error() string        { return e.Localize(i18n.New(i18n.EN)) }

// Localize is the error in p's language.
func (e *InUseError) Localize(p *i18n.Printer) string {
	cause := ""
	if e.Cause != nil {
		cause = e.Cause.Error()
	}
	msg := p.T("ledger.in_use", e.Path, cause)
	if cause == "" {
		msg = strings.TrimSuffix(msg, " ()")
	}
	return msg
}

// FileError is a ledger file that could not be used for a reason of the system (a
// folder that cannot be made, a file that cannot be read) or of its own (Text); it
// unwraps to Err.
type FileError struct {
	Path string
	Text i18n.Text // what happened, "" (zero) when Err says it all
	Err  error
}

func (e *FileError) Unwrap() error { return e.Err }
func (e *FileError) Error() string { return e.Localize(i18n.New(i18n.EN)) }

// Localize is the error in p's language; the system's own words stay as it wrote them.
func (e *FileError) Localize(p *i18n.Printer) string {
	var parts []string
	if e.Path != "" {
		parts = append(parts, p.T("ledger.file", e.Path))
	}
	if e.Text.Key != "" {
		parts = append(parts, e.Text.In(p))
	}
	msg := strings.Join(parts, ": ")
	if e.Err != nil && msg != "" {
		msg += ": " + e.Err.Error()
	} else if e.Err != nil {
		msg = e.Err.Error()
	}
	return msg
}

func fileError(path string, err error) error { return &FileError{Path: path, Err: err} }

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
