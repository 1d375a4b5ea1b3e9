package fakescf

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"regexp"
	"slices"
)

var sha256HexRE = regexp.MustCompile(`^[0-9a-f]{64}$`)

//go:embed fixtures_default.json
var defaultFixturesJSON []byte

// Fixtures describes the pre-existing cloud account the fake pretends to be
// in: everything a function may reference but the SCF API cannot create.
type Fixtures struct {
	AppID          int64              `json:"app_id"`
	Uin            string             `json:"uin"`
	Regions        []string           `json:"regions"`
	Roles          []string           `json:"roles"`
	Vpcs           []VpcFixture       `json:"vpcs"`
	Layers         []LayerFixture     `json:"layers"`
	Cls            []ClsFixture       `json:"cls"`
	DefaultCls     ClsPair            `json:"default_cls"`
	CosObjects     []CosObjectFixture `json:"cos_objects"`
	Demos          []string           `json:"demos"`
	GitRepos       []string           `json:"git_repos"`
	Cmq            []CmqFixture       `json:"cmq"`
	Namespaces     []NamespaceFixture `json:"namespaces"`
	FunctionLimit  int                `json:"function_limit"`  // 0 means 1000
	NamespaceLimit int                `json:"namespace_limit"` // 0 means 5, the documented quota; the default namespace is not counted
	EipLimit       int                `json:"eip_limit"`       // 0 means 5
	// LayerVersionLimit caps the live versions of one layer; 0 means 200.
	// The quota is not documented: 200 is the fake's assumption.
	LayerVersionLimit int `json:"layer_version_limit"`
	// FunctionVersionLimit caps the published versions of one function; 0
	// means 200. The quota is not documented: 200 is the fake's assumption.
	FunctionVersionLimit int `json:"function_version_limit"`
	// AccountConcurrencyMem is the account's concurrency quota in MB; 0
	// means 128000, the documented default.
	AccountConcurrencyMem int64 `json:"account_concurrency_mem"`
}

// VpcFixture is a VPC and the subnets inside it.
type VpcFixture struct {
	VpcID   string   `json:"vpc_id"`
	Subnets []string `json:"subnets"`
}

// LayerFixture is a layer with its published versions.
type LayerFixture struct {
	Name               string   `json:"name"`
	Versions           []int64  `json:"versions"`
	CompatibleRuntimes []string `json:"compatible_runtimes"`
	Description        string   `json:"description,omitempty"`
	AddTime            string   `json:"add_time,omitempty"`
}

// ClsFixture is a CLS log set with its topics.
type ClsFixture struct {
	LogsetID string   `json:"logset_id"`
	Topics   []string `json:"topics"`
}

// ClsPair names one CLS topic inside a log set.
type ClsPair struct {
	LogsetID string `json:"logset_id"`
	TopicID  string `json:"topic_id"`
}

// CosObjectFixture is a code package stored in COS. Denied objects exist but
// the function role may not read them.
type CosObjectFixture struct {
	Bucket string `json:"bucket"`
	Object string `json:"object"`
	Region string `json:"region"`
	Sha256 string `json:"sha256"`
	Size   int64  `json:"size"`
	Denied bool   `json:"denied,omitempty"`
}

// CmqFixture is a CMQ queue or topic usable as a dead letter target.
type CmqFixture struct {
	Type string `json:"type"`
	Name string `json:"name"`
}

// NamespaceFixture is a namespace that exists from the start. Unavailable
// namespaces refuse new functions.
type NamespaceFixture struct {
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	Unavailable bool   `json:"unavailable,omitempty"`
}

// DefaultFixtures returns a fresh copy of the embedded fixtures.
func DefaultFixtures() *Fixtures {
	f, err := ParseFixtures(defaultFixturesJSON)
	if err != nil {
		// The embedded file is covered by tests; reaching this is a build defect.
		panic(fmt.Sprintf("fakescf: embedded fixtures are invalid: %v", err))
	}
	return f
}

// LoadFixtures reads and validates a fixtures file.
func LoadFixtures(path string) (*Fixtures, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading fixtures: %w", err)
	}
	f, err := ParseFixtures(data)
	if err != nil {
		return nil, fmt.Errorf("fixtures file %s: %w", path, err)
	}
	return f, nil
}

// ParseFixtures decodes fixtures JSON, rejecting unknown keys so that typos
// in a hand-written file are not silently ignored.
func ParseFixtures(data []byte) (*Fixtures, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var f Fixtures
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("decoding fixtures: %w", err)
	}
	if err := f.validate(); err != nil {
		return nil, err
	}
	return &f, nil
}

