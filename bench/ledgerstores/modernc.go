//go:build !nomodernc

package main

import _ "modernc.org/sqlite"

func init() {
	sqlDrivers["sqlite-modernc"] = func(path string) (store, error) {
		return openSQL("sqlite", "file:"+path+"?_txlock=immediate", path, 8192)
	}
}
