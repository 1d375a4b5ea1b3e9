package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/scfprovider/terraform-provider-scf/internal/codezip"
	"github.com/scfprovider/terraform-provider-scf/internal/fastpath"
	"github.com/scfprovider/terraform-provider-scf/internal/fastpath/fastpathtest"
)

// TestFastPathsMatchFramework: for new and unchanged functions the fast
// planner the provider's server uses (internal/fastpath) answers exactly as
// the framework does (planned state, private state, replacements, identity,
// diagnostics), and it hands every other request back; the fast checker
// accepts exactly the configurations the framework accepts without a
// diagnostic. FuzzFastPathsMatchFrameworkForFunctions goes on from here with
// generated configurations.
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
	identities, err := framework.GetResourceIdentitySchemas(ctx, &tfprotov6.GetResourceIdentitySchemasRequest{})
	if err != nil || identities.IdentitySchemas["scf_function"] == nil {
		t.Fatalf("scf_function identity schema: %v", err)
	}
	identityType := identities.IdentitySchemas["scf_function"].ValueType()
	// sameIdentity compares the planned identities: both present, and equal.
	sameIdentity := func(t *testing.T, want, got *tfprotov6.ResourceIdentityData) {
		t.Helper()
		if want == nil || got == nil || want.IdentityData == nil || got.IdentityData == nil {
			t.Fatalf("planned identity: framework %+v, planner %+v; want both", want, got)
		}
		w, err1 := want.IdentityData.Unmarshal(identityType)
		g, err2 := got.IdentityData.Unmarshal(identityType)
		if err1 != nil || err2 != nil || !w.Equal(g) {
			t.Errorf("planned identity: framework %v, planner %v (%v %v)", w, g, err1, err2)
		}
	}
	identityOf := func(namespace, name string) *tfprotov6.ResourceIdentityData {
		v, err := tfprotov6.NewDynamicValue(identityType, tftypes.NewValue(identityType, map[string]tftypes.Value{
			"namespace": tftypes.NewValue(tftypes.String, namespace), "name": tftypes.NewValue(tftypes.String, name)}))
		if err != nil {
			t.Fatal(err)
		}
		return &tfprotov6.ResourceIdentityData{IdentityData: &v}
	}
	r, ok := NewSCFFunctionResource().(resource.ResourceWithModifyPlan)
	if !ok {
		t.Fatal("scf_function has no ModifyPlan")
	}
	var schemaOfFunction resource.SchemaResponse
	r.Schema(ctx, resource.SchemaRequest{}, &schemaOfFunction)
	planner, err := fastpath.NewPlanner(ctx, providerTypeName, r)
	if err != nil {
		t.Fatalf("the planner refuses scf_function, whose every plan the framework now makes: %v", err)
	}
	checker, err := fastpath.NewChecker(ctx, providerTypeName, &scfFunctionResource{})
	if err != nil {
		t.Fatalf("the checker refuses scf_function, whose every validation the framework now makes: %v", err)
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
	boolean := func(b bool) tftypes.Value { return tftypes.NewValue(tftypes.Bool, b) }
	imageConfig := func(set map[string]tftypes.Value) tftypes.Value {
		return obj([]string{"code"}, map[string]tftypes.Value{"image_config": obj([]string{"code", "image_config"}, set)})
	}
	image := map[string]tftypes.Value{"name": str("img"), "code": imageConfig(map[string]tftypes.Value{
		"image_type": str("enterprise"), "image_uri": str("ccr.ccs.tencentyun.com/ns/app:v1"), "registry_id": str("tcr-1"),
		"command": str("python"), "args": str("-u app.py"), "container_image_accelerate": boolean(true), "image_port": num(-1),
	}), "type": str("HTTP")}
	web := map[string]tftypes.Value{
		"name": str("web"), "code": zipCode, "type": str("HTTP"), "runtime": str("Nodejs18.15"), "handler": str("app.handler"),
		"install_dependency": boolean(true), "async_run_enable": boolean(true), "trace_enable": boolean(true),
		"ignore_sys_log": boolean(true), "protocol_type": str("WS"),
		"protocol_params": obj([]string{"protocol_params"}, map[string]tftypes.Value{
			"ws_params": obj([]string{"protocol_params", "ws_params"}, map[string]tftypes.Value{"idle_timeout": num(600)})}),
		"instance_concurrency_config": obj([]string{"instance_concurrency_config"}, map[string]tftypes.Value{
			"dynamic_enabled": boolean(false), "max_concurrency": num(10), "instance_isolation_enabled": boolean(true),
			"type": str("Session-Based"), "session_config": obj([]string{"instance_concurrency_config", "session_config"}, map[string]tftypes.Value{
				"session_source": str("HEADER"), "session_name": str("x-session"), "idle_timeout_strategy": str("PAUSE"),
				"maximum_ttl_in_seconds": num(3600)})}),
		"intranet_config": obj([]string{"intranet_config"}, map[string]tftypes.Value{"ip_fixed": str("ENABLE")}),
		"vpc_config":      obj([]string{"vpc_config"}, map[string]tftypes.Value{"vpc_id": str("vpc-1"), "subnet_id": str("subnet-1")}),
	}
	event := map[string]tftypes.Value{"name": str("ev"), "code": zipCode, "dns_cache": boolean(true)}
	secrets := with(bench, "environment", strMap("STAGE", "prod"), "secret_environment", strMap("DB_PASSWORD", "p4ssw0rd"),
		"secret_environment_wo", strMap("API_TOKEN", "t0ken-value"), "secret_environment_wo_version", num(1))

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
		"image":            image,
		"image by runtime": with(image, "runtime", str("CustomImage")),
		"unknown image":    with(image, "code", obj([]string{"code"}, map[string]tftypes.Value{"image_config": unknown("code", "image_config")})),
		"web":              web,
		"event":            event,
		"secrets":          secrets,
		"unknown secrets":  with(secrets, "secret_environment_wo", unknown("secret_environment_wo"), "secret_environment", unknown("secret_environment")),
		"unknown intranet": with(web, "intranet_config", obj([]string{"intranet_config"}, map[string]tftypes.Value{"ip_fixed": unknown("intranet_config", "ip_fixed")})),
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
			got := planner.Plan(ctx, req)
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
			// By content: private state, replacements as sets of paths,
			// identity, deferral, diagnostics.
			for _, d := range fastpathtest.PlanDifferences(typ, identityType, want, got) {
				t.Error(d)
			}
			sameIdentity(t, want.PlannedIdentity, got.PlannedIdentity)
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
			} else {
				values[name] = knownForState(t, name, v)
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
		return tftypes.NewValue(typ, proposedAttrs(schemaOfFunction.Schema.Attributes, c, p))
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
		// identity is the prior identity; nil for a state written before
		// the resource had one.
		identity *tfprotov6.ResourceIdentityData
	}{
		"bench":                  {bench, bench, zipDigest, identityOf("default", "bench-1")},
		"bench without identity": {bench, bench, zipDigest, nil},
		"everything":             {everything, everything, zipDigest, identityOf("ns", "fn")},
		"cos code":               {with(bench, "code", cos), with(bench, "code", cos), nil, identityOf("default", "bench-1")},
		"stale digest":           {bench, bench, map[string]tftypes.Value{"code_sha256": str("0000"), "code_size": num(1)}, identityOf("default", "bench-1")},
		"handler left out after the service chose one": {with(bench, "handler", null("handler")), with(bench, "handler", null("handler")), zipDigest, identityOf("default", "bench-1")},
		"image": {image, image, nil, identityOf("default", "img")},
		"web":   {web, web, zipDigest, identityOf("default", "web")},
		"event": {event, event, zipDigest, nil},
		// The write-only variables are in the configuration, never in state.
		"secrets": {secrets, secrets, zipDigest, identityOf("default", "bench-1")},
	}
	for name, tc := range unchanged {
		t.Run("plan/unchanged "+name, func(t *testing.T) {
			prior := stateOf(t, tc.state, tc.fill)
			config := benchObject(typ, tc.config)
			req := planRequest(t, typ, config, proposedFor(t, config, prior), prior)
			req.PriorIdentity = tc.identity
			want, err := framework.PlanResourceChange(ctx, req)
			if err != nil || len(want.Diagnostics) > 0 {
				t.Fatalf("framework: %v %v", err, want.Diagnostics)
			}
			got := planner.Plan(ctx, req)
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
			for _, d := range fastpathtest.PlanDifferences(typ, identityType, want, got) {
				t.Error(d)
			}
			sameIdentity(t, want.PlannedIdentity, got.PlannedIdentity)
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
			if got := planner.Plan(ctx, planRequest(t, typ, config, proposedFor(t, config, prior), prior)); got != nil {
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
		"identity of another type": func() *tfprotov6.PlanResourceChangeRequest {
			r := planRequest(t, typ, benchObject(typ, bench), benchObject(typ, bench), tftypes.NewValue(typ, nil))
			other := tftypes.Object{AttributeTypes: map[string]tftypes.Type{"id": tftypes.Number}}
			v, err := tfprotov6.NewDynamicValue(other, tftypes.NewValue(other, map[string]tftypes.Value{"id": num(1)}))
			if err != nil {
				t.Fatal(err)
			}
			r.PriorIdentity = &tfprotov6.ResourceIdentityData{IdentityData: &v}
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
			if req.TypeName != planner.TypeName() {
				return // the server compares the type name before asking the planner
			}
			if got := planner.Plan(ctx, req); got != nil {
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
		"bad name":                with(bench, "name", str("1bad")),
		"no name":                 with(bench, "name", null("name")),
		"read-only set":           with(bench, "status", str("Active")),
		"memory size":             with(bench, "memory_size", num(100)),
		"timeout":                 with(bench, "timeout", num(901)),
		"runtime":                 with(bench, "runtime", str("Cobol")),
		"misspelt runtime":        with(bench, "runtime", str("python3.9")),
		"java without handler":    with(bench, "runtime", str("Java8"), "handler", null("handler")),
		"two code sources":        with(bench, "code", obj([]string{"code"}, map[string]tftypes.Value{"zip_file": str(zipPath), "demo_id": str("d")})),
		"git password alone":      with(bench, "code", obj([]string{"code"}, map[string]tftypes.Value{"zip_file": str(zipPath), "git_password": str("p")})),
		"missing zip":             with(bench, "code", obj([]string{"code"}, map[string]tftypes.Value{"zip_file": str(zipPath + ".missing")})),
		"cfs without vpc":         with(everything, "vpc_config", null("vpc_config")),
		"public net off no vpc":   with(bench, "public_net_config", obj([]string{"public_net_config"}, map[string]tftypes.Value{"public_net_status": str("DISABLE")})),
		"six layers":              with(bench, "layers", layers(6)),
		"layer version 0":         with(bench, "layers", tftypes.NewValue(layerType, []tftypes.Value{benchObject(layerElem, map[string]tftypes.Value{"name": str("l"), "version": num(0)})})),
		"cfs mount empty":         with(everything, "cfs_config", obj([]string{"cfs_config"}, map[string]tftypes.Value{"cfs_ins_list": tftypes.NewValue(cfsListType, []tftypes.Value{benchObject(cfsElem, map[string]tftypes.Value{"user_id": str("")})})})),
		"dead letter type":        with(bench, "dead_letter_config", obj([]string{"dead_letter_config"}, map[string]tftypes.Value{"type": str("SQS"), "name": str("q")})),
		"timeouts":                with(bench, "timeouts", obj([]string{"timeouts"}, map[string]tftypes.Value{"create": str("soon")})),
		"environment":             with(bench, "environment", strMap("1A", "x")),
		"tag key":                 with(bench, "tags", strMap("", "x")),
		"cls alone":               with(bench, "cls_logset_id", str("ls")),
		"code source":             with(bench, "code_source", str("Cos")),
		"description":             with(bench, "description", str("<script>")),
		"trace without async":     with(web, "async_run_enable", boolean(false)),
		"dependencies in python":  with(web, "runtime", str("Python3.9"), "handler", str("index.main")),
		"dns cache on http":       with(web, "dns_cache", boolean(true)),
		"protocol on event":       with(web, "type", str("Event")),
		"params without protocol": with(web, "protocol_type", null("protocol_type")),
		"idle timeout": with(web, "protocol_params", obj([]string{"protocol_params"}, map[string]tftypes.Value{
			"ws_params": obj([]string{"protocol_params", "ws_params"}, map[string]tftypes.Value{"idle_timeout": num(1801)})})),
		"concurrency": with(web, "instance_concurrency_config", obj([]string{"instance_concurrency_config"}, map[string]tftypes.Value{"max_concurrency": num(101)})),
		"session request-based": with(web, "instance_concurrency_config", obj([]string{"instance_concurrency_config"}, map[string]tftypes.Value{
			"type": str("Request-Based"), "session_config": obj([]string{"instance_concurrency_config", "session_config"}, map[string]tftypes.Value{
				"session_source": str("HEADER"), "session_name": str("x-session")})})),
		"strategy without isolation": with(web, "instance_concurrency_config", obj([]string{"instance_concurrency_config"}, map[string]tftypes.Value{
			"type": str("Session-Based"), "session_config": obj([]string{"instance_concurrency_config", "session_config"}, map[string]tftypes.Value{
				"session_source": str("HEADER"), "session_name": str("x-session"), "idle_timeout_strategy": str("FATAL")})})),
		"intranet value":         with(web, "intranet_config", obj([]string{"intranet_config"}, map[string]tftypes.Value{"ip_fixed": str("YES")})),
		"image with handler":     with(image, "handler", str("index.main")),
		"image with python":      with(image, "runtime", str("Python3.9")),
		"custom image no image":  with(bench, "runtime", str("CustomImage"), "handler", null("handler")),
		"enterprise no registry": with(image, "code", imageConfig(map[string]tftypes.Value{"image_type": str("enterprise"), "image_uri": str("r/a:b")})),
		"image port":             with(image, "code", imageConfig(map[string]tftypes.Value{"image_type": str("personal"), "image_uri": str("r/a:b"), "image_port": num(0)})),
		"image uri":              with(image, "code", imageConfig(map[string]tftypes.Value{"image_type": str("personal"), "image_uri": str("r/a b")})),
		"deprecated entry point": with(image, "code", imageConfig(map[string]tftypes.Value{"image_type": str("personal"), "image_uri": str("r/a:b"), "entry_point": str("x")})),
		"image code source":      with(image, "code_source", str("ZipFile")),
		"computed eips set":      with(bench, "eip_addresses", tftypes.NewValue(attr("eip_addresses"), []tftypes.Value{str("1.2.3.4")})),
		"secret in two maps":     with(secrets, "environment", strMap("DB_PASSWORD", "x")),
		"over 4 KB together": with(secrets, "environment", strMap("BIG", strings.Repeat("v", 2100)),
			"secret_environment", strMap("DB_PASSWORD", strings.Repeat("s", 2100))),
		"write-only no version": with(secrets, "secret_environment_wo_version", null("secret_environment_wo_version")),
		"version no write-only": with(secrets, "secret_environment_wo", null("secret_environment_wo")),
		"write-only keys set":   with(secrets, "secret_environment_wo_keys", tftypes.NewValue(attr("secret_environment_wo_keys"), []tftypes.Value{str("A")})),
	}
	olderCLI := false
	validate := func(t *testing.T, set map[string]tftypes.Value) (byFramework, byChecker bool) {
		dv, err := tfprotov6.NewDynamicValue(typ, benchObject(typ, set))
		if err != nil {
			t.Fatal(err)
		}
		// As Terraform 1.11 and later send it.
		req := &tfprotov6.ValidateResourceConfigRequest{TypeName: "scf_function", Config: &dv,
			ClientCapabilities: &tfprotov6.ValidateResourceConfigClientCapabilities{WriteOnlyAttributesAllowed: !olderCLI}}
		resp, err := framework.ValidateResourceConfig(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		return len(resp.Diagnostics) == 0, checker.Valid(ctx, req)
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
	// A CLI before write-only attributes: the framework refuses them.
	olderCLI = true
	if fw, fast := validate(t, secrets); fw || fast {
		t.Errorf("write-only variables from an older CLI: valid for the framework: %v, for the checker: %v; want neither", fw, fast)
	}
	if fw, fast := validate(t, bench); !fw || !fast {
		t.Errorf("no write-only variables from an older CLI: valid for the framework: %v, for the checker: %v; want both", fw, fast)
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

// knownForState fills what a create plans as unknown with a value the
// service could have reported.
func knownForState(t *testing.T, name string, v tftypes.Value) tftypes.Value {
	t.Helper()
	filled, err := tftypes.Transform(v, func(_ *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
		if v.IsKnown() {
			return v, nil
		}
		switch ty := v.Type().(type) {
		case tftypes.Object:
			return benchObject(ty, nil), nil
		case tftypes.List:
			return tftypes.NewValue(ty, []tftypes.Value{}), nil
		}
		switch {
		case v.Type().Is(tftypes.String):
			return tftypes.NewValue(tftypes.String, "state of "+name), nil
		case v.Type().Is(tftypes.Bool):
			return tftypes.NewValue(tftypes.Bool, false), nil
		}
		return tftypes.NewValue(tftypes.Number, 1), nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return filled
}

// proposedAttrs is what Terraform proposes for objects with these
// attributes: the configuration, with the prior value of each computed
// attribute it leaves null, also in nested objects.
func proposedAttrs(attrs map[string]schema.Attribute, config, prior map[string]tftypes.Value) map[string]tftypes.Value {
	out := map[string]tftypes.Value{}
	for name, v := range config {
		out[name] = v
		a := attrs[name]
		switch {
		case v.IsNull() && a.IsComputed():
			out[name] = prior[name]
		case !v.IsNull() && v.IsKnown() && prior[name].IsKnown() && !prior[name].IsNull():
			nested, ok := a.(schema.SingleNestedAttribute)
			var c, p map[string]tftypes.Value
			if ok && v.As(&c) == nil && prior[name].As(&p) == nil {
				out[name] = tftypes.NewValue(v.Type(), proposedAttrs(nested.Attributes, c, p))
			}
		}
	}
	return out
}
