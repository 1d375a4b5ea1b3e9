#!/usr/bin/env bash
# Runs the acceptance tests against every supported CLI: the Terraform on
# PATH when it is 1.5 or newer, Terraform 1.14.9 (identity, `terraform query`
# and actions need it), Terraform 1.5.7 (the last MPL release), OpenTofu
# 1.6.3 and OpenTofu 1.12.6 (of today). All but the first are built into
# .cache the first time (see terraform-cli.sh). A test that needs what a CLI
# lacks skips on it, saying which (cliFeature in the provider's tests).
# Every test runs on Terraform 1.14.9 and OpenTofu 1.12.6, the newest of
# each; on the older CLIs, ACC_OLDER_CLI=1 skips those that check only the
# provider's own work with the API, which no CLI changes (newestCLIsOnly),
# so that make test stays under 30 minutes from a fresh clone on two cores.
# ACC_CLIS limits the set, e.g. ACC_CLIS=terraform; ACC_OLDER_CLI=0 runs
# everything everywhere.
set -euo pipefail
cd "$(dirname "$0")/.."
export CHECKPOINT_DISABLE=1 TF_CLI_CONFIG_FILE="$PWD/.ci/empty.tfrc"
clis=${ACC_CLIS:-"terraform-1.14 tofu-1.12 terraform terraform-1.5.7 tofu"}
run=${ACC_RUN:-.}
# The older CLIs leave out the provider-only tests only when a newest CLI
# runs them in the same pass.
newest_runs=0
case " $clis " in *" terraform-1.14 "* | *" tofu-1.12 "*) newest_runs=1 ;; esac
seen=""
for which in $clis; do
	cli=$(.ci/terraform-cli.sh "$which")
	real=$(readlink -f "$cli")
	case " $seen " in *" $real "*) echo "acceptance: $which is $cli, already tested"; continue ;; esac
	seen="$seen $real"
	host=registry.terraform.io
	case "$which" in tofu*) host=registry.opentofu.org ;; esac
	older=${ACC_OLDER_CLI:-$newest_runs}
	case "$which" in terraform-1.14 | tofu-1.12) older=0 ;; esac
	version=$("$cli" version)
	scope="every test"
	[ "$older" = 1 ] && scope="the tests whose outcome depends on the CLI"
	echo "acceptance: ${version%%$'\n'*} ($cli): $scope"
	start=$(date +%s)
	TF_ACC=1 TF_ACC_TERRAFORM_PATH="$cli" TF_ACC_PROVIDER_HOST="$host" ACC_OLDER_CLI="$older" \
		go test -count=1 -timeout 30m -run "$run" ./internal/provider/...
	echo "acceptance: $which passed in $(( $(date +%s) - start ))s"
done
