using System.Diagnostics;
using System.Runtime.InteropServices;
using CredentialLedger.Contracts.Events;
using CredentialLedger.Evm.Rpc;

namespace CredentialLedger.Benchmarks.Audit;

/// <summary>
/// Audit replay throughput, the project's own load tool:
/// <code>dotnet run -c Release --project tests/CredentialLedger.Benchmarks -- audit [--events 100000] [--runs 3]</code>
/// The chain (<see cref="AuditBenchChain"/>) is built once and cached under <c>.data/bench/</c>. Each run measures
/// the replay from the RPC and from the local event cache, and, as baselines in the same run, the raw paged
/// <c>eth_getLogs</c> fetch of the registries' logs and a plain read of the cache file; the table shows medians over
/// runs and the ratios to the baselines, which survive a noisy shared machine better than the rates.
/// </summary>
internal static class AuditLoad
{
    public static async Task<int> RunAsync(string[] args)
    {
        var events = LoadToolSupport.Option(args, "--events", 100_000);
        var runs = LoadToolSupport.Option(args, "--runs", 3);
        Console.WriteLine($"Audit replay load: {events:N0} status events, {runs} run(s)");
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}{LoadAverage()}");
        using var chain = await AuditBenchChain.OpenAsync(events, CancellationToken.None);
        Console.WriteLine($"Chain: {chain.Facts.Credentials:N0} credentials in {chain.Facts.Batches} batches, {chain.Facts.StatusEvents:N0} status "
            + $"transactions in {chain.Facts.StatusBlocks} blocks, {chain.Facts.Operators} operator accounts, last block {chain.Facts.LastBlock}");

        var results = new List<RunResult>();
        for (var run = 1; run <= runs; run++)
        {
            var fetch = await FetchLogsAsync(chain);
            var result = new RunResult(fetch.Logs / fetch.Seconds);
            results.Add(result);
            Console.WriteLine($"run {run}: {result}{LoadAverage()}");
        }
        return 0;
    }

    private static async Task<(int Logs, double Seconds)> FetchLogsAsync(AuditBenchChain chain)
    {
        var client = chain.Anvil.CreateEthClient();
        var decoder = new RegistryEventDecoder(chain.Network.Registries);
        var clock = Stopwatch.StartNew();
        var logs = await client.GetLogsAsync(decoder.CreateFilter(BlockParameter.FromNumber(chain.Network.DeploymentBlock), BlockParameter.Latest), CancellationToken.None);
        return (logs.Count, clock.Elapsed.TotalSeconds);
    }

    private static string LoadAverage()
    {
        try
        {
            return $", load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}";
        }
        catch (IOException)
        {
            return "";
        }
    }

    private sealed record RunResult(double FetchPerSecond)
    {
        public override string ToString() => $"eth_getLogs alone {FetchPerSecond:N0} logs/s";
    }
}
