using System.Diagnostics;
using System.Globalization;
using CredentialLedger.Credentials.Jwt;
using CredentialLedger.Evm;
using CredentialLedger.Node.Keys;
using CredentialLedger.Node.Setup;
using CredentialLedger.TestKit;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Data.Sqlite;
using V1 = CredentialLedger.Sdk.Node.V1;

namespace CredentialLedger.Benchmarks.Issuance;

/// <summary>
/// End-to-end issuance load (sign, store, anchor) against a node process on anvil, the project's own load tool
/// (BenchmarkDotNet measures code, not a node under load):
/// <code>dotnet run -c Release --project tests/CredentialLedger.Benchmarks -- issuance [--count 10000] [--rate 2000] [--runs 3]</code>
/// Each run starts a fresh anvil and node, sends certificates open-loop at the target rate (IssueMany of 100 every
/// 50 ms at 2,000/s), waits until everything is anchored, and reads the node's database for per-certificate
/// anchoring latency (transaction confirmed − request accepted). The node's peak RSS comes from /proc. A baseline
/// measured in the same run (ES256 signing alone, one core) gives the ratio that survives a noisy machine.
/// </summary>
internal static class IssuanceLoad
{
    private const string Passphrase = "load test, not a secret";

    public static async Task<int> RunAsync(string[] args)
    {
        var count = Option(args, "--count", 10_000);
        var rate = Option(args, "--rate", 2_000);
        var runs = Option(args, "--runs", 3);
        Console.WriteLine($"Issuance load: {count:N0} certificates at {rate:N0}/s target, {runs} run(s), {Environment.ProcessorCount} cores, {Environment.OSVersion}");

        var results = new List<RunResult>();
        for (var run = 1; run <= runs; run++)
        {
            var result = await RunOnceAsync(count, rate);
            results.Add(result);
            Console.WriteLine($"run {run}: {result}");
        }

        var baseline = SigningBaseline(TimeSpan.FromSeconds(3));
        Console.WriteLine();
        Console.WriteLine("| metric (median of runs) | value | goal |");
        Console.WriteLine("|---|---|---|");
        Console.WriteLine($"| accepted rate (sign+store, open loop) | {Median(results, r => r.AcceptedPerSecond):N0}/s | ≥ 2,000/s |");
        Console.WriteLine($"| end-to-end rate (first accept → last anchor) | {Median(results, r => r.EndToEndPerSecond):N0}/s | ≥ 2,000/s |");
        Console.WriteLine($"| anchoring latency p50 | {Median(results, r => r.P50.TotalMilliseconds):N0} ms | |");
        Console.WriteLine($"| anchoring latency p99 | {Median(results, r => r.P99.TotalMilliseconds):N0} ms | ≤ 2,000 ms |");
        Console.WriteLine($"| node peak RSS | {Median(results, r => r.PeakRssMb):N0} MB | ≤ 300 MB |");
        Console.WriteLine($"| batches | {Median(results, r => r.Batches):N0} | |");
        Console.WriteLine($"| baseline: ES256 signing alone, one core | {baseline:N0}/s | |");
        Console.WriteLine($"| end-to-end / signing baseline | {Median(results, r => r.EndToEndPerSecond) / baseline:P1} | |");
        return 0;
    }

