package sandbox

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// The store keeps the sandbox's meetings across runs (import --sandbox), so that the
// promise of a re-upload (only the new rows are created) can be tried: a JSON-lines file,
// one Record a line, appended as each meeting is created. Options.Store names it.

// StateFiles are where import --sandbox keeps its meetings and its ledger: a "sandbox"
// folder beside the real ledger, in the user's state directory (never the real ledger).
func StateFiles(realLedger string) (meetings, ledger string) {
	dir := filepath.Join(filepath.Dir(realLedger), "sandbox")
	return filepath.Join(dir, "meetings.jsonl"), filepath.Join(dir, "ledger.db")
}

// ResetState forgets what import --sandbox kept (--sandbox-reset): both files go.
func ResetState(meetings, ledger string) error {
	for _, p := range []string{meetings, ledger} {
		if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	return nil
}

// openStore reads the records kept at path and opens it for appending (creating it and
// its folder if need be). A line that cannot be read (a crash in mid-write) is skipped.
func openStore(path string) (*os.File, []Record, uint64, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, nil, 0, err
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return nil, nil, 0, err
	}
	var records []Record
	var last uint64
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), maxBody+1024)
	for sc.Scan() {
		var r Record
		if json.Unmarshal(sc.Bytes(), &r) != nil || r.ID == "" {
			continue
		}
		records = append(records, r)
		if n, err := strconv.ParseUint(strings.TrimPrefix(r.ID, "64f1c2"), 16, 64); err == nil && n > last {
			last = n
		}
	}
	if err := sc.Err(); err != nil {
		f.Close()
		return nil, nil, 0, fmt.Errorf("the sandbox's meetings %s cannot be read (%v): remove it, or use --sandbox-reset", path, err)
	}
	if _, err := f.Seek(0, io.SeekEnd); err != nil {
		f.Close()
		return nil, nil, 0, err
	}
	return f, records, last, nil
}

// keepLocked appends r to the store, if there is one; s.mu is held.
func (s *Server) keepLocked(r Record) {
	if s.store == nil {
		return
	}
	b, err := json.Marshal(r)
	if err == nil {
		_, err = s.store.Write(append(b, '\n'))
	}
	if err != nil {
		s.logf("sandbox: cannot keep meeting %s in %s: %v", r.ID, s.store.Name(), err)
	}
}

// forgetLocked empties the store (a reset); s.mu is held.
func (s *Server) forgetLocked() {
	if s.store != nil {
		s.store.Truncate(0)
	}
}
