using System.Text;
using System.Text.Json;
using CredentialLedger.Contracts;
using CredentialLedger.Sdk.Audit;
using static CredentialLedger.Sdk.Tests.Audit.ForgedChain;

namespace CredentialLedger.Sdk.Tests.Audit;

/// <summary>The report's JSON: the same history always gives the same bytes, and no clock gets in unless given.</summary>
public sealed class AuditJsonWriterTests
{
    private static byte[] Replay(Action<ForgedChain>? more = null, DateTimeOffset? generatedAt = null)
    {
        using var chain = Legal();
        chain.Tx(KrOp, Statuses(KrBatch, CredentialStatus.Suspended, chain.Now + 12, 3, 1));
        chain.Tx(UzOp, CertificateUsed(KrOrigins, 1, UZ));
        more?.Invoke(chain);
        var report = chain.State.ToReport(31337, Registries, new AuditRange(0, chain.LastBlock, TxHash(chain.LastBlock), chain.Now), null, generatedAt);
        return AuditJsonWriter.ToBytes(report);
    }

    [Fact]
    public void Two_replays_of_one_history_write_the_same_bytes_with_no_time_of_writing()
    {
        var first = Replay();
        Assert.Equal(first, Replay());
        var text = Encoding.UTF8.GetString(first);
        Assert.DoesNotContain("generatedAt", text, StringComparison.Ordinal);
        Assert.EndsWith("}\n", text, StringComparison.Ordinal);

        using var json = JsonDocument.Parse(first);
        var root = json.RootElement;
        Assert.Equal(("credentialledger-audit", 1, 31337ul), (root.GetProperty("format").GetString(), root.GetProperty("version").GetInt32(), root.GetProperty("chainId").GetUInt64()));
        Assert.Equal(["KR", "KZ", "UZ"], root.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("code").GetString()));
        var credentials = root.GetProperty("credentials").EnumerateArray().ToList();
        Assert.Equal([1, 3], credentials.Select(c => c.GetProperty("index").GetInt32()));
        var change = credentials[0].GetProperty("changes")[0];
        Assert.Equal(("Active", "Suspended", true), (change.GetProperty("from").GetString(), change.GetProperty("to").GetString(), change.GetProperty("many").GetBoolean()));
        Assert.Equal("2025-06-01T00:01:24Z", change.GetProperty("recorded").GetProperty("timeUtc").GetString());
        var june = root.GetProperty("monthlyFigures").EnumerateArray().Single(f => f.GetProperty("member").GetString() == "KR");
        Assert.Equal(("2025-06", 4, 2, 2, 1), (june.GetProperty("month").GetString(), june.GetProperty("issued").GetInt32(), june.GetProperty("suspended").GetInt32(),
            june.GetProperty("originIssued").GetInt32(), june.GetProperty("mrasInForce").GetInt32()));
        Assert.Equal(0, root.GetProperty("violations").GetArrayLength());
    }

    [Fact]
    public void A_different_history_writes_different_bytes_and_a_given_time_is_written()
    {
        Assert.NotEqual(Replay(), Replay(c => c.Tx(KrOp, Status(KrBatch, 0, CredentialStatus.Revoked, c.Now + 12))));
        var text = Encoding.UTF8.GetString(Replay(generatedAt: new DateTimeOffset(2026, 3, 1, 9, 30, 0, TimeSpan.FromHours(2))));
        Assert.Contains("\"generatedAt\": \"2026-03-01T07:30:00Z\"", text, StringComparison.Ordinal);
    }
}
