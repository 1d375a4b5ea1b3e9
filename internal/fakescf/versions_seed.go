package fakescf

import (
	"fmt"
	"strconv"
)

// RegisterPublishedVersion gives the function published versions up to
// version (a positive number), each an Active snapshot of the function as
// it is now, as if PublishVersion had been called that many times. Tests of
// the objects that need a version (provisioned concurrency, aliases) use it
// to start from one without waiting for a publish.
func (s *Server) RegisterPublishedVersion(namespace, function, version string) error {
	n, err := strconv.ParseInt(version, 10, 64)
	if err != nil || n <= 0 {
		return fmt.Errorf("fakescf: version %q is not a positive number", version)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.settleLocked()
	f := s.st.Functions[fnKey(orDefault(namespace, defaultNamespace), function)]
	if f == nil {
		return fmt.Errorf("fakescf: function %s/%s does not exist", namespace, function)
	}
	now := s.now()
	for f.LastVersion < n {
		f.LastVersion++
		f.Versions = append(f.Versions, &fnVersionRecord{
			Version: f.LastVersion, Config: f.Config.clone(), Code: f.Code, AddTime: now, ModTime: now, Status: statusActive,
		})
	}
	s.mutatedLocked()
	return nil
}
