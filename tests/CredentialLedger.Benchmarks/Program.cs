using BenchmarkDotNet.Running;

// Runs the benchmarks chosen on the command line (BenchmarkDotNet switcher), e.g.
//   dotnet run -c Release --project tests/CredentialLedger.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, new CredentialLedger.Benchmarks.BenchmarkConfig());
