// Package fastpath answers ValidateResourceConfig and PlanResourceChange,
// the two requests Terraform sends for every resource instance of every
// plan, without terraform-plugin-framework, for the resources whose
// answer it can reproduce exactly; it hands every other request, and every
// one it is not sure of, to the framework's server. It knows nothing of any
// provider: NewServer takes the framework's server and the resources.
//
// # Why it exists
//
// The framework (v1.19) costs time in the square of a resource's number of
// top-level attributes, set or not, in both requests. SchemaModifyPlan
// visits every attribute, plan modifiers or not, and for each one reads
// three values and writes the whole planned object back; SchemaValidate
// looks every attribute up by path; and every such lookup copies the
// schema's map of attributes (schema.Schema.GetAttributes). For this
// provider's scf_function (37 attributes then) that was two thirds of the
// provider's CPU time in a plan of 1,000 new functions, and every attribute
// added made each instance dearer. BenchmarkFrameworkPlan plans one new
// instance of a resource of 10, 40 and 80 attributes (median of three runs,
// 2 shared cores, AMD EPYC, 2026-12-07:
// go test -run '^$' -bench FrameworkPlan -benchmem -count=3 ./internal/fastpath/):
//
//	attributes  framework               fast path
//	10           499 µs   206 KB/op      22 µs   13 KB/op
//	40          2000 µs  1633 KB/op      76 µs   38 KB/op
//	80          7279 µs  5755 KB/op     124 µs   72 KB/op
//
// The day the framework's column grows in proportion to the attributes,
// delete this package: serve providerserver.NewProtocol6 directly, keeping
// the release of request contexts (see server) only if the framework still
// holds them.
//
// # The rule for the resources it serves
//
// ModifyPlan and ValidateConfig must not use the API client: the fast paths
// call them on an instance of the resource that is never configured, so it
// has none. The same holds for ConfigValidators.
//
// # What it reproduces
//
// Planner plans new instances, and existing ones whose configuration
// changes nothing; Checker says "valid" for configurations that draw no
// diagnostic. Their doc comments give the reductions of the framework's
// steps they rely on, and values.go what the framework does with values of
// custom types. Both refuse, at construction, any schema the reductions do
// not cover, and at request time hand back anything else: then the server
// asks the framework, so every diagnostic keeps the framework's form. When
// the provider's Configure defers, or may have and the provider cannot tell,
// a server instance leaves every plan to the framework (see
// server.ConfigureProvider).
//
// # What keeps it honest
//
//   - FuzzFastPathsMatchFramework (here, over a resource of every attribute
//     kind, default and plan modifier the planner takes) and the provider's
//     fuzz target over its real schema compare both paths on generated
//     configurations and prior states (fastpathtest); make test runs every
//     fuzz target.
//   - guards_test.go holds the gaps found in the guards, each compared with
//     the framework through protocol requests.
//   - TestServerForwardsEveryFrameworkMethod fails when the framework's
//     server gains a method the wrapper would hide.
//   - TestFrameworkVersionIsReviewed fails when go.mod moves the framework
//     or plugin-go, and lists what to re-read.
package fastpath
