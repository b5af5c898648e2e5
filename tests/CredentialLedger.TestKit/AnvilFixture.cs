using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CredentialLedger.Evm;
using CredentialLedger.Evm.Abi;
using CredentialLedger.Evm.Crypto;
using CredentialLedger.Evm.Rpc;
using Xunit;

namespace CredentialLedger.TestKit;

/// <summary>Settings for <see cref="AnvilFixture"/>.</summary>
public sealed record AnvilOptions
{
    /// <summary>The chain id anvil reports. Default 31337.</summary>
    public ulong ChainId { get; init; } = 31337;

    /// <summary>A state file loaded at start and written at exit (anvil <c>--state</c>); null for a fresh chain.</summary>
    public string? StatePath { get; init; }

    /// <summary>Seconds between blocks (anvil <c>--block-time</c>); null for automine.</summary>
    public int? BlockTimeSeconds { get; init; }

    /// <summary>How long to wait for anvil to answer JSON-RPC. Default 30 seconds.</summary>
    public TimeSpan StartupTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The port to listen on; null lets anvil pick a free one (port 0), so no other process can take it first. Set it
    /// when anvil must come back on the same endpoint after a restart.
    /// </summary>
    public int? Port { get; init; }

    /// <summary>More command-line arguments.</summary>
    public IReadOnlyList<string> ExtraArguments { get; init; } = [];
}

/// <summary>
/// Runs a private anvil on 127.0.0.1 for a test class or collection (xunit <see cref="IAsyncLifetime"/>). The process
/// tree is killed on dispose, on <see cref="AppDomain.ProcessExit"/>, and — through a shell watchdog that polls the
/// test host's pid — even when the test host is killed outright.
/// </summary>
public partial class AnvilFixture : IAsyncLifetime, IDisposable
{
    private const int StartAttempts = 3;

    // Every live anvil of this test host, killed at process exit in case a fixture is never disposed.
    private static readonly ConcurrentDictionary<int, Process> Live = new();
    private static int _exitHookInstalled;

    private readonly AnvilOptions _options;
    private readonly StringBuilder _output = new();
    private readonly List<HttpClient> _httpClients = [];
    private TempDirectory? _directory;
    private Process? _process;
    private IReadOnlyList<string> _privateKeys = [];
    // Completed with the port from anvil's "Listening on 127.0.0.1:<port>" line: proof that this process, not another
    // one on a recycled port, answers there.
    private TaskCompletionSource<int> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A fixture with default settings (what xunit constructs).</summary>
    public AnvilFixture() : this(new AnvilOptions()) { }

    /// <summary>A fixture with custom settings: derive a fixture class, or use <see cref="StartAsync"/>.</summary>
    protected AnvilFixture(AnvilOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>Starts an anvil outside xunit's fixture lifecycle (the caller disposes it).</summary>
    public static async Task<AnvilFixture> StartAsync(AnvilOptions options)
    {
        var fixture = new AnvilFixture(options);
        try
        {
            await fixture.InitializeAsync().ConfigureAwait(false);
            return fixture;
        }
        catch
        {
            fixture.Dispose();
            throw;
        }
    }

    /// <summary>The JSON-RPC endpoint, e.g. http://127.0.0.1:41234/.</summary>
    public Uri RpcUrl { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The chain id.</summary>
    public ulong ChainId => _options.ChainId;

    /// <summary>The funded dev accounts' private keys as hex (from anvil's <c>--config-out</c>). Never log them.</summary>
    public IReadOnlyList<string> PrivateKeys => _privateKeys;

    /// <summary>The funded dev accounts.</summary>
    public IReadOnlyList<Address> Accounts { get; private set; } = [];

    /// <summary>The anvil process id, while it runs.</summary>
    public int? ProcessId => _process is { HasExited: false } p ? p.Id : null;

    /// <summary>Creates a new <see cref="PrivateKey"/> for dev account <paramref name="index"/> (the caller disposes it).</summary>
    public PrivateKey CreateKey(int index = 0) => PrivateKey.Parse(_privateKeys[index]);

    /// <summary>Creates an <see cref="EthClient"/> for this node; its HttpClient is disposed with the fixture.</summary>
    public EthClient CreateEthClient(JsonRpcClientOptions? rpcOptions = null, EthClientOptions? ethOptions = null,
        RevertDecoder? revertDecoder = null)
    {
        var http = new HttpClient { BaseAddress = RpcUrl, Timeout = Timeout.InfiniteTimeSpan };
        lock (_httpClients)
            _httpClients.Add(http);
        return new EthClient(new JsonRpcClient(http, rpcOptions), ethOptions, revertDecoder);
    }

    /// <summary>Starts anvil and waits until it answers <c>eth_chainId</c>.</summary>
    public async Task InitializeAsync()
    {
        InstallExitHook();
        _directory = new TempDirectory("anvil");
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await StartOnceAsync().ConfigureAwait(false);
                return;
            }
            catch (Exception ex)
            {
                // Never leave a half-started anvil behind, whether or not xunit disposes a fixture that failed to start.
                StopProcess();
                // Most likely a fixed port was still taken; try again.
                if (attempt < StartAttempts && ex is InvalidOperationException or TimeoutException)
                    continue;
                _directory?.Dispose();
                _directory = null;
                throw new InvalidOperationException($"anvil did not start after {attempt} attempt(s).", ex);
            }
        }
    }

