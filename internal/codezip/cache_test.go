package codezip

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"testing"
	"time"
)

func digestOf(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

func setMtime(t *testing.T, p string, mtime time.Time) {
	t.Helper()
	if err := os.Chtimes(p, mtime, mtime); err != nil {
		t.Fatal(err)
	}
}

// TestInspectRemembersSettledFiles: the digest of a file last modified well
// before hashing is reused while size and modification time stay the same.
// The test proves the reuse by changing the bytes behind the cache's back
// (same size, modification time put back), which no real rewrite can do.
func TestInspectRemembersSettledFiles(t *testing.T) {
	dir := t.TempDir()
	v1 := zipBytes(t, map[string]string{"index.py": "VERSION = 1\n"})
	v2 := zipBytes(t, map[string]string{"index.py": "VERSION = 2\n"})
	if len(v1) != len(v2) {
		t.Fatalf("the versions must have the same size: %d and %d", len(v1), len(v2))
	}
	old := time.Now().Add(-time.Hour).Truncate(time.Second)
	p := writeFile(t, dir, "settled.zip", v1)
	setMtime(t, p, old)
	if info, err := Inspect(p); err != nil || info.SHA256 != digestOf(v1) {
		t.Fatalf("first Inspect = %+v, %v", info, err)
	}

	writeFile(t, dir, "settled.zip", v2)
	setMtime(t, p, old)
	if info, err := Inspect(p); err != nil || info.SHA256 != digestOf(v1) {
		t.Fatalf("Inspect of an unchanged size and time = %+v, %v; want the remembered digest", info, err)
	}

	// Any real rewrite moves the modification time.
	setMtime(t, p, old.Add(time.Second))
	if info, err := Inspect(p); err != nil || info.SHA256 != digestOf(v2) {
		t.Fatalf("Inspect after the time moved = %+v, %v; want the new digest", info, err)
	}
}

// TestInspectRehashesRecentFiles: a file modified just before hashing may be
// rewritten within the same timestamp tick, so its digest is never reused.
func TestInspectRehashesRecentFiles(t *testing.T) {
	dir := t.TempDir()
	v1 := zipBytes(t, map[string]string{"index.py": "VERSION = 1\n"})
	v2 := zipBytes(t, map[string]string{"index.py": "VERSION = 2\n"})
	recent := time.Now().Truncate(time.Second)
	p := writeFile(t, dir, "recent.zip", v1)
	setMtime(t, p, recent)
	if info, err := Inspect(p); err != nil || info.SHA256 != digestOf(v1) {
		t.Fatalf("first Inspect = %+v, %v", info, err)
	}
	writeFile(t, dir, "recent.zip", v2)
	setMtime(t, p, recent)
	if info, err := Inspect(p); err != nil || info.SHA256 != digestOf(v2) {
		t.Fatalf("Inspect of a rewritten recent file = %+v, %v; want the new digest", info, err)
	}
}

// TestInspectCacheKeepsChecks: a remembered digest does not skip the checks.
func TestInspectCacheKeepsChecks(t *testing.T) {
	dir := t.TempDir()
	data := zipBytes(t, map[string]string{"index.py": "x = 1\n"})
	p := writeFile(t, dir, "gone.zip", data)
	setMtime(t, p, time.Now().Add(-time.Hour))
	if _, err := Inspect(p); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(p); err != nil {
		t.Fatal(err)
	}
	_, err := Inspect(p)
	wantKind(t, err, KindNotFound)
}
