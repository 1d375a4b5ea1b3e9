package provider

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/scfprovider/terraform-provider-scf/internal/fakescf"
)

// TestAccSCFFunctionResource_validation runs `terraform plan` on one invalid
// value at a time: every documented constraint fails at plan time, and the
// diagnostic names the attribute path and the rule.
func TestAccSCFFunctionResource_validation(t *testing.T) {
	env := newTestEnv(t, fakescf.Options{})
	dir := t.TempDir()
	goodZip := writeZip(t, dir, "good.zip", map[string]string{"index.py": "x = 1\n"})
	notZip := filepath.Join(dir, "not-a-zip.zip")
	if err := os.WriteFile(notZip, []byte("plain text, not an archive"), 0o600); err != nil {
		t.Fatal(err)
	}
	hugeZip := filepath.Join(dir, "huge.zip")
	f, err := os.Create(hugeZip)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(50<<20 + 1); err != nil { // sparse: nothing is written
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	emptyZip := filepath.Join(dir, "empty.zip")
	if err := os.WriteFile(emptyZip, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	loopZip := filepath.Join(dir, "loop-a.zip")
	if err := os.Symlink(filepath.Join(dir, "loop-b.zip"), loopZip); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(loopZip, filepath.Join(dir, "loop-b.zip")); err != nil {
		t.Fatal(err)
	}
	code := fmt.Sprintf("code = { zip_file = %q }", goodZip)
	bigEnv := fmt.Sprintf(`environment = { BIG = %q }`, strings.Repeat("v", 4094))

	// The rules, as regexps: Terraform wraps the detail at spaces.
	const (
		nameRule    = `A\s+function\s+name\s+must\s+be\s+2-60\s+characters\s+of\s+letters`
		memoryRule  = `Memory\s+size\s+must\s+be\s+64\s+MB,\s+or\s+128\s+to\s+3072\s+MB\s+in\s+steps\s+of\s+128\s+MB`
		descRule    = `A\s+description\s+must\s+be\s+at\s+most\s+1000\s+characters`
		zipRule     = `It\s+must\s+be\s+the\s+path\s+of\s+an\s+existing,\s+readable,\s+non-empty\s+zip\s+archive\s+of\s+at\s+most\s+50\s+MiB`
		oneSource   = `\x60code\x60\s+needs\s+exactly\s+one\s+source`
		pythonRule  = `For\s+runtime\s+Python2\.7\s+the\s+handler\s+must\s+be\s+"file\.function"`
		envNameRule = `An\s+environment\s+variable\s+name\s+must\s+start\s+with\s+a\s+letter`
	)
	type validationCase struct {
		name      string
		body      string // attributes besides name (and code, unless the case sets it)
		fnName    string
		summary   string
		attribute string // the attribute path the detail must name
		rule      string // regexp of the rule (or problem and rule) the detail states
	}
	cases := []validationCase{
		{"name too short", code, "a", "Invalid Function Name", "name", `it\s+is\s+1\s+characters\s+long\.\s+` + nameRule},
		{"name ends with hyphen", code, "my-func-", "Invalid Function Name", "name", `ends\s+with\s+'-'\.\s+` + nameRule},
		{"name starts with digit", code, "1func", "Invalid Function Name", "name", `starts\s+with\s+'1',\s+not\s+a\s+letter\.\s+` + nameRule},
		{"name too long", code, "f" + strings.Repeat("x", 60), "Invalid Function Name", "name", `61\s+characters\s+long\.\s+` + nameRule},
		{"namespace invalid", code + "\nnamespace = \"bad namespace\"", "ok-name", "Invalid Namespace", "namespace", `character\s+4,\s+' '` + sameDiagnostic + `A\s+namespace\s+must\s+be\s+1-30\s+characters`},
		{"handler without function part", code + "\nhandler = \"index\"", "ok-name", "Invalid Handler", "handler", pythonRule},
		{"handler part ends with digit", code + "\nhandler = \"index.handler2\"", "ok-name", "Invalid Handler", "handler", `ends\s+with\s+'2'` + sameDiagnostic + pythonRule},
		{"java handler without method", code + "\nruntime = \"Java8\"\nhandler = \"example.Hello\"", "ok-name", "Invalid Handler", "handler", `For\s+runtime\s+Java8\s+the\s+handler\s+must\s+be\s+"package\.Class::method"`},
		{"java without handler", code + "\nruntime = \"Java8\"", "ok-name", "Missing Handler", "handler", `Set\s+\x60handler\x60\s+to\s+\x60package\.Class::method\x60`},
		{"description with forbidden character", code + "\ndescription = \"hello!\"", "ok-name", "Invalid Description", "description", `character\s+6,\s+'!'` + sameDiagnostic + descRule},
		{"description too long", code + fmt.Sprintf("\ndescription = %q", strings.Repeat("a", 1001)), "ok-name", "Invalid Description", "description", `1001\s+characters\s+long\.\s+` + descRule},
		{"memory not a step", code + "\nmemory_size = 100", "ok-name", "Invalid Memory Size", "memory_size", `64\s+and\s+128\.\s+` + memoryRule},
		{"memory above limit", code + "\nmemory_size = 3200", "ok-name", "Invalid Memory Size", "memory_size", `above\s+the\s+maximum\s+of\s+3072\.\s+` + memoryRule},
		{"timeout zero", code + "\ntimeout = 0", "ok-name", "Invalid Attribute Value", "timeout", `value\s+must\s+be\s+between\s+1\s+and\s+900`},
		{"timeout above limit", code + "\ntimeout = 901", "ok-name", "Invalid Attribute Value", "timeout", `value\s+must\s+be\s+between\s+1\s+and\s+900`},
		{"init timeout above limit", code + "\ninit_timeout = 301", "ok-name", "Invalid Attribute Value", "init_timeout", `value\s+must\s+be\s+between\s+1\s+and\s+300`},
		{"runtime in the wrong case", code + "\nruntime = \"python3.9\"", "ok-name", "Invalid Runtime", "runtime", `Did\s+you\s+mean\s+Python3\.9\?`},
		{"runtime with a space", code + "\nruntime = \"Nodejs 16\"", "ok-name", "Invalid Runtime", "runtime", `Did\s+you\s+mean\s+Nodejs16\.13\?\s+The\s+Nodejs\s+runtimes\s+are`},
		{"unknown type", code + "\ntype = \"Timer\"", "ok-name", "Invalid Attribute Value Match", "type", `value\s+must\s+be\s+one\s+of`},
		{"unknown code source", code + "\ncode_source = \"Svn\"", "ok-name", "Invalid Attribute Value Match", "code_source", `value\s+must\s+be\s+one\s+of`},
		{"code source disagrees", code + "\ncode_source = \"Cos\"", "ok-name", "Conflicting Code Source", "code_source", `"ZipFile"\.\s+Make\s+them\s+agree`},
		{"cos and zip together", fmt.Sprintf(`code = { zip_file = %q, cos_bucket_name = "scf-code", cos_object_name = "/demo/code.zip" }`, goodZip), "ok-name",
			"Conflicting Code Sources", "code", `Cos\s+and\s+ZipFile\s+together\)\.\s+` + oneSource},
		{"no code source", "code = {}", "ok-name", "Missing Function Code", "code", `sets\s+no\s+source\.\s+` + oneSource},
		{"git without code source", `code = { git_url = "https://git.example.com/team/functions.git" }`, "ok-name",
			"Missing Code Source", "code_source", `Code\s+from\s+Git\s+needs\s+\x60code_source\s+=\s+"Git"\x60`},
		{"cos bucket without object", `code = { cos_bucket_name = "scf-code" }`, "ok-name",
			"Invalid Attribute Combination", "code.cos_object_name", `must\s+be\s+specified\s+when\s+"code\.cos_bucket_name"`},
		{"environment too large", code + "\n" + bigEnv, "ok-name", "Invalid Environment", "environment", `names\s+and\s+values\s+together\s+must\s+be\s+at\s+most\s+4096\s+bytes`},
		{"environment bad name", code + "\nenvironment = { \"1ABC\" = \"x\" }", "ok-name", "Invalid Environment", `environment["1ABC"]`, envNameRule},
		{"cls logset without topic", code + "\ncls_logset_id = \"cls-logset-demo\"", "ok-name",
			"Invalid Attribute Combination", "cls_logset_id", `configured\s+together:\s+\[cls_logset_id,cls_topic_id\]`},
		{"cfs without vpc", code + `
cfs_config = { cfs_ins_list = [{ user_id = "1", user_group_id = "1", cfs_id = "cfs-1", mount_ins_id = "m-1", local_mount_dir = "/mnt", remote_mount_dir = "/" }] }`, "ok-name",
			"Invalid Attribute Combination", "vpc_config", `must\s+be\s+specified\s+when\s+"cfs_config"`},
		{"eip without public net", code + `
vpc_config = { vpc_id = "vpc-demo0001", subnet_id = "subnet-demo0001" }
public_net_config = { public_net_status = "DISABLE", eip_config = { eip_status = "ENABLE" } }`, "ok-name",
			"Invalid Public Network Setting", "public_net_config.eip_config.eip_status", `\x60eip_status\s+=\s+"ENABLE"\x60\s+requires\s+\x60public_net_status\s+=\s+"ENABLE"\x60`},
		{"public net disabled without vpc", code + `
public_net_config = { public_net_status = "DISABLE" }`, "ok-name",
			"Invalid Public Network Setting", "public_net_config.public_net_status", `requires\s+\x60vpc_config\x60`},
		{"too many layers", code + "\nlayers = [" + strings.Repeat(`{ name = "common-libs", version = 1 },`, 6) + "]", "ok-name",
			"Invalid Attribute Value", "layers", `list\s+must\s+contain\s+at\s+least\s+1\s+elements\s+and\s+at\s+most\s+5`},
		{"layer version zero", code + "\nlayers = [{ name = \"common-libs\", version = 0 }]", "ok-name",
			"Invalid Attribute Value", "layers[0].version", `value\s+must\s+be\s+at\s+least\s+1`},
		{"zip missing", fmt.Sprintf(`code = { zip_file = %q }`, filepath.Join(dir, "missing.zip")), "ok-name",
			"Invalid Zip File", "code.zip_file", `does\s+not\s+exist\.\s+` + zipRule},
		{"zip is a directory", fmt.Sprintf(`code = { zip_file = %q }`, dir), "ok-name",
			"Invalid Zip File", "code.zip_file", `is\s+a\s+directory,\s+not\s+a\s+file\.\s+` + zipRule},
		{"zip not an archive", fmt.Sprintf(`code = { zip_file = %q }`, notZip), "ok-name",
			"Invalid Zip File", "code.zip_file", `not\s+a\s+zip\s+archive` + sameDiagnostic + zipRule},
		{"zip over 50 MB", fmt.Sprintf(`code = { zip_file = %q }`, hugeZip), "ok-name",
			"Invalid Zip File", "code.zip_file", `52428801\s+bytes` + sameDiagnostic + zipRule},
		{"zip empty", fmt.Sprintf(`code = { zip_file = %q }`, emptyZip), "ok-name",
			"Invalid Zip File", "code.zip_file", `empty\s+\(0\s+bytes\)\.\s+` + zipRule},
		{"zip symlink loop", fmt.Sprintf(`code = { zip_file = %q }`, loopZip), "ok-name",
			"Invalid Zip File", "code.zip_file", `symlink\s+loop` + sameDiagnostic + zipRule},
		{"tag key too long", code + fmt.Sprintf("\ntags = { %q = \"v\" }", strings.Repeat("k", 128)), "ok-name",
			"Invalid Attribute Value Length", `tags["` + strings.Repeat("k", 128) + `"]`, `length\s+must\s+be\s+between\s+1\s+and\s+127`},
	}
	// Permissions do not bind root, so the unreadable case runs only for
	// other users.
	if os.Geteuid() != 0 {
		unreadable := writeZip(t, dir, "unreadable.zip", map[string]string{"index.py": "x = 1\n"})
		if err := os.Chmod(unreadable, 0); err != nil {
			t.Fatal(err)
		}
		cases = append(cases, validationCase{"zip unreadable", fmt.Sprintf(`code = { zip_file = %q }`, unreadable), "ok-name",
			"Invalid Zip File", "code.zip_file", `permission\s+denied\.\s+` + zipRule})
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: env.factories(),
				Steps: []resource.TestStep{{
					Config: env.config(fmt.Sprintf(`
resource "scf_function" "test" {
  name = %q
  %s
}
`, tc.fnName, tc.body)),
					PlanOnly:    true,
					ExpectError: diagnosticRegexp(tc.summary, tc.attribute, tc.rule),
				}},
			})
		})
	}
}

