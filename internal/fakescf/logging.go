package fakescf

import (
	"fmt"
	"io"
	"strings"
	"time"
)

func (s *Server) logLine(c *call, code string, start time.Time) {
	if s.log == nil {
		return
	}
	action := "unknown"
	if c.action != nil {
		action = c.action.name
	}
	var b strings.Builder
	b.WriteString(s.now().UTC().Format(time.RFC3339))
	b.WriteString(" action=")
	b.WriteString(action)
	if c.function != "" {
		b.WriteString(" function=")
		b.WriteString(logSafe(c.function))
	}
	fmt.Fprintf(&b, " code=%s latency=%s\n", code, time.Since(start).Round(time.Microsecond))
	s.logMu.Lock()
	defer s.logMu.Unlock()
	_, _ = io.WriteString(s.log, b.String()) // logging is best effort
}

// logSafe keeps client-chosen names from forging extra log lines or fields.
func logSafe(v string) string {
	v = truncate(v, 128)
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
			return r
		case strings.ContainsRune("-_./:$", r):
			return r
		}
		return '?'
	}, v)
}

func truncate(v string, n int) string {
	if len(v) <= n {
		return v
	}
	return v[:n] + "..."
}
