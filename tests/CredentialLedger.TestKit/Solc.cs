using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CredentialLedger.Evm.Hex;

namespace CredentialLedger.TestKit;

/// <summary>A compiled contract: its ABI (JSON text) and creation bytecode.</summary>
/// <param name="Name">The contract name.</param>
/// <param name="AbiJson">The ABI as a JSON array.</param>
/// <param name="Bytecode">The creation (init) code.</param>
/// <param name="DeployedBytecode">The runtime code.</param>
public sealed record SolcContract(string Name, string AbiJson, byte[] Bytecode, byte[] DeployedBytecode);

/// <summary>
/// Compiles Solidity with the repository's pinned solcjs (node_modules/solc) in standard-JSON mode. Needs node on
/// PATH and the npm toolchain installed (./eng/bootstrap.sh, i.e. npm ci).
/// </summary>
public static class Solc
{
    /// <summary>The EVM version compiled for; anvil's default hardfork supports it.</summary>
    public const string EvmVersion = "cancun";

    /// <summary>The bounded time a compilation may take.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>The pinned solcjs entry point.</summary>
    /// <exception cref="FileNotFoundException">node_modules is missing.</exception>
    public static string SolcJsPath
    {
        get
        {
            var path = Path.Combine(RepoPaths.NodeModules, "solc", "solc.js");
            if (!File.Exists(path))
                throw new FileNotFoundException(
                    $"solcjs is not installed at {path}. Run ./eng/bootstrap.sh (npm ci) from the repository root.", path);
            return path;
        }
    }

    /// <summary>Compiles one source file and returns every contract in it.</summary>
    /// <exception cref="InvalidOperationException">The compiler reported errors or could not run.</exception>
    public static async Task<IReadOnlyDictionary<string, SolcContract>> CompileFileAsync(
        string solPath, CancellationToken cancellationToken = default)
    {
        var source = await File.ReadAllTextAsync(solPath, cancellationToken).ConfigureAwait(false);
        return await CompileSourceAsync(Path.GetFileName(solPath), source, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Compiles one source file and returns the named contract.</summary>
    public static async Task<SolcContract> CompileAsync(string solPath, string contractName, CancellationToken cancellationToken = default)
    {
        var all = await CompileFileAsync(solPath, cancellationToken).ConfigureAwait(false);
        return all.TryGetValue(contractName, out var contract)
            ? contract
            : throw new InvalidOperationException($"{solPath} has no contract {contractName}; it has {string.Join(", ", all.Keys)}.");
    }

    /// <summary>Compiles a single self-contained source (no imports) given as text.</summary>
    public static async Task<IReadOnlyDictionary<string, SolcContract>> CompileSourceAsync(
        string fileName, string source, CancellationToken cancellationToken = default)
    {
        var input = new JsonObject
        {
            ["language"] = "Solidity",
            ["sources"] = new JsonObject { [fileName] = new JsonObject { ["content"] = source } },
            ["settings"] = new JsonObject
            {
                ["optimizer"] = new JsonObject { ["enabled"] = true, ["runs"] = 200 },
                ["evmVersion"] = EvmVersion,
                ["outputSelection"] = new JsonObject
                {
                    ["*"] = new JsonObject { ["*"] = new JsonArray("abi", "evm.bytecode.object", "evm.deployedBytecode.object") },
                },
            },
        };
        var output = await RunSolcAsync(input.ToJsonString(), cancellationToken).ConfigureAwait(false);
        return Parse(fileName, output);
    }

    // solcjs's CLI ends with process.exit(), which cuts a piped stdout at 64 KiB, so the compiler's JS API is called
    // directly and the JSON travels through files.
    private const string CompileScript =
        "const fs = require('fs'); const solc = require(process.argv[1]);" +
        "fs.writeFileSync(process.argv[3], solc.compile(fs.readFileSync(process.argv[2], 'utf8')));";

    private static async Task<string> RunSolcAsync(string input, CancellationToken cancellationToken)
    {
        using var scratch = new TempDirectory("solc");
        var inputPath = Path.Combine(scratch.Path, "input.json");
        var outputPath = Path.Combine(scratch.Path, "output.json");
        await File.WriteAllTextAsync(inputPath, input, cancellationToken).ConfigureAwait(false);
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
        };
        start.ArgumentList.Add("-e");
        start.ArgumentList.Add(CompileScript);
        start.ArgumentList.Add(Path.GetDirectoryName(SolcJsPath)!);
        start.ArgumentList.Add(inputPath);
        start.ArgumentList.Add(outputPath);
        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("Could not start 'node'; solcjs needs Node.js on PATH.", ex);
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            await stdout.ConfigureAwait(false);
            var errors = await stderr.ConfigureAwait(false);
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"solcjs exited with {process.ExitCode}: {errors}");
            return StripBanner(await File.ReadAllTextAsync(outputPath, cancellationToken).ConfigureAwait(false));
        }
        finally
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
        }
    }

    // solcjs may print ">>>" lines (e.g. about the standard-JSON mode) before the JSON document.
    private static string StripBanner(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith(">>>", StringComparison.Ordinal))
                builder.Append(line).Append('\n');
        }
        return builder.ToString();
    }

    private static Dictionary<string, SolcContract> Parse(string fileName, string output)
    {
        using var document = JsonDocument.Parse(output);
        var root = document.RootElement;
        if (root.TryGetProperty("errors", out var errors))
        {
            var fatal = errors.EnumerateArray()
                .Where(e => e.GetProperty("severity").GetString() == "error")
                .Select(e => e.TryGetProperty("formattedMessage", out var m) ? m.GetString() : e.GetProperty("message").GetString())
                .ToList();
            if (fatal.Count > 0)
                throw new InvalidOperationException("solc failed:\n" + string.Join("\n", fatal));
        }
        var result = new Dictionary<string, SolcContract>(StringComparer.Ordinal);
        foreach (var contract in root.GetProperty("contracts").GetProperty(fileName).EnumerateObject())
        {
            var evm = contract.Value.GetProperty("evm");
            result[contract.Name] = new SolcContract(
                contract.Name,
                contract.Value.GetProperty("abi").GetRawText(),
                HexConverter.ToBytes("0x" + evm.GetProperty("bytecode").GetProperty("object").GetString()),
                HexConverter.ToBytes("0x" + evm.GetProperty("deployedBytecode").GetProperty("object").GetString()));
        }
        return result;
    }
}
