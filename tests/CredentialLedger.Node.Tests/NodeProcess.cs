using System.Diagnostics;
using System.Globalization;
using System.Text;
using Grpc.Core;
using Grpc.Net.Client;
using V1 = CredentialLedger.Sdk.Node.V1;

namespace CredentialLedger.Node.Tests;

/// <summary>
/// A member node running as its own process (<c>credledger node run</c>, from the test's output folder), so a test
/// can kill it with SIGKILL at any moment and start it again on the same data directory.
/// </summary>
internal sealed class NodeProcess : IDisposable
{
    private readonly StringBuilder _output = new();
    private Process? _process;

    public NodeProcess(string dataDirectory, string passphrase, Uri endpoint)
    {
        DataDirectory = dataDirectory;
        Passphrase = passphrase;
        Endpoint = endpoint;
    }

    public string DataDirectory { get; }

    public string Passphrase { get; }

    public Uri Endpoint { get; }

    public int? ProcessId => _process is { HasExited: false } p ? p.Id : null;

    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    /// <summary>Starts the node and waits until its gRPC API answers.</summary>
    public async Task StartAsync(TimeSpan timeout)
    {
        if (_process is { HasExited: false })
            throw new InvalidOperationException("The node is already running.");
        var cli = Path.Combine(AppContext.BaseDirectory, "credledger.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { cli, "node", "run", "--data", DataDirectory })
            start.ArgumentList.Add(a);
        start.Environment["CREDLEDGER_PASSPHRASE"] = Passphrase;
        start.Environment["DOTNET_gcServer"] = "0";
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        using var channel = GrpcChannel.ForAddress(Endpoint);
        var client = new V1.AeoCertificates.AeoCertificatesClient(channel);
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"The node exited with {process.ExitCode}:\n{Output}");
            try
            {
                await client.GetNodeInfoAsync(new V1.NodeInfoRequest(), Headers(), deadline: TimeProvider.System.GetUtcNow().UtcDateTime.AddSeconds(2));
                return;
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Internal)
            {
                if (stopwatch.Elapsed > timeout)
                    throw new TimeoutException($"The node did not answer within {timeout}:\n{Output}");
                await Task.Delay(100);
            }
        }
    }

    public Metadata Headers() => new() { { "authorization", "Bearer " + File.ReadAllText(Path.Combine(DataDirectory, "operator.token")).Trim() } };

    /// <summary>SIGKILL: no handler runs, nothing is flushed.</summary>
    public void Kill()
    {
        var process = _process;
        if (process is null)
            return;
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
        process.Dispose();
        _process = null;
    }

    /// <summary>SIGTERM and wait: the node finishes what it was writing.</summary>
    public void Stop()
    {
        var process = _process;
        if (process is null)
            return;
        if (!process.HasExited)
        {
            using var term = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]);
            term?.WaitForExit(5_000);
            if (!process.WaitForExit(20_000))
                process.Kill(entireProcessTree: true);
        }
        process.Dispose();
        _process = null;
    }

    public void Dispose() => Kill();

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
        {
            if (_output.Length < 200_000)
                _output.AppendLine(line);
        }
    }
}
