package provider

import (
	"context"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

// TestOneVocabularyPerObject: every diagnostic summary of the package comes
// from its object's vocabulary (x.unable("Create"), x.waiting()) or from a
// named constant beside the rule that reports it, never from a literal
// written where the diagnostic is made, so that each text is written once
// and reads like its object's other texts. It looks at the summary argument
// of the framework's AddError, AddAttributeError, AddWarning,
// AddAttributeWarning and diag.New*Diagnostic, of every function of the
// package with a parameter named summary, and at the Summary of every
// validators.Violation literal.
func TestOneVocabularyPerObject(t *testing.T) {
	t.Parallel()
	fset := token.NewFileSet()
	files := map[string]*ast.File{}
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(".", name), nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		files[name] = f
	}

	// Where the summary is among a call's arguments, by the called name.
	summaryAt := map[string]int{
		"AddError": 0, "AddWarning": 0, "AddAttributeError": 1, "AddAttributeWarning": 1,
		"NewErrorDiagnostic": 0, "NewWarningDiagnostic": 0, "NewAttributeErrorDiagnostic": 1, "NewAttributeWarningDiagnostic": 1,
	}
	for _, f := range files {
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok {
				continue
			}
			i := 0
			for _, field := range fn.Type.Params.List {
				for _, n := range field.Names {
					if n.Name == "summary" {
						summaryAt[fn.Name.Name] = i
					}
					i++
				}
				if len(field.Names) == 0 {
					i++
				}
			}
		}
	}

	var found []string
	for _, f := range files {
		report := func(e ast.Expr) {
			lit := inlineText(e)
			if lit == "" {
				return
			}
			found = append(found, fset.Position(e.Pos()).String()+": "+lit)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				var called string
				switch fun := n.Fun.(type) {
				case *ast.Ident:
					called = fun.Name
				case *ast.SelectorExpr:
					called = fun.Sel.Name
				}
				if i, ok := summaryAt[called]; ok && i < len(n.Args) {
					report(n.Args[i])
				}
			case *ast.CompositeLit:
				if sel, ok := n.Type.(*ast.SelectorExpr); ok && sel.Sel.Name == "Violation" {
					for _, el := range n.Elts {
						if kv, ok := el.(*ast.KeyValueExpr); ok {
							if key, ok := kv.Key.(*ast.Ident); ok && key.Name == "Summary" {
								report(kv.Value)
							}
						}
					}
				}
			}
			return true
		})
	}
	slices.Sort(found)
	for _, f := range found {
		t.Errorf("inline summary %s: take it from the object's vocabulary, or name it as a constant beside its rule", f)
	}
}

// inlineText is the text of a summary written at its use: a string
// literal, a sum with one, or a fmt.Sprintf; "" for a name or a
// vocabulary's call.
func inlineText(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.ParenExpr:
		return inlineText(e.X)
	case *ast.BasicLit:
		if e.Kind == token.STRING {
			s, err := strconv.Unquote(e.Value)
			if err != nil {
				return e.Value
			}
			return s
		}
	case *ast.BinaryExpr:
		if s := inlineText(e.X); s != "" {
			return s
		}
		return inlineText(e.Y)
	case *ast.CallExpr:
		if sel, ok := e.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Sprintf" && len(e.Args) > 0 {
			if s := inlineText(e.Args[0]); s != "" {
				return s
			}
			return "fmt.Sprintf"
		}
	}
	return ""
}

