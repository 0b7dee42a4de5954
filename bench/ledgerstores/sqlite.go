package main

import (
	"context"
	"database/sql"
	"fmt"
)

// sqlStore is SQLite in WAL mode with synchronous=FULL: a commit appends its pages to
// the WAL and syncs it once; checkpoints copy pages back now and then. Rows live in a
// WITHOUT ROWID table keyed by the 32-byte key; a run's server, operation and input are
// stored once, in runs.
type sqlStore struct {
	db         *sql.DB
	conn       *sql.Conn
	path       string
	get, put   *sql.Stmt
	begin, end *sql.Stmt
}

const schema = `
PRAGMA journal_mode=WAL;
PRAGMA synchronous=FULL;
CREATE TABLE IF NOT EXISTS runs (id INTEGER PRIMARY KEY, run TEXT UNIQUE NOT NULL, server TEXT NOT NULL, operation TEXT NOT NULL, input TEXT NOT NULL, started_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS rows (
	key BLOB PRIMARY KEY, run INTEGER NOT NULL REFERENCES runs, row INTEGER NOT NULL,
	state TEXT NOT NULL, wolkvox_id TEXT, error TEXT, sent_at INTEGER NOT NULL, done_at INTEGER
) WITHOUT ROWID;
INSERT OR IGNORE INTO runs VALUES (1, '` + runID + `', '` + server + `', '` + operation + `', '` + input + `', 0);
`

func openSQL(driver, dsn, path string, cacheKB int) (*sqlStore, error) {
	db, err := sql.Open(driver, dsn)
	if err != nil {
		return nil, err
	}
	ctx := context.Background()
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := conn.ExecContext(ctx, schema+fmt.Sprintf("PRAGMA cache_size=-%d;", cacheKB)); err != nil {
		return nil, err
	}
	s := &sqlStore{db: db, conn: conn, path: path}
	for _, p := range []struct {
		st **sql.Stmt
		q  string
	}{
		{&s.get, `SELECT state FROM rows WHERE key = ?`},
		{&s.put, `INSERT OR REPLACE INTO rows (key, run, row, state, wolkvox_id, sent_at, done_at) VALUES (?, 1, ?, ?, ?, ?, ?)`},
		{&s.begin, `BEGIN IMMEDIATE`},
		{&s.end, `COMMIT`},
	} {
		if *p.st, err = conn.PrepareContext(ctx, p.q); err != nil {
			return nil, err
		}
	}
	return s, nil
}

var stateName = map[byte]string{'s': "sending", 'c': "created", 'f': "failed"}

func (s *sqlStore) commit(ops []*op) error {
	if _, err := s.begin.Exec(); err != nil {
		return err
	}
	for _, o := range ops {
		if o.claim {
			var st string
			switch err := s.get.QueryRow(o.key[:]).Scan(&st); err {
			case sql.ErrNoRows:
				o.claimed = true
			case nil:
				continue
			default:
				return err
			}
		}
		var done any
		if !o.e.doneAt.IsZero() {
			done = o.e.doneAt.UnixMilli()
		}
		var id any
		if o.e.wolkvoxID != "" {
			id = o.e.wolkvoxID
		}
		if _, err := s.put.Exec(o.key[:], o.e.row, stateName[o.e.state], id, o.e.sentAt.UnixMilli(), done); err != nil {
			return err
		}
	}
	_, err := s.end.Exec()
	return err
}

func (s *sqlStore) size() int64 { return fileSizes(s.path, s.path+"-wal", s.path+"-shm") }

func (s *sqlStore) close() error {
	for _, st := range []*sql.Stmt{s.get, s.put, s.begin, s.end} {
		st.Close()
	}
	s.conn.Close()
	return s.db.Close()
}
