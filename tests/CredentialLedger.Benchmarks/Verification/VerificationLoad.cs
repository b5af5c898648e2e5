using System.Diagnostics;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using CredentialLedger.Credentials.Jwt;
using CredentialLedger.Sdk.Verification;
using Microsoft.IdentityModel.JsonWebTokens;

namespace CredentialLedger.Benchmarks.Verification;

/// <summary>
/// Verification throughput from the local read model, the project's own load tool (closed loop, one worker thread
/// per core by default):
/// <code>dotnet run -c Release --project tests/CredentialLedger.Benchmarks -- verification [--count 200000] [--runs 5] [--threads 2] [--seconds 15] [--slices 5]</code>
/// and where the time of one verification goes (CPU time per step on one thread): <c>-- verification --breakdown [--runs 5]</c>
/// Setup (not timed) builds a <c>LedgerHistory</c> from events with real ES256-signed KZ certificates in anchored
/// batches, an AEO-S MRA KZ–UZ in force and a few suspended credentials (<see cref="VerificationFixture"/>). Each
/// run then measures, on the same threads, the full <see cref="AeoVerifier.Verify"/> for verifier UZ at a fixed
/// time and, as the ceiling, the bare ES256 verification (<c>ECDsa.VerifyData</c>, P1363) of the same signatures;
/// two more phases separate the JWT library (<c>JsonWebTokenHandler.ValidateTokenAsync</c>) and the whole JWT layer
/// (<see cref="VcJwtVerifier.Verify"/>) from the ledger steps. Every result is checked against its expected outcome,
/// so a fast failure cannot pass for a fast verification. Each phase is bounded in count and in time. The machines
/// are shared and noisy: the phases take turns in short slices within a run, the table shows medians over runs and
/// ratios against the baseline of the same run, and each rate is given by wall clock (the goal) and by the CPU time
/// the process got (what idle cores would do; other processes' load does not lower it).
/// </summary>
internal static class VerificationLoad
{
    private const double GoalPerSecond = 20_000;
    private const double GoalRatio = 0.5;
    private const double GoalP99Microseconds = 1_000;

