using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using CredentialLedger.Contracts.Events;
using CredentialLedger.Evm.Rpc;
using CredentialLedger.Sdk.Audit;
using CredentialLedger.TestKit;

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

        var client = chain.Anvil.CreateEthClient();
        using var directory = new TempDirectory("audit-bench");
        var cachePath = Path.Combine(directory.Path, "events.claudit");

        // Once, not timed: the cache is written by an RPC replay, and both replays must give the same report.
        var first = await new AuditReplayer(client, chain.Network.Registries, new AuditReplayOptions { FromBlock = chain.Network.DeploymentBlock, CachePath = cachePath })
            .ReplayAsync(null, CancellationToken.None);
        var fromCache = AuditReplayer.ReplayCache(cachePath, chain.Network.ChainId, chain.Network.Registries, null, CancellationToken.None);
        var report = first.ToReport();
        if (!AuditJsonWriter.ToBytes(report).AsSpan().SequenceEqual(AuditJsonWriter.ToBytes(fromCache.ToReport())))
            throw new InvalidOperationException("The replay from the cache does not give the report of the replay from the RPC.");
        if (report.Violations.Count != 0)
            throw new InvalidOperationException($"The benchmark chain breaks {report.Violations.Count} rule(s): {report.Violations[0].Rule} {report.Violations[0].Message}");
        var statusLogs = report.EventCounts.FirstOrDefault(c => c.Kind == "CredentialStatusChanged")?.Count ?? 0;
        var statusChanges = report.Credentials.Sum(c => (long)c.Changes.Count);
        Console.WriteLine($"Replayed {first.EventCount:N0} events ({statusLogs:N0} CredentialStatusChanged logs, {statusChanges:N0} status changes), "
            + $"{report.Violations.Count} violations; cache {new FileInfo(cachePath).Length / 1e6:N1} MB written by the first replay in {first.Elapsed.TotalSeconds:F2} s "
            + $"({first.EventsPerSecond:N0} events/s); the cache replay gives the same JSON report.");

        var results = new List<RunResult>();
        for (var run = 1; run <= runs; run++)
        {
            var fetch = await FetchLogsAsync(client, chain);
            var decode = Cpu(() => DecodeAll(fetch.Logs, chain));

            var anvilBefore = AnvilCpuSeconds(chain);
            var rpcCpu = CpuNow();
            // The default: senders from trace_block, which anvil offers.
            var rpc = await new AuditReplayer(client, chain.Network.Registries, new AuditReplayOptions { FromBlock = chain.Network.DeploymentBlock })
                .ReplayAsync(null, CancellationToken.None);
            var rpcClientCpu = (CpuNow() - rpcCpu).TotalSeconds;
            var rpcAnvilCpu = AnvilCpuSeconds(chain) - anvilBefore;
            // The fallback for nodes without trace_block: every block read with its full transactions.
            var full = await new AuditReplayer(client, chain.Network.Registries,
                new AuditReplayOptions { FromBlock = chain.Network.DeploymentBlock, SendersFromTraces = false }).ReplayAsync(null, CancellationToken.None);

            var read = ReadFile(cachePath);
            AuditResult? cache = null;
            var cacheCpu = Cpu(() => cache = AuditReplayer.ReplayCache(cachePath, chain.Network.ChainId, chain.Network.Registries, null, CancellationToken.None));
            if (rpc.EventCount != first.EventCount || full.EventCount != first.EventCount || cache!.EventCount != first.EventCount)
                throw new InvalidOperationException($"Replays saw {rpc.EventCount} and {cache!.EventCount} events, not {first.EventCount}.");
            var n = (double)first.EventCount;
            var result = new RunResult(
                rpc.EventsPerSecond, n / rpcClientCpu, n / rpcAnvilCpu, full.EventsPerSecond, fetch.Logs.Count / fetch.Seconds, fetch.Logs.Count / decode,
                cache.EventsPerSecond, n / cacheCpu, n / read);
            results.Add(result);
            Console.WriteLine($"run {run}: {result}{LoadAverage()}");
        }

        Console.WriteLine();
        Console.WriteLine("Rates by wall clock are the goals; \"per CPU-second\" divides by the CPU time the process got (what an idle core would do; "
            + "other processes' load does not lower it).");
        Console.WriteLine("| metric (median of runs) | value | goal |");
        Console.WriteLine("|---|---|---|");
        Console.WriteLine($"| replay from the RPC (AuditReplayer.ReplayAsync) | {Median(results, r => r.RpcPerSecond):N0} events/s | ≥ 20,000 events/s |");
        Console.WriteLine($"| RPC replay: events per CPU-second of the replayer | {Median(results, r => r.RpcPerClientCpuSecond):N0} | |");
        Console.WriteLine($"| RPC replay: events per CPU-second of anvil | {Median(results, r => r.RpcPerAnvilCpuSecond):N0} | |");
        Console.WriteLine($"| RPC replay with senders from full transactions (nodes without trace_block) | {Median(results, r => r.FullTransactionsPerSecond):N0} events/s | |");
        Console.WriteLine($"| baseline: eth_getLogs of the same logs alone | {Median(results, r => r.FetchPerSecond):N0} logs/s | |");
        Console.WriteLine($"| RPC replay / eth_getLogs baseline | {Median(results, r => r.RpcPerSecond / r.FetchPerSecond):P0} | |");
        Console.WriteLine($"| replay from the event cache (AuditReplayer.ReplayCache) | {Median(results, r => r.CachePerSecond):N0} events/s | ≥ 200,000 events/s |");
        Console.WriteLine($"| cache replay: events per CPU-second | {Median(results, r => r.CachePerCpuSecond):N0} | |");
        Console.WriteLine($"| baseline: plain read of the cache file | {Median(results, r => r.ReadPerSecond):N0} events/s | |");
        Console.WriteLine($"| baseline: ABI decoding of the logs alone (RegistryEventDecoder), per CPU-second | {Median(results, r => r.DecodePerCpuSecond):N0} logs/s | |");
        Console.WriteLine($"| cache replay / file read baseline | {Median(results, r => r.CachePerSecond / r.ReadPerSecond):P1} | |");
        Console.WriteLine($"| cache replay / decoding baseline (CPU) | {Median(results, r => r.CachePerCpuSecond / r.DecodePerCpuSecond):P0} | |");
        Console.WriteLine($"| cache replay / RPC replay | {Median(results, r => r.CachePerSecond / r.RpcPerSecond):N1}× | |");
        return 0;
    }

    private static int DecodeAll(IReadOnlyList<Log> logs, AuditBenchChain chain)
    {
        var decoder = new RegistryEventDecoder(chain.Network.Registries);
        var decoded = 0;
        foreach (var log in logs)
        {
            if (decoder.TryDecode(log, out _))
                decoded++;
        }
        return decoded == logs.Count ? decoded : throw new InvalidOperationException($"{logs.Count - decoded} logs did not decode.");
    }

    private static TimeSpan CpuNow() => Process.GetCurrentProcess().TotalProcessorTime;

    private static double Cpu(Action action)
    {
        var before = CpuNow();
        action();
        return Math.Max(1e-6, (CpuNow() - before).TotalSeconds);
    }

    // anvil runs under the fixture's watchdog shell: its CPU time is the shell's child's (utime + stime, in clock ticks of 1/100 s).
    private static double AnvilCpuSeconds(AuditBenchChain chain)
    {
        if (chain.Anvil.ProcessId is not { } shell)
            return double.NaN;
        try
        {
            var child = File.ReadAllText($"/proc/{shell}/task/{shell}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
            var stat = File.ReadAllText($"/proc/{child}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
        }
        catch (Exception e) when (e is IOException or IndexOutOfRangeException or FormatException)
        {
            return double.NaN;
        }
    }

    private static async Task<(IReadOnlyList<Log> Logs, double Seconds)> FetchLogsAsync(EthClient client, AuditBenchChain chain)
    {
        var decoder = new RegistryEventDecoder(chain.Network.Registries);
        var clock = Stopwatch.StartNew();
        var logs = await client.GetLogsAsync(decoder.CreateFilter(BlockParameter.FromNumber(chain.Network.DeploymentBlock), BlockParameter.Latest), 20_000,
            CancellationToken.None);
        return (logs, clock.Elapsed.TotalSeconds);
    }

    // Seconds to read the whole file from the page cache into memory: the floor of any replay of it.
    private static double ReadFile(string path)
    {
        var clock = Stopwatch.StartNew();
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var buffer = new byte[1 << 16];
        while (stream.Read(buffer) > 0)
        {
        }
        return clock.Elapsed.TotalSeconds;
    }

    private static double Median(List<RunResult> results, Func<RunResult, double> metric) => LoadToolSupport.Median(results.Select(metric));

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

    private sealed record RunResult(
        double RpcPerSecond, double RpcPerClientCpuSecond, double RpcPerAnvilCpuSecond, double FullTransactionsPerSecond, double FetchPerSecond, double DecodePerCpuSecond,
        double CachePerSecond, double CachePerCpuSecond, double ReadPerSecond)
    {
        public override string ToString() =>
            $"RPC replay {RpcPerSecond:N0} events/s ({RpcPerClientCpuSecond:N0}/client CPU-s, {RpcPerAnvilCpuSecond:N0}/anvil CPU-s; with full transactions {FullTransactionsPerSecond:N0} events/s; eth_getLogs alone {FetchPerSecond:N0} logs/s), "
            + $"cache replay {CachePerSecond:N0} events/s ({CachePerCpuSecond:N0}/CPU-s; file read {ReadPerSecond:N0} events/s; decoding alone {DecodePerCpuSecond:N0} logs/CPU-s)";
    }
}
