using System.Diagnostics;

namespace CredentialLedger.Credentials.Tests.Origin;

/// <summary>
/// Runs xmlsec1 (libxmlsec1 with OpenSSL: the independent XMLDSig implementation the e-CoO must interoperate with).
/// Missing xmlsec1 fails the test: eng/bootstrap.sh installs it.
/// </summary>
internal static class Xmlsec1
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static string Locate()
    {
        var candidates = new[] { "/usr/bin/xmlsec1" }.Concat(
            (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Select(directory => Path.Combine(directory, "xmlsec1")));
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new Xunit.Sdk.XunitException(
                "xmlsec1 is not installed, and the e-CoO interoperability tests need it: run eng/bootstrap.sh (or apt-get install xmlsec1).");
    }

    /// <summary>Runs xmlsec1; returns its exit code and everything it wrote (it reports on standard error).</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(Locate())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("xmlsec1 did not start.");
        using var cts = new CancellationTokenSource(Timeout);
        var stdout = process.StandardOutput.ReadToEndAsync(cts.Token);
        var stderr = process.StandardError.ReadToEndAsync(cts.Token);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException($"xmlsec1 {string.Join(' ', arguments)} did not finish within {Timeout.TotalSeconds} s.");
        }
        return (process.ExitCode, (await stdout) + (await stderr));
    }
}
