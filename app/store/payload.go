package store

import (
	"fmt"

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
	if len(d.Payload) >= minCompress {
		if enc := s2.Encode(nil, d.Payload); len(enc) < len(d.Payload) {
			d.stored, d.format = enc, payloadS2
		}
	}
	return d
}

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
