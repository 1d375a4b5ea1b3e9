// Package codezip checks and reads local function code packages (zip files)
// for the scf_function resource without holding large files in memory at plan
// time. It has no Terraform dependencies so its rules can be tested alone.
package codezip

import (
	"archive/zip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"
)

// MaxZipBytes is the largest zip the API accepts in Code.ZipFile (50 MiB).
const MaxZipBytes = 50 << 20

// MaxRequestBodyBytes is the API's limit on a TC3-signed POST body (10 MiB);
// a base64-encoded zip larger than this cannot be uploaded inline.
const MaxRequestBodyBytes = 10 << 20

// Info describes a zip file that passed every check.
type Info struct {
	// Path is the path after "~/" expansion.
	Path string
	// Size is the file size in bytes.
	Size int64
	// SHA256 is the lowercase hex SHA-256 of the file bytes.
	SHA256 string
}

// EncodedSize is the length of the standard base64 encoding of n bytes, which
// is what the zip contributes to the request body.
func EncodedSize(n int64) int64 {
	return (n + 2) / 3 * 4
}

// ExceedsRequestBody reports whether a zip of size bytes, once base64-encoded,
// is too big for a signed POST body and should be uploaded via COS instead.
func ExceedsRequestBody(size int64) bool {
	return EncodedSize(size) > MaxRequestBodyBytes
}

// ExpandPath replaces a leading "~/" (or a lone "~") with the current user's
// home directory. Other paths, including "~user/...", are returned unchanged
// because a file may legitimately be named with a leading tilde.
func ExpandPath(p string) (string, error) {
	if p != "~" && !strings.HasPrefix(p, "~/") && !strings.HasPrefix(p, "~"+string(filepath.Separator)) {
		return p, nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("cannot expand %q: %w", p, err)
	}
	if home == "" {
		return "", fmt.Errorf("cannot expand %q: the home directory is not set", p)
	}
	return filepath.Join(home, p[1:]), nil
}

// Check runs every check of Inspect except hashing, so validation, which
// Terraform repeats several times per command, stays cheap; Info.SHA256 is
// left empty.
func Check(path string) (Info, error) {
	f, info, err := openZip(path)
	if err != nil {
		return Info{}, err
	}
	_ = f.Close()
	return info, nil
}

// copyBufs keeps hashing from allocating a fresh buffer per call, so repeated
// plans over many functions stay cheap.
var copyBufs = sync.Pool{New: func() any {
	b := make([]byte, 64<<10)
	return &b
}}

// Inspect checks that path names a readable, non-empty regular file of at most
// MaxZipBytes that is a zip archive, and returns its size and SHA-256. Only
// the central directory is parsed and the hash is streamed, so memory use does
// not grow with the file size. Failures are *Error values.
//
// The digest of a file that has not changed since this process last hashed
// it is remembered (see digestCache), so a plan of many functions sharing one
// zip file hashes it once; the checks run every time.
func Inspect(path string) (Info, error) {
	started := time.Now()
	f, info, err := openZip(path)
	if err != nil {
		return Info{}, err
	}
	defer func() { _ = f.Close() }()
	fi, err := f.Stat()
	if err != nil {
		return Info{}, classify(info.Path, err)
	}
	if digest, ok := digests.lookup(info.Path, info.Size, fi.ModTime()); ok {
		info.SHA256 = digest
		return info, nil
	}

	bufp, ok := copyBufs.Get().(*[]byte)
	if !ok {
		b := make([]byte, 64<<10)
		bufp = &b
	}
	defer copyBufs.Put(bufp)

	h := sha256.New()
	// The limit stops a file that grows after the size check from being
	// hashed without bound.
	n, err := io.CopyBuffer(h, io.LimitReader(f, MaxZipBytes+1), *bufp)
	if err != nil {
		return Info{}, classify(info.Path, err)
	}
	if n != info.Size {
		return Info{}, &Error{Kind: KindChanged, Path: info.Path, Size: n,
			Err: fmt.Errorf("expected %d bytes, read %d", info.Size, n)}
	}
	info.SHA256 = hex.EncodeToString(h.Sum(nil))
	digests.remember(info.Path, info.Size, fi.ModTime(), started, info.SHA256)
	return info, nil
}

// digestCacheMinAge is how long before hashing began a file must have been
// last modified for its digest to be remembered. As with git's "racily clean"
// index entries, this makes the cache safe on file systems with coarse
// timestamps: any rewrite after hashing began carries a newer modification
// time than the remembered one, so a same-size rewrite cannot be mistaken for
// the hashed bytes. 2 s covers the coarsest common granularity (FAT).
const digestCacheMinAge = 2 * time.Second

// digestCache remembers the SHA-256 of files by path, with the size and
// modification time they had when hashed; an entry only answers for exactly
// that size and time. One entry per path keeps it as small as the set of zip
// files a configuration names.
type digestCache struct {
	m sync.Map // path -> digestEntry
}

