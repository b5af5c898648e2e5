using System.Diagnostics;
using System.Globalization;
using System.Text;
using CredentialLedger.TestKit;

namespace CredentialLedger.Node.Tests.Cli;

/// <summary><c>credledger node run</c> as its own process: what it prints, and a clean stop on SIGTERM.</summary>
public sealed class CliNodeRunTests(AnvilFixture anvil) : IClassFixture<AnvilFixture>, IDisposable
{
    private const string Passphrase = "cli node run passphrase, not a secret";
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(90);
    private readonly TempDirectory _directory = new("cli-run");

    private async Task<(string Data, Uri Endpoint)> InitAsync(CancellationToken ct)
    {
        var data = _directory.File("node");
        var endpoint = new Uri($"http://127.0.0.1:{FreePort.Get()}");
        var init = await Credledger.RunAsync(Credledger.Environment(("CREDLEDGER_PASSPHRASE", Passphrase)), ct,
            "init", "--dev", "--member", "KR", "--data", data, "--rpc", anvil.RpcUrl.ToString(), "--listen", endpoint.ToString());
        Assert.True(init.ExitCode == 0, init.ToString());
        return (data, endpoint);
    }

    [Fact]
    public async Task Node_run_prints_its_endpoint_and_token_file_and_stops_cleanly_with_exit_code_0_on_SIGTERM()
    {
        if (OperatingSystem.IsWindows())
            return;
        using var cts = new CancellationTokenSource(TestTimeout);
        var (data, endpoint) = await InitAsync(cts.Token);
        var output = new StringBuilder();
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "credledger.dll"), "node", "run", "--data", data })
            start.ArgumentList.Add(a);
        start.Environment["CREDLEDGER_PASSPHRASE"] = Passphrase;
        using var process = new Process { StartInfo = start };
        void Append(string? line)
        {
            if (line is null)
                return;
            lock (output)
                output.AppendLine(line);
            if (line.Contains("listening on", StringComparison.Ordinal))
                listening.TrySetResult();
        }
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await listening.Task.WaitAsync(cts.Token);

            using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
                await term.WaitForExitAsync(cts.Token);
            await process.WaitForExitAsync(cts.Token);

            string text;
            lock (output)
                text = output.ToString();
            Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}:\n{text}");
            Assert.Contains($"Node KR listening on {endpoint}", text, StringComparison.Ordinal);
            Assert.Contains(Path.Combine(data, "operator.token"), text, StringComparison.Ordinal);
            Assert.DoesNotContain(File.ReadAllText(Path.Combine(data, "operator.token")).Trim(), text, StringComparison.Ordinal);
        }
        finally
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public async Task Node_run_with_a_wrong_passphrase_fails_in_one_line()
    {
        using var cts = new CancellationTokenSource(TestTimeout);
        var (data, _) = await InitAsync(cts.Token);

        var result = await Credledger.RunAsync(Credledger.Environment(("CREDLEDGER_PASSPHRASE", "not the passphrase")), cts.Token,
            "node", "run", "--data", data);

        Assert.True(result.ExitCode == 1, result.ToString());
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("not the passphrase", line, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Dispose();
}
