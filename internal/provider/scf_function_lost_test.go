package provider

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/scfprovider/terraform-provider-scf/internal/fakescf"
	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

// lostConfig is a function whose CreateFunction request an out-of-band
// create can reproduce exactly (see createdBefore).
func lostConfig(zipPath, name string) string {
	return fmt.Sprintf(`
resource "scf_function" "test" {
  name    = %[2]q
  handler = "index.main_handler"
  runtime = "Python3.9"
  code    = { zip_file = %[1]q }
}
`, zipPath, name)
}

// TestAccSCFFunctionResource_lostCreate makes the first CreateFunction of
// the apply fail without a usable answer: applied but the response lost,
// dropped before it was applied, or InternalError. Each time the apply
// succeeds with exactly one function, sent once when it was applied and
// twice when it was not, and the next plan is empty.
func TestAccSCFFunctionResource_lostCreate(t *testing.T) {
	newestCLIsOnly(t)
	zipPath := writeZip(t, t.TempDir(), "code.zip", map[string]string{"index.py": "x = 1\n"})
	cases := []struct {
		name   string
		inject func(*fakescf.Server)
		sends  int64
	}{
		{"response lost after the create", func(s *fakescf.Server) {
			s.InjectFault(scfapi.ActionCreateFunction, fakescf.FaultDropAfter, 1)
		}, 1},
		{"connection dropped before the create", func(s *fakescf.Server) {
			s.InjectFault(scfapi.ActionCreateFunction, fakescf.FaultDropBefore, 1)
		}, 2},
		{"internal error", func(s *fakescf.Server) {
			s.InjectError(scfapi.ActionCreateFunction, "InternalError", "injected internal error", 1)
		}, 2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			env := newTestEnv(t, fakescf.Options{CreateDelay: 200 * time.Millisecond})
			tc.inject(env.fake)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: env.factories(),
				CheckDestroy:             env.checkDestroyed(scfapi.DefaultNamespace),
				Steps: []resource.TestStep{{
					Config:           env.config(lostConfig(zipPath, "lost-create")),
					ConfigPlanChecks: expectEmptyPlanAfterApply,
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(testResource, attrPath("status"), knownvalue.StringExact("Active")),
					},
					Check: func(*terraform.State) error {
						if got := env.fake.FunctionNames(scfapi.DefaultNamespace); !slices.Equal(got, []string{"lost-create"}) {
							return fmt.Errorf("the fake holds %v, want exactly [lost-create]", got)
						}
						if got := env.fake.Stats().Requests[scfapi.ActionCreateFunction]; got != tc.sends {
							return fmt.Errorf("CreateFunction was sent %d times, want %d", got, tc.sends)
						}
						return nil
					},
				}},
			})
		})
	}
}

// TestAccSCFFunctionResource_lostCreateNeverTakesOver: a function of the
// same name and the very same configuration exists before the apply, and
// the apply's CreateFunction fails without a usable answer. The provider
// cannot prove the function is its own (it is older than the call), so the
// apply fails saying it already exists and to import it, and the function is
// left untouched.
func TestAccSCFFunctionResource_lostCreateNeverTakesOver(t *testing.T) {
	newestCLIsOnly(t)
	zipPath := writeZip(t, t.TempDir(), "code.zip", map[string]string{"index.py": "x = 2\n"})
	faults := []struct {
		name   string
		inject func(*fakescf.Server)
	}{
		{"response lost", func(s *fakescf.Server) { s.InjectFault(scfapi.ActionCreateFunction, fakescf.FaultDropAfter, 1) }},
		{"dropped before", func(s *fakescf.Server) { s.InjectFault(scfapi.ActionCreateFunction, fakescf.FaultDropBefore, 1) }},
		{"internal error", func(s *fakescf.Server) { s.InjectError(scfapi.ActionCreateFunction, "InternalError", "injected", 1) }},
	}
	for _, f := range faults {
		t.Run(f.name, func(t *testing.T) {
			// The fake's clock runs a minute behind while the pre-existing
			// function is created, so it is provably older than the apply.
			var clockOffset atomic.Int64
			env := newTestEnv(t, fakescf.Options{Clock: func() time.Time { return time.Now().Add(time.Duration(clockOffset.Load())) }})
			var before *scfapi.Function
			untouched := func(*terraform.State) error {
				after, err := env.client.GetFunction(context.Background(), scfapi.DefaultNamespace, "taken")
				if err != nil {
					return fmt.Errorf("the pre-existing function: %w", err)
				}
				if after.FunctionId != before.FunctionId || after.ModTime != before.ModTime || after.AddTime != before.AddTime {
					return fmt.Errorf("the pre-existing function changed: id %s→%s, modified %s→%s",
						before.FunctionId, after.FunctionId, before.ModTime, after.ModTime)
				}
				if got := env.fake.FunctionNames(scfapi.DefaultNamespace); !slices.Equal(got, []string{"taken"}) {
					return fmt.Errorf("the fake holds %v, want only the pre-existing function", got)
				}
				return nil
			}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: env.factories(),
				CheckDestroy:             untouched,
				Steps: []resource.TestStep{{
					PreConfig: func() {
						clockOffset.Store(int64(-time.Minute))
						before = env.createdBefore("taken", zipPath)
						clockOffset.Store(0)
						f.inject(env.fake)
					},
					Config:      env.config(lostConfig(zipPath, "taken")),
					ExpectError: regexp.MustCompile(`(?s)Unable to Create SCF Function.*default/taken already\s+exists.*not\s+taken\s+over.*id = "default/taken".*terraform import <address> default/taken`),
				}},
			})
			if err := untouched(nil); err != nil {
				t.Error(err)
			}
		})
	}
}

// createdBefore creates, out of band, a function whose configuration is
// exactly what lostConfig asks for.
func (e *testEnv) createdBefore(name, zipPath string) *scfapi.Function {
	return e.createOutOfBand(scfapi.DefaultNamespace, name, zipPath, func(req *scfapi.CreateFunctionRequest) {
		req.Runtime = ptr("Python3.9")
	})
}
