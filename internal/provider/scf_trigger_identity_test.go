package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/scfprovider/terraform-provider-scf/internal/fakescf"
	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

// TestSCFTriggerIdentity speaks the protocol as Terraform 1.12 and later do:
// the identity schema, importing by ID or by identity (namespace defaulted,
// qualifier optional) giving the same state and identity, and an identity
// without a qualifier refused when the trigger is bound to two.
func TestSCFTriggerIdentity(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	env := triggerEnv(t)
	for _, q := range []string{"$DEFAULT", "$LATEST"} {
		spec := scfapi.TriggerSpec{Namespace: "default", FunctionName: "fn", Qualifier: q, Type: "timer", Desc: "0 0 * * * * *", Enable: true}
		spec.Name = map[string]string{"$DEFAULT": "nightly", "$LATEST": "hourly"}[q]
		if err := env.client.CreateTrigger(ctx, spec); err != nil {
			t.Fatal(err)
		}
		spec.Name = "both"
		if err := env.client.CreateTrigger(ctx, spec); err != nil {
			t.Fatal(err)
		}
	}

	server := newProtocol6Server(&scfProvider{version: "test", tuneClient: fastClient})()
	providerSchema, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	providerType, ok := providerSchema.Provider.ValueType().(tftypes.Object)
	if !ok {
		t.Fatal("the provider schema is not an object")
	}
	config, err := tfprotov6.NewDynamicValue(providerType, benchObject(providerType, map[string]tftypes.Value{
		"region":     tftypes.NewValue(tftypes.String, testRegion),
		"secret_id":  tftypes.NewValue(tftypes.String, fakescf.DefaultSecretID),
		"secret_key": tftypes.NewValue(tftypes.String, fakescf.DefaultSecretKey),
		"endpoint":   tftypes.NewValue(tftypes.String, env.url),
	}))
	if err != nil {
		t.Fatal(err)
	}
	if resp, err := server.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{TerraformVersion: "1.14.9", Config: &config}); err != nil || benchHasError(resp.Diagnostics) {
		t.Fatalf("configure: %v %+v", err, resp)
	}

	schemas, err := server.GetResourceIdentitySchemas(ctx, &tfprotov6.GetResourceIdentitySchemasRequest{})
	if err != nil {
		t.Fatal(err)
	}
	schema := schemas.IdentitySchemas["scf_trigger"]
	if schema == nil {
		t.Fatal("scf_trigger has no identity schema")
	}
	required := map[string]bool{}
	for _, a := range schema.IdentityAttributes {
		required[a.Name] = a.RequiredForImport
		if a.RequiredForImport == a.OptionalForImport {
			t.Errorf("identity attribute %s: RequiredForImport %t, OptionalForImport %t", a.Name, a.RequiredForImport, a.OptionalForImport)
		}
	}
	want := map[string]bool{"namespace": false, "function_name": true, "type": true, "name": true, "qualifier": false}
	if len(required) != len(want) {
		t.Errorf("identity attributes %v, want %v", required, want)
	}
	for name, req := range want {
		if got, ok := required[name]; !ok || got != req {
			t.Errorf("identity attribute %s: present %t, required for import %t; want required %t", name, ok, got, req)
		}
	}

	identityType := schema.ValueType()
	identity := func(values map[string]string) *tfprotov6.ResourceIdentityData {
		attrs := map[string]tftypes.Value{}
		for _, name := range []string{"namespace", "function_name", "type", "name", "qualifier"} {
			if v, ok := values[name]; ok {
				attrs[name] = tftypes.NewValue(tftypes.String, v)
			} else {
				attrs[name] = tftypes.NewValue(tftypes.String, nil)
			}
		}
		v, err := tfprotov6.NewDynamicValue(identityType, tftypes.NewValue(identityType, attrs))
		if err != nil {
			t.Fatal(err)
		}
		return &tfprotov6.ResourceIdentityData{IdentityData: &v}
	}
	stateType := providerSchema.ResourceSchemas["scf_trigger"].ValueType()
	importOne := func(req *tfprotov6.ImportResourceStateRequest) (id string, identity tftypes.Value, diags []*tfprotov6.Diagnostic) {
		t.Helper()
		resp, err := server.ImportResourceState(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		if len(resp.Diagnostics) > 0 || len(resp.ImportedResources) != 1 {
			return "", tftypes.Value{}, resp.Diagnostics
		}
		imported := resp.ImportedResources[0]
		state, err := imported.State.Unmarshal(stateType)
		if err != nil {
			t.Fatal(err)
		}
		var attrs map[string]tftypes.Value
		if err := state.As(&attrs); err != nil {
			t.Fatal(err)
		}
		if err := attrs["id"].As(&id); err != nil {
			t.Fatal(err)
		}
		if imported.Identity == nil {
			t.Fatal("the import returned no identity")
		}
		if identity, err = imported.Identity.IdentityData.Unmarshal(identityType); err != nil {
			t.Fatal(err)
		}
		return id, identity, nil
	}
	wantIdentity := func(name, qualifier string) tftypes.Value {
		return tftypes.NewValue(identityType, map[string]tftypes.Value{
			"namespace": tftypes.NewValue(tftypes.String, "default"), "function_name": tftypes.NewValue(tftypes.String, "fn"),
			"type": tftypes.NewValue(tftypes.String, "timer"), "name": tftypes.NewValue(tftypes.String, name),
			"qualifier": tftypes.NewValue(tftypes.String, qualifier),
		})
	}

	for _, req := range []*tfprotov6.ImportResourceStateRequest{
		{TypeName: "scf_trigger", ID: "default/fn/timer/nightly"},
		{TypeName: "scf_trigger", Identity: identity(map[string]string{"function_name": "fn", "type": "timer", "name": "nightly"})},
		{TypeName: "scf_trigger", Identity: identity(map[string]string{"namespace": "default", "function_name": "fn", "type": "timer",
			"name": "nightly", "qualifier": "$DEFAULT"})},
	} {
		id, got, diags := importOne(req)
		if len(diags) > 0 {
			t.Fatalf("import %q/%v: %s: %s", req.ID, req.Identity != nil, diags[0].Summary, diags[0].Detail)
		}
		if id != "default/fn/timer/nightly" || !got.Equal(wantIdentity("nightly", "$DEFAULT")) {
			t.Errorf("import %q/%v: id %q, identity %s", req.ID, req.Identity != nil, id, got)
		}
	}

	// "both" is bound to two qualifiers: the qualifier picks one.
	_, _, diags := importOne(&tfprotov6.ImportResourceStateRequest{TypeName: "scf_trigger",
		Identity: identity(map[string]string{"function_name": "fn", "type": "timer", "name": "both"})})
	if len(diags) != 1 || diags[0].Summary != triggerDiagnostics.unable("Import") || !strings.Contains(diags[0].Detail, "cannot tell them apart") {
		t.Errorf("importing an ambiguous trigger by identity: %+v", diags)
	}
	_, got, diags := importOne(&tfprotov6.ImportResourceStateRequest{TypeName: "scf_trigger",
		Identity: identity(map[string]string{"function_name": "fn", "type": "timer", "name": "both", "qualifier": "$LATEST"})})
	if len(diags) > 0 || !got.Equal(wantIdentity("both", "$LATEST")) {
		t.Errorf("importing both on $LATEST: identity %s, diagnostics %+v", got, diags)
	}
	_, _, diags = importOne(&tfprotov6.ImportResourceStateRequest{TypeName: "scf_trigger",
		Identity: identity(map[string]string{"function_name": "fn", "type": "timer", "name": "hourly", "qualifier": "$DEFAULT"})})
	if len(diags) != 1 || !strings.Contains(diags[0].Detail, "has no timer trigger named hourly on qualifier $DEFAULT") {
		t.Errorf("importing a trigger on the wrong qualifier: %+v", diags)
	}
}

