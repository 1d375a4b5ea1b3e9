package codezip

import (
	"fmt"
	"strings"
)

// Kind classifies why a zip file was rejected, so callers and tests can
// branch on the cause without parsing message text.
type Kind int

// The kinds of failure reported by Inspect and ReadBase64.
const (
	KindOther       Kind = iota // an I/O error that fits no other kind
	KindInvalidPath             // empty path or a "~/" that cannot be expanded
	KindNotFound                // nothing exists at the path
	KindIsDir                   // the path is a directory
	KindNotRegular              // a device, FIFO, socket or similar
	KindSymlinkLoop             // resolving the path loops through symlinks
	KindPermission              // the file or a parent directory is not readable
	KindEmpty                   // the file has zero bytes
	KindTooLarge                // the file is larger than MaxZipBytes
	KindNotZip                  // the bytes are not a zip archive
	KindChanged                 // the file changed size while it was being read
)

var kindNames = map[Kind]string{
	KindOther:       "other",
	KindInvalidPath: "invalid path",
	KindNotFound:    "not found",
	KindIsDir:       "is a directory",
	KindNotRegular:  "not a regular file",
	KindSymlinkLoop: "symlink loop",
	KindPermission:  "permission denied",
	KindEmpty:       "empty",
	KindTooLarge:    "too large",
	KindNotZip:      "not a zip archive",
	KindChanged:     "changed while reading",
}

// String names the kind for logs and test failures.
func (k Kind) String() string {
	if s, ok := kindNames[k]; ok {
		return s
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Error describes a rejected zip file. Its message always names the path so
// that a Terraform diagnostic is actionable on its own.
type Error struct {
	Kind Kind
	Path string
	// Size is the file size in bytes when it is known and relevant.
	Size int64
	// Loop lists the symlink chain for KindSymlinkLoop when it could be traced.
	Loop []string
	// Err is the underlying cause, if any.
	Err error
}

func (e *Error) Error() string {
	p := fmt.Sprintf("%q", e.Path)
	switch e.Kind {
	case KindInvalidPath:
		return fmt.Sprintf("zip file path %s is invalid: %v", p, e.Err)
	case KindNotFound:
		return fmt.Sprintf("zip file %s does not exist", p)
	case KindIsDir:
		return fmt.Sprintf("zip file %s is a directory, not a file", p)
	case KindNotRegular:
		return fmt.Sprintf("zip file %s is not a regular file: %v", p, e.Err)
	case KindSymlinkLoop:
		if len(e.Loop) > 1 {
			return fmt.Sprintf("zip file %s is a symlink loop: %s", p, strings.Join(e.Loop, " -> "))
		}
		return fmt.Sprintf("zip file %s is a symlink loop (too many levels of symbolic links)", p)
	case KindPermission:
		return fmt.Sprintf("zip file %s cannot be read: permission denied", p)
	case KindEmpty:
		return fmt.Sprintf("zip file %s is empty (0 bytes)", p)
	case KindTooLarge:
		return fmt.Sprintf("zip file %s is %d bytes (%s); the maximum is %d bytes (50 MiB)",
			p, e.Size, HumanSize(e.Size), int64(MaxZipBytes))
	case KindNotZip:
		return fmt.Sprintf("zip file %s is not a zip archive: %v", p, e.Err)
	case KindChanged:
		return fmt.Sprintf("zip file %s changed while it was being read: %v", p, e.Err)
	default:
		return fmt.Sprintf("zip file %s: %v", p, e.Err)
	}
}

// Unwrap exposes the underlying cause to errors.Is and errors.As.
func (e *Error) Unwrap() error { return e.Err }

// HumanSize formats a byte count with a binary unit for messages.
func HumanSize(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	f := float64(n)
	for _, u := range []string{"KiB", "MiB", "GiB"} {
		f /= unit
		if f < unit {
			return fmt.Sprintf("%.1f %s", f, u)
		}
	}
	return fmt.Sprintf("%.1f TiB", f/unit)
}
