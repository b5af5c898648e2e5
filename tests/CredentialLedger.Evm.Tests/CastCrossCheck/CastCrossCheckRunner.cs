using CredentialLedger.TestKit;

namespace CredentialLedger.Evm.Tests.CastCrossCheck;

/// <summary>Runs many cast invocations with bounded parallelism and collects every mismatch, not just the first.</summary>
internal static class CastCrossCheckRunner
{
    public const int Parallelism = 4;

    public static async Task<IReadOnlyList<string>> CompareAllAsync<TCase>(
        IReadOnlyList<TCase> cases,
        Func<TCase, IReadOnlyList<string>> castArguments,
        Func<TCase, string, string?> compare)
    {
        var failures = new List<string>();
        using var gate = new SemaphoreSlim(Parallelism);
        var tasks = cases.Select(async (c, index) =>
        {
            await gate.WaitAsync();
            try
            {
                var args = castArguments(c);
                var expected = await CastCli.RunAsync([.. args]);
                var problem = compare(c, expected);
                if (problem is not null)
                {
                    lock (failures)
                        failures.Add($"case {index} (cast {string.Join(' ', args)}): {problem}");
                }
            }
            finally
            {
                gate.Release();
            }
        });
        await Task.WhenAll(tasks);
        return failures;
    }
}
