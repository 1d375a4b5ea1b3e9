package scfapi_test

// Contract tests: the real client against the independent fake server
// (internal/fakescf), over HTTP on 127.0.0.1, for every action the client
// implements. Each test starts its own fake.

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/scfprovider/terraform-provider-scf/internal/fakescf"
	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

func TestContractCreateFunctionRoundTrip(t *testing.T) {
	clock := &shiftedClock{}
	h := newContract(t, fakescf.Options{Clock: clock.now, CreateDelay: time.Hour}, nil)
	zipBytes := makeZip(t, "def main_handler(e, c):\n    return 'round trip'\n")
	req := &scfapi.CreateFunctionRequest{
		FunctionName: sp("round-trip"),
		Runtime:      sp("Python3.9"),
		Handler:      sp("index.main_handler"),
		Description:  sp("every field, once"),
		Code:         &scfapi.Code{ZipFile: b64(zipBytes)},
		MemorySize:   ip(256),
		Timeout:      ip(30),
		InitTimeout:  ip(20),
		Environment:  env("GREETING", "hello", "TOKEN", "s3cr3t"),
		Layers:       []*scfapi.LayerVersionSimple{{LayerName: sp("common-libs"), LayerVersion: ip(2)}},
		VpcConfig:    &scfapi.VpcConfig{VpcId: sp("vpc-demo0001"), SubnetId: sp("subnet-demo0001")},
		Role:         sp("SCF_QcsRole"),
		ClsLogsetId:  sp("cls-logset-demo"),
		ClsTopicId:   sp("cls-topic-demo"),
		DeadLetterConfig: &scfapi.DeadLetterConfig{
			Type: sp("CMQ-TOPIC"), Name: sp("dlq-topic-demo"), FilterType: sp("tag-filter"),
		},
		PublicNetConfig: &scfapi.PublicNetConfigIn{PublicNetStatus: sp("ENABLE"), EipConfig: &scfapi.EipConfigIn{EipStatus: sp("ENABLE")}},
		CfsConfig: &scfapi.CfsConfig{CfsInsList: []*scfapi.CfsInsInfo{{
			UserId: sp("10000"), UserGroupId: sp("10000"), CfsId: sp("cfs-demo01"), MountInsId: sp("cfs-demo01"),
			LocalMountDir: sp("/mnt/data"), RemoteMountDir: sp("/"),
		}}},
		Tags: []*scfapi.Tag{{Key: sp("team"), Value: sp("a")}, {Key: sp("env"), Value: sp("dev")}},
	}
	if err := h.c.CreateFunction(h.ctx, req); err != nil {
		t.Fatalf("CreateFunction: %v", err)
	}
	// The waiter must sit through Creating: let it poll a few times, then
	// move the fake's clock past the creation delay.
	type result struct {
		f   *scfapi.Function
		err error
	}
	done := make(chan result, 1)
	go func() {
		f, err := h.c.WaitForActive(h.ctx, "", "round-trip")
		done <- result{f, err}
	}()
	eventually(t, "three polls of a Creating function", func() bool { return h.srv.Stats().Requests[scfapi.ActionGetFunction] >= 3 })
	select {
	case r := <-done:
		t.Fatalf("WaitForActive returned while the function was Creating: %+v", r)
	default:
	}
	clock.shift(time.Hour)
	r := <-done
	if r.err != nil {
		t.Fatalf("WaitForActive: %v", r.err)
	}
	active := r.f

	for label, f := range map[string]*scfapi.Function{"WaitForActive": active, "GetFunction": h.get("", "round-trip")} {
		t.Run(label, func(t *testing.T) {
			checks := []struct {
				field     string
				got, want any
			}{
				{"Status", f.Status, scfapi.StatusActive},
				{"FunctionName", f.FunctionName, "round-trip"},
				{"Namespace", f.Namespace, scfapi.DefaultNamespace},
				{"Runtime", f.Runtime, "Python3.9"},
				{"Handler", f.Handler, "index.main_handler"},
				{"Description", f.Description, "every field, once"},
				{"MemorySize", f.MemorySize, int64(256)},
				{"Timeout", f.Timeout, int64(30)},
				{"InitTimeout", f.InitTimeout, int64(20)},
				{"CodeSize", f.CodeSize, int64(len(zipBytes))},
				{"Environment", envOf(f), map[string]string{"GREETING": "hello", "TOKEN": "s3cr3t"}},
				{"Layers", layersOf(f), []string{"common-libs:2"}},
				{"VpcConfig", f.VpcConfig, scfapi.VpcConfigOut{VpcId: "vpc-demo0001", SubnetId: "subnet-demo0001"}},
				{"Role", f.Role, "SCF_QcsRole"},
				{"Cls", f.ClsLogsetId + "/" + f.ClsTopicId, "cls-logset-demo/cls-topic-demo"},
				{"DeadLetterConfig", f.DeadLetterConfig, scfapi.DeadLetterConfigOut{Type: "CMQ-TOPIC", Name: "dlq-topic-demo", FilterType: "tag-filter"}},
				{"Tags", tagsOf(f), map[string]string{"team": "a", "env": "dev"}},
				{"Type", f.Type, "Event"},
			}
			for _, c := range checks {
				if fmt.Sprint(c.got) != fmt.Sprint(c.want) {
					t.Errorf("%s = %v, want %v", c.field, c.got, c.want)
				}
			}
			if !strings.HasPrefix(f.FunctionId, "lam-") || f.RequestId == "" || f.AddTime == "" {
				t.Errorf("FunctionId %q, RequestId %q, AddTime %q: want all set", f.FunctionId, f.RequestId, f.AddTime)
			}
			if p := f.PublicNetConfig; p == nil || p.PublicNetStatus != "ENABLE" || p.EipConfig.EipStatus != "ENABLE" || len(p.EipConfig.EipAddress) != 1 {
				t.Errorf("PublicNetConfig = %+v, want ENABLE with one fixed EIP", p)
			}
			cfs := f.CfsConfig.CfsInsList
			if len(cfs) != 1 {
				t.Fatalf("CfsInsList = %+v, want one mount", cfs)
			}
			m := cfs[0]
			if m.UserId != "10000" || m.UserGroupId != "10000" || m.CfsId != "cfs-demo01" || m.MountInsId != "cfs-demo01" ||
				m.LocalMountDir != "/mnt/data" || m.RemoteMountDir != "/" || m.MountVpcId != "vpc-demo0001" || m.MountSubnetId != "subnet-demo0001" {
				t.Errorf("CFS mount = %+v", m)
			}
		})
	}
}

