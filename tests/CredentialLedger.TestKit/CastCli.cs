using System.Diagnostics;

namespace CredentialLedger.TestKit;

/// <summary>
/// Runs Foundry's <c>cast</c> (pinned npm package) as an independent reference implementation.
/// Only offline subcommands are used; nothing here talks to a network.
/// </summary>
public static class CastCli
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>Runs cast with the given arguments and returns its trimmed standard output.</summary>
    /// <exception cref="InvalidOperationException">cast failed; the message carries its standard error.</exception>
    public static async Task<string> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(RepoPaths.FoundryTool("cast"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        // No RPC endpoint is ever configured, so a subcommand that wanted one fails instead of reaching out.
        start.Environment["ETH_RPC_URL"] = "http://127.0.0.1:9";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("cast did not start.");
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
            throw new InvalidOperationException($"cast {string.Join(' ', arguments)} did not finish within {Timeout.TotalSeconds} s.");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"cast {string.Join(' ', arguments)} exited {process.ExitCode}: {(await stderr).Trim()}");
        return (await stdout).Trim();
    }
}
