//go:build !noncruces

package main

import _ "github.com/ncruces/go-sqlite3/driver"

func init() {
	sqlDrivers["sqlite-ncruces"] = func(path string) (store, error) {
		return openSQL("sqlite3", "file:"+path+"?_txlock=deferred", path, 8192)
	}
}