// diagnosticRegexp matches one diagnostic in Terraform's output: the summary,
// then within the same diagnostic "Attribute <attribute>" (quoted, as
// AlsoRequires writes it, or not) and the rule. The detail must name the
// attribute because Terraform cannot point inside an object like `code`.
func diagnosticRegexp(summary, attribute, rule string) *regexp.Regexp {
	return regexp.MustCompile(`Error: ` + regexp.QuoteMeta(summary) + sameDiagnostic + `Attribute\s+"?` +
		regexp.QuoteMeta(attribute) + `"?[:\s]` + sameDiagnostic + rule)
}

// sameDiagnostic matches any text short of the next diagnostic's "Error:"
// (RE2 has no lookahead).
const sameDiagnostic = `(?:[^E]|E[^r]|Er[^r]|Err[^o]|Erro[^r]|Error[^:])*?`

// TestAccSCFFunctionResource_unknownValuesAreNotFlagged gives the validated
// attributes values known only after apply: plan succeeds.
func TestAccSCFFunctionResource_unknownValuesAreNotFlagged(t *testing.T) {
	env := newTestEnv(t, fakescf.Options{})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		Steps: []resource.TestStep{{
			Config: env.config(`
resource "terraform_data" "later" {
  input = "value"
}

resource "scf_function" "test" {
  name        = "n${terraform_data.later.output}"
  handler     = terraform_data.later.output
  description = terraform_data.later.output
  code        = { zip_file = terraform_data.later.output }
  environment = { (terraform_data.later.output) = terraform_data.later.output }
}
`),
			PlanOnly:           true,
			ExpectNonEmptyPlan: true,
		}},
	})
}
