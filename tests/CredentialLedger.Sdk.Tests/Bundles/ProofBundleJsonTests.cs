using System.Text.Json;
using System.Text.Json.Nodes;
using CredentialLedger.Sdk.Bundles;
using CsCheck;

namespace CredentialLedger.Sdk.Tests.Bundles;

public sealed class ProofBundleJsonTests
{
    private static readonly ProofBundle Suspended = BundleWorld.Build(suspended: true);
    private static readonly string Json = Suspended.ToJson();

    [Fact]
    public void Json_round_trips_byte_for_byte()
    {
        var parsed = ProofBundle.Parse(Json);

        Assert.Equal(Json, parsed.ToJson());
        Assert.Equal(Suspended.Credential.Jws, parsed.Credential.Jws);
        Assert.Equal(Suspended.Credential.Proof, parsed.Credential.Proof);
        Assert.Equal(Suspended.Logs.Count, parsed.Logs.Count);
        Assert.All(Suspended.Logs.Zip(parsed.Logs), p => Assert.True(p.First.SameAs(p.Second)));
        Assert.True(Suspended.Anchor!.SameAs(parsed.Anchor!));
        Assert.Equal(Suspended.At, parsed.At);
        Assert.Equal(Suspended.At.Offset, parsed.At.Offset);
    }

