#!/usr/bin/env bash
# Runs every Go fuzz target of the module for the given time each
# (default 3s). New failing inputs land in the package's testdata/fuzz and
# fail the run; commit them so they stay regression tests.
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime=${1:-3s}
targets=$(grep -rlE '^func Fuzz[A-Za-z0-9_]+\(' --include='*_test.go' internal | sort)
count=0
for file in $targets; do
	dir=./$(dirname "$file")
	for name in $(grep -oE '^func Fuzz[A-Za-z0-9_]+' "$file" | sed 's/^func //'); do
		echo "fuzz: $name in $dir for $fuzztime"
		for try in 1 2; do
			if go test -run '^$' -fuzz "^${name}\$" -fuzztime "$fuzztime" -fuzzminimizetime 2s "$dir" >/tmp/fuzz-$$.log 2>&1; then
				break
			fi
			# Go's fuzzing engine can report its own deadline as a failure when
			# -fuzztime ends while it is still minimising a new interesting (not
			# failing) input, which happens on a loaded machine. That finds
			# nothing and writes no input, so it earns one more run; a real
			# failure always writes its input to testdata/fuzz.
			if [ "$try" = 1 ] && grep -q 'context deadline exceeded' /tmp/fuzz-$$.log &&
				! grep -q 'Failing input written to' /tmp/fuzz-$$.log; then
				echo "fuzz: $name: the engine's deadline ended a run with no failing input; running it again"
				continue
			fi
			cat /tmp/fuzz-$$.log; rm -f /tmp/fuzz-$$.log; exit 1
		done
		grep -E '^fuzz: elapsed' /tmp/fuzz-$$.log | tail -n1 || true
		count=$((count + 1))
	done
done
rm -f /tmp/fuzz-$$.log
echo "fuzz: $count targets, $fuzztime each, no failures"
