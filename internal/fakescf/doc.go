// Package fakescf is an in-memory stand-in for the Tencent Cloud SCF API 3.0
// (version 2018-04-16) and for the Tag service's ModifyResourceTags
// (version 2018-08-13). It speaks the same wire protocol as the real
// service — TC3-HMAC-SHA256 signed JSON POSTs, or GETs with the parameters
// flattened into the query string, always HTTP 200 with a
// {"Response": {...}} envelope — so that a client, including the official
// SDKs, can be exercised without a cloud account. A signature over the host
// with or without the port passes, since the SDKs disagree on that off 443.
//
// Supported actions: CreateFunction, GetFunction, GetFunctionAddress,
// UpdateFunctionCode, UpdateFunctionConfiguration, DeleteFunction,
// ListFunctions, CreateNamespace, DeleteNamespace, UpdateNamespace,
// ListNamespaces, PublishLayerVersion, GetLayerVersion, ListLayerVersions,
// ListLayers, DeleteLayerVersion and ModifyResourceTags.
//
// Typical use in a test:
//
//	srv, baseURL, stop, err := fakescf.StartLocal(fakescf.Options{})
//	// point the SDK at strings.TrimPrefix(baseURL, "http://") with scheme HTTP
//	// and sign with fakescf.DefaultSecretID / fakescf.DefaultSecretKey
//	defer stop()
//
// Function status follows the real lifecycle (Creating, Active, Updating,
// Deleting and the failed states); it is computed from timestamps on every
// request, so a test that injects Options.Clock can move it forward without
// sleeping. Options.CreateDelay, UpdateDelay and DeleteDelay (or SetDelays)
// set the transition times; FailNext makes the next deployment fail.
//
// Everything the API cannot create itself — regions, roles, VPCs, layers,
// CLS topics, COS objects, demos, Git repositories, CMQ targets, limits —
// comes from Fixtures; DefaultFixtures returns the embedded
// fixtures_default.json. Its layers are published versions from the start,
// which the layer actions can list and delete like any other.
//
// Invoke and InvokeFunction answer the service's Result. With Options.Exec
// the deployed zip (and its layers) runs in a child process: python3 and
// node with a bootstrap passed as an argument, Go as the zip's executable,
// never through a shell (exec.go, exec_unpack.go, invoke.go). Without it, or
// for what cannot run here, a fixed Result says the code was not run.
//
// Failures: per-action token-bucket rate limits (DefaultRateLimits),
// queued faults (InjectFault, InjectError) and random ones (FaultConfig).
// Stats counts requests, answers and injected faults.
//
// The same listener serves unauthenticated admin endpoints for scripts
// driving the scf-fake command: GET /_fake/stats, and POST /_fake/faults
// ({"action","kind","count"} or {"action","code","message","count"}),
// /_fake/fail-next ({"action","function","reasons":[{"ErrorCode","ErrorMessage"}]}),
// /_fake/delays ({"create","update","delete"} as Go durations) and
// /_fake/rate-limit ({"action","per_second"}).
package fakescf
