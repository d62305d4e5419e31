package server

import (
	"errors"
	"io"
	"net/http"
	"sync"

	"golang.org/x/sync/semaphore"
)

// Reading a body before its signature is checked is the one thing any
// anonymous client can make the route do, so the memory it takes grows with
// the bytes that actually arrive, never with the Content-Length announced
// (a header-only request announcing 2 MiB holds 4 KiB, not 2 MiB), and all
// requests together hold at most the body budget.

var (
	// errBodyLength is a body that does not match its Content-Length.
	errBodyLength = errors.New("body length does not match Content-Length")
	// errBodyTooLarge is a body over the limit: 413.
	errBodyTooLarge = errors.New("body over the limit")
	// errBodyBudget is the budget of all bodies in flight spent: 503.
	errBodyBudget = errors.New("too many bodies in flight")
)

// Pooled buffer sizes: the first read gets 4 KiB, and a buffer grows
// fourfold while it fits the pool (GitHub's deliveries are mostly 5 to
// 30 KB: the captured 16 KB one takes two buffers), then twofold. So a
// buffer is at most four times the bytes received, plus 4 KiB.
var bodyClasses = [...]int{4 << 10, 16 << 10, 64 << 10}

// The pools hold array pointers, so that handing a buffer back costs no
// allocation (a *[]byte would).
var bodyPools [len(bodyClasses)]sync.Pool

func pooled(class int) []byte {
	p := bodyPools[class].Get()
	switch class {
	case 0:
		if a, ok := p.(*[4 << 10]byte); ok {
			return a[:0]
		}
	case 1:
		if a, ok := p.(*[16 << 10]byte); ok {
			return a[:0]
		}
	case 2:
		if a, ok := p.(*[64 << 10]byte); ok {
			return a[:0]
		}
	}
	return make([]byte, 0, bodyClasses[class])
}

func unpool(buf []byte) {
	switch cap(buf) {
	case 4 << 10:
		bodyPools[0].Put((*[4 << 10]byte)(buf[:4<<10]))
	case 16 << 10:
		bodyPools[1].Put((*[16 << 10]byte)(buf[:16<<10]))
	case 64 << 10:
		bodyPools[2].Put((*[64 << 10]byte)(buf[:64<<10]))
	}
}

// body is a request body being read; the capacity of buf is held in budget.
type body struct {
	buf    []byte
	budget *semaphore.Weighted
}

// grow makes room for at least one more byte, up to want bytes in all,
// charging the budget for the new capacity first.
func (b *body) grow(want int) error {
	size := max(4*len(b.buf), bodyClasses[0])
	if len(b.buf) >= bodyClasses[len(bodyClasses)-1] {
		size = 2 * len(b.buf)
	}
	size = min(size, want)
	class := -1
	for i, c := range bodyClasses {
		if size <= c {
			size, class = c, i
			break
		}
	}
	if !b.budget.TryAcquire(int64(size)) {
		return errBodyBudget
	}
	var next []byte
	if class >= 0 {
		next = pooled(class)[:len(b.buf)]
	} else {
		next = make([]byte, len(b.buf), size)
	}
	copy(next, b.buf)
	b.release()
	b.buf = next
	return nil
}

// release hands the buffer back to its pool and its bytes to the budget;
// at the end of a request nothing may use the body after.
func (b *body) release() {
	if b.buf == nil {
		return
	}
	b.budget.Release(int64(cap(b.buf)))
	unpool(b.buf)
	b.buf = nil
}

// read reads the whole body, at most limit bytes, into b. With a known
// Content-Length (already at most limit) a shorter or longer body is
// errBodyLength; an unknown length (chunked) over limit is errBodyTooLarge.
func (b *body) read(r *http.Request, limit int64) error {
	rb := r.Body
	if rb == nil {
		rb = http.NoBody
	}
	want := limit + 1 // one byte more than allowed shows an overflow
	if r.ContentLength >= 0 {
		want = r.ContentLength
	}
	if want == 0 {
		var probe [1]byte
		if n, _ := rb.Read(probe[:]); n > 0 {
			return errBodyLength
		}
		b.buf = []byte{}
		return nil
	}
	for int64(len(b.buf)) < want {
		if len(b.buf) == cap(b.buf) {
			if err := b.grow(int(want)); err != nil {
				return err
			}
		}
		room := b.buf[len(b.buf):min(int64(cap(b.buf)), want)]
		n, err := rb.Read(room)
		b.buf = b.buf[:len(b.buf)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
	}
	switch {
	case r.ContentLength < 0 && int64(len(b.buf)) > limit:
		return errBodyTooLarge
	case r.ContentLength >= 0 && int64(len(b.buf)) < r.ContentLength:
		return errBodyLength
	case r.ContentLength >= 0 && nonEmpty(rb, b.buf):
		return errBodyLength
	}
	return nil
}

// nonEmpty reports whether rb has more to read. net/http's server never
// hands over more than Content-Length, but a handler can be called with any
// io.Reader. The probe borrows buf[0] (a Reader may scribble on its whole
// buffer even when it returns nothing) so that it costs no allocation.
func nonEmpty(rb io.Reader, buf []byte) bool {
	first := buf[0]
	n, _ := rb.Read(buf[:1])
	buf[0] = first
	return n > 0
}