func TestContractCodeUpdateAndAddress(t *testing.T) {
	h := newContract(t, fakescf.Options{UpdateDelay: 30 * time.Millisecond}, nil)
	v1, v2 := makeZip(t, "def main_handler(e, c):\n    return 1\n"), makeZip(t, "def handler(e, c):\n    return 2\n")
	req := zipRequest(t, "code")
	req.Code.ZipFile = b64(v1)
	h.create(req)
	if got, want := h.codeSha("code"), sha256Hex(v1); got != want {
		t.Fatalf("CodeSha256 = %s, want sha256 of the zip sent %s", got, want)
	}

	err := h.c.UpdateFunctionCode(h.ctx, &scfapi.UpdateFunctionCodeRequest{
		FunctionName: sp("code"), Handler: sp("app.handler"), Code: &scfapi.Code{ZipFile: b64(v2)},
	})
	if err != nil {
		t.Fatalf("UpdateFunctionCode: %v", err)
	}
	f := h.waitActive("code")
	if f.Handler != "app.handler" || f.CodeSize != int64(len(v2)) {
		t.Errorf("after the update Handler = %q, CodeSize = %d; want app.handler, %d", f.Handler, f.CodeSize, len(v2))
	}
	if f.MemorySize != 128 || f.Runtime != "Python3.9" {
		t.Errorf("a code update changed the configuration: MemorySize %d, Runtime %s", f.MemorySize, f.Runtime)
	}
	got := h.codeSha("code")
	if got != sha256Hex(v2) || got == sha256Hex(v1) {
		t.Errorf("CodeSha256 after the update = %s, want %s (changed from %s)", got, sha256Hex(v2), sha256Hex(v1))
	}
}

