package fakescf

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"time"
)

// Function statuses as the API spells them.
const (
	statusCreating     = "Creating"
	statusCreateFailed = "CreateFailed"
	statusActive       = "Active"
	statusUpdating     = "Updating"
	statusUpdateFailed = "UpdateFailed"
	statusDeleting     = "Deleting"
	statusDeleteFailed = "DeleteFailed"
)

const (
	opCreate = "create"
	opUpdate = "update"
	opDelete = "delete"
)

const stateFormat = 1

var cst = time.FixedZone("CST", 8*3600)

// apiTime renders a timestamp the way the service shows it: China Standard
// Time, second resolution, no zone suffix.
func apiTime(t time.Time) string { return t.In(cst).Format(time.DateTime) }

type variable struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

type layerRef struct {
	Name    string `json:"name"`
	Version int64  `json:"version"`
}

type deadLetter struct {
	Type       string `json:"type,omitempty"`
	Name       string `json:"name,omitempty"`
	FilterType string `json:"filter_type,omitempty"`
}

type cfsMount struct {
	UserID         string `json:"user_id"`
	UserGroupID    string `json:"user_group_id"`
	CfsID          string `json:"cfs_id"`
	MountInsID     string `json:"mount_ins_id"`
	LocalMountDir  string `json:"local_mount_dir"`
	RemoteMountDir string `json:"remote_mount_dir"`
}

type tagKV struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

type concurrencyConfig struct {
	DynamicEnabled           string         `json:"dynamic_enabled"`
	MaxConcurrency           int64          `json:"max_concurrency"`
	InstanceIsolationEnabled string         `json:"instance_isolation_enabled"`
	Type                     string         `json:"type"`
	MixNodeConfig            []mixNode      `json:"mix_node_config,omitempty"`
	SessionConfig            *sessionConfig `json:"session_config,omitempty"`
}

type mixNode struct {
	NodeSpec string `json:"node_spec"`
	Num      int64  `json:"num"`
}

// sessionConfig keeps the values as sent; the fake invents no defaults for
// the ones left out (they read back as 0 or "").
type sessionConfig struct {
	SessionSource                        string `json:"session_source,omitempty"`
	SessionName                          string `json:"session_name,omitempty"`
	MaximumConcurrencySessionPerInstance int64  `json:"maximum_concurrency_session_per_instance,omitempty"`
	MaximumTTLInSeconds                  int64  `json:"maximum_ttl_in_seconds,omitempty"`
	MaximumIdleTimeInSeconds             int64  `json:"maximum_idle_time_in_seconds,omitempty"`
	SessionPath                          string `json:"session_path,omitempty"`
	IdleTimeoutStrategy                  string `json:"idle_timeout_strategy,omitempty"`
}

type imageRecord struct {
	ImageType                string `json:"image_type"`
	ImageURI                 string `json:"image_uri"`
	RegistryID               string `json:"registry_id,omitempty"`
	EntryPoint               string `json:"entry_point,omitempty"`
	Command                  string `json:"command,omitempty"`
	Args                     string `json:"args,omitempty"`
	ContainerImageAccelerate bool   `json:"container_image_accelerate,omitempty"`
	ImagePort                int64  `json:"image_port"`
}

// fnConfig is the configuration part of a function, the unit the update
// actions validate and replace.
type fnConfig struct {
	Runtime           string             `json:"runtime"`
	Handler           string             `json:"handler"`
	Type              string             `json:"type"`
	Description       string             `json:"description"`
	MemorySize        int64              `json:"memory_size"`
	Timeout           int64              `json:"timeout"`
	InitTimeout       int64              `json:"init_timeout"`
	Env               []variable         `json:"env"`
	VpcID             string             `json:"vpc_id,omitempty"`
	SubnetID          string             `json:"subnet_id,omitempty"`
	Role              string             `json:"role,omitempty"`
	ClsLogsetID       string             `json:"cls_logset_id"`
	ClsTopicID        string             `json:"cls_topic_id"`
	Layers            []layerRef         `json:"layers"`
	DeadLetter        deadLetter         `json:"dead_letter"`
	PublicNetStatus   string             `json:"public_net_status"`
	EipStatus         string             `json:"eip_status"`
	Cfs               []cfsMount         `json:"cfs"`
	Tags              []tagKV            `json:"tags"`
	InstallDependency string             `json:"install_dependency"`
	AsyncRunEnable    string             `json:"async_run_enable"`
	TraceEnable       string             `json:"trace_enable"`
	DNSCache          string             `json:"dns_cache"`
	L5Enable          string             `json:"l5_enable"`
	ProtocolType      string             `json:"protocol_type,omitempty"`
	WSIdleTimeout     int64              `json:"ws_idle_timeout,omitempty"`
	Concurrency       *concurrencyConfig `json:"concurrency,omitempty"`
	IntranetIPFixed   string             `json:"intranet_ip_fixed"`
	IgnoreSysLog      bool               `json:"ignore_sys_log,omitempty"`
}

