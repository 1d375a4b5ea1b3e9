#!/usr/bin/env bash
# Prints the path of a Terraform CLI >= 1.5 for the acceptance tests.
# Uses `terraform` from PATH when it is new enough; otherwise installs
# Terraform 1.5.7 (the last MPL release, which `go install` can build) into
# the git-ignored .cache folder. terraform-1.14 (identity, list resources and
# `terraform query`, actions) is built from the Go module proxy's source zip,
# because `go install` refuses it (see build_from_source).
# tofu-1.12 (OpenTofu of today) is built from its module zip too: `go install`
# refuses it for a replace directive of the module path kind, but the zip
# builds as it is (see build_tofu_from_source).
# Usage: terraform-cli.sh [terraform|tofu|tofu-1.12|terraform-1.5.7|terraform-1.14]
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

# build_from_source builds Terraform releases whose go.mod replaces nested
# modules with local paths (the remote-state backends and internal/legacy):
# a module zip never holds nested modules, so those backends are cut out and
# the CLI keeps the local, http, inmem and cloud backends, which is all the
# acceptance tests use. Takes about five minutes on two cores, once.
build_from_source() { # name version
	local dir="$cache/$1" version=$2 src work
	if [ -x "$dir/terraform" ]; then echo "$dir/terraform"; return; fi
	echo "building $1 from the module proxy's source of github.com/hashicorp/terraform@$version (about five minutes)..." >&2
	src=$(GOFLAGS=-mod=mod go mod download -json "github.com/hashicorp/terraform@$version" | sed -nE 's/^\t"Dir": "(.*)",$/\1/p')
	[ -d "$src" ] || { echo "go mod download gave no source folder for terraform@$version" >&2; exit 1; }
	work=$(mktemp -d)
	trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' RETURN
	cp -r "$src/." "$work/" && chmod -R u+w "$work"
	(
		cd "$work"
		# The nested modules: their replace lines and their require lines.
		local nested='github.com/hashicorp/terraform/internal/(backend/remote-state/[a-z0-9]+|legacy)'
		sed -i -E "\#^replace $nested #d; \#^\s*$nested v#d" go.mod
		local cut='azure|consul|cos|gcs|kubernetes|oci|oss|pg|s3'
		sed -i -E "\#\"github.com/hashicorp/terraform/internal/backend/remote-state/($cut)\"#d" internal/backend/init/init.go
		sed -i -E "/^\s*\"(azurerm|$cut)\":\s/d" internal/backend/init/init.go
		# Terraform's own tests may import what was cut; they are not built.
		grep -rlE "\"$nested(/[a-z0-9/]*)?\"" --include='*_test.go' . | grep -v '^./internal/legacy/' | xargs -r rm -f
		GOFLAGS=-mod=mod go mod tidy >&2
		mkdir -p "$dir.tmp"
		go build -ldflags "-X github.com/hashicorp/terraform/version.dev=no" -o "$dir.tmp/terraform" . >&2
	)
	rm -rf "$dir" && mv "$dir.tmp" "$dir"
	echo "$dir/terraform"
}

# build_tofu_from_source builds an OpenTofu release from the Go module
# proxy's zip: its go.mod replaces hashicorp/hcl with OpenTofu's fork, which
# `go install pkg@version` refuses, while `go build` in the module honours it.
# About three minutes on two cores, once.
build_tofu_from_source() { # name version
	local dir="$cache/$1" version=$2 src work
	if [ -x "$dir/tofu" ]; then echo "$dir/tofu"; return; fi
	echo "building $1 from the module proxy's source of github.com/opentofu/opentofu@$version (about three minutes)..." >&2
	src=$(GOFLAGS=-mod=mod go mod download -json "github.com/opentofu/opentofu@$version" | sed -nE 's/^\t"Dir": "(.*)",$/\1/p')
	[ -d "$src" ] || { echo "go mod download gave no source folder for opentofu@$version" >&2; exit 1; }
	work=$(mktemp -d)
	trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' RETURN
	cp -r "$src/." "$work/" && chmod -R u+w "$work"
	mkdir -p "$dir.tmp"
	(cd "$work" && GOFLAGS=-mod=mod go build -ldflags "-X github.com/opentofu/opentofu/version.dev=no" -o "$dir.tmp/tofu" ./cmd/tofu >&2)
	rm -rf "$dir" && mv "$dir.tmp" "$dir"
	echo "$dir/tofu"
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
terraform-1.14) build_from_source terraform-1.14.9 v1.14.9 ;;
tofu) install tofu-1.6.3 github.com/opentofu/opentofu/cmd/tofu v1.6.3 tofu ;;
tofu-1.12) build_tofu_from_source tofu-1.12.6 v1.12.6 ;;
*) echo "usage: $0 [terraform|terraform-1.5.7|terraform-1.14|tofu|tofu-1.12]" >&2; exit 2 ;;
esac
