using BenchmarkDotNet.Running;

// Runs the benchmarks chosen on the command line (BenchmarkDotNet switcher), e.g.
//   dotnet run -c Release --project tests/CredentialLedger.Benchmarks -- --filter '*'
// or the end-to-end issuance load against a node on anvil:
//   dotnet run -c Release --project tests/CredentialLedger.Benchmarks -- issuance [--count 10000] [--rate 2000] [--runs 3]
// or verification throughput from the local read model against the bare ES256 rate:
//   dotnet run -c Release --project tests/CredentialLedger.Benchmarks -- verification [--count 200000] [--runs 5] [--threads 2]
// or audit replay throughput from anvil's RPC and from the local event cache (the chain is cached under .data/bench/):
//   dotnet run -c Release --project tests/CredentialLedger.Benchmarks -- audit [--events 100000] [--runs 3]
if (args.Length > 0 && args[0] == "issuance")
    return await CredentialLedger.Benchmarks.Issuance.IssuanceLoad.RunAsync(args[1..]);
if (args.Length > 0 && args[0] == "verification")
    return CredentialLedger.Benchmarks.Verification.VerificationLoad.Run(args[1..]);
if (args.Length > 0 && args[0] == "audit")
    return await CredentialLedger.Benchmarks.Audit.AuditLoad.RunAsync(args[1..]);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, new CredentialLedger.Benchmarks.BenchmarkConfig());
return 0;