// clone deep-copies the slices so that a candidate update never aliases the
// stored function.
func (c fnConfig) clone() fnConfig {
	c.Env = slices.Clone(c.Env)
	c.Layers = slices.Clone(c.Layers)
	c.Cfs = slices.Clone(c.Cfs)
	c.Tags = slices.Clone(c.Tags)
	if c.Concurrency != nil {
		cc := *c.Concurrency
		cc.MixNodeConfig = slices.Clone(cc.MixNodeConfig)
		if cc.SessionConfig != nil {
			sc := *cc.SessionConfig
			cc.SessionConfig = &sc
		}
		c.Concurrency = &cc
	}
	return c
}

func (c *fnConfig) hasVPC() bool { return c.VpcID != "" }

type codeRecord struct {
	Source string       `json:"source"` // ZipFile, Cos, Demo, TempCos, Git or Image
	Size   int64        `json:"size"`
	Sha256 string       `json:"sha256"`
	Image  *imageRecord `json:"image,omitempty"`
	// Zip is the package itself, kept in memory only so that Invoke can run
	// it (invoke.go); the state file stays free of code.
	Zip []byte `json:"-"`
}

// pendingOp is an accepted asynchronous operation; the function's status is
// derived from it lazily instead of by timers.
type pendingOp struct {
	Op    string         `json:"op"`
	Until time.Time      `json:"until"`
	Fail  []StatusReason `json:"fail,omitempty"`
}

type functionRecord struct {
	Namespace     string         `json:"namespace"`
	Name          string         `json:"name"`
	FunctionID    string         `json:"function_id"`
	Config        fnConfig       `json:"config"`
	Code          codeRecord     `json:"code"`
	AddTime       time.Time      `json:"add_time"`
	ModTime       time.Time      `json:"mod_time"`
	Status        string         `json:"status"`
	StatusReasons []StatusReason `json:"status_reasons,omitempty"`
	Pending       *pendingOp     `json:"pending,omitempty"`
	// LastVersion is the last version number given out; numbers are never
	// reused.
	LastVersion int64              `json:"last_version,omitempty"`
	Versions    []*fnVersionRecord `json:"versions,omitempty"`
	Aliases     []*aliasRecord     `json:"aliases,omitempty"`
	// ConcurrencySettings: reserved and provisioned concurrency (concurrency_quota.go).
	ConcurrencySettings *concurrencySettings `json:"concurrency_settings,omitempty"`
	Triggers            []*triggerRecord     `json:"triggers,omitempty"`
}

type namespaceRecord struct {
	Name        string    `json:"name"`
	Description string    `json:"description"`
	AddTime     time.Time `json:"add_time"`
	ModTime     time.Time `json:"mod_time"`
}

type store struct {
	Format     int                         `json:"format"`
	Namespaces map[string]*namespaceRecord `json:"namespaces"`
	Functions  map[string]*functionRecord  `json:"functions"`
	Layers     map[string]*layerRecord     `json:"layers"`
}

func fnKey(ns, name string) string { return ns + "/" + name }

func newStore() *store {
	return &store{Format: stateFormat, Namespaces: map[string]*namespaceRecord{}, Functions: map[string]*functionRecord{}, Layers: map[string]*layerRecord{}}
}

func loadStore(path string) (*store, error) {
	if path == "" {
		return newStore(), nil
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return newStore(), nil
	}
	if err != nil {
		return nil, fmt.Errorf("fakescf: reading state file: %w", err)
	}
	st := newStore()
	if err := json.Unmarshal(data, st); err != nil {
		return nil, fmt.Errorf("fakescf: state file %s is corrupt: %w", path, err)
	}
	if st.Format != stateFormat {
		return nil, fmt.Errorf("fakescf: state file %s has format %d; this version reads format %d", path, st.Format, stateFormat)
	}
	if st.Namespaces == nil {
		st.Namespaces = map[string]*namespaceRecord{}
	}
	if st.Functions == nil {
		st.Functions = map[string]*functionRecord{}
	}
	if st.Layers == nil {
		st.Layers = map[string]*layerRecord{}
	}
	for k, l := range st.Layers {
		if l == nil || k != l.Name || slices.Contains(l.Versions, nil) {
			return nil, fmt.Errorf("fakescf: state file %s is corrupt: layer entry %q is inconsistent", path, k)
		}
	}
	for k, f := range st.Functions {
		if f == nil || k != fnKey(f.Namespace, f.Name) || st.Namespaces[f.Namespace] == nil || slices.Contains(f.Versions, nil) || slices.Contains(f.Aliases, nil) {
			return nil, fmt.Errorf("fakescf: state file %s is corrupt: function entry %q is inconsistent", path, k)
		}
	}
	return st, nil
}

// seedNamespaces makes sure the default namespace and the fixture namespaces
// exist, also after loading an older state file.
func (s *Server) seedNamespaces() {
	now := s.now()
	if s.st.Namespaces[defaultNamespace] == nil {
		s.st.Namespaces[defaultNamespace] = &namespaceRecord{Name: defaultNamespace, AddTime: now, ModTime: now}
	}
	for _, nf := range s.fixtures.Namespaces {
		if s.st.Namespaces[nf.Name] == nil {
			s.st.Namespaces[nf.Name] = &namespaceRecord{Name: nf.Name, Description: nf.Description, AddTime: now, ModTime: now}
		}
	}
}

