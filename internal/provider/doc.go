// Package provider is the Terraform provider: the provider itself and every
// object it manages, on terraform-plugin-framework.
//
// Layout. Each object keeps its own group of files, named after its type,
// with its tests beside them; nothing of one object lives in another's files:
//
//   - scf_function_*.go: the function resource. schema, model (and
//     *_features.go for the settings beyond the 2020 API document), expand
//     (to the API), flatten (from it), plan and rules (plan-time checks),
//     resource (CRUD and import), identity (its resource identity), and
//     list_resource (the list resource of `terraform query`).
//   - scf_namespace_*.go, scf_layer_version_*.go: the other resources.
//   - scf_trigger_*.go: schema, model, resource and identity, with one file
//     per family of trigger types beyond timer, cos and ckafka (queue: cmq;
//     gateway: apigw; url: http).
//   - <type>_data_source.go: the data sources, one file each.
//   - scf_function_invocation_ephemeral.go (ephemeral resource) and
//     scf_function_invoke_action.go (action), sharing
//     scf_function_invoke_shared.go.
//
// Shared by every object, once:
//
//   - diagnostics.go: the vocabulary of errors (summaries, API error hints,
//     addAPIError); plan-time rules use validators.Violation, in the
//     validators package with the attribute validators.
//   - import_id.go: import IDs and the `<namespace>/<name>` form.
//   - identity.go: resource identities (Terraform 1.12 and later): setting
//     one, reading an import's, the optional namespace; each resource's
//     identity model lives in its own scf_<type>_identity.go.
//   - values.go, values_root.go: conversions between framework values and
//     the API's, and reading top-level values without the framework's
//     per-attribute lookups.
//   - plan_fast.go, validate_fast.go, server.go: the fast planning and
//     validation paths the provider server uses for scf_function.
//     server_forwarded.go passes the list resource and action RPCs through
//     that server.
//
// The API client (internal/scfapi) knows nothing of Terraform, and the fake
// server (internal/fakescf) neither of them.
package provider