func TestContractPartialConfigurationUpdate(t *testing.T) {
	h := newContract(t, fakescf.Options{UpdateDelay: 20 * time.Millisecond}, nil)
	req := zipRequest(t, "conf")
	req.MemorySize, req.Timeout, req.Description = ip(256), ip(10), sp("first")
	req.Environment = env("A", "1", "B", "2")
	req.Layers = []*scfapi.LayerVersionSimple{{LayerName: sp("common-libs"), LayerVersion: ip(1)}}
	h.create(req)

	update := func(u *scfapi.UpdateFunctionConfigurationRequest) *scfapi.Function {
		t.Helper()
		u.FunctionName = sp("conf")
		if err := h.c.UpdateFunctionConfiguration(h.ctx, u); err != nil {
			t.Fatalf("UpdateFunctionConfiguration: %v", err)
		}
		return h.waitActive("conf")
	}
	check := func(step string, f *scfapi.Function, mem, timeout int64, desc string, envWant map[string]string, layers []string) {
		t.Helper()
		if f.MemorySize != mem || f.Timeout != timeout || f.Description != desc || f.Handler != "index.main_handler" {
			t.Errorf("%s: MemorySize %d, Timeout %d, Description %q, Handler %q; want %d, %d, %q, index.main_handler",
				step, f.MemorySize, f.Timeout, f.Description, f.Handler, mem, timeout, desc)
		}
		if got := envOf(f); !maps.Equal(got, envWant) {
			t.Errorf("%s: environment %v, want %v", step, got, envWant)
		}
		if got := layersOf(f); !slices.Equal(got, layers) {
			t.Errorf("%s: layers %v, want %v", step, got, layers)
		}
	}

	f := update(&scfapi.UpdateFunctionConfigurationRequest{MemorySize: ip(512), Description: sp("second")})
	check("partial update", f, 512, 10, "second", map[string]string{"A": "1", "B": "2"}, []string{"common-libs:1"})

	f = update(&scfapi.UpdateFunctionConfigurationRequest{
		Environment: env("C", "3"),
		Layers:      []*scfapi.LayerVersionSimple{{LayerName: sp("common-libs"), LayerVersion: ip(2)}},
	})
	check("replace env and layers", f, 512, 10, "second", map[string]string{"C": "3"}, []string{"common-libs:2"})

	// The documented clearing sentinels.
	f = update(&scfapi.UpdateFunctionConfigurationRequest{
		Environment: env("", ""),
		Layers:      []*scfapi.LayerVersionSimple{{LayerName: sp(""), LayerVersion: ip(0)}},
	})
	check("clearing sentinels", f, 512, 10, "second", map[string]string{}, nil)
}

func TestContractDeleteFunction(t *testing.T) {
	h := newContract(t, fakescf.Options{DeleteDelay: 50 * time.Millisecond}, nil)
	h.create(zipRequest(t, "doomed"))
	if err := h.c.DeleteFunction(h.ctx, "", "doomed"); err != nil {
		t.Fatalf("DeleteFunction: %v", err)
	}
	if f, err := h.c.GetFunction(h.ctx, "", "doomed"); err == nil && f.Status != scfapi.StatusDeleting {
		t.Errorf("right after DeleteFunction the status is %s, want Deleting", f.Status)
	}
	if err := h.c.WaitForDeleted(h.ctx, "", "doomed"); err != nil {
		t.Fatalf("WaitForDeleted: %v", err)
	}
	if _, err := h.c.GetFunction(h.ctx, "", "doomed"); !scfapi.IsNotFound(err) {
		t.Errorf("GetFunction after the deletion: %v, want not found", err)
	}
	if names := h.srv.FunctionNames(scfapi.DefaultNamespace); len(names) != 0 {
		t.Errorf("the fake still holds %v", names)
	}
}