func (f *Fixtures) validate() error {
	if f.AppID <= 0 {
		return errors.New("app_id must be a positive number")
	}
	if len(f.Regions) == 0 {
		return errors.New("regions must list at least one region")
	}
	if f.DefaultCls.LogsetID == "" || f.DefaultCls.TopicID == "" {
		return errors.New("default_cls needs logset_id and topic_id")
	}
	if !f.clsPairExists(f.DefaultCls.LogsetID, f.DefaultCls.TopicID) {
		return errors.New("default_cls must name a topic listed under cls")
	}
	for _, o := range f.CosObjects {
		if !sha256HexRE.MatchString(o.Sha256) {
			return fmt.Errorf("cos object %s%s: sha256 must be 64 lower-case hex digits", o.Bucket, o.Object)
		}
	}
	for _, ns := range f.Namespaces {
		if !namespaceNameRE.MatchString(ns.Name) || ns.Name == defaultNamespace {
			return fmt.Errorf("namespace fixture %q is not a valid user namespace name", ns.Name)
		}
	}
	if f.FunctionLimit < 0 || f.NamespaceLimit < 0 || f.EipLimit < 0 || f.LayerVersionLimit < 0 || f.FunctionVersionLimit < 0 {
		return errors.New("limits must not be negative")
	}
	return nil
}

func (f *Fixtures) clone() *Fixtures {
	data, err := json.Marshal(f)
	if err != nil {
		panic(fmt.Sprintf("fakescf: fixtures do not marshal: %v", err))
	}
	var c Fixtures
	if err := json.Unmarshal(data, &c); err != nil {
		panic(fmt.Sprintf("fakescf: fixtures do not round-trip: %v", err))
	}
	return &c
}

func (f *Fixtures) functionLimit() int {
	if f.FunctionLimit == 0 {
		return 1000
	}
	return f.FunctionLimit
}

// defaultNamespaceLimit is the SCF quota "number of namespaces per region"
// (5, Tencent Cloud's Quota Limits page), counted without `default`.
const defaultNamespaceLimit = 5

func (f *Fixtures) namespaceLimit() int {
	if f.NamespaceLimit == 0 {
		return defaultNamespaceLimit
	}
	return f.NamespaceLimit
}

func (f *Fixtures) eipLimit() int {
	if f.EipLimit == 0 {
		return 5
	}
	return f.EipLimit
}

func (f *Fixtures) layerVersionLimit() int {
	if f.LayerVersionLimit == 0 {
		return 200
	}
	return f.LayerVersionLimit
}

func (f *Fixtures) functionVersionLimit() int {
	if f.FunctionVersionLimit == 0 {
		return 200
	}
	return f.FunctionVersionLimit
}

func (f *Fixtures) hasRegion(r string) bool { return slices.Contains(f.Regions, r) }
func (f *Fixtures) hasRole(r string) bool   { return slices.Contains(f.Roles, r) }
func (f *Fixtures) hasDemo(d string) bool   { return slices.Contains(f.Demos, d) }

func (f *Fixtures) vpcHasSubnet(vpcID, subnetID string) bool {
	for _, v := range f.Vpcs {
		if v.VpcID == vpcID {
			return slices.Contains(v.Subnets, subnetID)
		}
	}
	return false
}

func (f *Fixtures) clsPairExists(logset, topic string) bool {
	for _, c := range f.Cls {
		if c.LogsetID == logset {
			return slices.Contains(c.Topics, topic)
		}
	}
	return false
}

func (f *Fixtures) cmqExists(typ, name string) bool {
	return slices.Contains(f.Cmq, CmqFixture{Type: typ, Name: name})
}

// cosObject finds an object; an empty region matches any, because the API
// only needs CosBucketRegion to tell ap-beijing from ap-beijing-1.
func (f *Fixtures) cosObject(bucket, object, region string) *CosObjectFixture {
	for i := range f.CosObjects {
		o := &f.CosObjects[i]
		if o.Bucket == bucket && o.Object == object && (region == "" || o.Region == region) {
			return o
		}
	}
	return nil
}

func (f *Fixtures) namespaceFixture(name string) *NamespaceFixture {
	for i := range f.Namespaces {
		if f.Namespaces[i].Name == name {
			return &f.Namespaces[i]
		}
	}
	return nil
}

func (f *Fixtures) hasGitRepo(u string) bool { return slices.Contains(f.GitRepos, u) }
