#!/usr/bin/env bash
# The newcomer demo (`make demo`): builds the provider and scf-fake, starts the
# fake on a free loopback port, points a Terraform CLI at the freshly built
# provider with dev_overrides (no `terraform init`, which fails offline under
# dev_overrides), and runs examples/demo through plan, apply, a no-change
# plan, a plan with an invalid value, an invocation of the hello function
# (scf-fake runs with -exec, so its Python code really runs), and destroy.
# The fake is stopped on exit, including Ctrl-C and failures.
#
# DEMO_INVOKE_WITH=ephemeral makes step 5 use the ephemeral resource even
# where the action would work.
#
# DEMO_CLI=/path/to/terraform-or-tofu picks the CLI; otherwise a Terraform
# >= 1.5 from PATH is used, or Terraform 1.5.7 is built into .cache (see
# .ci/terraform-cli.sh).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
started=$SECONDS

if [ -t 1 ]; then
	bold=$'\e[1m' red=$'\e[31m' green=$'\e[32m' reset=$'\e[0m'
	color_flag=()
else
	bold='' red='' green='' reset=''
	color_flag=(-no-color)
fi
heading() { printf '\n%s==> %s%s\n\n' "$bold" "$*" "$reset"; }
ok() { printf '%s%s%s\n' "$green" "$*" "$reset"; }
die() {
	printf '%sdemo failed: %s%s\n' "$red" "$*" "$reset" >&2
	exit 1
}

# Never let a user's CLI configuration or update checks interfere, even while
# picking the CLI.
export CHECKPOINT_DISABLE=1
export TF_CLI_CONFIG_FILE="$root/.ci/empty.tfrc"

work=$(mktemp -d "${TMPDIR:-/tmp}/scf-demo.XXXXXX")
fake_log="$work/scf-fake.log"
fake_pid=''

stop_fake() {
	trap '' INT TERM # a second Ctrl-C must not cut the cleanup short
	if [ -n "$fake_pid" ] && kill -0 "$fake_pid" 2>/dev/null; then
		kill -TERM "$fake_pid" 2>/dev/null || true
		# scf-fake shuts down within 5 s of SIGTERM; insist after 10 s.
		for _ in $(seq 100); do
			kill -0 "$fake_pid" 2>/dev/null || break
			sleep 0.1
		done
		kill -KILL "$fake_pid" 2>/dev/null || true
		wait "$fake_pid" 2>/dev/null || true
		echo "stopped scf-fake (pid $fake_pid)"
	fi
	if [ -n "$fake_pid" ]; then
		echo "scf-fake log: $fake_log"
	fi
	echo "demo work directory (CLI config, state, outputs): $work"
}
on_exit() {
	local rc=$?
	stop_fake
	exit "$rc"
}
trap on_exit EXIT
trap 'echo; echo "interrupted"; exit 130' INT
trap 'echo "terminated"; exit 143' TERM

heading "Building bin/terraform-provider-scf and bin/scf-fake (the first build takes a minute or two)"
go build -o bin/terraform-provider-scf .
go build -o bin/scf-fake ./internal/fakescf/cmd/scf-fake
ok "built $root/bin/terraform-provider-scf and $root/bin/scf-fake"

heading "Choosing the Terraform CLI"
if [ -n "${DEMO_CLI:-}" ]; then
	cli=$(command -v "$DEMO_CLI") || die "DEMO_CLI=$DEMO_CLI is not an executable"
else
	cli=$(.ci/terraform-cli.sh terraform)
fi
# No `| head`: with pipefail, the CLI's SIGPIPE on its second line would fail
# the assignment.
version=$("$cli" version)
version=${version%%$'\n'*}
case "$version" in
OpenTofu*) registry_host=registry.opentofu.org ;;
*) registry_host=registry.terraform.io ;;
esac
ok "$version ($cli)"

heading "Starting scf-fake on a free loopback port"
# The demo's own credentials; the provider gets the same ones below.
secret_id=AKIDscfDemoNewcomer00000000000000
secret_key=scfDemoNewcomerSecretKey0000000
# set -m gives the fake a process group of its own, so a Ctrl-C in the
# terminal reaches the CLI (which then stops gracefully) but not the fake,
# which is stopped by the exit trap once the CLI is done.
set -m
bin/scf-fake -listen 127.0.0.1:0 -fixtures examples/demo/fixtures.json -exec \
	-secret-id "$secret_id" -secret-key "$secret_key" \
	>"$work/scf-fake.out" 2>"$fake_log" &
