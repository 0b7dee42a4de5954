package mapping

import (
	"unicode"
	"unicode/utf8"
)

// reader walks a date text; it never reads past the end.
type reader struct {
	s   string
	pos int
}

func (r *reader) done() bool { return r.pos >= len(r.s) }

// peek returns the next byte, or 0 at the end.
func (r *reader) peek() byte {
	if r.done() {
		return 0
	}
	return r.s[r.pos]
}

// byte consumes c if it comes next.
func (r *reader) byte(c byte) bool {
	if r.peek() != c || r.done() {
		return false
	}
	r.pos++
	return true
}

// spaces consumes a run of white space (non-breaking spaces included, which
// spreadsheets put in "10:30 a. m.") and says whether there was any.
func (r *reader) spaces() bool {
	start := r.pos
	for !r.done() {
		c, size := utf8.DecodeRuneInString(r.s[r.pos:])
		if !unicode.IsSpace(c) {
			break
		}
		r.pos += size
	}
	return r.pos > start
}

// digits reads between lo and hi ASCII digits (as many as there are).
func (r *reader) digits(lo, hi int) (int, bool) {
	n, start := 0, r.pos
	for r.pos-start < hi && !r.done() && '0' <= r.s[r.pos] && r.s[r.pos] <= '9' {
		n = n*10 + int(r.s[r.pos]-'0')
		r.pos++
	}
	if r.pos-start < lo {
		r.pos = start
		return 0, false
	}
	return n, true
}

// skipDigits consumes a run of digits and says whether there was any.
func (r *reader) skipDigits() bool {
	start := r.pos
	for !r.done() && '0' <= r.s[r.pos] && r.s[r.pos] <= '9' {
		r.pos++
	}
	return r.pos > start
}

// ampm recognises AM, PM, a.m., p. m. (any case) at the start of s and returns
// its length, 0 when there is none.
func ampm(s string) (n int, pm bool) {
	if s == "" {
		return 0, false
	}
	switch s[0] | 0x20 {
	case 'a':
	case 'p':
		pm = true
	default:
		return 0, false
	}
	r := reader{s: s, pos: 1}
	dotted := r.byte('.')
	if dotted {
		r.spaces()
	}
	if r.peek()|0x20 != 'm' {
		return 0, false
	}
	r.pos++
	if dotted {
		r.byte('.')
	}
	return r.pos, pm
}

func ampmLen(s string) int {
	n, _ := ampm(s)
	return n
}