    public static int Run(string[] args)
    {
        if (args.Contains("--breakdown"))
            return Breakdown(Option(args, "--runs", 5));
        var count = Option(args, "--count", 200_000);
        var runs = Option(args, "--runs", 5);
        var threads = Option(args, "--threads", Environment.ProcessorCount);
        var credentials = Option(args, "--credentials", 10_000);
        var batchSize = Option(args, "--batch-size", 1_000);
        var seconds = Option(args, "--seconds", 15);
        var slices = Math.Max(1, Option(args, "--slices", 5));
        var gc = GCSettings.IsServerGC ? "server" : "workstation";
        Console.WriteLine($"Verification load: {count:N0} verifications per phase and run, {runs} run(s), {threads} thread(s), "
            + $"at most {seconds} s per phase and run, in {slices} interleaved slices");
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription} ({RuntimeInformation.OSArchitecture}), "
            + $".NET {Environment.Version}, {gc} GC{(GCSettings.LatencyMode == GCLatencyMode.Interactive ? " (concurrent)" : "")}{LoadAverage()}");

        var setup = Stopwatch.StartNew();
        using var fixture = VerificationFixture.Create(credentials, batchSize, suspended: 10);
        Console.WriteLine($"Setup: {fixture.Credentials.Length:N0} KZ certificates signed in {fixture.Batches} batches, "
            + $"{fixture.Suspended} suspended, {fixture.History.EventCount} events, in {setup.Elapsed.TotalSeconds:F1} s");

        var phases = Phases(fixture);
        // Warm-up (tiered JIT, PGO, key caches), not recorded.
        foreach (var phase in phases)
            Measure(phase, fixture, threads, Math.Min(count, 20_000), TimeSpan.FromSeconds(3));

        var results = new List<RunResult>();
        for (var run = 1; run <= runs; run++)
        {
            // The phases take turns in short slices, in alternating order, so that the noise of a shared machine
            // falls on all of them alike rather than on whichever ran during a burst.
            var samples = phases.ToDictionary(p => p.Name, _ => new List<Sample>());
            for (var slice = 0; slice < slices; slice++)
            {
                var order = (run + slice) % 2 == 1 ? phases : [.. phases.AsEnumerable().Reverse()];
                foreach (var phase in order)
                    samples[phase.Name].Add(Measure(phase, fixture, threads, Math.Max(threads, count / slices), TimeSpan.FromSeconds((double)seconds / slices)));
            }
            var result = new RunResult(
                PhaseResult.Of(Full, samples[Full], threads), PhaseResult.Of(Es256, samples[Es256], threads),
                PhaseResult.Of(Handler, samples[Handler], threads), PhaseResult.Of(JwtLayer, samples[JwtLayer], threads),
                PhaseResult.Of(Repeat, samples[Repeat], threads));
            results.Add(result);
            Console.WriteLine($"run {run}: {result}");
        }

        Console.WriteLine($"Done{LoadAverage()}");
        Console.WriteLine();
        Console.WriteLine($"| metric (median of {runs} runs, {threads} threads) | value | goal | |");
        Console.WriteLine("|---|---|---|---|");
        var full = Median(results, r => r.Full.PerSecond);
        var ratio = Median(results, r => r.Ratio);
        var p99 = Median(results, r => r.Full.P99Microseconds);
        Console.WriteLine($"| full verification (AeoVerifier.Verify, every signature checked), wall clock | {full:N0}/s | ≥ {GoalPerSecond:N0}/s | {Mark(full >= GoalPerSecond)} |");
        Console.WriteLine($"| baseline: bare ES256 (ECDsa.VerifyData), wall clock | {Median(results, r => r.Es256.PerSecond):N0}/s | | |");
        Console.WriteLine($"| full / bare ES256, wall clock (median of per-run ratios) | {ratio:P1} | ≥ {GoalRatio:P0} | {Mark(ratio >= GoalRatio)} |");
        Console.WriteLine($"| full verification per CPU-second × {Math.Min(threads, Environment.ProcessorCount)} (rate on idle cores) | {Median(results, r => r.Full.PerCpuSecond):N0}/s | ≥ {GoalPerSecond:N0}/s | {Mark(Median(results, r => r.Full.PerCpuSecond) >= GoalPerSecond)} |");
        Console.WriteLine($"| bare ES256 per CPU-second × {Math.Min(threads, Environment.ProcessorCount)} (rate on idle cores) | {Median(results, r => r.Es256.PerCpuSecond):N0}/s | | |");
        Console.WriteLine($"| full / bare ES256, CPU time (median of per-run ratios) | {Median(results, r => r.CpuRatio):P1} | ≥ {GoalRatio:P0} | {Mark(Median(results, r => r.CpuRatio) >= GoalRatio)} |");
        Console.WriteLine($"| full verification latency p50 | {Median(results, r => r.Full.P50Microseconds):N1} µs | | |");
        Console.WriteLine($"| full verification latency p99 | {p99:N1} µs | ≤ {GoalP99Microseconds:N0} µs | {Mark(p99 <= GoalP99Microseconds)} |");
        Console.WriteLine($"| bare ES256 latency p50 / p99 | {Median(results, r => r.Es256.P50Microseconds):N1} / {Median(results, r => r.Es256.P99Microseconds):N1} µs | | |");
        Console.WriteLine($"| full verification allocated | {Median(results, r => r.Full.BytesPerOp):N0} B/op | | |");
        Console.WriteLine($"| repeat verification (signature cache; ledger, proof, status, MRA checked), wall clock | {Median(results, r => r.Repeat.PerSecond):N0}/s; p50 {Median(results, r => r.Repeat.P50Microseconds):N1} µs, p99 {Median(results, r => r.Repeat.P99Microseconds):N1} µs | | |");
        Console.WriteLine($"| JsonWebTokenHandler.ValidateTokenAsync | {Median(results, r => r.Handler.PerSecond):N0}/s; {Median(results, r => r.Handler.PerSecond / r.Es256.PerSecond):P1} of ES256 (CPU time: {Median(results, r => r.Handler.PerCpuSecond / r.Es256.PerCpuSecond):P1}); {Median(results, r => r.Handler.BytesPerOp):N0} B/op | | |");
        Console.WriteLine($"| VcJwtVerifier.Verify (JWT layer, no ledger) | {Median(results, r => r.JwtLayer.PerSecond):N0}/s; {Median(results, r => r.JwtLayer.PerSecond / r.Es256.PerSecond):P1} of ES256 (CPU time: {Median(results, r => r.JwtLayer.PerCpuSecond / r.Es256.PerCpuSecond):P1}); {Median(results, r => r.JwtLayer.BytesPerOp):N0} B/op | | |");
        return full >= GoalPerSecond && ratio >= GoalRatio && p99 <= GoalP99Microseconds ? 0 : 1;
    }

    /// <summary>
    /// Where the time of one verification goes: each step of <see cref="VerificationStepBenchmarks"/> on one thread,
    /// timed by the CPU time the process got (robust on a loaded machine, unlike wall clock), median of rounds,
    /// against the bare ES256 verification of the same round.
    /// </summary>
    private static int Breakdown(int rounds)
    {
        Console.WriteLine($"Verification breakdown: one thread, CPU time per operation, median of {rounds} rounds{LoadAverage()}");
        var b = new VerificationStepBenchmarks();
        b.Setup();
        Console.WriteLine($"JWS of {b.JwsLength} characters, Merkle proofs of depth {b.ProofDepth}");
        try
        {
            (string Name, Action Step)[] steps =
            [
                ("bare ES256: ECDsa.VerifyData (baseline)", () => b.Es256()),
                ("full: AeoVerifier.Verify", () => b.Full()),
                ("JWT layer: VcJwtVerifier.Verify", () => b.JwtLayer()),
                ("library: JsonWebTokenHandler.ValidateTokenAsync", () => b.Handler()),
                ("library: new JsonWebToken (parse only)", () => b.HandlerParse()),
                ("header: split, base64, JsonDocument, kid", () => b.Header()),
                ("payload: base64, VcJwt.FromJson, Validate", () => b.Payload()),
                ("merkle: ASCII check, LINQ Any (as AeoVerifier)", () => b.AsciiLinq()),
                ("merkle: ASCII check, Ascii.IsValid (suggested)", () => b.AsciiVector()),
                ("merkle: DocumentHash, leaf, proof (depth 10)", () => b.Merkle()),
                ("merkle: DocumentHash only (keccak of the JWS)", () => b.DocumentHash()),
                ("merkle: leaf and proof only (12 keccaks of 64-96 bytes)", () => b.LeafAndProof()),
                ("ledger: key, batch, status, members, MRAs", () => b.Ledger()),
            ];
            var perOp = steps.ToDictionary(s => s.Name, _ => new List<double>());
            var ratios = steps.ToDictionary(s => s.Name, _ => new List<double>());
            for (var round = 0; round <= rounds; round++)
            {
                var measured = steps.Select(s => (s.Name, Nanoseconds: CpuNanosecondsPerOp(s.Step, TimeSpan.FromMilliseconds(400)))).ToList();
                if (round == 0)
                    continue; // warm-up
                foreach (var (name, ns) in measured)
                {
                    perOp[name].Add(ns);
                    ratios[name].Add(ns / measured[0].Nanoseconds);
                }
            }
            Console.WriteLine();
            Console.WriteLine("| step (one thread) | CPU µs/op (median) | × bare ES256 (median of per-round ratios) |");
            Console.WriteLine("|---|---|---|");
            foreach (var (name, _) in steps)
                Console.WriteLine($"| {name} | {MedianOf(perOp[name]) / 1000:N2} | {MedianOf(ratios[name]):N3} |");
            return 0;
        }
        finally
        {
            b.Cleanup();
        }
    }

    private static double CpuNanosecondsPerOp(Action step, TimeSpan duration)
    {
        // Calibrate on the wall clock, then time a fixed count by CPU time.
        var n = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration / 4)
        {
            step();
            n++;
        }
        n *= 4;
        GC.Collect();
        var cpu = Environment.CpuUsage.TotalTime;
        for (var i = 0; i < n; i++)
            step();
        return (Environment.CpuUsage.TotalTime - cpu).TotalNanoseconds / n;
    }

    private static double MedianOf(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private const string Full = "full";
    private const string Es256 = "es256";
    private const string Handler = "handler";
    private const string JwtLayer = "jwt";
    private const string Repeat = "repeat";

    /// <summary>A phase makes one worker per thread: credential index → whether the outcome was the expected one.</summary>
    private sealed record Phase(string Name, Func<Func<int, bool>> NewWorker);

    private static Phase[] Phases(VerificationFixture fixture)
    {
        var at = VerificationFixture.At;
        var uz = VerificationFixture.Uz;
        var verifier = fixture.Verifier;
        var credentials = fixture.Credentials;

        // The JWT library over one shared key, as VcJwtVerifier used it before it checked ES256 itself.
        var handler = new JsonWebTokenHandler();
        var parameters = fixture.HandlerParameters();
        var publicKey = fixture.Key.PublicKey;
        var jwt = new VcJwtVerifier(kid => kid == fixture.Key.KeyId ? publicKey : null);

        return
        [
            new(Full, () => i => fixture.IsExpected(i, verifier.Verify(credentials[i], uz, at))),
            new(Repeat, () => i => fixture.IsExpected(i, fixture.CachingVerifier.Verify(credentials[i], uz, at))),
            new(Es256, () =>
            {
                // One key object per thread: the ceiling, with no sharing at all.
                var ecdsa = fixture.PublicEcdsa();
                return i => ecdsa.VerifyData(fixture.SigningInputs[i], fixture.Signatures[i], HashAlgorithmName.SHA256,
                    DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
            }),
            new(Handler, () => i => handler.ValidateTokenAsync(credentials[i].Jws, parameters).GetAwaiter().GetResult().IsValid),
            new(JwtLayer, () => i => jwt.Verify(credentials[i].Jws) is { IsValid: true, Certificate: not null }),
        ];
    }

    private static Sample Measure(Phase phase, VerificationFixture fixture, int threads, int count, TimeSpan limit)
    {
        var perThread = Math.Max(1, count / threads);
        var n = fixture.Credentials.Length;
        var latencies = new long[threads][];
        var done = new int[threads];
        var wrong = new int[threads];
        var workers = Enumerable.Range(0, threads).Select(_ => phase.NewWorker()).ToArray();
        using var ready = new CountdownEvent(threads);
        using var go = new ManualResetEventSlim();
        var clock = new Stopwatch();
        long deadline = 0;

        var pool = new Thread[threads];
        for (var t = 0; t < threads; t++)
        {
            var id = t;
            latencies[id] = new long[perThread];
            pool[t] = new Thread(() =>
            {
                var work = workers[id];
                var samples = latencies[id];
                var bad = 0;
                var k = 0;
                // Threads stride over the credentials from different starting points: each verifies distinct ones.
                var index = id * (n / threads);
                ready.Signal();
                go.Wait();
                for (; k < perThread; k++)
                {
                    var start = Stopwatch.GetTimestamp();
                    var ok = work(index);
                    var end = Stopwatch.GetTimestamp();
                    samples[k] = end - start;
                    if (!ok)
                        bad++;
                    if (++index == n)
                        index = 0;
                    if ((k & 255) == 0 && end > Volatile.Read(ref deadline))
                    {
                        k++;
                        break;
                    }
                }
                done[id] = k;
                wrong[id] = bad;
            })
            { IsBackground = true, Name = $"{phase.Name}-{id}" };
            pool[t].Start();
        }

        ready.Wait();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var gen0 = GC.CollectionCount(0);
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var cpu = Environment.CpuUsage.TotalTime;
        Volatile.Write(ref deadline, Stopwatch.GetTimestamp() + (long)(limit.TotalSeconds * Stopwatch.Frequency));
        clock.Start();
        go.Set();
        foreach (var thread in pool)
            thread.Join();
        clock.Stop();
        var cpuTime = Environment.CpuUsage.TotalTime - cpu;

        var total = done.Sum();
        var bytes = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        // The full phase checks each outcome (recognized, or Suspended alone for the suspended ones); the others check
        // a valid signature, which the suspended credentials have too (a suspension is ledger state).
        var failures = wrong.Sum();
        if (failures > 0)
            throw new InvalidOperationException($"{phase.Name}: {failures} of {total} verifications did not give the expected outcome.");
        var all = new long[total];
        var offset = 0;
        for (var t = 0; t < threads; t++)
        {
            Array.Copy(latencies[t], 0, all, offset, done[t]);
            offset += done[t];
        }
        return new Sample(total, clock.Elapsed.TotalSeconds, cpuTime.TotalSeconds, all, bytes, GC.CollectionCount(0) - gen0);
    }

    private static long Percentile(long[] sorted, double p) => sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(sorted.Length * p) - 1)];

    private static double Microseconds(long ticks) => ticks * 1_000_000.0 / Stopwatch.Frequency;

    /// <summary>The machine's load average (Linux), to tell a noisy run from a slow one.</summary>
    private static string LoadAverage()
    {
        try
        {
            return File.Exists("/proc/loadavg") ? $", load average {string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3])}" : "";
        }
        catch (IOException)
        {
            return "";
        }
    }

    private static string Mark(bool met) => met ? "met" : "**missed**";

    private static int Option(string[] args, string name, int fallback) => LoadToolSupport.Option(args, name, fallback);

    private static double Median(List<RunResult> results, Func<RunResult, double> metric) => LoadToolSupport.Median(results.Select(metric));

    /// <summary>One slice of a phase: what was done, in how long, with how much CPU, and each latency (Stopwatch ticks).</summary>
    private sealed record Sample(int Count, double Seconds, double CpuSeconds, long[] Latencies, long Bytes, int Gen0);

    private sealed record PhaseResult(
        string Phase, int Count, double PerSecond, double PerCpuSecond, double P50Microseconds, double P99Microseconds,
        double MaxMicroseconds, double BytesPerOp, int Gen0)
    {
        /// <summary>
        /// The slices of one run, together. <see cref="PerCpuSecond"/> is what the process did per second of CPU it
        /// got (GC and JIT threads included), times the cores the workers can use: the rate on idle cores, which time
        /// stolen by other processes on a shared machine does not lower.
        /// </summary>
        public static PhaseResult Of(string phase, List<Sample> samples, int threads)
        {
            var count = samples.Sum(s => s.Count);
            var all = samples.SelectMany(s => s.Latencies).ToArray();
            Array.Sort(all);
            return new PhaseResult(phase, count, count / samples.Sum(s => s.Seconds),
                count / samples.Sum(s => s.CpuSeconds) * Math.Min(threads, Environment.ProcessorCount),
                Microseconds(Percentile(all, 0.50)), Microseconds(Percentile(all, 0.99)), Microseconds(all[^1]),
                (double)samples.Sum(s => s.Bytes) / count, samples.Sum(s => s.Gen0));
        }

        public override string ToString() =>
            $"{Phase} {PerSecond:N0}/s ({PerCpuSecond:N0}/s by CPU time; p50 {P50Microseconds:N0} µs, p99 {P99Microseconds:N0} µs, max {MaxMicroseconds:N0} µs; {BytesPerOp:N0} B/op, gen0 {Gen0}; n {Count:N0})";
    }

    private sealed record RunResult(PhaseResult Full, PhaseResult Es256, PhaseResult Handler, PhaseResult JwtLayer, PhaseResult Repeat)
    {
        public double Ratio => Full.PerSecond / Es256.PerSecond;

        public double CpuRatio => Full.PerCpuSecond / Es256.PerCpuSecond;

        public override string ToString() => $"ratio {Ratio:P1} (by CPU time {CpuRatio:P1}); {Full}; {Es256}; {Handler}; {JwtLayer}; {Repeat}";
    }
}
