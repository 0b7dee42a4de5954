//go:build !unix

package ledger

// lockFile is a no-op where flock is not: a migration there assumes no other run.
func lockFile(string) (func(), error) { return func() {}, nil }
