using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CredentialLedger.Evm;
using CredentialLedger.Evm.Hex;

namespace CredentialLedger.Sdk.Bundles;

/// <summary>
/// Writes the JSON form of a <see cref="ProofBundle"/> field by field, in the order README.md gives, so the output is
/// byte-for-byte the same for the same bundle (no serializer settings or property reflection to drift).
/// </summary>
internal static class ProofBundleJsonWriter
{
    // The relaxed encoder leaves '+' (in "+00:00") and non-ASCII reason text readable; the file is never embedded in HTML.
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(ProofBundle bundle)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            w.WriteString("format", ProofBundle.FormatName);
            w.WriteNumber("version", ProofBundle.FormatVersion);
            w.WriteNumber("chainId", bundle.ChainId);

            w.WriteStartObject("registries");
            w.WriteString("memberRegistry", bundle.Registries.Members.ToChecksumString());
            w.WriteString("credentialRegistry", bundle.Registries.Credentials.ToChecksumString());
            w.WriteString("mraRegistry", bundle.Registries.Mras.ToChecksumString());
            w.WriteString("originRegistry", bundle.Registries.Origins.ToChecksumString());
            w.WriteEndObject();
            w.WriteNumber("deploymentBlock", bundle.DeploymentBlock);

            w.WriteStartObject("takenAt");
            w.WriteNumber("blockNumber", bundle.TakenAt.Number);
            w.WriteString("blockHash", bundle.TakenAt.Hash.ToString());
            w.WriteNumber("blockTimestamp", bundle.TakenAt.Timestamp);
            w.WriteEndObject();

            w.WriteString("verifier", bundle.Verifier.ToString());
            w.WriteString("at", bundle.At.ToString("O", CultureInfo.InvariantCulture));

            var credential = bundle.Credential;
            w.WriteStartObject("credential");
            w.WriteString("jws", credential.Jws);
            w.WriteString("root", credential.Root.ToString());
            w.WriteNumber("index", credential.Index);
            WriteHashes(w, "proof", credential.Proof);
            w.WriteEndObject();

            if (bundle.Anchor is { } anchor)
                WriteAnchor(w, anchor);
            else
                w.WriteNull("anchor");

            w.WriteStartArray("logs");
            foreach (var log in bundle.Logs)
            {
                w.WriteStartObject();
                w.WriteString("address", log.Address.ToChecksumString());
                WriteHashes(w, "topics", log.Topics);
                w.WriteString("data", HexConverter.ToHex(log.Data.Span));
                w.WriteNumber("blockNumber", log.BlockNumber);
                w.WriteString("blockHash", log.BlockHash.ToString());
                w.WriteNumber("blockTimestamp", log.BlockTimestamp);
                w.WriteString("transactionHash", log.TransactionHash.ToString());
                w.WriteNumber("logIndex", log.LogIndex);
                w.WriteEndObject();
            }
            w.WriteEndArray();

            WriteResult(w, bundle.Recorded);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void WriteAnchor(Utf8JsonWriter w, AnchorReceipt anchor)
    {
        w.WriteStartObject("anchor");
        w.WriteString("transactionHash", anchor.TransactionHash.ToString());
        w.WriteNumber("transactionIndex", anchor.TransactionIndex);
        w.WriteNumber("blockNumber", anchor.BlockNumber);
        w.WriteString("blockHash", anchor.BlockHash.ToString());
        w.WriteString("from", anchor.From.ToChecksumString());
        if (anchor.To is { } to)
            w.WriteString("to", to.ToChecksumString());
        else
            w.WriteNull("to");
        // EIP-658 receipt status: 1 success, 0 failure.
        w.WriteNumber("status", anchor.Succeeded ? 1 : 0);
        w.WriteStartArray("logs");
        foreach (var log in anchor.Logs)
        {
            w.WriteStartObject();
            w.WriteString("address", log.Address.ToChecksumString());
            WriteHashes(w, "topics", log.Topics);
            w.WriteString("data", HexConverter.ToHex(log.Data.Span));
            w.WriteNumber("logIndex", log.LogIndex);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter w, RecordedVerification result)
    {
        w.WriteStartObject("result");
        w.WriteBoolean("recognized", result.Recognized);
        if (result.Status is { } status)
            w.WriteString("status", status.ToString());
        else
            w.WriteNull("status");
        if (result.MraId is { } mra)
            w.WriteNumber("mraId", mra);
        else
            w.WriteNull("mraId");
        w.WriteStartArray("reasons");
        foreach (var reason in result.Reasons)
        {
            w.WriteStartObject();
            w.WriteString("failure", reason.Failure.ToString());
            w.WriteString("message", reason.Message);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteHashes(Utf8JsonWriter w, string name, IReadOnlyList<Hash32> hashes)
    {
        w.WriteStartArray(name);
        foreach (var hash in hashes)
            w.WriteStringValue(hash.ToString());
        w.WriteEndArray();
    }
}
