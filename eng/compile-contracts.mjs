#!/usr/bin/env node
// Compiles contracts/src/**/*.sol with the pinned solcjs (node_modules/solc) and writes ONE JSON artifact:
//
//   { "compiler": "0.8.30+commit...", "settings": {...},
//     "contracts": { "<Name>": { "source": "src/X.sol", "abi": [...], "bytecode": "0x...",
//                                "deployedBytecode": "0x...", "immutableReferences": {...} } } }
//
// Usage: node eng/compile-contracts.mjs <artifact.json>
//
// The settings are those of contracts/foundry.toml, so the bytecode equals forge's. Source unit names are relative to
// contracts/ ("src/MemberRegistry.sol"), as forge names them. The artifact is written with fs.writeFileSync: solcjs
// output printed through a pipe is cut at 64 KiB when the process exits. Compiler errors are printed in MSBuild's
// canonical format (file(line,col): error CODE: message), followed by solc's own formatted message, and the exit code
// is 1.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const contractsRoot = path.join(repoRoot, 'contracts');
const sourceRoot = path.join(contractsRoot, 'src');

const outputPath = process.argv[2];
if (!outputPath) {
  console.error('usage: node eng/compile-contracts.mjs <artifact.json>');
  process.exit(2);
}

let solc;
try {
  solc = require(path.join(repoRoot, 'node_modules', 'solc'));
} catch (e) {
  console.error(`error: solcjs is not installed under ${path.join(repoRoot, 'node_modules', 'solc')}; run ./eng/bootstrap.sh (${e.message})`);
  process.exit(1);
}

// Keep in step with contracts/foundry.toml (optimizer, optimizer_runs, evm_version, bytecode_hash, cbor_metadata).
const settings = {
  optimizer: { enabled: true, runs: 10000 },
  evmVersion: 'cancun',
  metadata: { bytecodeHash: 'none', appendCBOR: false },
  outputSelection: {
    '*': {
      '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object', 'evm.deployedBytecode.immutableReferences'],
    },
  },
};

function listSources(dir) {
  const found = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...listSources(full));
    else if (entry.isFile() && entry.name.endsWith('.sol')) found.push(full);
  }
  return found;
}

// Every file under src/ is passed in; the callback only serves imports of files outside that list, and only from
// inside contracts/ (no remappings or libraries are used).
function findImports(unitName) {
  const full = path.resolve(contractsRoot, unitName);
  if (!full.startsWith(contractsRoot + path.sep)) return { error: `import outside contracts/: ${unitName}` };
  try {
    return { contents: fs.readFileSync(full, 'utf8') };
  } catch {
    return { error: `file not found: ${unitName}` };
  }
}

const toUnitName = (file) => path.relative(contractsRoot, file).split(path.sep).join('/');

const sources = {};
for (const file of listSources(sourceRoot).sort()) {
  sources[toUnitName(file)] = { content: fs.readFileSync(file, 'utf8') };
}
if (Object.keys(sources).length === 0) {
  console.error(`error: no .sol files under ${sourceRoot}`);
  process.exit(1);
}

const input = { language: 'Solidity', sources, settings };
const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports }));

// file(line,col): error CODE: message, with paths relative to the repository root, so MSBuild and IDEs link them.
function canonical(diagnostic) {
  const severity = diagnostic.severity === 'error' ? 'error' : 'warning';
  const code = `SOLC${diagnostic.errorCode ?? ''}`;
  const message = `${diagnostic.type}: ${diagnostic.message}`.replace(/\r?\n/g, ' ');
  const location = diagnostic.sourceLocation;
  if (!location?.file) return `contracts: ${severity} ${code}: ${message}`;
  let line = 1;
  let column = 1;
  const content = sources[location.file]?.content ?? findImports(location.file).contents ?? '';
  const text = Buffer.from(content, 'utf8').subarray(0, Math.max(location.start ?? 0, 0)).toString('utf8');
  for (const ch of text) {
    if (ch === '\n') {
      line++;
      column = 1;
    } else {
      column++;
    }
  }
  const file = path.relative(repoRoot, path.join(contractsRoot, location.file));
  return `${file}(${line},${column}): ${severity} ${code}: ${message}`;
}

const diagnostics = output.errors ?? [];
const errors = diagnostics.filter((d) => d.severity === 'error');
for (const d of diagnostics.filter((d) => d.severity === 'warning')) {
  console.error(canonical(d));
}
if (errors.length > 0) {
  for (const d of errors) {
    console.error(canonical(d));
    console.error(d.formattedMessage ?? d.message);
  }
  console.error(`error: solc ${solc.version()} reported ${errors.length} error(s); no artifact written.`);
  process.exit(1);
}

const contracts = {};
for (const [unitName, byName] of Object.entries(output.contracts ?? {})) {
  for (const [name, compiled] of Object.entries(byName)) {
    if (contracts[name]) {
      console.error(`error: contract name ${name} is declared in both ${contracts[name].source} and ${unitName}`);
      process.exit(1);
    }
    contracts[name] = {
      source: unitName,
      abi: compiled.abi,
      bytecode: '0x' + compiled.evm.bytecode.object,
      deployedBytecode: '0x' + compiled.evm.deployedBytecode.object,
      immutableReferences: compiled.evm.deployedBytecode.immutableReferences ?? {},
    };
  }
}

const artifact = {
  compiler: solc.version(),
  settings: { optimizer: settings.optimizer, evmVersion: settings.evmVersion, metadata: settings.metadata },
  contracts: Object.fromEntries(Object.keys(contracts).sort().map((name) => [name, contracts[name]])),
};
fs.mkdirSync(path.dirname(path.resolve(outputPath)), { recursive: true });
fs.writeFileSync(outputPath, JSON.stringify(artifact, null, 1) + '\n');
console.log(`compile-contracts: ${Object.keys(contracts).length} contracts from ${Object.keys(sources).length} sources -> ${outputPath}`);