// TestVocabularySummaries pins the texts the vocabularies build: users and
// tests match them.
func TestVocabularySummaries(t *testing.T) {
	t.Parallel()
	for got, want := range map[string]string{
		summaryCreate + "|" + summaryRead + "|" + summaryUpdate + "|" + summaryDelete: "Unable to Create SCF Function|" +
			"Unable to Read SCF Function|Unable to Update SCF Function|Unable to Delete SCF Function",
		summaryImport + "|" + summaryWait + "|" + summaryList: "Unable to Import SCF Function|" +
			"Error Waiting for SCF Function|Unable to List SCF Functions",
		namespaceDiagnostics.unable("Create"):           "Unable to Create SCF Namespace",
		namespaceDiagnostics.unable("Read"):             "Unable to Read SCF Namespace",
		namespaceDiagnostics.unable("Update"):           "Unable to Update SCF Namespace",
		namespaceDiagnostics.unable("Delete"):           "Unable to Delete SCF Namespace",
		namespaceDiagnostics.unable("Import"):           "Unable to Import SCF Namespace",
		namespaceListDiagnostics.unable("List"):         "Unable to List SCF Namespaces",
		namespaceMove.summary:                           "Unable to Move SCF Namespace",
		layerMove.summary:                               "Unable to Move SCF Layer Version",
		versionMove.summary:                             "Unable to Move SCF Function Version",
		aliasMove.summary:                               "Unable to Move SCF Function Alias",
		layerVersionDiagnostics.unable("Publish"):       "Unable to Publish SCF Layer Version",
		layerVersionDiagnostics.unable("Read"):          "Unable to Read SCF Layer Version",
		layerVersionDiagnostics.unable("Delete"):        "Unable to Delete SCF Layer Version",
		layerVersionDiagnostics.unable("Import"):        "Unable to Import SCF Layer Version",
		layerVersionDiagnostics.waiting():               "Error Waiting for SCF Layer Version",
		layerVersionListDiagnostics.unable("List"):      "Unable to List SCF Layer Versions",
		versionDiagnostics.unable("Publish"):            "Unable to Publish SCF Function Version",
		versionDiagnostics.unable("Read"):               "Unable to Read SCF Function Version",
		versionDiagnostics.unable("Delete"):             "Unable to Delete SCF Function Version",
		versionDiagnostics.unable("Import"):             "Unable to Import SCF Function Version",
		aliasDiagnostics.unable("Create"):               "Unable to Create SCF Function Alias",
		aliasDiagnostics.unable("Read"):                 "Unable to Read SCF Function Alias",
		aliasDiagnostics.unable("Update"):               "Unable to Update SCF Function Alias",
		aliasDiagnostics.unable("Delete"):               "Unable to Delete SCF Function Alias",
		aliasDiagnostics.unable("Import"):               "Unable to Import SCF Function Alias",
		triggerDiagnostics.unable("Create"):             "Unable to Create SCF Trigger",
		triggerDiagnostics.unable("Read"):               "Unable to Read SCF Trigger",
		triggerDiagnostics.unable("Update"):             "Unable to Update SCF Trigger",
		triggerDiagnostics.unable("Delete"):             "Unable to Delete SCF Trigger",
		triggerDiagnostics.unable("Import"):             "Unable to Import SCF Trigger",
		concurrencyDiagnostics.unable("Set"):            "Unable to Set SCF Function Concurrency",
		concurrencyDiagnostics.unable("Read"):           "Unable to Read SCF Function Concurrency",
		concurrencyDiagnostics.unable("Update"):         "Unable to Update SCF Function Concurrency",
		concurrencyDiagnostics.unable("Remove"):         "Unable to Remove SCF Function Concurrency",
		concurrencyDiagnostics.unable("Import"):         "Unable to Import SCF Function Concurrency",
		concurrencyDiagnostics.waiting():                "Error Waiting for SCF Function Concurrency",
		invocationDiagnostics.unable("Invoke"):          "Unable to Invoke SCF Function",
		providerDiagnostics.unable("Create"):            "Unable to Create SCF API Client",
		versionListDiagnostics.unable("List"):           "Unable to List SCF Function Versions",
		aliasListDiagnostics.unable("List"):             "Unable to List SCF Function Aliases",
		triggerListDiagnostics.unable("List"):           "Unable to List SCF Triggers",
		concurrencyDiagnostics.unable("List"):           "Unable to List SCF Function Concurrency",
		summaryAliasConfig + "|" + summaryTriggerConfig: "Invalid SCF Function Alias|Invalid SCF Trigger",
	} {
		if got != want {
			t.Errorf("summary %q, want %q", got, want)
		}
	}
}