    private static async Task<RunResult> RunOnceAsync(int count, int rate)
    {
        var anvil = await AnvilFixture.StartAsync(new AnvilOptions());
        using var directory = new TempDirectory("load");
        try
        {
            var options = await NodeInitializer.InitializeDevAsync(new NodeInitialization
            {
                Member = "KR",
                DataDirectory = Path.Combine(directory.Path, "node"),
                RpcUrl = anvil.RpcUrl,
                ListenUrl = new Uri($"http://127.0.0.1:{FreePort.Get()}"),
                Passphrase = Passphrase,
                Kdf = KdfParameters.FastForTests,
                DevFunderKey = anvil.PrivateKeys[0],
            }, null, CancellationToken.None);
            options.Anchoring.MaxBatchDelay = TimeSpan.FromMilliseconds(250);
            options.Anchoring.ReceiptPollInterval = TimeSpan.FromMilliseconds(20);
            options.Save();

            using var node = StartNode(options.DataDirectory);
            using var channel = GrpcChannel.ForAddress(options.ListenUrl);
            var client = new V1.AeoCertificates.AeoCertificatesClient(channel);
            var auth = new Metadata { { "authorization", "Bearer " + File.ReadAllText(options.Resolve(options.OperatorTokenFile)).Trim() } };
            await WaitUntilUpAsync(client, auth, node);

            // Open loop: a request of (rate / 20) certificates every 50 ms, whatever the node's pace; at most 64 in flight.
            var perTick = Math.Max(1, rate / 20);
            var inFlight = new SemaphoreSlim(64);
            var tasks = new List<Task>();
            var peakRss = 0L;
            var clock = Stopwatch.StartNew();
            var sent = 0;
            for (var tick = 0; sent < count; tick++)
            {
                var due = TimeSpan.FromMilliseconds(50 * tick);
                if (clock.Elapsed < due)
                    await Task.Delay(due - clock.Elapsed);
                var request = new V1.IssueManyRequest();
                for (var i = 0; i < perTick && sent < count; i++, sent++)
                    request.Requests.Add(Request(sent));
                await inFlight.WaitAsync();
                tasks.Add(Task.Run(async () =>
                {
                    try
                    {
                        await client.IssueManyAsync(request, auth);
                    }
                    finally
                    {
                        inFlight.Release();
                    }
                }));
                peakRss = Math.Max(peakRss, RssKb(node.Id));
            }
            await Task.WhenAll(tasks);

            while (true)
            {
                peakRss = Math.Max(peakRss, RssKb(node.Id));
                var info = await client.GetNodeInfoAsync(new V1.NodeInfoRequest(), auth);
                var pending = await client.ListAsync(new V1.ListRequest { AnchorState = V1.AnchorState.Pending, PageSize = 1 }, auth);
                if (info.OutboxPending == 0 && pending.Certificates.Count == 0)
                    break;
                await Task.Delay(50);
            }
            peakRss = Math.Max(peakRss, PeakRssKb(node.Id));
            Stop(node);
            return Measure(options.Resolve(options.DatabaseFile), count, peakRss);
        }
        finally
        {
            anvil.Dispose();
        }
    }

