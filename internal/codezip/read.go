package codezip

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"strings"
)

// largeFileBytes is the size above which ReadBase64 takes the process-wide
// slot: below it, many concurrent reads together cost little memory.
const largeFileBytes = 8 << 20

// largeSlot allows one large file to be encoded at a time, so parallel
// applies of many functions cannot each hold a 50 MiB zip (≈67 MiB encoded)
// at once.
var largeSlot = make(chan struct{}, 1)

// ReadBase64 re-checks path exactly like Inspect and returns the standard
// base64 encoding of its bytes along with their size and SHA-256. The hash is
// computed over the very bytes that were encoded, so it matches what the
// server will report for the deployed zip even if the file changes later.
// Files larger than 8 MiB wait for a process-wide slot; waiting stops with
// ctx's error when ctx is done.
func ReadBase64(ctx context.Context, path string) (string, Info, error) {
	if err := ctx.Err(); err != nil {
		return "", Info{}, err
	}
	f, info, err := openZip(path)
	if err != nil {
		return "", Info{}, err
	}
	defer func() { _ = f.Close() }()

	if info.Size > largeFileBytes {
		select {
		case largeSlot <- struct{}{}:
			defer func() { <-largeSlot }()
		case <-ctx.Done():
			return "", Info{}, fmt.Errorf("waiting to read zip file %q: %w", info.Path, ctx.Err())
		}
	}

	var sb strings.Builder
	sb.Grow(int(EncodedSize(info.Size)))
	enc := base64.NewEncoder(base64.StdEncoding, &sb)
	h := sha256.New()

	bufp, ok := copyBufs.Get().(*[]byte)
	if !ok {
		b := make([]byte, 64<<10)
		bufp = &b
	}
	defer copyBufs.Put(bufp)

	src := &ctxReader{ctx: ctx, r: io.LimitReader(f, MaxZipBytes+1)}
	n, err := io.CopyBuffer(multiWriter{enc, h}, src, *bufp)
	if err == nil {
		err = enc.Close()
	}
	if err != nil {
		if ctx.Err() != nil {
			return "", Info{}, fmt.Errorf("reading zip file %q: %w", info.Path, ctx.Err())
		}
		return "", Info{}, classify(info.Path, err)
	}
	if n != info.Size {
		return "", Info{}, &Error{Kind: KindChanged, Path: info.Path, Size: n,
			Err: fmt.Errorf("expected %d bytes, read %d", info.Size, n)}
	}
	info.SHA256 = hex.EncodeToString(h.Sum(nil))
	return sb.String(), info, nil
}

// ctxReader stops a long read promptly once the apply is cancelled.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c *ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

// multiWriter feeds the encoder and the hash the same chunk; io.MultiWriter
// would do, but this keeps the two destinations explicit and allocation-free.
type multiWriter struct {
	enc io.Writer
	h   hash.Hash
}

func (m multiWriter) Write(p []byte) (int, error) {
	// hash.Hash.Write never returns an error.
	_, _ = m.h.Write(p)
	return m.enc.Write(p)
}
