using System.Text;
using System.Text.Json;
using CredentialLedger.Evm.Abi;
using CredentialLedger.Evm.Hex;

namespace CredentialLedger.Contracts.Artifacts;

/// <summary>
/// The registries as compiled at build time by <c>eng/compile-contracts.mjs</c> with the pinned solc and the settings
/// of <c>contracts/foundry.toml</c> (optimizer 10000 runs, cancun, no metadata hash, no CBOR), so the bytecode equals
/// forge's. The artifact is embedded in this assembly and parsed once, on first use.
/// </summary>
public static class ContractArtifacts
{
    internal const string ResourceName = "CredentialLedger.Contracts.contracts.json";

    private static readonly Lazy<Loaded> Artifact = new(Load);

    /// <summary>The compiler that produced the artifact, e.g. <c>0.8.30+commit.73712a01.Emscripten.clang</c>.</summary>
    public static string CompilerVersion => Artifact.Value.CompilerVersion;

    /// <summary>Every compiled contract, interface and library, by name.</summary>
    public static IReadOnlyDictionary<string, ContractArtifact> All => Artifact.Value.Contracts;

    /// <summary>The <c>MemberRegistry</c> contract.</summary>
    public static ContractArtifact MemberRegistry => Get("MemberRegistry");

    /// <summary>The <c>CredentialRegistry</c> contract.</summary>
    public static ContractArtifact CredentialRegistry => Get("CredentialRegistry");

    /// <summary>The <c>MraRegistry</c> contract.</summary>
    public static ContractArtifact MraRegistry => Get("MraRegistry");

    /// <summary>The <c>OriginRegistry</c> contract.</summary>
    public static ContractArtifact OriginRegistry => Get("OriginRegistry");

    /// <summary>A compiled contract by name.</summary>
    /// <exception cref="KeyNotFoundException">No contract of that name was compiled.</exception>
    public static ContractArtifact Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return All.TryGetValue(name, out var artifact)
            ? artifact
            : throw new KeyNotFoundException($"The embedded artifact has no contract '{name}'; it has {string.Join(", ", All.Keys)}.");
    }

    private sealed record Loaded(string CompilerVersion, IReadOnlyDictionary<string, ContractArtifact> Contracts);

    private static Loaded Load()
    {
        using var stream = typeof(ContractArtifacts).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException(
                $"The assembly has no embedded resource {ResourceName}; it is produced when CredentialLedger.Contracts is built.");
        using var document = JsonDocument.Parse(stream);
        var root = document.RootElement;
        var contracts = new Dictionary<string, ContractArtifact>(StringComparer.Ordinal);
        foreach (var contract in root.GetProperty("contracts").EnumerateObject())
            contracts[contract.Name] = Parse(contract.Name, contract.Value);
        return new Loaded(root.GetProperty("compiler").GetString()!, contracts);
    }

    private static ContractArtifact Parse(string name, JsonElement json)
    {
        var abi = json.GetProperty("abi");
        var functions = new List<AbiFunction>();
        var events = new List<EventSignature>();
        var errors = new List<ErrorSignature>();
        foreach (var entry in abi.EnumerateArray())
        {
            switch (entry.GetProperty("type").GetString())
            {
                case "function":
                    functions.Add(new AbiFunction(
                        FunctionSignature.Parse(Signature(entry, "inputs") + " returns " + Parameters(entry, "outputs", indexed: false)),
                        entry.GetProperty("stateMutability").GetString()!));
                    break;
                case "event":
                    events.Add(EventSignature.Parse(Signature(entry, "inputs", indexed: true)));
                    break;
                case "error":
                    errors.Add(ErrorSignature.Parse(Signature(entry, "inputs")));
                    break;
                default:
                    // constructor, fallback, receive: not called by name.
                    break;
            }
        }
        var immutables = new List<ImmutableReference>();
        if (json.TryGetProperty("immutableReferences", out var references))
        {
            foreach (var reference in references.EnumerateObject())
            {
                foreach (var span in reference.Value.EnumerateArray())
                    immutables.Add(new ImmutableReference(span.GetProperty("start").GetInt32(), span.GetProperty("length").GetInt32()));
            }
        }
        return new ContractArtifact(
            name,
            json.GetProperty("source").GetString()!,
            abi.GetRawText(),
            HexConverter.ToBytes(json.GetProperty("bytecode").GetString()!),
            HexConverter.ToBytes(json.GetProperty("deployedBytecode").GetString()!),
            immutables, functions, events, errors);
    }

    private static string Signature(JsonElement entry, string list, bool indexed = false) =>
        entry.GetProperty("name").GetString() + Parameters(entry, list, indexed);

    private static string Parameters(JsonElement entry, string list, bool indexed)
    {
        var builder = new StringBuilder("(");
        var first = true;
        foreach (var parameter in entry.GetProperty(list).EnumerateArray())
        {
            if (!first)
                builder.Append(", ");
            first = false;
            builder.Append(TypeOf(parameter));
            if (indexed && parameter.TryGetProperty("indexed", out var flag) && flag.GetBoolean())
                builder.Append(" indexed");
            if (parameter.GetProperty("name").GetString() is { Length: > 0 } parameterName)
                builder.Append(' ').Append(parameterName);
        }
        return builder.Append(')').ToString();
    }

    // "tuple", "tuple[]" and "tuple[2][]" become "(components)" with the same suffix (Solidity ABI JSON spec).
    private static string TypeOf(JsonElement parameter)
    {
        var type = parameter.GetProperty("type").GetString()!;
        if (!type.StartsWith("tuple", StringComparison.Ordinal))
            return type;
        return Parameters(parameter, "components", indexed: false) + type["tuple".Length..];
    }
}