// persistLocked writes the state atomically: temp file in the same
// directory, fsync, rename.
func (s *Server) persistLocked() error {
	if s.statePath == "" || s.closed {
		return nil
	}
	data, err := json.MarshalIndent(s.st, "", "  ")
	if err != nil {
		return fmt.Errorf("fakescf: encoding state: %w", err)
	}
	dir := filepath.Dir(s.statePath)
	tmp, err := os.CreateTemp(dir, filepath.Base(s.statePath)+".tmp*")
	if err != nil {
		return fmt.Errorf("fakescf: writing state: %w", err)
	}
	tmpName := tmp.Name()
	cleanup := func(e error) error {
		_ = tmp.Close()
		_ = os.Remove(tmpName)
		return fmt.Errorf("fakescf: writing state: %w", e)
	}
	if _, err := tmp.Write(data); err != nil {
		return cleanup(err)
	}
	if err := tmp.Sync(); err != nil {
		return cleanup(err)
	}
	if err := tmp.Close(); err != nil {
		return cleanup(err)
	}
	if err := os.Rename(tmpName, s.statePath); err != nil {
		_ = os.Remove(tmpName)
		return fmt.Errorf("fakescf: writing state: %w", err)
	}
	return nil
}

// mutatedLocked persists after a successful mutation. A failed write does not
// undo the in-memory change; it is logged and reported again by Close.
func (s *Server) mutatedLocked() {
	if err := s.persistLocked(); err != nil {
		s.persistErr = err
		if s.log != nil {
			s.logMu.Lock()
			_, _ = fmt.Fprintf(s.log, "%s state write failed: %v\n", time.Now().UTC().Format(time.RFC3339), err)
			s.logMu.Unlock()
		}
	}
}

// settleLocked resolves every pending operation whose time has come.
func (s *Server) settleLocked() {
	now := s.now()
	s.settleLayersLocked(now)
	for k, f := range s.st.Functions {
		settleVersionsLocked(f, now)
		if f.Pending == nil || now.Before(f.Pending.Until) {
			continue
		}
		p := f.Pending
		f.Pending = nil
		failed := len(p.Fail) > 0
		switch p.Op {
		case opCreate:
			f.Status = activeUnless(failed, statusCreateFailed)
		case opUpdate:
			f.Status = activeUnless(failed, statusUpdateFailed)
		case opDelete:
			if !failed {
				delete(s.st.Functions, k)
				continue
			}
			f.Status = statusDeleteFailed
		}
		f.StatusReasons = nil
		if failed {
			f.StatusReasons = slices.Clone(p.Fail)
		}
	}
}

// activeUnless is the status an operation ends in: Active, or failedStatus
// when it failed.
func activeUnless(failed bool, failedStatus string) string {
	if failed {
		return failedStatus
	}
	return statusActive
}

// begin puts a function into a transitional status for the given delay.
func (s *Server) beginLocked(f *functionRecord, op, action string, delay time.Duration) {
	f.Pending = &pendingOp{Op: op, Until: s.now().Add(delay), Fail: s.takeFailNextLocked(action, f.Name)}
	f.StatusReasons = nil
	switch op {
	case opCreate:
		f.Status = statusCreating
	case opUpdate:
		f.Status = statusUpdating
	case opDelete:
		f.Status = statusDeleting
	}
}

func (s *Server) takeFailNextLocked(action, name string) []StatusReason {
	key := action + "\x00" + name
	reasons, ok := s.failNext[key]
	if !ok {
		return nil
	}
	delete(s.failNext, key)
	if len(reasons) == 0 {
		reasons = []StatusReason{{ErrorCode: "InternalError", ErrorMessage: "the deployment failed (injected by FailNext)"}}
	}
	return reasons
}

// FunctionNames lists the functions of a namespace in every status, sorted.
func (s *Server) FunctionNames(namespace string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.settleLocked()
	var names []string
	for _, f := range s.st.Functions {
		if f.Namespace == namespace {
			names = append(names, f.Name)
		}
	}
	sort.Strings(names)
	return names
}

// SetDelays changes the lifecycle delays for operations accepted from now on.
func (s *Server) SetDelays(create, update, del time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.createDelay, s.updateDelay, s.deleteDelay = max(create, 0), max(update, 0), max(del, 0)
}

// FailNext makes the next accepted CreateFunction, UpdateFunctionCode or
// UpdateFunctionConfiguration (or DeleteFunction) of the named function, in
// any namespace, end in the matching failed status with these reasons after
// the usual delay. Without reasons a generic InternalError reason is used.
// For PublishLayerVersion and DeleteLayerVersion, name the layer: its next
// version ends PublishFailed, or DeleteFailed (the API shows no reasons
// for layers).
func (s *Server) FailNext(action, functionName string, reasons ...StatusReason) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failNext[action+"\x00"+functionName] = slices.Clone(reasons)
}
