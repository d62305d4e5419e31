package store

import (
	"fmt"
	"sync"

	"github.com/klauspost/compress/s2"
)

// Inbox payloads are stored s2-compressed (pw_inbox.payload_format 1) when
// that makes them smaller: a 16 KB issue_comment delivery shrinks about 5x,
// so the group-commit writer, the webhook route's one serial step, writes
// (and checkpoints, and on PostgreSQL sends) a fifth of the bytes. Rows from
// before migration 4, and payloads that do not shrink, keep format 0 (raw).
const (
	payloadRaw = 0
	payloadS2  = 1
)

// minCompress is the size below which a payload is stored raw: compressing
// a few hundred bytes saves nothing worth a format switch.
const minCompress = 512

// Pack compresses d's payload for storage and returns d carrying it. Accept
// packs whatever is not packed yet, in its transaction; callers with CPUs
// to spare (the webhook handlers, one goroutine per request) call Pack
// first so that the compression runs in parallel instead of in the writer.
func (d Delivery) Pack() Delivery {
	if d.packed {
		return d
	}
	d.packed = true
	d.stored, d.format = orEmpty(d.Payload), payloadRaw
	if n := s2.MaxEncodedLen(len(d.Payload)); len(d.Payload) >= minCompress && n > 0 {
		// Encode into pooled scratch space and keep an exact-size copy: s2
		// needs room for the worst case (more than the input), and a fresh
		// buffer of that size per delivery would be zeroed, then mostly
		// wasted until collected.
		scratch := packScratch.Get().(*[]byte)
		if cap(*scratch) < n {
			*scratch = make([]byte, n)
		}
		if enc := s2.Encode((*scratch)[:cap(*scratch)], d.Payload); len(enc) < len(d.Payload) {
			d.stored, d.format = append([]byte(nil), enc...), payloadS2
		}
		packScratch.Put(scratch)
	}
	return d
}

// Detach returns d packed (see Pack) and holding no reference to the
// caller's payload buffer, which the webhook route reuses for its next
// request: a payload stored raw is copied, and Payload is dropped (only the
// stored form is written).
func (d Delivery) Detach() Delivery {
	d = d.Pack()
	if d.format == payloadRaw {
		d.stored = append([]byte{}, d.stored...)
	}
	d.Payload = nil
	return d
}

var packScratch = sync.Pool{New: func() any { return new([]byte) }}

// unpack returns a stored payload as it was received.
func unpack(stored []byte, format int64) ([]byte, error) {
	switch format {
	case payloadRaw:
		return stored, nil
	case payloadS2:
		p, err := s2.Decode(nil, stored)
		if err != nil {
			return nil, fmt.Errorf("decompress s2 payload: %w", err)
		}
		return p, nil
	default:
		return nil, fmt.Errorf("unknown payload format %d (written by a newer version?)", format)
	}
}
