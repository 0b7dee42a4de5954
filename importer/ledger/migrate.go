package ledger

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"github.com/wolkvox-import/wolkvox-import/i18n"
)

// create makes a new SQLite ledger at path holding what fill writes (nothing if fill is
// nil): built under a temporary name of its own, closed (checkpointed: no WAL left),
// synced, then put in place, so that path is either absent or a whole ledger. With
// replace false it never replaces a file another process put there meanwhile (a link,
// which fails if path exists, then the temporary name removed): that one is used.
func create(path string, fill func(*wtx) error, replace bool) error {
	f, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".new-*")
	if err != nil {
		return fileError(path, err)
	}
	tmp := f.Name()
	f.Close()
	defer removeDB(tmp)
	l, err := openSQLite(tmp)
	if err != nil {
		return err
	}
	if fill != nil {
		err = l.update(fill)
	}
	if cerr := l.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = syncFile(tmp)
	}
	if err == nil && replace {
		err = os.Rename(tmp, path)
	} else if err == nil {
		if err = os.Link(tmp, path); errors.Is(err, os.ErrExist) {
			err = nil // another import made it first
		}
	}
	if err != nil {
		return fileError(path, err)
	}
	return syncFile(filepath.Dir(path))
}

// migrate carries the bbolt ledger at path (already checked: see checkBolt) over into a
// SQLite ledger in its place, in one transaction. The bbolt file is kept, unchanged,
// under the name it returns (path.bbolt, or path.bbolt.2, ...). A crash midway leaves
// path the bbolt file, and the next Open migrates again.
func migrate(path string) (kept string, err error) {
	// One migration at a time (a lock on the ledger's folder: the file itself is about
	// to be replaced), and none while an older wolkvox-import holds the bbolt file (its
	// lock makes the read-only open below time out: ErrInUse).
	unlock, err := lockFile(filepath.Dir(path))
	if err != nil {
		return "", err
	}
	defer unlock()
	if info, err := os.Stat(path); err != nil {
		return "", fileError(path, err)
	} else if isSQL, _ := looksSQLite(path, info.Size()); isSQL {
		return "", nil // another import migrated it while this one waited
	}
	// What a migration killed midway left behind.
	if stale, _ := filepath.Glob(path + ".new-*"); len(stale) > 0 {
		for _, p := range stale {
			os.Remove(p)
		}
	}
	for i := 1; ; i++ {
		kept = path + ".bbolt"
		if i > 1 {
			kept = fmt.Sprintf("%s.bbolt.%d", path, i)
		}
		if _, err := os.Lstat(kept); errors.Is(err, os.ErrNotExist) {
			break
		}
	}
	// Keep the old file under its new name first (a second link to the same data), so
	// that no moment passes without it.
	if err := os.Link(path, kept); err != nil {
		if err := copyFile(path, kept); err != nil {
			return "", &FileError{Path: path, Text: i18n.Text{Key: "ledger.migrate.keep", Args: []any{kept}}, Err: err}
		}
	}
	err = create(path, func(t *wtx) error {
		return guard(path, func() error {
			db, err := bolt.Open(kept, 0o600, &bolt.Options{ReadOnly: true, Timeout: 2 * time.Second})
			if err != nil {
				return err
			}
			defer db.Close()
			return db.View(func(tx *bolt.Tx) error {
				b := tx.Bucket(boltRows)
				if b == nil {
					return nil
				}
				return b.ForEach(func(k, v []byte) error {
					var e Entry
					if len(k) != len(Key{}) {
						return &DamagedError{Path: path, Kind: Corrupt, Detail: fmt.Sprintf("an entry with a %d-byte key", len(k))}
					}
					if err := decodeJSON(v, &e); err != nil {
						return &DamagedError{Path: path, Kind: Corrupt, Detail: err.Error()}
					}
					return t.put(Key(k), e)
				})
			})
		})
	}, true)
	if err != nil {
		os.Remove(kept) // path still holds the bbolt ledger
		if errors.Is(err, berrors.ErrTimeout) {
			return "", &InUseError{Path: path}
		}
		return "", &FileError{Path: path, Text: i18n.Text{Key: "ledger.migrate.failed"}, Err: err}
	}
	return kept, nil
}

func removeDB(path string) {
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		os.Remove(p)
	}
}

func syncFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
