package codezip

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// zipBytes builds a small archive in memory with the given file contents.
func zipBytes(t testing.TB, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for name, body := range files {
		fw, err := w.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := fw.Write([]byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func writeFile(t testing.TB, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func sparseFile(t testing.TB, dir, name string, size int64) string {
	t.Helper()
	p := filepath.Join(dir, name)
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(size); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return p
}

func wantKind(t *testing.T, err error, want Kind) {
	t.Helper()
	var ze *Error
	if !errors.As(err, &ze) {
		t.Fatalf("error %v (%T) is not *Error", err, err)
	}
	if ze.Kind != want {
		t.Fatalf("kind = %v, want %v (error: %v)", ze.Kind, want, err)
	}
}

func TestInspectRejects(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "b"), filepath.Join(dir, "a")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("a", filepath.Join(dir, "b")); err != nil {
		t.Fatal(err)
	}
	empty := writeFile(t, dir, "empty.zip", nil)
	text := writeFile(t, dir, "text.zip", []byte("this is not a zip archive at all"))
	big := sparseFile(t, dir, "big.zip", MaxZipBytes+1)
	plain := writeFile(t, dir, "plain", []byte("x"))

	tests := []struct {
		name     string
		path     string
		kind     Kind
		contains []string
	}{
		{"empty path", "", KindInvalidPath, []string{"empty"}},
		{"missing", filepath.Join(dir, "nope.zip"), KindNotFound, []string{"nope.zip", "does not exist"}},
		{"file as parent dir", filepath.Join(plain, "x.zip"), KindNotFound, []string{"does not exist"}},
		{"directory", filepath.Join(dir, "sub"), KindIsDir, []string{"is a directory"}},
		{"symlink loop", filepath.Join(dir, "a"), KindSymlinkLoop, []string{"symlink loop", "/a -> ", "/b -> ", "/a"}},
		{"empty", empty, KindEmpty, []string{"is empty"}},
		{"not a zip", text, KindNotZip, []string{"is not a zip archive"}},
		{"too large", big, KindTooLarge, []string{"52428801 bytes", "52428800"}},
		{"dev null", os.DevNull, KindNotRegular, []string{"not a regular file"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			info, err := Inspect(tt.path)
			if err == nil {
				t.Fatalf("Inspect(%q) = %+v, want error", tt.path, info)
			}
			wantKind(t, err, tt.kind)
			for _, s := range tt.contains {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not contain %q", err, s)
				}
			}
		})
	}
}

func TestInspectLoopInParentDir(t *testing.T) {
	dir := t.TempDir()
	if err := os.Symlink("d2", filepath.Join(dir, "d1")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("d1", filepath.Join(dir, "d2")); err != nil {
		t.Fatal(err)
	}
	_, err := Inspect(filepath.Join(dir, "d1", "f.zip"))
	wantKind(t, err, KindSymlinkLoop)
	if !strings.Contains(err.Error(), "symlink loop") {
		t.Errorf("message %q does not mention the loop", err)
	}
}

func TestInspectUnreadable(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("running as root: permission bits do not stop root from reading, so EACCES cannot be produced")
	}
	dir := t.TempDir()
	p := writeFile(t, dir, "locked.zip", zipBytes(t, map[string]string{"a": "b"}))
	if err := os.Chmod(p, 0); err != nil {
		t.Fatal(err)
	}
	_, err := Inspect(p)
	wantKind(t, err, KindPermission)
	if !strings.Contains(err.Error(), "permission denied") {
		t.Errorf("message %q", err)
	}
}

// TestClassifyPermission covers the EACCES mapping even when the suite runs
// as root and TestInspectUnreadable has to skip.
func TestClassifyPermission(t *testing.T) {
	err := classify("/x/fn.zip", &fs.PathError{Op: "open", Path: "/x/fn.zip", Err: syscall.EACCES})
	wantKind(t, err, KindPermission)
	if want := `zip file "/x/fn.zip" cannot be read: permission denied`; err.Error() != want {
		t.Errorf("message = %q, want %q", err, want)
	}
	if !errors.Is(err, fs.ErrPermission) {
		t.Error("the cause is not unwrapped")
	}
}

func TestInspectValid(t *testing.T) {
	dir := t.TempDir()
	data := zipBytes(t, map[string]string{"index.py": "def main_handler(e, c):\n    return 1\n"})
	p := writeFile(t, dir, "ok.zip", data)
	info, err := Inspect(p)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	if want := hex.EncodeToString(sum[:]); info.SHA256 != want {
		t.Errorf("SHA256 = %s, want %s", info.SHA256, want)
	}
	if info.Size != int64(len(data)) || info.Path != p {
		t.Errorf("info = %+v", info)
	}
	// Same bytes, different path: the hash must not depend on anything but content.
	p2 := writeFile(t, dir, "copy.zip", data)
	info2, err := Inspect(p2)
	if err != nil {
		t.Fatal(err)
	}
	if info2.SHA256 != info.SHA256 {
		t.Errorf("hash differs for identical bytes: %s vs %s", info2.SHA256, info.SHA256)
	}
}

func TestInspectEmptyArchiveIsZip(t *testing.T) {
	p := writeFile(t, t.TempDir(), "none.zip", zipBytes(t, nil))
	if _, err := Inspect(p); err != nil {
		t.Fatalf("an archive with no entries is still a zip: %v", err)
	}
}

func TestInspectExactlyMaxSizeIsNotTooLarge(t *testing.T) {
	// A sparse 50 MiB file of zeros is within the size limit but not a zip:
	// the error kind shows the size check let it through.
	p := sparseFile(t, t.TempDir(), "max.zip", MaxZipBytes)
	_, err := Inspect(p)
	wantKind(t, err, KindNotZip)
}

func TestInspectFollowsSymlinkToFile(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "real.zip", zipBytes(t, map[string]string{"a": "1"}))
	link := filepath.Join(dir, "link.zip")
	if err := os.Symlink(p, link); err != nil {
		t.Fatal(err)
	}
	if _, err := Inspect(link); err != nil {
		t.Fatal(err)
	}
}

func TestExpandPath(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	tests := []struct{ in, want string }{
		{"~/code/a.zip", filepath.Join(home, "code", "a.zip")},
		{"~", home},
		{"~/", home},
		{"~user/a.zip", "~user/a.zip"},
		{"./a.zip", "./a.zip"},
		{"/abs/~/a.zip", "/abs/~/a.zip"},
		{"", ""},
	}
	for _, tt := range tests {
		got, err := ExpandPath(tt.in)
		if err != nil {
			t.Fatalf("ExpandPath(%q): %v", tt.in, err)
		}
		if got != tt.want {
			t.Errorf("ExpandPath(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestInspectExpandsHome(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	writeFile(t, home, "fn.zip", zipBytes(t, map[string]string{"a": "1"}))
	info, err := Inspect("~/fn.zip")
	if err != nil {
		t.Fatal(err)
	}
	if info.Path != filepath.Join(home, "fn.zip") {
		t.Errorf("Path = %q", info.Path)
	}
}

func TestExpandPathNoHome(t *testing.T) {
	t.Setenv("HOME", "")
	_, err := Inspect("~/fn.zip")
	wantKind(t, err, KindInvalidPath)
}

func TestEncodedSize(t *testing.T) {
	for _, n := range []int64{0, 1, 2, 3, 4, 5, 6, 1000, MaxZipBytes} {
		if got, want := EncodedSize(n), int64(base64.StdEncoding.EncodedLen(int(n))); got != want {
			t.Errorf("EncodedSize(%d) = %d, want %d", n, got, want)
		}
	}
	// 7.5 MiB encodes to exactly 10 MiB: the largest zip that still fits.
	limit := int64(MaxRequestBodyBytes) / 4 * 3
	if ExceedsRequestBody(limit) {
		t.Errorf("%d bytes should fit", limit)
	}
	if !ExceedsRequestBody(limit + 1) {
		t.Errorf("%d bytes should not fit", limit+1)
	}
}

func TestReadBase64RoundTrip(t *testing.T) {
	dir := t.TempDir()
	data := zipBytes(t, map[string]string{"main.go": "package main\n", "lib/x.go": strings.Repeat("x", 5000)})
	p := writeFile(t, dir, "fn.zip", data)
	enc, info, err := ReadBase64(t.Context(), p)
	if err != nil {
		t.Fatal(err)
	}
	dec, err := base64.StdEncoding.DecodeString(enc)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(dec, data) {
		t.Fatal("decoded bytes differ from the file")
	}
	sum := sha256.Sum256(data)
	if info.SHA256 != hex.EncodeToString(sum[:]) || info.Size != int64(len(data)) {
		t.Errorf("info = %+v", info)
	}
	ins, err := Inspect(p)
	if err != nil {
		t.Fatal(err)
	}
	if ins != info {
		t.Errorf("Inspect %+v != ReadBase64 %+v", ins, info)
	}
}

func TestReadBase64Rechecks(t *testing.T) {
	dir := t.TempDir()
	_, _, err := ReadBase64(t.Context(), writeFile(t, dir, "bad.zip", []byte("nope")))
	wantKind(t, err, KindNotZip)
	_, _, err = ReadBase64(t.Context(), sparseFile(t, dir, "big.zip", MaxZipBytes+1))
	wantKind(t, err, KindTooLarge)
	_, _, err = ReadBase64(t.Context(), filepath.Join(dir, "missing.zip"))
	wantKind(t, err, KindNotFound)
}

// largeZip writes a valid zip just over the semaphore threshold without
// compressing, so the test stays fast.
func largeZip(t testing.TB, dir string) string {
	t.Helper()
	p := filepath.Join(dir, "large.zip")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	w := zip.NewWriter(f)
	fw, err := w.CreateHeader(&zip.FileHeader{Name: "blob", Method: zip.Store})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fw.Write(make([]byte, largeFileBytes+1)); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestReadBase64WaitsForLargeSlot(t *testing.T) {
	p := largeZip(t, t.TempDir())

	// Hold the slot as another apply would.
	largeSlot <- struct{}{}
	released := false
	release := func() {
		if !released {
			released = true
			<-largeSlot
		}
	}
	defer release()

	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	_, _, err := ReadBase64(ctx, p)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want deadline exceeded while waiting for the slot", err)
	}

	// Small files do not need the slot.
	small := writeFile(t, t.TempDir(), "s.zip", zipBytes(t, map[string]string{"a": "b"}))
	if _, _, err := ReadBase64(t.Context(), small); err != nil {
		t.Fatalf("small file blocked by the large slot: %v", err)
	}

	release()
	if _, _, err := ReadBase64(t.Context(), p); err != nil {
		t.Fatal(err)
	}
}

func TestReadBase64ConcurrentLarge(t *testing.T) {
	p := largeZip(t, t.TempDir())
	var wg sync.WaitGroup
	errs := make(chan error, 3)
	for range 3 {
		wg.Go(func() {
			_, info, err := ReadBase64(t.Context(), p)
			if err == nil && info.Size <= largeFileBytes {
				err = errors.New("unexpected size")
			}
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	if len(largeSlot) != 0 {
		t.Error("slot not released")
	}
}

func TestReadBase64CancelledContext(t *testing.T) {
	p := writeFile(t, t.TempDir(), "fn.zip", zipBytes(t, map[string]string{"a": "b"}))
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, _, err := ReadBase64(ctx, p); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

func TestHumanSize(t *testing.T) {
	tests := map[int64]string{0: "0 B", 1023: "1023 B", 1024: "1.0 KiB", MaxZipBytes + 1: "50.0 MiB", 3 << 30: "3.0 GiB"}
	for n, want := range tests {
		if got := HumanSize(n); got != want {
			t.Errorf("HumanSize(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestKindString(t *testing.T) {
	if KindNotZip.String() != "not a zip archive" || Kind(99).String() != "Kind(99)" {
		t.Error("unexpected Kind names")
	}
}

func TestCheckDoesNotHash(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	p := writeFile(t, dir, "ok.zip", zipBytes(t, map[string]string{"index.py": "x = 1\n"}))
	info, err := Check(p)
	if err != nil {
		t.Fatalf("Check: %v", err)
	}
	if info.SHA256 != "" || info.Size == 0 || info.Path != p {
		t.Fatalf("Check returned %+v; want size and path without a digest", info)
	}
	if _, err := Check(filepath.Join(dir, "missing.zip")); err == nil {
		t.Fatal("Check accepted a missing file")
	}
}
