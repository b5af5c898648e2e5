#!/usr/bin/env bash
# Runs every test: installs what is missing, builds in Release, runs all test projects of the solution
# (unit, vector, cast cross-check and live-anvil tests), and prints one summary line.
# Extra arguments go to 'dotnet test', e.g. ./test.sh --filter "FullyQualifiedName~Rlp".
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
./eng/bootstrap.sh

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test CredentialLedger.sln -c Release --nologo "$@" 2>&1 | tee "$log" || status=$?

# One closing line that any CI can read, summed over the test assemblies.
awk '/^(Passed|Failed)!/ {
       for (i = 1; i <= NF; i++) {
         if ($i == "Failed:")  { gsub(",", "", $(i+1)); f += $(i+1) }
         if ($i == "Passed:")  { gsub(",", "", $(i+1)); p += $(i+1) }
         if ($i == "Skipped:") { gsub(",", "", $(i+1)); s += $(i+1) }
       }
       n++
     }
     END { if (n == 0) { print "tests: no test assembly reported results"; exit 1 }
           printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log" || status=1
exit "$status"
