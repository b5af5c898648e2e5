#!/usr/bin/env bash
# The main job on the embedded default chain. Until the member node lands (it replaces this), this starts the
# dev chain: anvil on 127.0.0.1 with deterministic accounts, state kept in .data/dev-chain between runs.
# Usage: ./run.sh [--port N] [--fresh]     Stop with Ctrl+C.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
./eng/bootstrap.sh
exec ./network/dev/anvil.sh "$@"