type digestEntry struct {
	size   int64
	mtime  time.Time
	sha256 string
}

var digests digestCache

func (c *digestCache) lookup(path string, size int64, mtime time.Time) (string, bool) {
	v, ok := c.m.Load(path)
	if !ok {
		return "", false
	}
	e, ok := v.(digestEntry)
	if !ok || e.size != size || !e.mtime.Equal(mtime) {
		return "", false
	}
	return e.sha256, true
}

func (c *digestCache) remember(path string, size int64, mtime, started time.Time, sha256 string) {
	if !mtime.Before(started.Add(-digestCacheMinAge)) {
		return // modified too recently to tell a later rewrite apart
	}
	c.m.Store(path, digestEntry{size: size, mtime: mtime, sha256: sha256})
}

// openZip expands and validates the path and returns the open file (offset 0)
// with Path and Size filled in. The caller closes the file.
func openZip(path string) (*os.File, Info, error) {
	if path == "" {
		return nil, Info{}, &Error{Kind: KindInvalidPath, Path: path, Err: errors.New("the path is empty")}
	}
	p, err := ExpandPath(path)
	if err != nil {
		return nil, Info{}, &Error{Kind: KindInvalidPath, Path: path, Err: err}
	}
	// Stat before opening: opening a FIFO would block and a directory would
	// open successfully on Linux, both giving worse errors later.
	fi, err := os.Stat(p)
	if err != nil {
		return nil, Info{}, classify(p, err)
	}
	if err := checkMode(p, fi); err != nil {
		return nil, Info{}, err
	}
	f, err := os.Open(p)
	if err != nil {
		return nil, Info{}, classify(p, err)
	}
	// Re-stat the open file so the size belongs to what we actually read.
	fi, err = f.Stat()
	if err == nil {
		err = checkMode(p, fi)
	}
	if err == nil {
		err = checkSize(p, fi.Size())
	}
	if err == nil {
		err = checkZip(p, f, fi.Size())
	}
	if err != nil {
		_ = f.Close()
		return nil, Info{}, classify(p, err)
	}
	return f, Info{Path: p, Size: fi.Size()}, nil
}

func checkMode(p string, fi fs.FileInfo) error {
	switch {
	case fi.IsDir():
		return &Error{Kind: KindIsDir, Path: p}
	case !fi.Mode().IsRegular():
		return &Error{Kind: KindNotRegular, Path: p, Err: fmt.Errorf("file mode %s", fi.Mode())}
	}
	return nil
}

func checkSize(p string, size int64) error {
	switch {
	case size == 0:
		return &Error{Kind: KindEmpty, Path: p}
	case size > MaxZipBytes:
		return &Error{Kind: KindTooLarge, Path: p, Size: size}
	}
	return nil
}

// checkZip parses only the end-of-central-directory record and the central
// directory through ReaderAt, never the file data.
func checkZip(p string, r io.ReaderAt, size int64) error {
	_, err := zip.NewReader(r, size)
	// ErrInsecurePath comes with a usable reader: the file is a zip, and
	// what the entry names mean is for the platform to judge.
	if err == nil || errors.Is(err, zip.ErrInsecurePath) {
		return nil
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return classify(p, err)
	}
	return &Error{Kind: KindNotZip, Path: p, Err: err}
}

// classify turns an OS error into an *Error, leaving existing ones untouched.
func classify(p string, err error) error {
	var ze *Error
	if errors.As(err, &ze) {
		return ze
	}
	switch {
	case errors.Is(err, syscall.ELOOP):
		return &Error{Kind: KindSymlinkLoop, Path: p, Loop: traceLoop(p), Err: err}
	case errors.Is(err, fs.ErrNotExist), errors.Is(err, syscall.ENOTDIR):
		return &Error{Kind: KindNotFound, Path: p, Err: err}
	case errors.Is(err, fs.ErrPermission):
		return &Error{Kind: KindPermission, Path: p, Err: err}
	case errors.Is(err, syscall.EISDIR):
		return &Error{Kind: KindIsDir, Path: p, Err: err}
	}
	return &Error{Kind: KindOther, Path: p, Err: err}
}

// maxLinkHops bounds traceLoop; Linux gives up after 40 links as well.
const maxLinkHops = 40

// traceLoop follows the symlink chain starting at p so the error can show the
// cycle. It returns nil when the loop is not in the final component (for
// example in a parent directory), where the plain ELOOP message must do.
func traceLoop(p string) []string {
	chain := []string{p}
	seen := map[string]bool{filepath.Clean(p): true}
	cur := p
	for range maxLinkHops {
		target, err := os.Readlink(cur)
		if err != nil {
			return nil
		}
		if !filepath.IsAbs(target) {
			target = filepath.Join(filepath.Dir(cur), target)
		}
		target = filepath.Clean(target)
		chain = append(chain, target)
		if seen[target] {
			return chain
		}
		seen[target] = true
		cur = target
	}
	return chain
}
