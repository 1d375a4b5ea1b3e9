package codezip

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// FuzzInspect writes arbitrary bytes to a file and checks that Inspect and
// ReadBase64 agree with archive/zip reading the same bytes from memory, and
// that the hash and encoding describe exactly those bytes.
func FuzzInspect(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte("PK\x05\x06"))
	f.Add([]byte("not a zip"))
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	fw, err := w.Create("index.py")
	if err != nil {
		f.Fatal(err)
	}
	if _, err := fw.Write([]byte("def main(e, c):\n    return 1\n")); err != nil {
		f.Fatal(err)
	}
	if err := w.Close(); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(dir, "f.zip")
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		info, err := Inspect(p)
		_, zerr := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		want := len(data) > 0 && (zerr == nil || errors.Is(zerr, zip.ErrInsecurePath))
		if (err == nil) != want {
			t.Fatalf("Inspect = %v, archive/zip from memory = %v (len %d)", err, zerr, len(data))
		}
		if err != nil {
			var ze *Error
			if !errors.As(err, &ze) || (ze.Kind != KindEmpty && ze.Kind != KindNotZip) {
				t.Fatalf("unexpected error kind: %v", err)
			}
			return
		}
		sum := sha256.Sum256(data)
		if info.SHA256 != hex.EncodeToString(sum[:]) || info.Size != int64(len(data)) {
			t.Fatalf("info = %+v", info)
		}
		enc, info2, err := ReadBase64(t.Context(), p)
		if err != nil || info2 != info || enc != base64.StdEncoding.EncodeToString(data) {
			t.Fatalf("ReadBase64 disagrees: err=%v info=%+v", err, info2)
		}
	})
}
