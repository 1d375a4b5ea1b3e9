package codezip

import (
	"archive/zip"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// BenchmarkInspect hashes a 20 MiB stored zip; allocations per op must stay
// small and independent of the file size. The file is touched before every
// call, so its digest is never reused (see BenchmarkInspectRemembered).
func BenchmarkInspect(b *testing.B) {
	benchmarkInspect(b, true)
}

// BenchmarkInspectRemembered inspects a 20 MiB zip whose digest is
// remembered, as for the second and later functions sharing one zip file in
// a plan: the checks without the hashing.
func BenchmarkInspectRemembered(b *testing.B) {
	benchmarkInspect(b, false)
}

func benchmarkInspect(b *testing.B, touch bool) {
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
	if !touch {
		old := time.Now().Add(-time.Hour)
		if err := os.Chtimes(p, old, old); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(fi.Size())
	b.ReportAllocs()
	for b.Loop() {
		if touch {
			now := time.Now()
			if err := os.Chtimes(p, now, now); err != nil {
				b.Fatal(err)
			}
		}
		if _, err := Inspect(p); err != nil {
			b.Fatal(err)
		}
	}
}
