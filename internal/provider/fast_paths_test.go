package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/scfprovider/terraform-provider-scf/internal/codezip"
)

// TestFastPathsMatchFramework: for new functions the provider's own planner
// answers exactly as the framework does (planned state, private state,
// replacements, diagnostics), and it hands every other request back; the
// provider's own validation accepts exactly the configurations the
// framework accepts without a diagnostic.
func TestFastPathsMatchFramework(t *testing.T) {
	ctx := context.Background()
	framework, err := providerserver.NewProtocol6WithError(New("test")())()
	if err != nil {
		t.Fatal(err)
	}
	schemaResp, err := framework.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	typ, ok := schemaResp.ResourceSchemas["scf_function"].ValueType().(tftypes.Object)
	if !ok {
		t.Fatal("scf_function is not an object")
	}
	r, ok := NewSCFFunctionResource().(resource.ResourceWithModifyPlan)
	if !ok {
		t.Fatal("scf_function has no ModifyPlan")
	}
	planner := newFastPlanner(ctx, providerTypeName, r)
	if planner == nil {
		t.Fatal("newFastPlanner refused the scf_function schema")
	}
	checker := newConfigChecker(ctx, providerTypeName, &scfFunctionResource{})
	if checker == nil {
		t.Fatal("newConfigChecker refused the scf_function schema")
	}

	attr := func(names ...string) tftypes.Type {
		var ty tftypes.Type = typ
		for _, n := range names {
			switch o := ty.(type) {
			case tftypes.Object:
				ty = o.AttributeTypes[n]
			case tftypes.List:
				ty = o.ElementType.(tftypes.Object).AttributeTypes[n] //nolint:forcetypeassert // the schema's lists hold objects
			}
		}
		return ty
	}
	obj := func(names []string, set map[string]tftypes.Value) tftypes.Value {
		o, ok := attr(names...).(tftypes.Object)
		if !ok {
			t.Fatalf("%v is not an object", names)
		}
		return benchObject(o, set)
	}
	str := func(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }
	num := func(n int64) tftypes.Value { return tftypes.NewValue(tftypes.Number, n) }
	unknown := func(names ...string) tftypes.Value { return tftypes.NewValue(attr(names...), tftypes.UnknownValue) }
	zipPath := benchZip(t)
	null := func(names ...string) tftypes.Value { return tftypes.NewValue(attr(names...), nil) }
	zipCode := obj([]string{"code"}, map[string]tftypes.Value{"zip_file": str(zipPath)})
	strMap := func(kv ...string) tftypes.Value {
		m := map[string]tftypes.Value{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i]] = str(kv[i+1])
		}
		return tftypes.NewValue(tftypes.Map{ElementType: tftypes.String}, m)
	}
	layerType, ok := attr("layers").(tftypes.List)
	if !ok {
		t.Fatal("layers is not a list")
	}
	cfsListType, ok := attr("cfs_config", "cfs_ins_list").(tftypes.List)
	if !ok {
		t.Fatal("cfs_ins_list is not a list")
	}
	cfsElem, ok := cfsListType.ElementType.(tftypes.Object)
	if !ok {
		t.Fatal("cfs_ins_list does not hold objects")
	}
	cfsIns := benchObject(cfsElem, map[string]tftypes.Value{
		"user_id": str("10000"), "user_group_id": str("10000"), "cfs_id": str("cfs-1"), "mount_ins_id": str("m-1"),
		"local_mount_dir": str("/mnt"), "remote_mount_dir": str("/"),
	})

	layerElem, ok := layerType.ElementType.(tftypes.Object)
	if !ok {
		t.Fatal("layers do not hold objects")
	}
	layer := benchObject(layerElem, map[string]tftypes.Value{"name": str("l"), "version": num(1)})
	everything := map[string]tftypes.Value{
		"name": str("fn"), "namespace": str("ns"), "code": zipCode, "code_source": str("ZipFile"),
		"handler": str("index.main_handler"), "description": str("d"), "memory_size": num(256), "timeout": num(9),
		"init_timeout": num(30), "runtime": str("Python3.9"), "type": str("HTTP"), "environment": strMap("A", "1"),
		"vpc_config": obj([]string{"vpc_config"}, map[string]tftypes.Value{"vpc_id": str("vpc-1"), "subnet_id": str("subnet-1")}),
		"role":       str("SCF_QcsRole"), "cls_logset_id": str("ls"), "cls_topic_id": str("tp"),
		"layers":             tftypes.NewValue(layerType, []tftypes.Value{layer}),
		"dead_letter_config": obj([]string{"dead_letter_config"}, map[string]tftypes.Value{"type": str("CMQ-QUEUE"), "name": str("q")}),
		"public_net_config": obj([]string{"public_net_config"}, map[string]tftypes.Value{"public_net_status": str("ENABLE"),
			"eip_config": obj([]string{"public_net_config", "eip_config"}, map[string]tftypes.Value{"eip_status": str("ENABLE")})}),
		"cfs_config": obj([]string{"cfs_config"}, map[string]tftypes.Value{
			"cfs_ins_list": tftypes.NewValue(cfsListType, []tftypes.Value{cfsIns})}),
		"tags":     strMap("k", "v"),
		"timeouts": obj([]string{"timeouts"}, map[string]tftypes.Value{"create": str("5m")}),
	}
	with := func(base map[string]tftypes.Value, kv ...any) map[string]tftypes.Value {
		out := map[string]tftypes.Value{}
		for k, v := range base {
			out[k] = v
		}
		for i := 0; i+1 < len(kv); i += 2 {
			out[kv[i].(string)] = kv[i+1].(tftypes.Value) //nolint:forcetypeassert // pairs of name and value
		}
		return out
	}
	bench := map[string]tftypes.Value{
		"name": str("bench-1"), "runtime": str("Python3.9"), "handler": str("index.main_handler"),
		"description": str("bench function 1"), "memory_size": num(128), "timeout": num(3), "code": zipCode,
	}
	cos := obj([]string{"code"}, map[string]tftypes.Value{"cos_bucket_name": str("b"), "cos_object_name": str("/c.zip")})

	creates := map[string]map[string]tftypes.Value{
		"bench":            bench,
		"minimal":          {"name": str("fn"), "code": zipCode},
		"everything":       everything,
		"cos code":         with(bench, "code", cos),
		"unknown code":     with(bench, "code", unknown("code")),
		"unknown zip_file": with(bench, "code", obj([]string{"code"}, map[string]tftypes.Value{"zip_file": unknown("code", "zip_file")})),
		"unknown handler":  with(bench, "handler", unknown("handler"), "memory_size", unknown("memory_size")),
		"unknown maps":     with(everything, "tags", unknown("tags"), "environment", unknown("environment"), "layers", unknown("layers")),
		"unknown nested":   with(everything, "vpc_config", unknown("vpc_config"), "cls_logset_id", unknown("cls_logset_id")),
	}
	for name, set := range creates {
		t.Run("plan/"+name, func(t *testing.T) {
			config := benchObject(typ, set)
			req := planRequest(t, typ, config, config, tftypes.NewValue(typ, nil))
			want, err := framework.PlanResourceChange(ctx, req)
			if err != nil {
				t.Fatal(err)
			}
			if len(want.Diagnostics) > 0 {
				t.Fatalf("the framework reports %v", want.Diagnostics[0])
			}
			got := planner.plan(ctx, req)
			if got == nil {
				t.Fatal("the planner handed a create back")
			}
			wantState, err := want.PlannedState.Unmarshal(typ)
			if err != nil {
				t.Fatal(err)
			}
			gotState, err := got.PlannedState.Unmarshal(typ)
			if err != nil {
				t.Fatal(err)
			}
			if diff, err := wantState.Diff(gotState); err != nil || len(diff) > 0 {
				t.Errorf("planned states differ (%v): %v", err, diff)
			}
			if len(want.PlannedPrivate) != len(got.PlannedPrivate) || len(want.RequiresReplace) != len(got.RequiresReplace) ||
				want.Deferred != nil || want.PlannedIdentity != nil {
				t.Errorf("framework %+v, planner %+v", want, got)
			}
		})
	}

	// Existing functions: the state is the create plan with every unknown
	// filled in, the proposed state what Terraform proposes for it (the
	// configuration, and the prior value of computed attributes it leaves
	// out).
	stateOf := func(t *testing.T, set map[string]tftypes.Value, fill map[string]tftypes.Value) tftypes.Value {
		t.Helper()
		config := benchObject(typ, set)
		resp, err := framework.PlanResourceChange(ctx, planRequest(t, typ, config, config, tftypes.NewValue(typ, nil)))
		if err != nil || len(resp.Diagnostics) > 0 {
			t.Fatalf("create plan: %v %v", err, resp.Diagnostics)
		}
		planned, err := resp.PlannedState.Unmarshal(typ)
		if err != nil {
			t.Fatal(err)
		}
		var values map[string]tftypes.Value
		if err := planned.As(&values); err != nil {
			t.Fatal(err)
		}
		for name, v := range values {
			if f, ok := fill[name]; ok {
				values[name] = f
			} else if !v.IsKnown() && v.Type().Is(tftypes.String) {
				values[name] = str("state of " + name)
			} else if !v.IsKnown() {
				values[name] = num(1)
			}
		}
		return tftypes.NewValue(typ, values)
	}
	proposedFor := func(t *testing.T, config, prior tftypes.Value) tftypes.Value {
		t.Helper()
		var c, p map[string]tftypes.Value
		if config.As(&c) != nil || prior.As(&p) != nil {
			t.Fatal("not objects")
		}
		out := map[string]tftypes.Value{}
		for name, v := range c {
			out[name] = v
			if v.IsNull() && planner.schema.Attributes[name].IsComputed() {
				out[name] = p[name]
			}
		}
		return tftypes.NewValue(typ, out)
	}
	zipDigest := map[string]tftypes.Value{}
	if info, err := codezip.Inspect(zipPath); err == nil {
		zipDigest["code_sha256"], zipDigest["code_size"] = str(info.SHA256), num(info.Size)
	} else {
		t.Fatal(err)
	}
	unchanged := map[string]struct {
		state, config map[string]tftypes.Value
		fill          map[string]tftypes.Value
	}{
		"bench":        {bench, bench, zipDigest},
		"everything":   {everything, everything, zipDigest},
		"cos code":     {with(bench, "code", cos), with(bench, "code", cos), nil},
		"stale digest": {bench, bench, map[string]tftypes.Value{"code_sha256": str("0000"), "code_size": num(1)}},
		"handler left out after the service chose one": {with(bench, "handler", null("handler")), with(bench, "handler", null("handler")), zipDigest},
	}
	for name, tc := range unchanged {
		t.Run("plan/unchanged "+name, func(t *testing.T) {
			prior := stateOf(t, tc.state, tc.fill)
			config := benchObject(typ, tc.config)
			req := planRequest(t, typ, config, proposedFor(t, config, prior), prior)
			want, err := framework.PlanResourceChange(ctx, req)
			if err != nil || len(want.Diagnostics) > 0 {
				t.Fatalf("framework: %v %v", err, want.Diagnostics)
			}
			got := planner.plan(ctx, req)
			if got == nil {
				t.Fatal("the planner handed an unchanged function back")
			}
			wantState, err1 := want.PlannedState.Unmarshal(typ)
			gotState, err2 := got.PlannedState.Unmarshal(typ)
			if err1 != nil || err2 != nil {
				t.Fatal(err1, err2)
			}
			if diff, err := wantState.Diff(gotState); err != nil || len(diff) > 0 {
				t.Errorf("planned states differ (%v): %v", err, diff)
			}
			if len(want.PlannedPrivate) != len(got.PlannedPrivate) || len(want.RequiresReplace) != len(got.RequiresReplace) {
				t.Errorf("framework %+v, planner %+v", want, got)
			}
		})
	}
	for name, set := range map[string]map[string]tftypes.Value{
		"memory changes":  with(bench, "memory_size", num(256)),
		"name changes":    with(bench, "name", str("bench-2")),
		"tags added":      with(bench, "tags", strMap("k", "v")),
		"default dropped": with(bench, "description", null("description")),
	} {
		t.Run("plan/changed "+name, func(t *testing.T) {
			prior := stateOf(t, bench, zipDigest)
			config := benchObject(typ, set)
			if got := planner.plan(ctx, planRequest(t, typ, config, proposedFor(t, config, prior), prior)); got != nil {
				t.Errorf("the planner answered a change: %+v", got)
			}
		})
	}

	existing := benchObject(typ, with(bench, "id", str("default/bench-1"), "namespace", str("default")))
	handedBack := map[string]*tfprotov6.PlanResourceChangeRequest{
		"update":         planRequest(t, typ, benchObject(typ, bench), benchObject(typ, bench), existing),
		"destroy":        planRequest(t, typ, tftypes.NewValue(typ, nil), tftypes.NewValue(typ, nil), existing),
		"no code":        planRequest(t, typ, benchObject(typ, with(bench, "code", tftypes.NewValue(attr("code"), nil))), benchObject(typ, with(bench, "code", tftypes.NewValue(attr("code"), nil))), tftypes.NewValue(typ, nil)),
		"missing zip":    planRequest(t, typ, benchObject(typ, with(bench, "code", obj([]string{"code"}, map[string]tftypes.Value{"zip_file": str(zipPath + ".missing")}))), benchObject(typ, with(bench, "code", obj([]string{"code"}, map[string]tftypes.Value{"zip_file": str(zipPath + ".missing")}))), tftypes.NewValue(typ, nil)),
		"unknown config": planRequest(t, typ, tftypes.NewValue(typ, tftypes.UnknownValue), tftypes.NewValue(typ, tftypes.UnknownValue), tftypes.NewValue(typ, nil)),
		"another type": func() *tfprotov6.PlanResourceChangeRequest {
			r := planRequest(t, typ, benchObject(typ, bench), benchObject(typ, bench), tftypes.NewValue(typ, nil))
			r.TypeName = "scf_other"
			return r
		}(),
		"private present": func() *tfprotov6.PlanResourceChangeRequest {
			r := planRequest(t, typ, benchObject(typ, bench), benchObject(typ, bench), tftypes.NewValue(typ, nil))
			r.PriorPrivate = []byte(`{}`)
			return r
		}(),
	}
	for name, req := range handedBack {
		t.Run("plan/"+name, func(t *testing.T) {
			if req.TypeName != planner.typeName {
				return // the server compares the type name before asking the planner
			}
			if got := planner.plan(ctx, req); got != nil {
				t.Errorf("the planner answered: %+v", got)
			}
		})
	}

	layers := func(n int) tftypes.Value {
		l := make([]tftypes.Value, n)
		for i := range l {
			l[i] = layer
		}
		return tftypes.NewValue(layerType, l)
	}
	invalid := map[string]map[string]tftypes.Value{
		"bad name":              with(bench, "name", str("1bad")),
		"no name":               with(bench, "name", null("name")),
		"read-only set":         with(bench, "status", str("Active")),
		"memory size":           with(bench, "memory_size", num(100)),
		"timeout":               with(bench, "timeout", num(901)),
		"runtime":               with(bench, "runtime", str("Cobol")),
		"java without handler":  with(bench, "runtime", str("Java8"), "handler", null("handler")),
		"two code sources":      with(bench, "code", obj([]string{"code"}, map[string]tftypes.Value{"zip_file": str(zipPath), "demo_id": str("d")})),
		"git password alone":    with(bench, "code", obj([]string{"code"}, map[string]tftypes.Value{"zip_file": str(zipPath), "git_password": str("p")})),
		"missing zip":           with(bench, "code", obj([]string{"code"}, map[string]tftypes.Value{"zip_file": str(zipPath + ".missing")})),
		"cfs without vpc":       with(everything, "vpc_config", null("vpc_config")),
		"public net off no vpc": with(bench, "public_net_config", obj([]string{"public_net_config"}, map[string]tftypes.Value{"public_net_status": str("DISABLE")})),
		"six layers":            with(bench, "layers", layers(6)),
		"layer version 0":       with(bench, "layers", tftypes.NewValue(layerType, []tftypes.Value{benchObject(layerElem, map[string]tftypes.Value{"name": str("l"), "version": num(0)})})),
		"cfs mount empty":       with(everything, "cfs_config", obj([]string{"cfs_config"}, map[string]tftypes.Value{"cfs_ins_list": tftypes.NewValue(cfsListType, []tftypes.Value{benchObject(cfsElem, map[string]tftypes.Value{"user_id": str("")})})})),
		"dead letter type":      with(bench, "dead_letter_config", obj([]string{"dead_letter_config"}, map[string]tftypes.Value{"type": str("SQS"), "name": str("q")})),
		"timeouts":              with(bench, "timeouts", obj([]string{"timeouts"}, map[string]tftypes.Value{"create": str("soon")})),
		"environment":           with(bench, "environment", strMap("1A", "x")),
		"tag key":               with(bench, "tags", strMap("", "x")),
		"cls alone":             with(bench, "cls_logset_id", str("ls")),
		"code source":           with(bench, "code_source", str("Cos")),
		"description":           with(bench, "description", str("<script>")),
	}
	validate := func(t *testing.T, set map[string]tftypes.Value) (byFramework, byChecker bool) {
		dv, err := tfprotov6.NewDynamicValue(typ, benchObject(typ, set))
		if err != nil {
			t.Fatal(err)
		}
		req := &tfprotov6.ValidateResourceConfigRequest{TypeName: "scf_function", Config: &dv}
		resp, err := framework.ValidateResourceConfig(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		return len(resp.Diagnostics) == 0, checker.valid(ctx, req)
	}
	for name, set := range creates {
		t.Run("validate/"+name, func(t *testing.T) {
			if fw, fast := validate(t, set); !fw || !fast {
				t.Errorf("valid for the framework: %v, for the checker: %v; want both", fw, fast)
			}
		})
	}
	for name, set := range invalid {
		t.Run("validate/"+name, func(t *testing.T) {
			if fw, fast := validate(t, set); fw || fast {
				t.Errorf("valid for the framework: %v, for the checker: %v; want neither", fw, fast)
			}
		})
	}
}

func planRequest(t *testing.T, typ tftypes.Type, config, proposed, prior tftypes.Value) *tfprotov6.PlanResourceChangeRequest {
	t.Helper()
	dv := func(v tftypes.Value) *tfprotov6.DynamicValue {
		d, err := tfprotov6.NewDynamicValue(typ, v)
		if err != nil {
			t.Fatal(err)
		}
		return &d
	}
	return &tfprotov6.PlanResourceChangeRequest{
		TypeName: "scf_function", Config: dv(config), ProposedNewState: dv(proposed), PriorState: dv(prior),
	}
}
