package fakescf

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// unpackBudget bounds what the packages of one invocation may unpack: the
// code and its layers share it, so that no combination of them can fill the
// disk or the inode table, whatever their headers claim.
type unpackBudget struct {
	bytesLeft   int64
	entriesLeft int
}

// errUnpack marks a package the fake refuses to unpack; the invocation then
// answers a function error naming the reason.
var errUnpack = errors.New("the code package cannot be unpacked")

// unpackZip writes the regular files and directories of a zip under dest.
// Entries with absolute paths, ".." segments, backslashes or NUL bytes,
// symbolic links and other special files are refused, so nothing is ever
// written outside dest, and no link can later redirect a write there.
func unpackZip(raw []byte, dest string, budget *unpackBudget) error {
	zr, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		return fmt.Errorf("%w: not a zip archive", errUnpack)
	}
	for _, f := range zr.File {
		if err := unpackEntry(f, dest, budget); err != nil {
			return err
		}
	}
	return nil
}

func unpackEntry(f *zip.File, dest string, budget *unpackBudget) error {
	name := f.Name
	if strings.ContainsAny(name, "\\\x00") || !filepath.IsLocal(filepath.FromSlash(strings.TrimSuffix(name, "/"))) {
		return fmt.Errorf("%w: entry %q is not a relative path inside the package", errUnpack, truncate(name, 100))
	}
	budget.entriesLeft--
	if budget.entriesLeft < 0 {
		return fmt.Errorf("%w: it has more entries than the fake unpacks", errUnpack)
	}
	target := filepath.Join(dest, filepath.FromSlash(name))
	mode := f.Mode()
	switch {
	case mode.IsDir():
		return os.MkdirAll(target, 0o755)
	case !mode.IsRegular():
		return fmt.Errorf("%w: entry %q is a %s, not a regular file", errUnpack, truncate(name, 100), fileKind(mode))
	}
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		return err
	}
	perm := fs.FileMode(0o644)
	if mode&0o111 != 0 {
		perm = 0o755
	}
	src, err := f.Open()
	if err != nil {
		return fmt.Errorf("%w: entry %q: %w", errUnpack, truncate(name, 100), err)
	}
	defer func() { _ = src.Close() }()
	out, err := os.OpenFile(target, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, perm)
	if err != nil {
		return err
	}
	// The declared size is not trusted: the copy itself stops one byte past
	// the budget.
	n, err := io.Copy(out, io.LimitReader(src, budget.bytesLeft+1))
	closeErr := out.Close()
	budget.bytesLeft -= n
	switch {
	case budget.bytesLeft < 0:
		return fmt.Errorf("%w: it unpacks to more bytes than the fake allows", errUnpack)
	case err != nil:
		return fmt.Errorf("%w: entry %q: %w", errUnpack, truncate(name, 100), err)
	}
	return closeErr
}

func fileKind(m fs.FileMode) string {
	switch {
	case m&fs.ModeSymlink != 0:
		return "symbolic link"
	case m&fs.ModeNamedPipe != 0:
		return "named pipe"
	case m&fs.ModeDevice != 0:
		return "device"
	}
	return "special file"
}
