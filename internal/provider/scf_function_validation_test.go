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
// value at a time: every documented constraint fails at plan time, on the
// attribute responsible, and names the rule.
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

	cases := []struct {
		name   string
		body   string // attributes besides name (and code, unless the case sets it)
		fnName string
		want   string // regexp matched against Terraform's output
	}{
		{"name too short", code, "a", `Invalid Function Name`},
		{"name ends with hyphen", code, "my-func-", `Invalid Function Name`},
		{"name starts with digit", code, "1func", `Invalid Function Name`},
		{"name too long", code, "f" + strings.Repeat("x", 60), `Invalid Function Name`},
		{"namespace invalid", code + "\nnamespace = \"bad namespace\"", "ok-name", `Invalid Namespace`},
		{"handler without function part", code + "\nhandler = \"index\"", "ok-name", `Invalid Handler`},
		{"handler part ends with digit", code + "\nhandler = \"index.handler2\"", "ok-name", `Invalid Handler`},
		{"java handler without method", code + "\nruntime = \"Java8\"\nhandler = \"example.Hello\"", "ok-name", `Invalid Handler`},
		{"java without handler", code + "\nruntime = \"Java8\"", "ok-name", `Missing Handler`},
		{"description with forbidden character", code + "\ndescription = \"hello!\"", "ok-name", `Invalid Description`},
		{"description too long", code + fmt.Sprintf("\ndescription = %q", strings.Repeat("a", 1001)), "ok-name", `Invalid Description`},
		{"memory not a step", code + "\nmemory_size = 100", "ok-name", `Invalid Memory Size`},
		{"memory above limit", code + "\nmemory_size = 3200", "ok-name", `Invalid Memory Size`},
		{"timeout zero", code + "\ntimeout = 0", "ok-name", `timeout.*between 1 and 900`},
		{"timeout above limit", code + "\ntimeout = 901", "ok-name", `timeout.*between 1 and 900`},
		{"init timeout above limit", code + "\ninit_timeout = 301", "ok-name", `init_timeout.*between 1 and 300`},
		{"unknown runtime", code + "\nruntime = \"Python4.0\"", "ok-name", `runtime.*value must be one of`},
		{"unknown type", code + "\ntype = \"Timer\"", "ok-name", `type.*value must be one of`},
		{"unknown code source", code + "\ncode_source = \"Svn\"", "ok-name", `code_source.*value must be one of`},
		{"code source disagrees", code + "\ncode_source = \"Cos\"", "ok-name", `Conflicting Code Source`},
		{"cos and zip together", fmt.Sprintf(`code = { zip_file = %q, cos_bucket_name = "scf-code", cos_object_name = "/demo/code.zip" }`, goodZip), "ok-name", `Conflicting Code Sources(?s).*Cos and\s+ZipFile`},
		{"no code source", "code = {}", "ok-name", `Missing Function Code`},
		{"git without code source", `code = { git_url = "https://git.example.com/team/functions.git" }`, "ok-name", `Missing Code Source`},
		{"cos bucket without object", `code = { cos_bucket_name = "scf-code" }`, "ok-name", `(?s)"code.cos_object_name"\s+must be specified when\s+"code.cos_bucket_name"`},
		{"environment too large", code + "\n" + bigEnv, "ok-name", `Invalid Environment`},
		{"environment bad name", code + "\nenvironment = { \"1ABC\" = \"x\" }", "ok-name", `Invalid Environment`},
		{"cls logset without topic", code + "\ncls_logset_id = \"cls-logset-demo\"", "ok-name", `(?s)configured together.*cls_topic_id`},
		{"cfs without vpc", code + `
cfs_config = { cfs_ins_list = [{ user_id = "1", user_group_id = "1", cfs_id = "cfs-1", mount_ins_id = "m-1", local_mount_dir = "/mnt", remote_mount_dir = "/" }] }`, "ok-name", `(?s)"vpc_config" must be specified when\s+"cfs_config"`},
		{"eip without public net", code + `
vpc_config = { vpc_id = "vpc-demo0001", subnet_id = "subnet-demo0001" }
public_net_config = { public_net_status = "DISABLE", eip_config = { eip_status = "ENABLE" } }`, "ok-name", `eip_status = "ENABLE"\x60\s+requires`},
		{"public net disabled without vpc", code + `
public_net_config = { public_net_status = "DISABLE" }`, "ok-name", `requires\s+\x60vpc_config\x60`},
		{"too many layers", code + "\nlayers = [" + strings.Repeat(`{ name = "common-libs", version = 1 },`, 6) + "]", "ok-name", `layers list must contain at least 1 elements and at\s+most 5`},
		{"layer version zero", code + "\nlayers = [{ name = \"common-libs\", version = 0 }]", "ok-name", `version.*at least 1`},
		{"zip missing", fmt.Sprintf(`code = { zip_file = %q }`, filepath.Join(dir, "missing.zip")), "ok-name", `Invalid Zip File`},
		{"zip is a directory", fmt.Sprintf(`code = { zip_file = %q }`, dir), "ok-name", `Invalid Zip File`},
		{"zip not an archive", fmt.Sprintf(`code = { zip_file = %q }`, notZip), "ok-name", `Invalid Zip File(?s).*not a zip`},
		{"zip over 50 MB", fmt.Sprintf(`code = { zip_file = %q }`, hugeZip), "ok-name", `Invalid Zip File(?s).*50`},
		{"zip empty", fmt.Sprintf(`code = { zip_file = %q }`, emptyZip), "ok-name", `Invalid Zip File(?s).*empty\s+\(0\s+bytes\)`},
		{"zip symlink loop", fmt.Sprintf(`code = { zip_file = %q }`, loopZip), "ok-name", `Invalid Zip File(?s).*symlink\s+loop`},
		{"tag key too long", code + fmt.Sprintf("\ntags = { %q = \"v\" }", strings.Repeat("k", 128)), "ok-name", `(?s)tags.*length must be between 1 and\s+127`},
	}
	// Permissions do not bind root, so the unreadable case runs only for
	// other users.
	if os.Geteuid() != 0 {
		unreadable := writeZip(t, dir, "unreadable.zip", map[string]string{"index.py": "x = 1\n"})
		if err := os.Chmod(unreadable, 0); err != nil {
			t.Fatal(err)
		}
		cases = append(cases, struct {
			name   string
			body   string
			fnName string
			want   string
		}{"zip unreadable", fmt.Sprintf(`code = { zip_file = %q }`, unreadable), "ok-name", `Invalid Zip File(?s).*permission\s+denied`})
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
					ExpectError: regexp.MustCompile(tc.want),
				}},
			})
		})
	}
}

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
