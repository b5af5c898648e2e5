#!/usr/bin/env bash
# Runs every test: installs what is missing, runs the contracts' forge tests (unit, fuzz, invariant) with the gas
# snapshot check, builds in Release, runs all test projects of the solution (unit, vector, cast cross-check and
# live-anvil tests), and prints one summary line.
# Extra arguments go to 'dotnet test', e.g. ./test.sh --filter "FullyQualifiedName~Rlp".
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
./eng/bootstrap.sh

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0

# Contracts: every forge test, and .gas-snapshot plus contracts/snapshots/*.json must match (regenerate both with
# `forge snapshot` in contracts/ after a deliberate gas change).
forge="$PWD/node_modules/@foundry-rs/forge-linux-amd64/bin/forge"
(cd contracts && FORGE_SNAPSHOT_CHECK=true "$forge" snapshot --check) 2>&1 | tee -a "$log" || status=$?

dotnet_status=0
dotnet test CredentialLedger.sln -c Release --nologo "$@" 2>&1 | tee -a "$log" || dotnet_status=$?
if [ "$dotnet_status" -ne 0 ]; then
  status=$dotnet_status
  # A project that does not build reports no tests at all; say so rather than let the sums look complete.
  grep -q ": error " "$log" && echo "tests: the build failed (errors above); some test assemblies did not run"
fi

# One closing line that any CI can read, summed over the test assemblies.
awk '/^Ran [0-9]+ test suites? in / {
       # forge: "Ran 5 test suites in 1.2s (...): 40 tests passed, 0 failed, 0 skipped (40 total tests)"
       sub(/.*: /, ""); p += $1; f += $4; s += $6; n++; next
     }
     /^(Passed|Failed)!/ {
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
