package codezip

import (
	"archive/zip"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkInspect hashes a 20 MiB stored zip; allocations per op must stay
// small and independent of the file size.
func BenchmarkInspect(b *testing.B) {
	const size = 20 << 20
	p := filepath.Join(b.TempDir(), "bench.zip")
	f, err := os.Create(p)
	if err != nil {
		b.Fatal(err)
	}
	w := zip.NewWriter(f)
	fw, err := w.CreateHeader(&zip.FileHeader{Name: "blob", Method: zip.Store})
	if err != nil {
		b.Fatal(err)
	}
	chunk := make([]byte, 1<<20)
	for i := range chunk {
		chunk[i] = byte(i * 7)
	}
	for range size / len(chunk) {
		if _, err := fw.Write(chunk); err != nil {
			b.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	fi, err := os.Stat(p)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(fi.Size())
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Inspect(p); err != nil {
			b.Fatal(err)
		}
	}
}
