package report

import "io"

// asyncWriter hands what is written to it, in chunks, to a goroutine that writes them to
// dst: the zip entry's compression (most of the cost of writing a sheet) runs beside the
// goroutine that makes the rows. At most asyncChunks chunks of asyncChunkSize bytes are
// in memory. A write error of dst is returned by a later Write, or by Close.
type asyncWriter struct {
	cur  []byte
	full chan []byte
	free chan []byte
	done chan struct{}
	err  error // dst's first error, read once done is closed or through errc
	errc chan error
}

const (
	asyncChunkSize = 256 << 10
	asyncChunks    = 4
)

func newAsyncWriter(dst io.Writer) *asyncWriter {
	a := &asyncWriter{
		full: make(chan []byte, asyncChunks-2),
		free: make(chan []byte, asyncChunks),
		done: make(chan struct{}),
		errc: make(chan error, 1),
	}
	a.cur = make([]byte, 0, asyncChunkSize)
	for range asyncChunks - 1 {
		a.free <- make([]byte, 0, asyncChunkSize)
	}
	full := a.full // Close sets a.full to nil
	go func() {
		defer close(a.done)
		var err error
		for b := range full {
			if err == nil {
				if _, err = dst.Write(b); err != nil {
					a.errc <- err
				}
			}
			a.free <- b[:0]
		}
		a.err = err
	}()
	return a
}

func (a *asyncWriter) Write(p []byte) (int, error) {
	select {
	case err := <-a.errc:
		a.errc <- err
		return 0, err
	default:
	}
	n := len(p)
	for len(p) > 0 {
		k := min(len(p), cap(a.cur)-len(a.cur))
		a.cur = append(a.cur, p[:k]...)
		p = p[k:]
		if len(a.cur) == cap(a.cur) {
			a.full <- a.cur
			a.cur = <-a.free
		}
	}
	return n, nil
}

// Close writes what is left and waits for the goroutine; it returns dst's first error.
func (a *asyncWriter) Close() error {
	if a.full == nil {
		return a.err
	}
	if len(a.cur) > 0 {
		a.full <- a.cur
		a.cur = nil
	}
	close(a.full)
	a.full = nil
	<-a.done
	return a.err
}
