package fastpath

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// BenchmarkFrameworkPlan measures the plan of one new instance of a
// resource of 10, 40 and 80 top-level attributes (half optional, a quarter
// with a default, a quarter computed; three set), by the framework and by
// the wrapper's fast path. The framework's cost grows with the square of
// the number of attributes, the fast path's in proportion to it: the day
// the framework's is linear, this package can go (see doc.go).
//
//	go test -run '^$' -bench FrameworkPlan -benchmem ./internal/fastpath/
func BenchmarkFrameworkPlan(b *testing.B) {
	for _, n := range []int{10, 40, 80} {
		attributes := map[string]schema.Attribute{}
		for i := range n {
			name := fmt.Sprintf("a%02d", i)
			switch i % 4 {
			case 0, 1:
				attributes[name] = schema.StringAttribute{Optional: true}
			case 2:
				attributes[name] = schema.StringAttribute{Optional: true, Computed: true, Default: stringdefault.StaticString("d")}
			case 3:
				attributes[name] = schema.StringAttribute{Computed: true}
			}
		}
		r := testResource{name: "wide", attributes: attributes}
		framework, wrapped := servers(&testProvider{resources: []func() resource.Resource{func() resource.Resource { return r }}})
		typ := resourceType(b, framework, "fptest_wide")
		req := createRequest(b, "fptest_wide", typ, objectOf(typ, map[string]tftypes.Value{
			"a00": tftypes.NewValue(tftypes.String, "x"), "a01": tftypes.NewValue(tftypes.String, "y"), "a04": tftypes.NewValue(tftypes.String, "z"),
		}))
		for _, s := range []struct {
			name   string
			server tfprotov6.ProviderServer
		}{{"framework", framework}, {"fastpath", wrapped}} {
			b.Run(fmt.Sprintf("attributes=%d/%s", n, s.name), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					resp, err := s.server.PlanResourceChange(b.Context(), req)
					if err != nil || len(resp.Diagnostics) > 0 {
						b.Fatalf("plan: %v %v", err, resp.Diagnostics)
					}
				}
			})
		}
	}
}