fake_pid=$!
set +m
endpoint=''
for _ in $(seq 100); do # 10 s
	if IFS= read -r line <"$work/scf-fake.out" && [[ $line == "scf-fake listening on http://"* ]]; then
		endpoint=${line#scf-fake listening on }
		break
	fi
	if ! kill -0 "$fake_pid" 2>/dev/null; then
		cat "$fake_log" >&2
		die "scf-fake exited before it was ready"
	fi
	sleep 0.1
done
[ -n "$endpoint" ] || die "scf-fake did not report its address within 10 s"
ok "scf-fake (pid $fake_pid) serves $endpoint; its log is $fake_log"

# dev_overrides makes the CLI use bin/terraform-provider-scf directly, so the
# demo never runs `terraform init` and needs no registry.
cat >"$work/cli.tfrc" <<EOF
provider_installation {
  dev_overrides {
    "$registry_host/scfprovider/scf" = "$root/bin"
  }
  direct {}
}
EOF
export TF_CLI_CONFIG_FILE="$work/cli.tfrc"
export TF_IN_AUTOMATION=1 TF_INPUT=0
export SCF_ENDPOINT="$endpoint"
export TENCENTCLOUD_SECRET_ID="$secret_id" TENCENTCLOUD_SECRET_KEY="$secret_key"
export TENCENTCLOUD_REGION=ap-guangzhou
unset TENCENTCLOUD_SECURITY_TOKEN

# Run from a copy so that no state or lock file lands in the repository.
cp -R examples/demo "$work/demo"
rm -rf "$work/demo/.terraform" "$work/demo"/terraform.tfstate* "$work/demo/.terraform.lock.hcl"
cd "$work/demo"
echo "running $(basename "$cli") in $work/demo with CLI config $TF_CLI_CONFIG_FILE"

tf_name=$(basename "$cli")

# cli_at_least CLI MAJOR MINOR: whether CLI is Terraform MAJOR.MINOR or later
# (OpenTofu has neither actions nor, in the versions the demo meets,
# ephemeral resources).
cli_at_least() {
	local v
	v=$("$1" version)
	v=${v%%$'\n'*}
	[[ $v =~ ^Terraform\ v([0-9]+)\.([0-9]+)\. ]] || return 1
	((BASH_REMATCH[1] > $2 || (BASH_REMATCH[1] == $2 && BASH_REMATCH[2] >= $3)))
}

# invoke_demo invokes hello the newest way the CLIs at hand allow: the
# scf_function_invoke action with `apply -invoke` on Terraform 1.14 or later
# (the demo's CLI, or the Terraform 1.14.9 the acceptance tests build into
# .cache), else the scf_function_invocation ephemeral resource on 1.10 or
# later. Both live in root modules of their own (invoke-action/,
# invoke-ephemeral/) so that older CLIs can parse the rest of the demo.
invoke_demo() {
	local action_cli='' cached="$root/.cache/cli/terraform-1.14.9/terraform" answer
	if [ "${DEMO_INVOKE_WITH:-}" = ephemeral ]; then
		: # the ephemeral resource even where the action would work
	elif cli_at_least "$cli" 1 14; then
		action_cli=$cli
	elif [ -x "$cached" ] && cli_at_least "$cached" 1 14; then
		action_cli=$cached
	fi
	if [ -n "$action_cli" ]; then
		echo "with the scf_function_invoke action: terraform apply -invoke=action.scf_function_invoke.hello ($action_cli)"
		echo
		(cd invoke-action && "$action_cli" apply ${color_flag[@]+"${color_flag[@]}"} -auto-approve -invoke=action.scf_function_invoke.hello) |
			tee "$work/invoke.txt"
		answer=$(sed "s/"$'\e'"\[[0-9;]*m//g" "$work/invoke.txt" | sed -n 's/.*Result: //p' | tail -n 1)
	elif cli_at_least "$cli" 1 10; then
		echo "with the scf_function_invocation ephemeral resource: $tf_name apply in invoke-ephemeral/"
		echo
		(cd invoke-ephemeral && tf apply -auto-approve)
		answer=$(cat invoke-ephemeral/answer.json)
	else
		echo "skipped: invoking from Terraform needs Terraform 1.10 or later (ephemeral resources) or 1.14 (actions);"
		echo "$version has neither. Run DEMO_CLI=/path/to/terraform-1.10-or-later make demo to see this step."
		return 0
	fi
	[ -n "$answer" ] || die "the invocation printed no result"
	ok "hello answered: $answer"
}
tf() { "$cli" "$1" ${color_flag[@]+"${color_flag[@]}"} "${@:2}"; }

heading "Step 1/6: $tf_name plan (what would be created)"
tf plan

heading "Step 2/6: $tf_name apply -auto-approve (create the namespace, the layer version and the functions in scf-fake)"
tf apply -auto-approve

heading "Step 3/6: $tf_name plan -detailed-exitcode (expect: no changes)"
rc=0
tf plan -detailed-exitcode || rc=$?
case $rc in
0) ok "no changes: the functions match the configuration" ;;
2) die "the plan after apply is not empty (exit code 2); the provider should report no changes" ;;
*) die "the plan after apply failed (exit code $rc)" ;;
esac

heading "Step 4/6: $tf_name plan -var-file=invalid.tfvars (expect: a validation error)"
echo "invalid.tfvars sets reporter_memory_size = 100; memory_size must be 64, or 128 to 3072 in steps of 128."
echo
rc=0
tf plan -var-file=invalid.tfvars 2>&1 | tee "$work/invalid-plan.txt" || rc=${PIPESTATUS[0]}
if [ "$rc" -eq 0 ]; then
	die "the plan with invalid.tfvars succeeded; the provider should have rejected memory_size = 100"
fi
plain=$(sed "s/"$'\e'"\[[0-9;]*m//g" "$work/invalid-plan.txt") # without colors
if [[ $plain != *memory_size* ]]; then
	die "the plan with invalid.tfvars failed (exit code $rc), but not with an error about memory_size"
fi
ok "rejected at plan time, as expected (exit code $rc); nothing was changed"

heading "Step 5/6: invoke the hello function (scf-fake runs its Python code)"
invoke_demo

heading "Step 6/6: $tf_name destroy -auto-approve (delete the functions, then their namespace and layer version)"
tf destroy -auto-approve

heading "Demo finished in $((SECONDS - started)) s"
ok "plan, apply, no-change plan, invalid-value plan, invocation and destroy all behaved as expected"
