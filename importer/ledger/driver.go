package ledger

// The SQLite driver: github.com/ncruces/go-sqlite3, SQLite compiled to Go (no cgo).
// See bench/ledgerstores for why this one.
import _ "github.com/ncruces/go-sqlite3/driver"

const driverName = "sqlite3"
