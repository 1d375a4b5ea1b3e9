package fakescf

// The fake does not publish function versions yet, but provisioned
// concurrency needs one. Until it does, tests register the versions a
// function has with RegisterPublishedVersion, and versionExists is the one
// place that asks; wiring it to real versions replaces both.

import (
	"fmt"
	"slices"
	"strconv"
)

// versionExists reports whether q names a published version of f.
func versionExists(f *functionRecord, q string) bool {
	return slices.Contains(f.HookVersions, q)
}

// RegisterPublishedVersion records that the function has published
// version (a positive number), as PublishVersion would. It is a test hook.
func (s *Server) RegisterPublishedVersion(namespace, function, version string) error {
	if n, err := strconv.ParseUint(version, 10, 32); err != nil || n == 0 {
		return fmt.Errorf("fakescf: version %q is not a positive number", version)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.settleLocked()
	f := s.st.Functions[fnKey(orDefault(namespace, defaultNamespace), function)]
	if f == nil {
		return fmt.Errorf("fakescf: function %s/%s does not exist", namespace, function)
	}
	if !slices.Contains(f.HookVersions, version) {
		f.HookVersions = append(f.HookVersions, version)
	}
	s.mutatedLocked()
	return nil
}
