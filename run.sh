#!/usr/bin/env bash
# The main job on the embedded default chain: a member node (KR) on a dev chain.
#   1. installs what is missing (eng/bootstrap.sh) and builds the credledger CLI;
#   2. starts the dev chain (anvil on 127.0.0.1, state kept in .data/dev-chain) in the background;
#   3. on the first run, `credledger init --dev`: keystore, operator token, registries deployed with KR as founding
#      member, signing key registered (all in .data/node);
#   4. runs the node in the foreground and prints its gRPC endpoint. Ctrl+C stops the node and the chain.
# Usage: ./run.sh [--fresh] [--port N]     (--fresh discards the chain state and the node's data)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
root="$PWD"

fresh=false
port=8545
while [ $# -gt 0 ]; do
  case "$1" in
    --fresh) fresh=true; shift ;;
    --port) port="$2"; shift 2 ;;
    *) echo "unknown option: $1 (expected --fresh or --port N)" >&2; exit 2 ;;
  esac
done

./eng/bootstrap.sh
echo "Building the node..."
# Quiet, but a failed build shows its errors (they go to stdout).
if ! build_log=$(dotnet build node/CredentialLedger.Cli -c Release --nologo -v q -clp:ErrorsOnly 2>&1); then
  echo "$build_log" >&2
  echo "error: the credledger build failed (above)" >&2
  exit 1
fi
credledger=(dotnet "$root/artifacts/bin/CredentialLedger.Cli/release/credledger.dll")

data="$root/.data/node"
if $fresh; then
  rm -rf "$data" "$root/.data/dev-chain"
fi
if [ -z "${CREDLEDGER_PASSPHRASE:-}${CREDLEDGER_PASSPHRASE_FILE:-}" ]; then
  export CREDLEDGER_PASSPHRASE="dev-only passphrase: never use on a real network"
  echo "warning: CREDLEDGER_PASSPHRASE is not set; using the dev-only passphrase for the dev keystore."
fi

mkdir -p "$root/.data"
./network/dev/anvil.sh --port "$port" >"$root/.data/dev-chain.log" 2>&1 &
chain=$!
node_pid=""
stop_all() {
  # The node first (it finishes its writes), then the chain (anvil saves its state on SIGTERM).
  [ -n "$node_pid" ] && kill -TERM "$node_pid" 2>/dev/null && wait "$node_pid" 2>/dev/null
  kill -TERM "$chain" 2>/dev/null && wait "$chain" 2>/dev/null
  return 0
}
trap stop_all EXIT
trap 'exit 130' INT TERM

rpc="http://127.0.0.1:$port"
rpc_call() { curl -sf -m 2 -H 'content-type: application/json' -d "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"$1\",\"params\":$2}" "$rpc"; }
for _ in $(seq 1 100); do
  rpc_call eth_chainId '[]' >/dev/null 2>&1 && break
  kill -0 "$chain" 2>/dev/null || { echo "the dev chain did not start:" >&2; cat "$root/.data/dev-chain.log" >&2; exit 1; }
  sleep 0.1
done
echo "Dev chain: $rpc (chain id 31337, state in .data/dev-chain)"

if [ ! -f "$data/node.json" ]; then
  "${credledger[@]}" init --dev --member KR --data "$data" --rpc "$rpc"
else
  [ -f "$data/network.json" ] || { echo "error: $data has node.json but no network.json; run ./run.sh --fresh" >&2; exit 1; }
  members=$(sed -n 's/.*"memberRegistry": "\(0x[0-9a-fA-F]*\)".*/\1/p' "$data/network.json")
  code=$(rpc_call eth_getCode "[\"$members\",\"latest\"]" || true)
  if [ -z "$code" ] || echo "$code" | grep -q '"result":"0x"'; then
    echo "error: the dev chain has no registries at $members (its state was discarded?); run ./run.sh --fresh" >&2
    exit 1
  fi
fi

cat <<HINT

Try, in another terminal (CREDLEDGER_DATA=.data/node):
  dotnet artifacts/bin/CredentialLedger.Cli/release/credledger.dll issue --data .data/node \\
    --aeo-number KR-AEO-000001 --legal-name "Hanbit Trading Co., Ltd." --tin 1208147521 --country KR \\
    --programme AEO-S --role importer --role exporter \\
    --valid-from 2026-01-01 --valid-until 2029-01-01 --re-evaluation-due 2027-06-30
  dotnet artifacts/bin/CredentialLedger.Cli/release/credledger.dll list --data .data/node

HINT
"${credledger[@]}" node run --data "$data" &
node_pid=$!
wait "$node_pid"
