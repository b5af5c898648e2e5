#!/usr/bin/env bash
# Starts the dev chain: anvil (Foundry 1.7.1, pinned in package.json) on 127.0.0.1 only.
# Deterministic accounts (anvil's default mnemonic), chain id 31337, one block per transaction (automine),
# state dumped to .data/dev-chain/state.json on exit and loaded on the next start.
# Options: --port N (default 8545), --fresh (discard the saved state).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
anvil="$root/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil"
[ -x "$anvil" ] || { echo "anvil is not installed; run ./eng/bootstrap.sh" >&2; exit 1; }

port=8545
fresh=false
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port="$2"; shift 2 ;;
    --fresh) fresh=true; shift ;;
    *) echo "unknown option: $1 (expected --port N or --fresh)" >&2; exit 2 ;;
  esac
done

data="$root/.data/dev-chain"
mkdir -p "$data"
$fresh && rm -f "$data/state.json"

echo "Dev chain: JSON-RPC at http://127.0.0.1:${port}  chain id 31337  state ${data}/state.json"
echo "These are anvil's public test accounts: never use their keys on a real network."
exec "$anvil" --host 127.0.0.1 --port "$port" --chain-id 31337 --accounts 10 \
  --state "$data/state.json" --config-out "$data/accounts.json"