// TestAccSCFTriggerIdentity: Terraform 1.12 and later record the identity
// and import by it with an empty plan.
func TestAccSCFTriggerIdentity(t *testing.T) {
	env := triggerEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{featureIdentity},
		ProtoV6ProviderFactories: env.factories(),
		CheckDestroy:             env.checkTriggersGone,
		Steps: []resource.TestStep{
			{
				Config: env.config(timerTriggerConfig("0 */5 * * * * *", true, "")),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectIdentity(testTrigger, map[string]knownvalue.Check{
						"namespace":     knownvalue.StringExact("default"),
						"function_name": knownvalue.StringExact("fn"),
						"type":          knownvalue.StringExact("timer"),
						"name":          knownvalue.StringExact("every-5"),
						"qualifier":     knownvalue.StringExact("$DEFAULT"),
					}),
				},
			},
			{
				ResourceName:    testTrigger,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithResourceIdentity,
			},
			{
				// As a user writes it: namespace and qualifier left out.
				ResourceName:           testTrigger,
				ImportState:            true,
				ImportStateKind:        resource.ImportBlockWithResourceIdentity,
				ImportStateConfigExact: true,
				Config: env.config(timerTriggerConfig("0 */5 * * * * *", true, "") + `
import {
  to       = scf_trigger.test
  identity = { function_name = "fn", type = "timer", name = "every-5" }
}
`),
			},
		},
	})
}
