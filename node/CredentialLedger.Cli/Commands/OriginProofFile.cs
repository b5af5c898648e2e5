using System.Text.Json;
using System.Text.Json.Nodes;
using CredentialLedger.Evm;
using V1 = CredentialLedger.Sdk.Node.V1;

namespace CredentialLedger.Cli.Commands;

/// <summary>
/// A certificate of origin's proof file (<c>coo show ID --proof FILE</c>), what an importer needs beside the XML to
/// verify it against the chain: the batch root, the leaf index and the Merkle proof, with the chain id and the
/// OriginRegistry address they are valid on.
/// </summary>
/// <example>
/// <code>
/// {
///   "certificateId": "urn:uuid:…", "certificateNumber": "KCCI-2026/000123", "chamber": "KR-KCCI",
///   "documentHash": "0x…", "root": "0x…", "index": 3, "proof": ["0x…", "0x…"],
///   "blockNumber": 118, "transactionHash": "0x…", "chainId": 31337, "registry": "0x…"
/// }
/// </code>
/// </example>
internal sealed record OriginProofFile(Hash32 Root, uint Index, IReadOnlyList<Hash32> Proof, Hash32? DocumentHash)
{
    /// <summary>The most bytes a proof file may have (a proof of a batch of 2^32 holds 32 hashes).</summary>
    private const int MaxBytes = 64 * 1024;

    public static string Write(V1.OriginCertificate c)
    {
        var a = c.Anchor ?? throw new CliException($"certificate {c.Id} is not anchored yet: its proof exists once its batch is on chain.");
        var json = new JsonObject
        {
            ["certificateId"] = c.Id,
            ["certificateNumber"] = c.CertificateNumber,
            ["chamber"] = c.Chamber,
            ["documentHash"] = c.DocumentHash,
            ["root"] = a.Root,
            ["index"] = a.Index,
            ["proof"] = new JsonArray([.. a.Proof.Select(p => (JsonNode)p)]),
            ["blockNumber"] = a.BlockNumber,
            ["transactionHash"] = a.TransactionHash,
            ["chainId"] = c.ChainId,
            ["registry"] = c.Registry,
        };
        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    /// <exception cref="CliException">Missing, too large, not JSON, or without a valid root, index or proof.</exception>
    public static OriginProofFile Read(FileInfo file)
    {
        if (!file.Exists)
            throw new CliException($"{file.FullName} does not exist.");
        if (file.Length > MaxBytes)
            throw new CliException($"{file.FullName} is larger than {MaxBytes / 1024} KiB: not a proof file.");
        JsonObject json;
        try
        {
            json = JsonNode.Parse(File.ReadAllText(file.FullName)) as JsonObject
                ?? throw new CliException($"{file.FullName} is not a proof file: not a JSON object.");
        }
        catch (JsonException e)
        {
            throw new CliException($"{file.FullName} is not a proof file: {e.Message}");
        }
        string Field(string name) => json[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s
            : throw new CliException($"{file.FullName} is not a proof file: \"{name}\" is missing or not a string.");
        Hash32 HashField(string name, string text) => Hash32.TryParse(text, out var h) ? h
            : throw new CliException($"{file.FullName}: \"{name}\" is not a 0x-prefixed 32-byte hex hash.");
        var root = HashField("root", Field("root"));
        if (json["index"] is not JsonValue indexValue || !indexValue.TryGetValue<long>(out var index) || index is < 0 or > uint.MaxValue)
            throw new CliException($"{file.FullName} is not a proof file: \"index\" is missing or not a leaf index.");
        if (json["proof"] is not JsonArray proofArray)
            throw new CliException($"{file.FullName} is not a proof file: \"proof\" is missing or not an array.");
        var proof = proofArray.Select((p, i) => p is JsonValue v && v.TryGetValue<string>(out var s) ? HashField($"proof[{i}]", s)
            : throw new CliException($"{file.FullName}: \"proof[{i}]\" is not a hash.")).ToList();
        Hash32? documentHash = json["documentHash"] is JsonValue d && d.TryGetValue<string>(out var dh) ? HashField("documentHash", dh) : null;
        return new OriginProofFile(root, (uint)index, proof, documentHash);
    }
}