func TestContractListFunctionsPages(t *testing.T) {
	const n = 105 // more than one page of 100
	h := newContract(t, fakescf.Options{}, func(cfg *scfapi.Config) {
		cfg.RateLimits = map[string]float64{scfapi.ActionCreateFunction: 1000}
	})
	h.srv.SetRateLimit(scfapi.ActionCreateFunction, 1000)
	code := &scfapi.Code{ZipFile: b64(makeZip(t, "x = 1\n"))}
	want := make([]string, 0, n)
	for i := range n {
		name := fmt.Sprintf("list-%03d", i)
		want = append(want, name)
		req := &scfapi.CreateFunctionRequest{FunctionName: sp(name), Runtime: sp("Python3.9"), Handler: sp("index.main_handler"), Code: code}
		if err := h.c.CreateFunction(h.ctx, req); err != nil {
			t.Fatalf("CreateFunction %s: %v", name, err)
		}
	}
	if err := h.c.CreateNamespace(h.ctx, "other", ""); err != nil {
		t.Fatal(err)
	}
	other := zipRequest(t, "elsewhere")
	other.Namespace = sp("other")
	h.create(other)

	before := h.srv.Stats().Requests[scfapi.ActionListFunctions]
	all, err := h.c.ListAllFunctions(h.ctx, "")
	if err != nil {
		t.Fatalf("ListAllFunctions: %v", err)
	}
	if pages := h.srv.Stats().Requests[scfapi.ActionListFunctions] - before; pages != 2 {
		t.Errorf("ListAllFunctions read %d pages, want 2", pages)
	}
	var got []string
	for _, f := range all {
		got = append(got, f.FunctionName)
		if f.Namespace != scfapi.DefaultNamespace || f.FunctionId == "" {
			t.Errorf("summary %+v: want namespace default and a FunctionId", f)
		}
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("ListAllFunctions returned %d distinct-or-not names, want the %d created", len(got), n)
	}

	page, err := h.c.ListFunctions(h.ctx, &scfapi.ListFunctionsRequest{Offset: ip(100), Limit: ip(100), Orderby: sp("FunctionName"), Order: sp("ASC")})
	if err != nil {
		t.Fatalf("ListFunctions: %v", err)
	}
	if page.TotalCount != n || len(page.Functions) != 5 || page.Functions[0].FunctionName != "list-100" {
		t.Errorf("last page: TotalCount %d, %d rows; want %d and 5 rows from list-100", page.TotalCount, len(page.Functions), n)
	}
	search, err := h.c.ListFunctions(h.ctx, &scfapi.ListFunctionsRequest{SearchKey: sp("list-10")})
	if err != nil || search.TotalCount != 5 {
		t.Errorf("SearchKey list-10: %v, %+v; want 5 matches", err, search)
	}
	elsewhere, err := h.c.ListAllFunctions(h.ctx, "other")
	if err != nil || len(elsewhere) != 1 || elsewhere[0].FunctionName != "elsewhere" {
		t.Errorf("ListAllFunctions(other) = %+v, %v; want only elsewhere", elsewhere, err)
	}
}

func TestContractNamespaces(t *testing.T) {
	h := newContract(t, fakescf.Options{}, nil)
	describe := func(name string) (string, bool) {
		t.Helper()
		l, err := h.c.ListNamespaces(h.ctx, &scfapi.ListNamespacesRequest{Limit: ip(100)})
		if err != nil {
			t.Fatalf("ListNamespaces: %v", err)
		}
		if int(l.TotalCount) != len(l.Namespaces) {
			t.Errorf("TotalCount %d for %d rows", l.TotalCount, len(l.Namespaces))
		}
		for _, ns := range l.Namespaces {
			if ns.Name == name {
				return ns.Description, true
			}
		}
		return "", false
	}

	if err := h.c.CreateNamespace(h.ctx, "team-a", "first team"); err != nil {
		t.Fatalf("CreateNamespace: %v", err)
	}
	if d, ok := describe("team-a"); !ok || d != "first team" {
		t.Errorf("team-a listed %v with description %q", ok, d)
	}
	if _, ok := describe(scfapi.DefaultNamespace); !ok {
		t.Error("the default namespace is not listed")
	}
	if err := h.c.CreateNamespace(h.ctx, "team-a", ""); !scfapi.IsInUse(err) || scfapi.ErrorCode(err) != "ResourceInUse.Namespace" {
		t.Errorf("creating team-a again: %v, want ResourceInUse.Namespace", err)
	}
	if err := h.c.UpdateNamespace(h.ctx, "team-a", "renamed team"); err != nil {
		t.Fatalf("UpdateNamespace: %v", err)
	}
	if d, _ := describe("team-a"); d != "renamed team" {
		t.Errorf("description after UpdateNamespace = %q", d)
	}
	found, err := h.c.ListNamespaces(h.ctx, &scfapi.ListNamespacesRequest{
		SearchKey: []*scfapi.SearchKey{{Key: sp("Namespace"), Value: sp("team")}},
	})
	if err != nil || found.TotalCount != 1 || found.Namespaces[0].Name != "team-a" {
		t.Errorf("SearchKey team: %+v, %v; want only team-a", found, err)
	}

	fn := zipRequest(t, "resident")
	fn.Namespace = sp("team-a")
	h.create(fn)
	if err := h.c.DeleteNamespace(h.ctx, "team-a"); !scfapi.IsInUse(err) {
		t.Errorf("deleting a namespace with a function: %v, want ResourceInUse.Namespace", err)
	}
	if err := h.c.DeleteFunction(h.ctx, "team-a", "resident"); err != nil {
		t.Fatal(err)
	}
	if err := h.c.WaitForDeleted(h.ctx, "team-a", "resident"); err != nil {
		t.Fatal(err)
	}
	if err := h.c.DeleteNamespace(h.ctx, "team-a"); err != nil {
		t.Fatalf("DeleteNamespace: %v", err)
	}
	if _, ok := describe("team-a"); ok {
		t.Error("team-a is still listed after DeleteNamespace")
	}
	if err := h.c.DeleteNamespace(h.ctx, "team-a"); !scfapi.IsNotFound(err) {
		t.Errorf("deleting team-a again: %v, want ResourceNotFound.Namespace", err)
	}
}