// TestHintsPointAtTheirObjectsAttributes: every hint of an object names an
// attribute its own schema has.
func TestHintsPointAtTheirObjectsAttributes(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	resourceHas := func(r resource.Resource) func(path.Path) bool {
		var resp resource.SchemaResponse
		r.Schema(ctx, resource.SchemaRequest{}, &resp)
		return func(p path.Path) bool { _, d := resp.Schema.AttributeAtPath(ctx, p); return !d.HasError() }
	}
	dataSourceHas := func(ds datasource.DataSource) func(path.Path) bool {
		var resp datasource.SchemaResponse
		ds.Schema(ctx, datasource.SchemaRequest{}, &resp)
		return func(p path.Path) bool { _, d := resp.Schema.AttributeAtPath(ctx, p); return !d.HasError() }
	}
	var ephemeralResp ephemeral.SchemaResponse
	NewSCFFunctionInvocationEphemeral().Schema(ctx, ephemeral.SchemaRequest{}, &ephemeralResp)
	var actionResp action.SchemaResponse
	NewSCFFunctionInvokeAction().Schema(ctx, action.SchemaRequest{}, &actionResp)
	reserved, provisioned := resourceHas(NewSCFReservedConcurrencyResource()), resourceHas(NewSCFProvisionedConcurrencyResource())

	for object, tc := range map[string]struct {
		v   vocabulary
		has func(path.Path) bool
	}{
		"scf_function":         {functionDiagnostics, resourceHas(NewSCFFunctionResource())},
		"scf_namespace":        {namespaceDiagnostics, resourceHas(NewSCFNamespaceResource())},
		"scf_namespaces":       {namespaceListDiagnostics, dataSourceHas(NewSCFNamespacesDataSource())},
		"scf_layer_version":    {layerVersionDiagnostics, resourceHas(NewSCFLayerVersionResource())},
		"scf_layer_versions":   {layerVersionListDiagnostics, dataSourceHas(NewSCFLayerVersionsDataSource())},
		"scf_function_version": {versionDiagnostics, resourceHas(NewSCFFunctionVersionResource())},
		"scf_function_alias":   {aliasDiagnostics, resourceHas(NewSCFFunctionAliasResource())},
		"scf_trigger":          {triggerDiagnostics, resourceHas(NewSCFTriggerResource())},
		// The two share their hints: each code comes from the actions of the
		// one that has its attribute.
		"scf_reserved_concurrency and scf_provisioned_concurrency": {concurrencyDiagnostics,
			func(p path.Path) bool { return reserved(p) || provisioned(p) }},
		"scf_function_invocation and scf_function_invoke": {invocationDiagnostics, func(p path.Path) bool {
			_, e := ephemeralResp.Schema.AttributeAtPath(ctx, p)
			_, a := actionResp.Schema.AttributeAtPath(ctx, p)
			return !e.HasError() && !a.HasError()
		}},
		"provider": {providerDiagnostics, func(path.Path) bool { return false }},
	} {
		for code, hint := range tc.v.hints {
			if len(hint.attribute.Steps()) > 0 && !tc.has(hint.attribute) {
				t.Errorf("%s: %s points at %s, which it does not have", object, code, hint.attribute)
			}
		}
	}
}

// TestObjectHintsKeepTheSharedAdvice: the objects that used to report
// through scf_function's hints say what they said, but at their own
// attribute, and a code they have no attribute for points nowhere, never at
// a function's attribute.
func TestObjectHintsKeepTheSharedAdvice(t *testing.T) {
	t.Parallel()
	// Advice that was the function's rule, not the object's.
	changed := map[string]string{
		"scf_trigger InvalidParameterValue.Description": "Use at most 100 characters.",
	}
	for object, v := range map[string]vocabulary{
		"scf_function_version":    versionDiagnostics,
		"scf_function_alias":      aliasDiagnostics,
		"scf_trigger":             triggerDiagnostics,
		"scf_function_invocation": invocationDiagnostics,
	} {
		for code, hint := range v.hints {
			err := &scfapi.APIError{Code: code, Message: "refused", RequestID: "r1"}
			got, _ := v.describe("doing it", err)
			want, _ := functionDiagnostics.describe("doing it", err)
			if advice, ok := changed[object+" "+code]; ok {
				want = "While doing it, the API answered " + code + ": refused (RequestId: r1).\n\n" + advice
			}
			if got != want {
				t.Errorf("%s: %s reads\n%s\nwant\n%s", object, code, got, want)
			}
			if hint.attribute.String() == "name" {
				t.Errorf("%s: %s points at `name`, the function's name in scf_function's hints", object, code)
			}
		}
		// A code of scf_function's hints that names a function attribute.
		_, at := v.describe("doing it", &scfapi.APIError{Code: "InvalidParameterValue.Handler", Message: "bad"})
		if len(at.Steps()) != 0 {
			t.Errorf("%s: InvalidParameterValue.Handler points at %s", object, at)
		}
	}
}
