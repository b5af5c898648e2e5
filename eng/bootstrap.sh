#!/usr/bin/env bash
# Installs what a fresh machine lacks to build, run and test CredentialLedger: the pinned npm toolchain
# (solc, anvil, forge, cast) and the NuGet packages. Idempotent: when nothing changed it finishes in seconds.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

say() { printf '\033[1m[bootstrap]\033[0m %s\n' "$*" >&2; }
die() { printf '[bootstrap] error: %s\n' "$*" >&2; exit 1; }

command -v dotnet >/dev/null || die "the .NET SDK 10 is required (https://dot.net); 'dotnet' is not on PATH."

if ! command -v npm >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing Node.js and npm from Debian packages"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
  else
    die "Node.js and npm are required for the pinned Solidity and Foundry toolchain; install them and retry."
  fi
fi

# xmlsec1 (libxmlsec1's command line) is the independent XMLDSig verifier the certificate-of-origin interop tests
# run against: they fail, rather than skip, without it.
if ! command -v xmlsec1 >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing xmlsec1 from Debian packages"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq xmlsec1 >/dev/null 2>&1 \
      || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq xmlsec1 >/dev/null; }
  else
    say "warning: xmlsec1 is missing (Debian package xmlsec1); the XML signature interop tests will fail without it"
  fi
fi

# npm ci only when the lock file changed since the last install (or node_modules is missing).
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
stamp=node_modules/.credledger-lock-sha256
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_hash" ]; then
  say "npm ci (solc, anvil, forge, cast pinned in package-lock.json)"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_hash" > "$stamp"
fi
for tool in anvil forge cast; do
  bin="node_modules/@foundry-rs/${tool}-linux-amd64/bin/${tool}"
  [ -x "$bin" ] || chmod +x "$bin" 2>/dev/null || die "$bin is missing after npm ci"
done

say "dotnet restore"
dotnet restore CredentialLedger.sln --verbosity quiet
