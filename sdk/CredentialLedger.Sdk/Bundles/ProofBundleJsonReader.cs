using System.Globalization;
using System.Text.Json;
using CredentialLedger.Contracts;
using CredentialLedger.Sdk.Verification;

namespace CredentialLedger.Sdk.Bundles;

/// <summary>
/// Reads the JSON form of a <see cref="ProofBundle"/> strictly (README.md beside this file): the format name and
/// version first, so a later version is refused as such rather than as a pile of unknown fields; then every field,
/// none missing, none unknown, each of its exact form.
/// </summary>
internal static class ProofBundleJsonReader
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 16 };

    public static ProofBundle Read(string json)
    {
        if (json.Length > ProofBundle.MaxJsonLength)
            throw new ProofBundleFormatException($"The file is larger than {ProofBundle.MaxJsonLength} characters; no proof bundle is.");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException e)
        {
            throw new ProofBundleFormatException($"Not JSON: {e.Message}", e);
        }
        using (document)
            return Read(new StrictJsonNode(document.RootElement, "$"));
    }

    private static ProofBundle Read(StrictJsonNode root)
    {
        CheckFormatAndVersion(root);
        var p = root.Object("format", "version", "chainId", "registries", "deploymentBlock", "takenAt", "verifier", "at", "credential", "anchor", "logs", "result");
        var chainId = p["chainId"].UInt64();
        if (chainId == 0)
            p["chainId"].Fail("chain id 0 is no chain");
        return new ProofBundle(
            chainId,
            Registries(p["registries"]),
            p["deploymentBlock"].UInt64(),
            TakenAt(p["takenAt"]),
            p["verifier"].Member(),
            p["at"].Time(),
            Credential(p["credential"]),
            p["anchor"].IsNull ? null : Anchor(p["anchor"]),
            [.. p["logs"].Array().Select(Log)],
            Result(p["result"]));
    }

    private static void CheckFormatAndVersion(StrictJsonNode root)
    {
        if (root.Peek("format") is not { } format)
        {
            root.Fail($"not a proof bundle (expected a JSON object with \"format\": \"{ProofBundle.FormatName}\")");
            return;
        }
        var name = format.String();
        if (name != ProofBundle.FormatName)
            format.Fail($"not a proof bundle (expected \"{ProofBundle.FormatName}\", found \"{(name.Length <= 80 ? name : name[..77] + "...")}\")");
        if (root.Peek("version") is not { } versionNode)
        {
            root.Fail("missing field \"version\"");
            return;
        }
        var version = versionNode.UInt64();
        if (version != ProofBundle.FormatVersion)
            throw new ProofBundleFormatException(
                $"$.version: this is a version {version.ToString(CultureInfo.InvariantCulture)} proof bundle; this reader knows version {ProofBundle.FormatVersion} only (read it with a later SDK).",
                ProofBundleProblemKind.UnsupportedVersion);
    }

    private static RegistryAddresses Registries(StrictJsonNode node)
    {
        var p = node.Object("memberRegistry", "credentialRegistry", "mraRegistry", "originRegistry");
        var members = p["memberRegistry"].Address();
        var credentials = p["credentialRegistry"].Address();
        var mras = p["mraRegistry"].Address();
        var origins = p["originRegistry"].Address();
        foreach (var (name, address) in new[] { ("memberRegistry", members), ("credentialRegistry", credentials), ("mraRegistry", mras), ("originRegistry", origins) })
        {
            if (address.IsZero)
                p[name].Fail("the zero address is no registry");
        }
        return new RegistryAddresses(members, credentials, mras, origins);
    }

    private static BundleBlock TakenAt(StrictJsonNode node)
    {
        var p = node.Object("blockNumber", "blockHash", "blockTimestamp");
        return new BundleBlock(p["blockNumber"].UInt64(), p["blockHash"].Hash(), p["blockTimestamp"].UInt64());
    }

    private static PresentedCredential Credential(StrictJsonNode node)
    {
        var p = node.Object("jws", "root", "index", "proof");
        return new PresentedCredential(p["jws"].String(), p["root"].Hash(), p["index"].UInt32(), [.. p["proof"].Array().Select(h => h.Hash())]);
    }

    private static AnchorReceipt Anchor(StrictJsonNode node)
    {
        var p = node.Object("transactionHash", "transactionIndex", "blockNumber", "blockHash", "from", "to", "status", "logs");
        var status = p["status"].UInt64();
        if (status > 1)
            p["status"].Fail($"a receipt status is 0 or 1, not {status}");
        return new AnchorReceipt(
            p["transactionHash"].Hash(),
            p["transactionIndex"].UInt64(),
            p["blockNumber"].UInt64(),
            p["blockHash"].Hash(),
            p["from"].Address(),
            p["to"].IsNull ? null : p["to"].Address(),
            status == 1,
            [.. p["logs"].Array().Select(ReceiptLog)]);
    }

    private static ReceiptLog ReceiptLog(StrictJsonNode node)
    {
        var p = node.Object("address", "topics", "data", "logIndex");
        return new ReceiptLog(p["address"].Address(), Topics(p["topics"]), p["data"].Bytes(), p["logIndex"].UInt64());
    }

    private static BundleLog Log(StrictJsonNode node)
    {
        var p = node.Object("address", "topics", "data", "blockNumber", "blockHash", "blockTimestamp", "transactionHash", "logIndex");
        return new BundleLog(p["address"].Address(), Topics(p["topics"]), p["data"].Bytes(), p["blockNumber"].UInt64(), p["blockHash"].Hash(),
            p["blockTimestamp"].UInt64(), p["transactionHash"].Hash(), p["logIndex"].UInt64());
    }

    private static Evm.Hash32[] Topics(StrictJsonNode node)
    {
        var topics = node.Array();
        // The EVM's LOG0..LOG4: at most four topics.
        if (topics.Count > 4)
            node.Fail($"a log has at most 4 topics, not {topics.Count}");
        return [.. topics.Select(t => t.Hash())];
    }

    private static RecordedVerification Result(StrictJsonNode node)
    {
        var p = node.Object("recognized", "status", "mraId", "reasons");
        var reasons = p["reasons"].Array().Select(r =>
        {
            var reason = r.Object("failure", "message");
            return new RecordedReason(reason["failure"].EnumName<VerificationFailure>(), reason["message"].String());
        }).ToList();
        var recognized = p["recognized"].Boolean();
        if (recognized == (reasons.Count > 0))
            node.Fail(recognized ? "recognized, yet with reasons against" : "not recognized, yet with no reason");
        return new RecordedVerification(
            recognized,
            p["status"].IsNull ? null : p["status"].EnumName<CredentialStatus>(),
            p["mraId"].IsNull ? null : p["mraId"].UInt64(),
            reasons);
    }
}