    private static RunResult Measure(string databasePath, int count, long peakRssKb)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT c.accepted_at, t.confirmed_at FROM credentials c
              JOIN batches b ON b.id = c.batch_id JOIN chain_transactions t ON t.id = b.chain_tx_id AND t.state = 1
            """;
        var accepted = new List<long>();
        var latencies = new List<long>();
        long lastAnchor = 0;
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                accepted.Add(reader.GetInt64(0));
                latencies.Add(reader.GetInt64(1) - reader.GetInt64(0));
                lastAnchor = Math.Max(lastAnchor, reader.GetInt64(1));
            }
        }
        if (accepted.Count != count)
            throw new InvalidOperationException($"{accepted.Count} of {count} certificates anchored.");
        using var batches = connection.CreateCommand();
        batches.CommandText = "SELECT count(*) FROM batches";
        var batchCount = Convert.ToInt32(batches.ExecuteScalar(), CultureInfo.InvariantCulture);
        latencies.Sort();
        var first = accepted.Min();
        var last = accepted.Max();
        return new RunResult(
            count / Math.Max(0.001, (last - first) / 1000.0),
            count / Math.Max(0.001, (lastAnchor - first) / 1000.0),
            TimeSpan.FromMilliseconds(latencies[latencies.Count / 2]),
            TimeSpan.FromMilliseconds(latencies[(int)Math.Min(latencies.Count - 1, Math.Ceiling(latencies.Count * 0.99) - 1)]),
            peakRssKb / 1024.0,
            batchCount);
    }

    private static double SigningBaseline(TimeSpan duration)
    {
        using var key = VcJwtSigningKey.Generate();
        var issuer = new VcJwtIssuer(key);
        var certificate = new AeoCertificate
        {
            Id = AeoCertificate.NewId(),
            IssuerMember = "KR",
            ValidFrom = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
            ValidUntil = new DateTimeOffset(2029, 1, 1, 0, 0, 0, TimeSpan.Zero),
            ReEvaluationDue = new DateOnly(2027, 6, 30),
            Subject = new AeoSubject
            {
                AeoNumber = "KR-AEO-000001", LegalName = "Trader Co., Ltd.", Tin = "100000001", Country = "KR",
                Programmes = [AeoProgramme.AeoS], Roles = [AeoRole.Importer],
            },
            Status = new LedgerStatusReference(31337, Address.Parse("0x5FbDB2315678afecb367f032d93F642f64180aa3")),
        };
        var signed = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            issuer.Sign(certificate);
            signed++;
        }
        return signed / clock.Elapsed.TotalSeconds;
    }

    private static V1.IssueRequest Request(int n) => new()
    {
        Subject = new V1.AeoSubject
        {
            AeoNumber = $"KR-AEO-{n:D7}",
            LegalName = $"Trader {n} Co., Ltd.",
            Tin = $"{100_000_000 + n}",
            Country = "KR",
            ProgrammeTypes = { V1.ProgrammeType.AeoS },
            Roles = { V1.OperatorRole.Importer, V1.OperatorRole.Exporter },
        },
        ValidFrom = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)),
        ValidUntil = Timestamp.FromDateTimeOffset(new DateTimeOffset(2029, 1, 1, 0, 0, 0, TimeSpan.Zero)),
        ReEvaluationDue = Timestamp.FromDateTimeOffset(new DateTimeOffset(2027, 6, 30, 0, 0, 0, TimeSpan.Zero)),
    };

    private static Process StartNode(string dataDirectory)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "credledger.dll"), "node", "run", "--data", dataDirectory })
            start.ArgumentList.Add(a);
        start.Environment["CREDLEDGER_PASSPHRASE"] = Passphrase;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line && line.Contains("fail", StringComparison.OrdinalIgnoreCase)) Console.Error.WriteLine(line); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitUntilUpAsync(V1.AeoCertificates.AeoCertificatesClient client, Metadata auth, Process node)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (node.HasExited)
                throw new InvalidOperationException($"The node exited with {node.ExitCode}.");
            try
            {
                await client.GetNodeInfoAsync(new V1.NodeInfoRequest(), auth);
                return;
            }
            catch (RpcException) when (clock.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(100);
            }
        }
    }

    private static void Stop(Process node)
    {
        if (node.HasExited)
            return;
        using (var kill = Process.Start("kill", ["-TERM", node.Id.ToString(CultureInfo.InvariantCulture)]))
            kill?.WaitForExit(5_000);
        if (!node.WaitForExit(20_000))
            node.Kill(entireProcessTree: true);
    }

    private static long RssKb(int pid) => StatusKb(pid, "VmRSS:");

    private static long PeakRssKb(int pid) => StatusKb(pid, "VmHWM:");

    private static long StatusKb(int pid, string field)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static int Option(string[] args, string name, int fallback) => LoadToolSupport.Option(args, name, fallback);

    private static double Median(List<RunResult> results, Func<RunResult, double> metric) => LoadToolSupport.Median(results.Select(metric));

    private sealed record RunResult(double AcceptedPerSecond, double EndToEndPerSecond, TimeSpan P50, TimeSpan P99, double PeakRssMb, int Batches)
    {
        public override string ToString() =>
            $"accepted {AcceptedPerSecond:N0}/s, end-to-end {EndToEndPerSecond:N0}/s, latency p50 {P50.TotalMilliseconds:N0} ms p99 {P99.TotalMilliseconds:N0} ms, peak RSS {PeakRssMb:N0} MB, {Batches} batches";
    }
}
