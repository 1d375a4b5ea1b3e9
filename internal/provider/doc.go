// Package provider is the Terraform provider: the provider itself and every
// object it manages, on terraform-plugin-framework.
//
// Layout. A file that starts with scf_<object>_ belongs to that object
// alone, with its tests beside it, so that a glob names one object; a file
// without the scf_ prefix is shared.
//
//   - scf_function_*.go: the function. resource.go puts its schema and model
//     together from the attribute groups and keeps ValidateConfig,
//     ModifyPlan, create, read, update, delete, import and the waits; each
//     group keeps its schema fragment, model, rules, plan, expansion to the
//     API, flattening from it and API error hints in one file: code.go (zip,
//     COS, demo, Git, image, digest), runtime.go (handler, runtime, type,
//     memory, time limits, async runs, tracing, protocol, concurrency per
//     instance), network.go (VPC, public network, EIP, intranet IP, DNS
//     cache), storage.go (layers, CFS), logging.go (CLS, system log) and
//     settings.go (description, environment, role, dead letter queue, tags,
//     timeouts). Beside them: identity.go, list_resource.go (terraform
//     query) and data_source.go; scf_functions_data_source.go is the list.
//   - move_tencentcloud_<kind>.go: `moved` from the official provider's
//     resource of that kind, that provider's state and its translation, and
//     the MoveState method of the resource it moves to: function
//     (tencentcloud_scf_function, which also keeps what every move shares),
//     namespace, layer (tencentcloud_scf_layer to scf_layer_version),
//     version (tencentcloud_scf_function_version), alias
//     (tencentcloud_scf_function_alias), trigger, reserved_concurrency
//     (tencentcloud_scf_reserved_concurrency_config) and
//     provisioned_concurrency (tencentcloud_scf_provisioned_concurrency_config).
//   - scf_alias_*.go (scf_function_alias), scf_version_*.go
//     (scf_function_version), scf_namespace_*.go, scf_layer_version_*.go,
//     scf_reserved_concurrency_*.go, scf_provisioned_concurrency_*.go and
//     scf_trigger_*.go (one file per family of trigger types beyond timer,
//     cos and ckafka: queue, gateway, url); the data sources scf_namespaces_*
//     and scf_layer_versions_*. Each of these kinds has a list resource
//     (terraform query) in its list_resource.go: scf_alias_, scf_version_,
//     scf_namespace_, scf_layer_version_, scf_reserved_concurrency_,
//     scf_provisioned_concurrency_ and scf_trigger_list_resource.go, each an
//     objectListKind that list_resources.go serves.
//   - scf_invocation_ephemeral.go (scf_function_invocation) and
//     scf_invoke_action.go (scf_function_invoke), sharing invoke.go;
//     concurrency_diagnostics.go is what the two concurrency resources
//     share.
//
// Shared by every object, once:
//
//   - diagnostics.go: the vocabulary type (each object's vocabulary, its
//     summaries and API error hints, lives in the object's own files), the
//     hints every object shares, and how an API error is described and
//     placed; plan-time rules use validators.Violation, in the validators
//     package with the attribute validators.
//   - codec.go: the codecs that read and write each object's models without
//     the framework's reflection (internal/tfmodel), made once from the
//     schema, where the attribute types are written.
//   - values.go: conversions between framework values and the API's.
//   - import_id.go: import IDs and the `<namespace>/<name>` form.
//   - identity.go: resource identities (Terraform 1.12 and later): setting
//     one, reading an import's, the optional namespace.
//   - list_resources.go: what the list resources share: the namespaces
//     and functions to search, reading results a few at a time, reading a
//     result as import does (the resource's ImportState by the identity,
//     then its Read), and the list resource every kind but scf_function is.
//   - server.go: the provider's protocol server, internal/fastpath's wrapper
//     around the framework's, which validates and plans scf_function itself
//     where it reproduces the framework's answer exactly;
//     fast_paths_test.go and fast_paths_fuzz_test.go compare the two.
//
// The API client (internal/scfapi) knows nothing of Terraform, and the fake
// server (internal/fakescf) neither of them. internal/fastpath and
// internal/tfmodel work around the framework's costs and know nothing of
// SCF.
package provider