    [Fact]
    public void Output_is_deterministic_and_in_the_documented_field_order()
    {
        Assert.Equal(Json, Suspended.ToJson());
        using var document = JsonDocument.Parse(Json);
        Assert.Equal(
            ["format", "version", "chainId", "registries", "deploymentBlock", "takenAt", "verifier", "at", "credential", "anchor", "logs", "result"],
            document.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(
            ["address", "topics", "data", "blockNumber", "blockHash", "blockTimestamp", "transactionHash", "logIndex"],
            document.RootElement.GetProperty("logs")[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal("credentialledger.proof-bundle", document.RootElement.GetProperty("format").GetString());
        Assert.Equal(1, document.RootElement.GetProperty("version").GetInt32());
        Assert.EndsWith("}\n", Json, StringComparison.Ordinal);
        Assert.Contains("\"at\": \"2026-01-02T00:00:00.0000000+00:00\"", Json, StringComparison.Ordinal);
    }

    [Fact]
    public void A_later_version_is_refused_as_unsupported_not_as_malformed()
    {
        var check = ProofBundleVerifier.Check(Edit(j => j["version"] = 2));

        Assert.Null(check.Bundle);
        var problem = Assert.Single(check.Problems);
        Assert.Equal(ProofBundleProblemKind.UnsupportedVersion, problem.Kind);
        Assert.Contains("version 2 proof bundle", problem.Message, StringComparison.Ordinal);
        Assert.False(check.Holds);
        Assert.StartsWith("Not a readable proof bundle", check.ToSummary(), StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> MalformedFiles => new()
    {
        { "not JSON", "{\"format\":", "Not JSON" },
        { "an array", "[]", "$: not a proof bundle" },
        { "another format", Edit(j => j["format"] = "something-else"), "$.format: not a proof bundle" },
        { "version as text", Edit(j => j["version"] = "1"), "$.version: expected an unsigned 64-bit integer" },
        { "missing field", Edit(j => j.AsObject().Remove("chainId")), "$: missing field \"chainId\"" },
        { "unknown field", Edit(j => j["comment"] = "hi"), "$: unknown field \"comment\"" },
        { "duplicate field", Json.Replace("\"chainId\": 31337,", "\"chainId\": 31337, \"chainId\": 1,", StringComparison.Ordinal), "field \"chainId\" appears twice" },
        { "chain id 0", Edit(j => j["chainId"] = 0), "$.chainId: chain id 0" },
        { "short root", Edit(j => j["credential"]!["root"] = "0x12"), "$.credential.root: expected 0x and 64 hex digits" },
        { "root without 0x", Edit(j => j["credential"]!["root"] = j["credential"]!["root"]!.GetValue<string>()[2..]), "$.credential.root" },
        { "negative index", Edit(j => j["credential"]!["index"] = -1), "$.credential.index: expected an unsigned 64-bit integer" },
        { "fractional index", Edit(j => j["credential"]!["index"] = 1.5), "$.credential.index" },
        { "index as 1.0", Json.Replace("\"index\": 0", "\"index\": 0.0", StringComparison.Ordinal), "$.credential.index" },
        { "index beyond 32 bits", Edit(j => j["credential"]!["index"] = 4_294_967_296L), "$.credential.index: expected an unsigned 32-bit integer" },
        { "proof not an array", Edit(j => j["credential"]!["proof"] = "0x00"), "$.credential.proof: expected a JSON array" },
        { "odd hex data", Edit(j => j["logs"]![0]!["data"] = "0xabc"), "$.logs[0].data: expected 0x and an even number of hex digits" },
        { "five topics", Edit(j => j["logs"]![0]!["topics"] = new JsonArray([.. Enumerable.Repeat(j["logs"]![0]!["topics"]![0]!.GetValue<string>(), 5).Select(t => JsonValue.Create(t))])), "$.logs[0].topics: a log has at most 4 topics" },
        { "log without block hash", Edit(j => j["logs"]![2]!.AsObject().Remove("blockHash")), "$.logs[2]: missing field \"blockHash\"" },
        { "address with a bad checksum", Edit(j => j["registries"]!["memberRegistry"] = "0xE7f1725E7734CE288F8367e1Bb143E90bb3F0512"), "$.registries.memberRegistry: expected an address" },
        { "zero registry", Edit(j => j["registries"]!["mraRegistry"] = "0x0000000000000000000000000000000000000000"), "$.registries.mraRegistry: the zero address" },
        { "lower-case verifier", Edit(j => j["verifier"] = "uz"), "$.verifier: expected a member code" },
        { "time not ISO", Edit(j => j["at"] = "yesterday"), "$.at: expected an ISO 8601 round-trip time" },
        { "receipt status 2", Edit(j => j["anchor"]!["status"] = 2), "$.anchor.status: a receipt status is 0 or 1" },
        { "unknown failure", Edit(j => j["result"]!["reasons"]![0]!["failure"] = "Bogus"), "$.result.reasons[0].failure: expected one of Malformed" },
        { "numeric failure", Edit(j => j["result"]!["reasons"]![0]!["failure"] = "10"), "$.result.reasons[0].failure" },
        { "recognized with reasons", Edit(j => j["result"]!["recognized"] = true), "$.result: recognized, yet with reasons against" },
        { "unknown status", Edit(j => j["result"]!["status"] = "Expired"), "$.result.status: expected one of Active" },
        { "null logs", Edit(j => j["logs"] = null), "$.logs: expected a JSON array, found null" },
    };

    [Theory]
    [MemberData(nameof(MalformedFiles))]
    public void A_malformed_file_is_refused_with_the_field_named(string what, string json, string expected)
    {
        var check = ProofBundleVerifier.Check(json);

        Assert.Null(check.Bundle);
        var problem = Assert.Single(check.Problems);
        Assert.True(problem.Kind == ProofBundleProblemKind.Malformed, what);
        Assert.Contains(expected, problem.Message, StringComparison.Ordinal);
        var thrown = Assert.Throws<ProofBundleFormatException>(() => ProofBundle.Parse(json));
        Assert.Equal(problem.Message, thrown.Message);
    }

    [Fact]
    public void Every_truncation_of_a_bundle_is_refused_without_an_exception()
    {
        for (var length = 0; length < Json.Length - 2; length += 7)
        {
            var check = ProofBundleVerifier.Check(Json[..length]);
            Assert.Null(check.Bundle);
            Assert.Equal(ProofBundleProblemKind.Malformed, Assert.Single(check.Problems).Kind);
        }
    }

    [Fact]
    public void Any_one_character_changed_is_refused_or_checked_but_never_throws()
    {
        Gen.Select(Gen.Int[0, Json.Length - 1], Gen.Char['\0', '\x7f']).Sample((position, c) =>
        {
            var changed = string.Concat(Json.AsSpan(0, position), c.ToString(), Json.AsSpan(position + 1));
            var check = ProofBundleVerifier.Check(changed);
            // Either refused as a file, or read and checked: a change that survives reading is still seen unless it
            // touched nothing the decision depends on (whitespace, a message, a letter's case in hex).
            Assert.True(check.Bundle is null ? check.Problems.Count == 1 : check.Recomputed is not null || check.Has(ProofBundleProblemKind.NotRecomputable));
        }, iter: 2000);
    }

    [Fact]
    public async Task A_bundle_saved_and_loaded_is_the_same_file()
    {
        using var directory = new TestKit.TempDirectory("bundle");
        var path = directory.File("bundle.json");

        await Suspended.SaveAsync(path, CancellationToken.None);
        var loaded = await ProofBundle.LoadAsync(path, CancellationToken.None);

        Assert.Equal(Json, await File.ReadAllTextAsync(path, CancellationToken.None));
        Assert.Equal(Json, loaded.ToJson());
        await File.WriteAllTextAsync(path, "{}", CancellationToken.None);
        var error = await Assert.ThrowsAsync<ProofBundleFormatException>(() => ProofBundle.LoadAsync(path, CancellationToken.None));
        Assert.StartsWith(path + ": ", error.Message, StringComparison.Ordinal);
    }

    private static string Edit(Action<JsonNode> change)
    {
        var node = JsonNode.Parse(Json)!;
        change(node);
        return node.ToJsonString();
    }
}