// TestContractListAllNamespaces: more namespaces than one page holds are
// read in pages of 100, filters are substrings of the name and description,
// and FindNamespace keeps only the exact name.
func TestContractListAllNamespaces(t *testing.T) {
	fx := fakescf.DefaultFixtures()
	for i := range 130 {
		desc := "even"
		if i%2 == 1 {
			desc = "odd"
		}
		fx.Namespaces = append(fx.Namespaces, fakescf.NamespaceFixture{Name: fmt.Sprintf("bulk-%03d", i), Description: desc})
	}
	h := newContract(t, fakescf.Options{Fixtures: fx}, nil)
	all, err := h.c.ListAllNamespaces(h.ctx, scfapi.NamespaceFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 132 || all[0].Name != "bulk-000" || all[131].Name != "frozen" {
		t.Fatalf("ListAllNamespaces read %d namespaces, first %q, last %q; want 132 from bulk-000 to frozen", len(all), all[0].Name, all[len(all)-1].Name)
	}
	if got := h.srv.Stats().Responses[scfapi.ActionListNamespaces]["OK"]; got != 2 {
		t.Errorf("%d ListNamespaces calls for 132 namespaces, want 2 pages of 100", got)
	}
	odd, err := h.c.ListAllNamespaces(h.ctx, scfapi.NamespaceFilter{NameContains: "bulk-1", DescriptionContains: "odd"})
	if err != nil || len(odd) != 15 || odd[0].Name != "bulk-101" {
		t.Errorf("bulk-1*, odd: %d namespaces, %v; want 15 from bulk-101", len(odd), err)
	}
	none, err := h.c.ListAllNamespaces(h.ctx, scfapi.NamespaceFilter{NameContains: "no-such"})
	if err != nil || len(none) != 0 {
		t.Errorf("a filter that matches nothing: %v, %v; want no namespace and no error", none, err)
	}
	if ns, err := h.c.FindNamespace(h.ctx, "bulk-01"); err != nil || ns != nil {
		t.Errorf("FindNamespace(bulk-01) = %+v, %v; want nothing: only longer names contain it", ns, err)
	}
	if ns, err := h.c.FindNamespace(h.ctx, "bulk-010"); err != nil || ns == nil || ns.Description != "even" || ns.Type == "" || ns.AddTime == "" {
		t.Errorf("FindNamespace(bulk-010) = %+v, %v", ns, err)
	}
}

func TestContractModifyResourceTags(t *testing.T) {
	h := newContract(t, fakescf.Options{}, nil)
	req := zipRequest(t, "tagged")
	req.Tags = []*scfapi.Tag{{Key: sp("team"), Value: sp("a")}, {Key: sp("env"), Value: sp("dev")}}
	h.create(req)

	if err := h.c.ModifyResourceTags(h.ctx, "", "tagged", map[string]string{"team": "b", "owner": "ops"}, []string{"env"}); err != nil {
		t.Fatalf("ModifyResourceTags: %v", err)
	}
	if got, want := tagsOf(h.get("", "tagged")), map[string]string{"team": "b", "owner": "ops"}; !maps.Equal(got, want) {
		t.Errorf("tags = %v, want %v", got, want)
	}
	before := h.srv.Stats().Requests[scfapi.ActionModifyResourceTags]
	if err := h.c.ModifyResourceTags(h.ctx, "", "tagged", nil, nil); err != nil {
		t.Errorf("an empty tag change: %v", err)
	}
	if after := h.srv.Stats().Requests[scfapi.ActionModifyResourceTags]; after != before {
		t.Errorf("an empty tag change sent %d requests", after-before)
	}
	err := h.c.ModifyResourceTags(h.ctx, "", "missing", map[string]string{"k": "v"}, nil)
	if code := scfapi.ErrorCode(err); code != "ResourceNotFound" {
		t.Errorf("tagging a missing function: %v, want the Tag service's ResourceNotFound", err)
	}
}
