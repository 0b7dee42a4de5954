package main

import (
	"encoding/binary"
	"encoding/json"

	bolt "go.etcd.io/bbolt"
)

// boltStore is bbolt in two layouts: "json", the ledger's today (an Entry as JSON, the
// run's server, operation and input repeated in every row), and "compact" (a binary
// value: state, row, times, id; the run's fields once, in a bucket of runs).
type boltStore struct {
	db      *bolt.DB
	path    string
	compact bool
}

var rows, runs = []byte("rows"), []byte("runs")

func openBolt(path string, compact bool) (*boltStore, error) {
	db, err := bolt.Open(path, 0o600, &bolt.Options{NoFreelistSync: compact, FreelistType: bolt.FreelistMapType})
	if err != nil {
		return nil, err
	}
	err = db.Update(func(tx *bolt.Tx) error {
		if _, err := tx.CreateBucketIfNotExists(rows); err != nil {
			return err
		}
		b, err := tx.CreateBucketIfNotExists(runs)
		if err != nil {
			return err
		}
		return b.Put([]byte{1}, []byte(runID+"\x00"+server+"\x00"+operation+"\x00"+input))
	})
	return &boltStore{db: db, path: path, compact: compact}, err
}

type jsonEntry struct {
	State     string `json:"state"`
	WolkvoxID string `json:"wolkvox_id,omitempty"`
	Server    string `json:"server"`
	Operation string `json:"operation"`
	Input     string `json:"input"`
	Row       int    `json:"row"`
	Run       string `json:"run"`
	SentAt    string `json:"sent_at"`
	DoneAt    string `json:"done_at,omitempty"`
}

func (s *boltStore) encode(e entry) []byte {
	if !s.compact {
		j := jsonEntry{State: map[byte]string{'s': "sending", 'c': "created", 'f': "failed"}[e.state],
			WolkvoxID: e.wolkvoxID, Server: server, Operation: operation, Input: input, Row: e.row, Run: runID,
			SentAt: e.sentAt.UTC().Format("2006-01-02T15:04:05.999999999Z07:00")}
		if !e.doneAt.IsZero() {
			j.DoneAt = e.doneAt.UTC().Format("2006-01-02T15:04:05.999999999Z07:00")
		}
		v, _ := json.Marshal(j)
		return v
	}
	v := []byte{e.state, 1}
	v = binary.AppendUvarint(v, uint64(e.row))
	v = binary.AppendVarint(v, e.sentAt.UnixMilli())
	if !e.doneAt.IsZero() {
		v = binary.AppendVarint(v, e.doneAt.UnixMilli()-e.sentAt.UnixMilli())
	}
	return append(v, e.wolkvoxID...)
}

func (s *boltStore) commit(ops []*op) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(rows)
		for _, o := range ops {
			if o.claim {
				o.claimed = b.Get(o.key[:]) == nil
				if !o.claimed {
					continue
				}
			}
			if err := b.Put(o.key[:], s.encode(o.e)); err != nil {
				return err
			}
		}
		return nil
	})
}

func (s *boltStore) size() int64  { return fileSizes(s.path) }
func (s *boltStore) close() error { return s.db.Close() }
