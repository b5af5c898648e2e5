using System.Text;
using System.Text.Json;
using CredentialLedger.Evm;
using CredentialLedger.Evm.Hex;

namespace CredentialLedger.Contracts.Deployment;

/// <summary>
/// A "network file": the chain id and the four registry addresses of one deployment, so nodes and tools find the
/// registries without configuration of their own. The JSON shape (addresses EIP-55 checksummed):
/// <code>
/// {
///   "chainId": 31337,
///   "memberRegistry": "0x5FbDB2315678afecb367f032d93F642f64180aa3",
///   "credentialRegistry": "0x…",
///   "mraRegistry": "0x…",
///   "originRegistry": "0x…",
///   "deploymentBlock": 1
/// }
/// </code>
/// Other properties are ignored when read, so later versions may add some. <c>deploymentBlock</c> (optional, 0 when
/// absent) is where indexers start reading the registries' events.
/// </summary>
/// <param name="ChainId">The EIP-155 chain id.</param>
/// <param name="Registries">The registry addresses.</param>
public sealed record RegistryNetwork(ulong ChainId, RegistryAddresses Registries)
{
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = true };

    /// <summary>A block at or before the registries' deployment: where event indexing starts (0 when unknown).</summary>
    public ulong DeploymentBlock { get; init; }

    /// <summary>The JSON text, indented, ending with a newline.</summary>
    public string ToJson()
    {
        ArgumentNullException.ThrowIfNull(Registries);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteNumber("chainId", ChainId);
            writer.WriteString("memberRegistry", Registries.Members.ToChecksumString());
            writer.WriteString("credentialRegistry", Registries.Credentials.ToChecksumString());
            writer.WriteString("mraRegistry", Registries.Mras.ToChecksumString());
            writer.WriteString("originRegistry", Registries.Origins.ToChecksumString());
            writer.WriteNumber("deploymentBlock", DeploymentBlock);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>Reads a network file's JSON text.</summary>
    /// <exception cref="FormatException">Not JSON, a property missing or of the wrong type, or a malformed address.</exception>
    public static RegistryNetwork Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new FormatException("A network file is a JSON object.");
            var chainId = Property(root, "chainId", JsonValueKind.Number);
            if (!chainId.TryGetUInt64(out var id))
                throw new FormatException($"\"chainId\" must be an unsigned 64-bit integer, not {chainId.GetRawText()}.");
            ulong deploymentBlock = 0;
            if (root.TryGetProperty("deploymentBlock", out var block) && (block.ValueKind != JsonValueKind.Number || !block.TryGetUInt64(out deploymentBlock)))
                throw new FormatException($"\"deploymentBlock\" must be an unsigned 64-bit integer, not {block.GetRawText()}.");
            return new RegistryNetwork(id, new RegistryAddresses(
                AddressOf(root, "memberRegistry"), AddressOf(root, "credentialRegistry"),
                AddressOf(root, "mraRegistry"), AddressOf(root, "originRegistry"))) { DeploymentBlock = deploymentBlock };
        }
        catch (JsonException e)
        {
            throw new FormatException($"The network file is not valid JSON: {e.Message}", e);
        }
    }

    /// <summary>Reads a network file.</summary>
    /// <exception cref="FormatException">The content is not a network file.</exception>
    public static async Task<RegistryNetwork> LoadAsync(string path, CancellationToken cancellationToken)
    {
        var json = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        try
        {
            return Parse(json);
        }
        catch (FormatException e)
        {
            throw new FormatException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>Writes the network file (UTF-8, no BOM), replacing any file at <paramref name="path"/>.</summary>
    public Task SaveAsync(string path, CancellationToken cancellationToken) =>
        File.WriteAllTextAsync(path, ToJson(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), cancellationToken);

    private static JsonElement Property(JsonElement root, string name, JsonValueKind kind)
    {
        if (!root.TryGetProperty(name, out var value))
            throw new FormatException($"The network file has no \"{name}\".");
        if (value.ValueKind != kind)
            throw new FormatException($"\"{name}\" must be a JSON {kind.ToString().ToLowerInvariant()}, not {value.ValueKind.ToString().ToLowerInvariant()}.");
        return value;
    }

    private static Address AddressOf(JsonElement root, string name)
    {
        var text = Property(root, name, JsonValueKind.String).GetString()!;
        try
        {
            var address = Address.Parse(text);
            return address.IsZero ? throw new FormatException($"\"{name}\" is the zero address.") : address;
        }
        catch (HexFormatException e)
        {
            throw new FormatException($"\"{name}\": {e.Message}", e);
        }
    }
}
