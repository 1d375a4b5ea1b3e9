#!/usr/bin/env bash
# Runs the acceptance tests against every supported CLI: the Terraform on
# PATH when it is 1.5 or newer, Terraform 1.14.9 (identity, `terraform query`
# and actions need it), Terraform 1.5.7 (the last MPL release), OpenTofu
# 1.6.3 and OpenTofu 1.12.6 (of today). All but the first are built into
# .cache the first time (see terraform-cli.sh). A test that needs what a CLI
# lacks skips on it, saying which (cliFeature in the provider's tests).
# ACC_CLIS limits the set, e.g. ACC_CLIS=terraform.
set -euo pipefail
cd "$(dirname "$0")/.."
export CHECKPOINT_DISABLE=1 TF_CLI_CONFIG_FILE="$PWD/.ci/empty.tfrc"
clis=${ACC_CLIS:-"terraform terraform-1.14 terraform-1.5.7 tofu tofu-1.12"}
run=${ACC_RUN:-.}
seen=""
for which in $clis; do
	cli=$(.ci/terraform-cli.sh "$which")
	real=$(readlink -f "$cli")
	case " $seen " in *" $real "*) echo "acceptance: $which is $cli, already tested"; continue ;; esac
	seen="$seen $real"
	host=registry.terraform.io
	case "$which" in tofu*) host=registry.opentofu.org ;; esac
	version=$("$cli" version)
	echo "acceptance: ${version%%$'\n'*} ($cli)"
	start=$(date +%s)
	TF_ACC=1 TF_ACC_TERRAFORM_PATH="$cli" TF_ACC_PROVIDER_HOST="$host" \
		go test -count=1 -timeout 30m -run "$run" ./internal/provider/...
	echo "acceptance: $which passed in $(( $(date +%s) - start ))s"
done
