package provider

import "github.com/hashicorp/terraform-plugin-framework/path"

// concurrencyDiagnostics is the vocabulary of scf_reserved_concurrency and
// scf_provisioned_concurrency, which both set a function's concurrency and
// share its actions' codes: "Unable to Set SCF Function Concurrency", and the
// codes at the attribute of the resource that meets them (the reserved
// quota's codes come from the reserved concurrency actions only, the
// version's from the provisioned ones).
var concurrencyDiagnostics = vocabulary{noun: "SCF Function Concurrency", hints: concurrencyAPIErrorHints}

var concurrencyAPIErrorHints = map[string]apiErrorHint{
	"LimitExceeded.FunctionReservedConcurrencyMemory": {attribute: path.Root("reserved_concurrency_mem"),
		advice: "The reserved quotas of all functions may not pass the account's concurrency quota less 12,800 MB. Lower this or another function's quota, or raise the account's quota."},
	"FailedOperation.ProvisionedExceedReserved": {
		advice: "The provisioned concurrency of the function's versions (instances times the function's memory) may not pass its reserved quota. Raise `reserved_concurrency_mem` or lower `provisioned_concurrency_num`."},
	"LimitExceeded.FunctionTotalProvisionedConcurrencyMemory": {attribute: path.Root("provisioned_concurrency_num"),
		advice: "The provisioned concurrency of all versions takes more memory than the account allows. Lower `provisioned_concurrency_num` or raise the account's quota."},
	"LimitExceeded.FunctionProvisionedConcurrencyMemory": {attribute: path.Root("provisioned_concurrency_num"),
		advice: "The provisioned concurrency takes more memory than the account allows. Lower `provisioned_concurrency_num` or raise the account's quota."},
	"LimitExceeded.FunctionTotalProvisionedConcurrencyNum": {attribute: path.Root("provisioned_concurrency_num"),
		advice: "The function's versions together ask for more provisioned instances than allowed. Lower `provisioned_concurrency_num`."},
	"FailedOperation.ProvisionedExceedAvailable": {attribute: path.Root("provisioned_concurrency_num"),
		advice: "Fewer instances can be provisioned than asked for. Lower `provisioned_concurrency_num`."},
	"FailedOperation.ProvisionedInProgress": {advice: "A provisioning task of this version is still running. Wait for it to finish and run the command again."},
	"FailedOperation.ReservedInProgress":    {advice: "A change of the function's reserved quota is still running. Wait for it to finish and run the command again."},
	"InvalidParameterValue.Qualifier":       {attribute: path.Root("qualifier"), advice: "Name a published version; `$LATEST` cannot have provisioned concurrency."},
	"ResourceNotFound.Version":              {attribute: path.Root("qualifier"), advice: "The version does not exist. Publish it first, or name an existing one."},
	"ResourceNotFound.FunctionVersion":      {attribute: path.Root("qualifier"), advice: "The version does not exist. Publish it first, or name an existing one."},
	"ResourceNotFound.Function":             {attribute: path.Root("function_name"), advice: "The function does not exist in this namespace. Create it first, or refer to it as `scf_function.<name>.name` so Terraform creates it first."},
	"ResourceNotFound.Namespace":            {attribute: path.Root("namespace"), advice: "The namespace does not exist."},
}