    private async Task StartOnceAsync()
    {
        var port = _options.Port ?? 0;
        var configPath = _directory!.File($"anvil-{Guid.NewGuid():N}.json");
        _listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var anvil = RepoPaths.FoundryTool("anvil");
        var args = new List<string>
        {
            "--host", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture),
            "--chain-id", _options.ChainId.ToString(CultureInfo.InvariantCulture),
            "--config-out", configPath,
        };
        if (_options.StatePath is { } state)
            args.AddRange(["--state", state]);
        if (_options.BlockTimeSeconds is { } blockTime)
            args.AddRange(["--block-time", blockTime.ToString(CultureInfo.InvariantCulture)]);
        args.AddRange(_options.ExtraArguments);

        // The shell runs anvil in the background and watches the test host: if the host dies (even by SIGKILL, where
        // no .NET handler runs) the watchdog kills anvil. `exec` is not used so the watchdog survives.
        var start = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _directory.Path,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(
            "\"$@\" & child=$!; trap 'kill $child 2>/dev/null; wait $child; exit 0' TERM INT HUP; " +
            "while kill -0 \"$CL_HOST_PID\" 2>/dev/null && kill -0 $child 2>/dev/null; do sleep 1; done; " +
            "kill $child 2>/dev/null; wait $child");
        start.ArgumentList.Add("anvil-watchdog");
        start.ArgumentList.Add(anvil);
        foreach (var a in args)
            start.ArgumentList.Add(a);
        start.Environment["CL_HOST_PID"] = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        _process = process;
        Live[process.Id] = process;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        await WaitUntilReadyAsync(configPath).ConfigureAwait(false);
        ReadConfig(configPath);
    }

    private async Task WaitUntilReadyAsync(string configPath)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var stopwatch = Stopwatch.StartNew();
        var body = """{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}""";
        while (stopwatch.Elapsed < _options.StartupTimeout)
        {
            if (_process!.HasExited)
                throw new InvalidOperationException($"anvil exited with {_process.ExitCode}:\n{Output}");
            if (_listening.Task.IsCompleted && File.Exists(configPath))
            {
                RpcUrl = new Uri($"http://127.0.0.1:{_listening.Task.Result.ToString(CultureInfo.InvariantCulture)}/");
                try
                {
                    using var content = new StringContent(body, Encoding.UTF8, "application/json");
                    using var response = await http.PostAsync(RpcUrl, content).ConfigureAwait(false);
                    if (response.IsSuccessStatusCode)
                        return;
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    // Not listening yet.
                }
            }
            await Task.Delay(100).ConfigureAwait(false);
        }
        throw new TimeoutException($"anvil did not listen and answer within {_options.StartupTimeout}:\n{Output}");
    }

    private void ReadConfig(string configPath)
    {
        // The file can be seen before anvil finished writing it; re-read a few times.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var document = JsonDocument.Parse(File.ReadAllBytes(configPath));
                var root = document.RootElement;
                _privateKeys = [.. root.GetProperty("private_keys").EnumerateArray().Select(k => k.GetString()!)];
                Accounts = [.. root.GetProperty("available_accounts").EnumerateArray().Select(a => Address.Parse(a.GetString()!))];
                if (_privateKeys.Count == 0)
                    throw new InvalidOperationException("anvil's config lists no private keys.");
                return;
            }
            catch (JsonException) when (attempt < 20)
            {
                Thread.Sleep(50);
            }
        }
    }

    /// <summary>What anvil printed (stdout and stderr), for failure messages. Contains no private keys.</summary>
    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        if (ListeningLine().Match(line) is { Success: true } listening)
            _listening.TrySetResult(int.Parse(listening.Groups[1].ValueSpan, CultureInfo.InvariantCulture));
        // anvil prints the dev keys ("(0) 0x<64 hex>") and the mnemonic at start; keep them out of test output.
        if (DevKeyLine().IsMatch(line) || line.StartsWith("Mnemonic", StringComparison.OrdinalIgnoreCase))
            line = "<redacted>";
        lock (_output)
        {
            if (_output.Length < 64_000)
                _output.AppendLine(line);
        }
    }

    [GeneratedRegex(@"^Listening on 127\.0\.0\.1:(\d+)\s*$")]
    private static partial Regex ListeningLine();

    [GeneratedRegex(@"^\(\d+\)\s+0x[0-9a-fA-F]{64}\s*$")]
    private static partial Regex DevKeyLine();

    /// <summary>Kills anvil and deletes its temp directory.</summary>
    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Kills anvil and deletes its temp directory.</summary>
    public void Dispose()
    {
        StopProcess();
        lock (_httpClients)
        {
            foreach (var http in _httpClients)
                http.Dispose();
            _httpClients.Clear();
        }
        _directory?.Dispose();
        _directory = null;
        GC.SuppressFinalize(this);
    }

    private void StopProcess()
    {
        var process = _process;
        _process = null;
        if (process is null)
            return;
        if (_options.StatePath is not null)
            Terminate(process);
        Kill(process);
        Live.TryRemove(process.Id, out _);
        process.Dispose();
    }

    // SIGTERM lets anvil write its --state file; the watchdog shell forwards it and waits for anvil to exit.
    private static void Terminate(Process process)
    {
        try
        {
            if (process.HasExited)
                return;
            using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)])
            {
                UseShellExecute = false,
            });
            kill?.WaitForExit(5_000);
            process.WaitForExit(10_000);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Fall through to the hard kill.
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5_000);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
    }

    private static void InstallExitHook()
    {
        if (Interlocked.Exchange(ref _exitHookInstalled, 1) == 1)
            return;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var process in Live.Values)
                Kill(process);
        };
    }
}
