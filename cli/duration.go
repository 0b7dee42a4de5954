package cli

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/wolkvox-import/wolkvox-import/i18n"
)

// Duration is a positive duration flag whose errors say how to write one: a bare
// number ("--timeout 5") is met with the unit it lacks.
type Duration struct {
	D *time.Duration
	P *i18n.Printer // of the errors; nil: English
}

func (f Duration) String() string {
	if f.D == nil {
		return ""
	}
	return f.D.String()
}

func (f Duration) Set(v string) error {
	v = strings.TrimSpace(v)
	d, err := time.ParseDuration(v)
	if err == nil && d > 0 {
		*f.D = d
		return nil
	}
	p := f.P
	if p == nil {
		p = i18n.New(i18n.EN)
	}
	if err == nil {
		return errors.New(p.T("cli.duration.zero", v))
	}
	if _, nerr := strconv.ParseFloat(v, 64); nerr == nil {
		return errors.New(p.T("cli.duration.no_unit", v))
	}
	return errors.New(p.T("cli.duration.bad", v))
}
