using System.Globalization;
using System.Text.Json;
using CredentialLedger.Contracts;
using CredentialLedger.Evm;
using CredentialLedger.Sdk.Ledger;

namespace CredentialLedger.Sdk.Audit;

/// <summary>
/// Writes an <see cref="AuditReport"/> as indented JSON, field by field in a fixed order, lists in the report's order
/// (which is canonical: see each property), invariant numbers, unix seconds with their UTC text, <c>\n</c> line ends:
/// two replays of the same chain give byte-identical files. No serializer settings or reflection to drift.
/// </summary>
public static class AuditJsonWriter
{
    /// <summary>The value of the top-level <c>format</c> field.</summary>
    public const string FormatName = "credentialledger-audit";

    /// <summary>The value of the top-level <c>version</c> field.</summary>
    public const int FormatVersion = 1;

    private static readonly JsonWriterOptions Options = new() { Indented = true, NewLine = "\n" };

    /// <summary>The report's JSON bytes (UTF-8, no BOM, ending with a new line).</summary>
    public static byte[] ToBytes(AuditReport report)
    {
        using var buffer = new MemoryStream();
        Write(report, buffer);
        return buffer.ToArray();
    }

    /// <summary>Writes the report's JSON to <paramref name="stream"/>.</summary>
    public static void Write(AuditReport report, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(stream);
        using (var w = new Utf8JsonWriter(stream, Options))
        {
            w.WriteStartObject();
            w.WriteString("format", FormatName);
            w.WriteNumber("version", FormatVersion);
            w.WriteNumber("chainId", report.ChainId);
            w.WriteStartObject("registries");
            w.WriteString("members", report.Registries.Members.ToChecksumString());
            w.WriteString("credentials", report.Registries.Credentials.ToChecksumString());
            w.WriteString("mras", report.Registries.Mras.ToChecksumString());
            w.WriteString("origins", report.Registries.Origins.ToChecksumString());
            w.WriteEndObject();
            w.WriteStartObject("range");
            w.WriteNumber("fromBlock", report.Range.FromBlock);
            w.WriteNumber("toBlock", report.Range.ToBlock);
            w.WriteString("toBlockHash", report.Range.ToBlockHash.ToString());
            Time(w, "toBlockTime", report.Range.ToBlockTime);
            w.WriteEndObject();
            if (report.GeneratedAt is { } generated)
                w.WriteString("generatedAt", generated.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            w.WriteNumber("eventCount", report.EventCount);
            w.WriteStartObject("eventCounts");
            foreach (var count in report.EventCounts)
                w.WriteNumber(count.Kind, count.Count);
            w.WriteEndObject();

            Array(w, "members", report.Members, Member);
            Array(w, "proposals", report.Proposals, Proposal);
            Array(w, "keys", report.Keys, Key);
            Array(w, "chambers", report.Chambers, Chamber);
            Array(w, "credentialBatches", report.CredentialBatches, CredentialBatch);
            Array(w, "credentials", report.Credentials, Credential);
            Array(w, "originBatches", report.OriginBatches, OriginBatch);
            Array(w, "mras", report.Mras, Mra);
            Array(w, "monthlyFigures", report.MonthlyFigures, Figures);
            Array(w, "violations", report.Violations, Violation);
            Array(w, "documentChecks", report.DocumentChecks, DocumentCheck);
            w.WriteEndObject();
        }
        stream.WriteByte((byte)'\n');
    }

    private static void Member(Utf8JsonWriter w, AuditMember m)
    {
        w.WriteString("code", m.Code.ToString());
        w.WriteString("status", m.Status.ToString());
        Array(w, "periods", m.Periods, static (w, p) =>
        {
            w.WriteNumber("epoch", p.Epoch);
            w.WriteNumber("proposalId", p.ProposalId);
            Stamp(w, "admitted", p.Admitted);
            Stamp(w, "removed", p.Removed);
            if (p.RemovalProposalId is { } removal)
                w.WriteNumber("removalProposalId", removal);
            else
                w.WriteNull("removalProposalId");
        });
        Array(w, "operators", m.Operators, static (w, o) =>
        {
            w.WriteString("account", o.Account.ToChecksumString());
            Stamp(w, "added", o.Added);
            Stamp(w, "removed", o.Removed);
        });
    }

    private static void Proposal(Utf8JsonWriter w, AuditProposal p)
    {
        w.WriteNumber("id", p.Id);
        w.WriteString("kind", p.Kind.ToString());
        w.WriteString("subject", p.Subject.ToString());
        w.WriteString("proposer", p.Proposer.ToString());
        OptionalAddress(w, "firstOperator", p.FirstOperator);
        Time(w, "expiresAt", p.ExpiresAt);
        Stamp(w, "created", p.Created);
        Array(w, "votes", p.Votes, static (w, v) =>
        {
            w.WriteString("voter", v.Voter.ToString());
            Stamp(w, "cast", v.Cast);
        });
        Stamp(w, "executed", p.Executed);
    }

    private static void Key(Utf8JsonWriter w, AuditKey k)
    {
        w.WriteString("keyId", k.KeyId.ToString());
        w.WriteString("member", k.Member.ToString());
        OptionalChamber(w, "chamber", k.Chamber);
        Time(w, "validFrom", k.ValidFrom);
        Time(w, "validUntil", k.ValidUntil);
        Stamp(w, "registered", k.Registered);
        if (k.RevokedAt is { } revokedAt)
            Time(w, "revokedAt", revokedAt);
        else
            w.WriteNull("revokedAt");
        Array(w, "revocations", k.Revocations, static (w, r) =>
        {
            Stamp(w, "recorded", r.Recorded);
            Time(w, "effectiveAt", r.EffectiveAt);
            w.WriteNumber("reason", r.Reason);
        });
    }

    private static void Chamber(Utf8JsonWriter w, AuditChamber c)
    {
        w.WriteString("id", c.Id.ToString());
        w.WriteString("member", c.Member.ToString());
        w.WriteNumber("memberEpoch", c.MemberEpoch);
        Stamp(w, "authorized", c.Authorized);
        w.WriteString("status", c.Status.ToString());
        Array(w, "changes", c.Changes, static (w, ch) =>
        {
            Stamp(w, "recorded", ch.Recorded);
            w.WriteString("status", ch.Status.ToString());
            w.WriteNumber("reason", ch.Reason);
        });
        Array(w, "accounts", c.Accounts, static (w, a) =>
        {
            w.WriteString("account", a.Account.ToChecksumString());
            Stamp(w, "added", a.Added);
            Stamp(w, "removed", a.Removed);
        });
    }

    private static void CredentialBatch(Utf8JsonWriter w, AuditCredentialBatch b)
    {
        w.WriteString("root", b.Root.ToString());
        w.WriteString("issuer", b.Issuer.ToString());
        w.WriteNumber("size", b.Size);
        Stamp(w, "anchored", b.Anchored);
    }

    private static void Credential(Utf8JsonWriter w, AuditCredential c)
    {
        w.WriteString("root", c.Credential.Root.ToString());
        w.WriteNumber("index", c.Credential.Index);
        w.WriteString("issuer", c.Issuer.ToString());
        Stamp(w, "anchored", c.Anchored);
        w.WriteString("status", c.Status.ToString());
        Array(w, "changes", c.Changes, static (w, ch) =>
        {
            Stamp(w, "recorded", ch.Recorded);
            w.WriteString("from", ch.From.ToString());
            w.WriteString("to", ch.To.ToString());
            w.WriteNumber("reason", ch.Reason);
            Time(w, "effectiveAt", ch.EffectiveAt);
            CredentialReference(w, "supersededBy", ch.SupersededBy);
            w.WriteBoolean("many", ch.Many);
        });
    }

    private static void OriginBatch(Utf8JsonWriter w, AuditOriginBatch b)
    {
        w.WriteString("root", b.Root.ToString());
        w.WriteString("chamber", b.Chamber.ToString());
        w.WriteString("member", b.Member.ToString());
        w.WriteNumber("size", b.Size);
        Stamp(w, "anchored", b.Anchored);
        Array(w, "revocations", b.Revocations, static (w, r) =>
        {
            w.WriteNumber("index", r.Index);
            w.WriteNumber("reason", r.Reason);
            Time(w, "effectiveAt", r.EffectiveAt);
            Stamp(w, "recorded", r.Recorded);
        });
        Array(w, "uses", b.Uses, static (w, u) =>
        {
            w.WriteNumber("index", u.Index);
            w.WriteString("member", u.Member.ToString());
            w.WriteString("declarationRef", u.DeclarationRef.ToString());
            Stamp(w, "recorded", u.Recorded);
        });
    }

    private static void Mra(Utf8JsonWriter w, AuditMra m)
    {
        w.WriteNumber("id", m.Id);
        w.WriteStartArray("parties");
        foreach (var party in m.Parties)
            w.WriteStringValue(party.ToString());
        w.WriteEndArray();
        w.WriteString("proposer", m.Proposer.ToString());
        Stamp(w, "proposed", m.Proposed);
        w.WriteString("status", m.Status.ToString());
        w.WriteNumber("concludedVersion", m.ConcludedVersion);
        Array(w, "versions", m.Versions, static (w, v) =>
        {
            w.WriteNumber("version", v.Version);
            w.WriteString("proposer", v.Proposer.ToString());
            w.WriteNumber("scope", v.Scope);
            w.WriteNumber("benefits", v.Benefits);
            Time(w, "validFrom", v.ValidFrom);
            Time(w, "validUntil", v.ValidUntil);
            Stamp(w, "opened", v.Opened);
            Array(w, "acceptances", v.Acceptances, static (w, a) =>
            {
                w.WriteString("party", a.Party.ToString());
                Stamp(w, "recorded", a.Recorded);
            });
            Stamp(w, "concluded", v.Concluded);
        });
        Array(w, "stateChanges", m.StateChanges, static (w, s) =>
        {
            Stamp(w, "recorded", s.Recorded);
            w.WriteString("status", s.Status.ToString());
            w.WriteString("party", s.Party.ToString());
            w.WriteNumber("reason", s.Reason);
        });
    }

    private static void Figures(Utf8JsonWriter w, AuditMonthlyFigures f)
    {
        w.WriteString("member", f.Member.ToString());
        w.WriteString("month", f.Period);
        w.WriteNumber("issued", f.Issued);
        w.WriteNumber("suspended", f.Suspended);
        w.WriteNumber("reinstated", f.Reinstated);
        w.WriteNumber("revoked", f.Revoked);
        w.WriteNumber("superseded", f.Superseded);
        w.WriteNumber("originIssued", f.OriginIssued);
        w.WriteNumber("originRevoked", f.OriginRevoked);
        w.WriteNumber("mrasInForce", f.MrasInForce);
    }

    private static void Violation(Utf8JsonWriter w, AuditViolation v)
    {
        w.WriteNumber("block", v.Block);
        w.WriteString("transaction", v.Transaction.ToString());
        w.WriteNumber("logIndex", v.LogIndex);
        w.WriteString("rule", v.Rule);
        w.WriteString("message", v.Message);
    }

    private static void DocumentCheck(Utf8JsonWriter w, AuditDocumentCheck d)
    {
        w.WriteString("kind", KindName(d.Kind));
        w.WriteString("documentId", d.DocumentId);
        w.WriteString("root", d.Root.ToString());
        w.WriteNumber("index", d.Index);
        w.WriteString("documentHash", d.DocumentHash.ToString());
        w.WriteBoolean("valid", d.Valid);
        if (d.Issuer is { } issuer)
            w.WriteString("issuer", issuer.ToString());
        else
            w.WriteNull("issuer");
        OptionalChamber(w, "chamber", d.Chamber);
        Stamp(w, "anchored", d.Anchored);
        if (d.Rule is { } rule)
            w.WriteString("rule", rule);
        else
            w.WriteNull("rule");
        w.WriteString("message", d.Message);
    }

    /// <summary>The document kind's name in exports and reports: <c>aeo</c> or <c>coo</c>.</summary>
    public static string KindName(AuditDocumentKind kind) => kind == AuditDocumentKind.Aeo ? "aeo" : "coo";

    private static void Array<T>(Utf8JsonWriter w, string name, IReadOnlyList<T> items, Action<Utf8JsonWriter, T> writeFields)
    {
        w.WriteStartArray(name);
        foreach (var item in items)
        {
            w.WriteStartObject();
            writeFields(w, item);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void Stamp(Utf8JsonWriter w, string name, AuditStamp? stamp)
    {
        if (stamp is not { } s)
        {
            w.WriteNull(name);
            return;
        }
        w.WriteStartObject(name);
        w.WriteNumber("block", s.Block);
        w.WriteString("transaction", s.Transaction.ToString());
        w.WriteNumber("logIndex", s.LogIndex);
        Time(w, "time", s.Time);
        w.WriteString("sender", s.Sender.ToChecksumString());
        w.WriteEndObject();
    }

    /// <summary>Unix seconds and, beside them, their UTC text (<c>name</c> and <c>nameUtc</c>); 0 stays a bare 0 (no time).</summary>
    private static void Time(Utf8JsonWriter w, string name, ulong unixSeconds)
    {
        w.WriteNumber(name, unixSeconds);
        if (unixSeconds == 0)
            w.WriteNull(name + "Utc");
        else
            w.WriteString(name + "Utc", FormatTime(unixSeconds));
    }

    /// <summary>Unix seconds as <c>yyyy-MM-ddTHH:mm:ssZ</c> (invariant; times beyond year 9999 are clamped to it).</summary>
    public static string FormatTime(ulong unixSeconds) =>
        DateTimeOffset.FromUnixTimeSeconds((long)Math.Min(unixSeconds, 253_402_300_799UL))
            .ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static void OptionalAddress(Utf8JsonWriter w, string name, Address? address)
    {
        if (address is { } a)
            w.WriteString(name, a.ToChecksumString());
        else
            w.WriteNull(name);
    }

    private static void OptionalChamber(Utf8JsonWriter w, string name, ChamberId? chamber)
    {
        if (chamber is { } c)
            w.WriteString(name, c.ToString());
        else
            w.WriteNull(name);
    }

    private static void CredentialReference(Utf8JsonWriter w, string name, CredentialRef? credential)
    {
        if (credential is not { } c)
        {
            w.WriteNull(name);
            return;
        }
        w.WriteStartObject(name);
        w.WriteString("root", c.Root.ToString());
        w.WriteNumber("index", c.Index);
        w.WriteEndObject();
    }
}
