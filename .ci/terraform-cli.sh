#!/usr/bin/env bash
# Prints the path of a Terraform CLI >= 1.5 for the acceptance tests.
# Uses `terraform` from PATH when it is new enough; otherwise installs
# Terraform 1.5.7 (the last MPL release, which `go install` can build) into
# the git-ignored .cache folder. Usage: terraform-cli.sh [terraform|tofu|terraform-1.5.7]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cache="$root/.cache/cli"
want=${1:-terraform}
export CHECKPOINT_DISABLE=1 TF_CLI_CONFIG_FILE="$root/.ci/empty.tfrc"

install() { # name module version binary
	local dir="$cache/$1"
	if [ ! -x "$dir/$4" ]; then
		echo "installing $1 with go install $2@$3 (about a minute)..." >&2
		mkdir -p "$dir"
		GOBIN="$dir" GOFLAGS=-mod=mod go install "$2@$3" >&2
	fi
	echo "$dir/$4"
}

new_enough() { # path
	local out v
	# Read the whole output first: piping into head could kill the CLI with
	# SIGPIPE, which pipefail would turn into "too old".
	out=$("$1" version 2>/dev/null) || return 1
	v=$(printf '%s\n' "$out" | sed -nE '1s/^[^0-9]*v?([0-9]+)\.([0-9]+).*/\1 \2/p')
	set -- $v
	[ "${1:-0}" -gt 1 ] || { [ "${1:-0}" -eq 1 ] && [ "${2:-0}" -ge 5 ]; }
}

case "$want" in
terraform)
	if p=$(command -v terraform 2>/dev/null) && new_enough "$p"; then
		echo "$p"
	else
		install terraform-1.5.7 github.com/hashicorp/terraform v1.5.7 terraform
	fi
	;;
terraform-1.5.7) install terraform-1.5.7 github.com/hashicorp/terraform v1.5.7 terraform ;;
tofu) install tofu-1.6.3 github.com/opentofu/opentofu/cmd/tofu v1.6.3 tofu ;;
*) echo "usage: $0 [terraform|terraform-1.5.7|tofu]" >&2; exit 2 ;;
esac
