package provider

import (
	"math/big"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/scfprovider/terraform-provider-scf/internal/fastpath"
	"github.com/scfprovider/terraform-provider-scf/internal/fastpath/fastpathtest"
)

// functionSubject is scf_function for fastpathtest: the framework's own
// server for the provider, and the fast paths the provider's server uses.
// Its dictionary holds values valid for the schema's validators and rules
// (and a few that are not); zip is a small zip file, as ModifyPlan reads
// the one that code.zip_file names to plan its digest, and makes no API
// calls.
func functionSubject(t testing.TB, zip string) fastpathtest.Subject {
	t.Helper()
	framework, err := providerserver.NewProtocol6WithError(New("test")())()
	if err != nil {
		t.Fatal(err)
	}
	planner, err := fastpath.NewPlanner(t.Context(), providerTypeName, NewSCFFunctionResource())
	if err != nil {
		t.Fatalf("the planner refuses scf_function: %v", err)
	}
	checker, err := fastpath.NewChecker(t.Context(), providerTypeName, NewSCFFunctionResource())
	if err != nil {
		t.Fatalf("the checker refuses scf_function: %v", err)
	}
	schemas, err := framework.GetProviderSchema(t.Context(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	stateType, ok := schemas.ResourceSchemas["scf_function"].ValueType().(tftypes.Object)
	if !ok {
		t.Fatal("scf_function is not an object")
	}
	identities, err := framework.GetResourceIdentitySchemas(t.Context(), &tfprotov6.GetResourceIdentitySchemasRequest{})
	if err != nil || identities.IdentitySchemas["scf_function"] == nil {
		t.Fatalf("scf_function identity schema: %v", err)
	}
	var sresp resource.SchemaResponse
	NewSCFFunctionResource().Schema(t.Context(), resource.SchemaRequest{}, &sresp)
	return fastpathtest.Subject{
		TypeName: "scf_function", Attributes: sresp.Schema.Attributes,
		StateType: stateType, IdentityType: identities.IdentitySchemas["scf_function"].ValueType(),
		Framework:  framework,
		Dictionary: functionDictionary(zip),
		Plan: func(t testing.TB, req *tfprotov6.PlanResourceChangeRequest) *tfprotov6.PlanResourceChangeResponse {
			return planner.Plan(t.Context(), req)
		},
		Valid: func(t testing.TB, req *tfprotov6.ValidateResourceConfigRequest) bool {
			return checker.Valid(t.Context(), req)
		},
	}
}

func functionDictionary(zip string) fastpathtest.Dictionary {
	return fastpathtest.Dictionary{
		Strings: []string{"", "x", "default", "ENABLE", "DISABLE"},
		StringsOf: map[string][]string{
			"name": {"fn", "bench-1", "1bad"}, "namespace": {"default", "ns"}, "zip_file": {zip, zip + ".missing"},
			"runtime": {"Python3.9", "Nodejs18.15", "Java8", "CustomImage"}, "handler": {"index.main_handler", "app.handler"},
			"description": {"a function", "<script>"}, "type": {"HTTP", "Event", "CMQ-QUEUE"}, "code_source": {"ZipFile", "Cos"},
			"role": {"SCF_QcsRole"}, "cls_logset_id": {"ls"}, "cls_topic_id": {"tp"}, "vpc_id": {"vpc-1"}, "subnet_id": {"subnet-1"},
			"cos_bucket_name": {"b"}, "cos_object_name": {"/c.zip"}, "image_type": {"enterprise", "personal"},
			"image_uri": {"ccr.ccs.tencentyun.com/ns/app:v1", "r/a b"}, "registry_id": {"tcr-1"},
			"protocol_type": {"WS"}, "ip_fixed": {"ENABLE", "YES"}, "session_source": {"HEADER"}, "session_name": {"x-session"},
			"idle_timeout_strategy": {"PAUSE", "FATAL"}, "public_net_status": {"ENABLE", "DISABLE"}, "eip_status": {"ENABLE"},
			"create": {"5m", "soon"}, "update": {"10m"}, "delete": {"1h"},
		},
		Numbers: append(fastpathtest.Numbers(1, 3, 9, 30, 128, 256, 600, 0, -1, 1.5), fastpathtest.TooLargeForInt64()),
		NumbersOf: map[string][]*big.Float{
			"memory_size": fastpathtest.Numbers(128, 256, 100), "timeout": fastpathtest.Numbers(3, 9, 901),
			"version": fastpathtest.Numbers(1, 0), "idle_timeout": fastpathtest.Numbers(600, 1801),
		},
		Keys: []string{"A", "k", "1A"},
		// Of some 45 attributes, a handful set, usually those most
		// configurations set.
		ExtraNulls: 40,
		Usual:      map[string]bool{"name": true, "code": true, "zip_file": true, "runtime": true, "handler": true},
	}
}

// FuzzFastPathsMatchFrameworkForFunctions compares the fast paths with the
// framework on generated configurations and prior states of scf_function.
func FuzzFastPathsMatchFrameworkForFunctions(f *testing.F) {
	for _, seed := range [][]byte{
		{},
		{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 47, 2, 47, 0, 47, 0},
		{47, 0, 47, 1, 47, 47, 0, 0, 47, 0, 47, 46, 47, 1, 47, 2},
		{44, 44, 44, 44, 44, 44, 44, 44, 44, 44, 44, 44},
		{46, 45, 47, 46, 45, 47, 46, 45, 47, 46, 45, 47, 46, 45, 47, 46, 45, 47, 1, 2, 3},
	} {
		f.Add(seed)
	}
	subject := functionSubject(f, benchZip(f))
	f.Fuzz(func(t *testing.T, data []byte) { subject.Check(t, data) })
}

// TestFunctionFuzzCorpusReachesTheFastPaths: the inputs kept in testdata
// for the fuzz target (named reaches-every-fast-path-*, found by a random
// search) are answered by the fast paths in all three cases, so the target
// compares something from its first run.
func TestFunctionFuzzCorpusReachesTheFastPaths(t *testing.T) {
	subject := functionSubject(t, benchZip(t))
	files, err := filepath.Glob("testdata/fuzz/FuzzFastPathsMatchFrameworkForFunctions/reaches-every-fast-path-*")
	if err != nil || len(files) == 0 {
		t.Fatalf("no inputs in testdata (%v)", err)
	}
	for _, file := range files {
		content, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		// The corpus format: a header line, then []byte("...") in Go syntax.
		lines := strings.Split(strings.TrimSpace(string(content)), "\n")
		literal := strings.TrimSuffix(strings.TrimPrefix(lines[len(lines)-1], "[]byte("), ")")
		data, err := strconv.Unquote(literal)
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		if o := subject.Check(t, []byte(data)); !o.Valid || !o.Create || !o.Unchanged {
			t.Errorf("%s reaches the fast paths only so far: %+v", file, o)
		}
	}
}
