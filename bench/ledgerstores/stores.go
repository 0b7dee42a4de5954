package main

import "fmt"

func openStore(kind, path string) (store, error) {
	switch kind {
	case "bbolt-json":
		return openBolt(path, false)
	case "bbolt-compact":
		return openBolt(path, true)
	}
	if open := sqlDrivers[kind]; open != nil {
		return open(path)
	}
	return nil, fmt.Errorf("unknown store %q", kind)
}

var sqlDrivers = map[string]func(path string) (store, error){}
