using System.Globalization;
using System.Text;
using System.Text.Json;
using CredentialLedger.Contracts;
using CredentialLedger.Sdk.Audit;
using CredentialLedger.Sdk.Audit.Reports;

namespace CredentialLedger.Cli.Commands;

/// <summary>
/// The point-in-time answers of <c>credledger audit status|recognized|changes</c>, as text for a reader and as JSON
/// (<c>--json</c>, one object, the report's conventions: unix seconds with their UTC text beside them).
/// </summary>
internal static class AuditAnswerOutput
{
    private static readonly JsonWriterOptions Indented = new() { Indented = true, NewLine = "\n" };

    public static string StatusText(AuditCredentialStatus s, AuditRange replayed)
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        var credential = AuditLabels.Credential(s.Credential);
        var at = AuditJsonWriter.FormatTime(s.At);
        if (s.Batch is null)
            text.AppendLine(c, $"{credential} at {at}: NOT ANCHORED (no batch with this root was anchored)");
        else if (!s.Anchored)
        {
            var why = s.Credential.Index >= s.Batch.Size
                ? $"(index outside its batch of {s.Batch.Size})"
                : $"yet (its batch was anchored at {AuditJsonWriter.FormatTime(s.Batch.Anchored.Time)})";
            text.AppendLine(c, $"{credential} ({s.Batch.Issuer}) at {at}: NOT ANCHORED {why}");
        }
        else if (s.Change is not { } change)
            text.AppendLine(c, $"{credential} ({s.Batch.Issuer}) at {at}: {Upper(s.Status)} since its anchoring in block {s.Batch.Anchored.Block} ({AuditJsonWriter.FormatTime(s.Batch.Anchored.Time)})");
        else
        {
            text.AppendLine(c, $"{credential} ({s.Batch.Issuer}) at {at}: {Upper(s.Status)} since {AuditJsonWriter.FormatTime(change.EffectiveAt)}");
            text.AppendLine(c, $"  {AuditLabels.ChangeKind(change)}, reason {AuditLabels.Reason(change.Reason)}, recorded in block {change.Recorded.Block} "
                + $"({AuditJsonWriter.FormatTime(change.Recorded.Time)}), tx {change.Recorded.Transaction}, by {change.Recorded.Sender.ToChecksumString()}");
        }
        text.AppendLine(c, $"  replayed blocks {replayed.FromBlock} to {replayed.ToBlock} ({replayed.ToBlockHash})");
        return text.ToString();
    }

    public static string StatusJson(AuditCredentialStatus s, AuditRange replayed) => Json(w =>
    {
        Credential(w, s.Credential.Root.ToString(), s.Credential.Index);
        Time(w, "at", s.At);
        w.WriteBoolean("anchored", s.Anchored);
        if (s.Batch is { } b)
        {
            w.WriteStartObject("batch");
            w.WriteString("issuer", b.Issuer.ToString());
            w.WriteNumber("size", b.Size);
            Stamp(w, "anchored", b.Anchored);
            w.WriteEndObject();
        }
        else
            w.WriteNull("batch");
        if (s.Status is { } status)
            w.WriteString("status", status.ToString());
        else
            w.WriteNull("status");
        Change(w, "change", s.Change);
        Replayed(w, replayed);
    });

    public static string RecognitionText(AuditRecognition r, AuditRange replayed)
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        var verdict = r.Recognized switch { true => "RECOGNIZED", false => "NOT RECOGNIZED", null => "UNDETERMINED" };
        text.AppendLine(c, $"{verdict}: {AuditLabels.Credential(r.Credential)}{(r.Issuer is { } i ? $" ({i})" : "")} by {r.Verifier} at {AuditJsonWriter.FormatTime(r.At)}");
        if (r.Status.Status is { } status)
            text.AppendLine(c, $"  status then: {status}");
        if (r.Programmes is { } programmes)
            text.AppendLine(c, $"  programmes certified: {AuditLabels.Scope(programmes)}");
        if (r.Mra is { } mra)
            text.AppendLine(c, $"  under MRA {mra.MraId} version {mra.Version}: {AuditLabels.Scope(mra.Scope)}; benefits: {AuditLabels.BenefitNames(mra.Benefits)}; in force since {AuditJsonWriter.FormatTime(mra.InForceSince)}");
        else if (r.Recognized is null)
        {
            foreach (var m in r.MrasInForce)
                text.AppendLine(c, $"  MRA {m.MraId} version {m.Version} in force then covers {AuditLabels.Scope(m.Scope)}");
            text.AppendLine("  whether it covers this credential depends on its programmes: pass --document with the exported certificate.");
        }
        foreach (var reason in r.Reasons)
            text.AppendLine(c, $"  - {reason}");
        text.AppendLine(c, $"  replayed blocks {replayed.FromBlock} to {replayed.ToBlock} ({replayed.ToBlockHash})");
        return text.ToString();
    }

    public static string RecognitionJson(AuditRecognition r, AuditRange replayed) => Json(w =>
    {
        Credential(w, r.Credential.Root.ToString(), r.Credential.Index);
        w.WriteString("verifier", r.Verifier.ToString());
        Time(w, "at", r.At);
        if (r.Recognized is { } recognized)
            w.WriteBoolean("recognized", recognized);
        else
            w.WriteNull("recognized");
        Member(w, "issuer", r.Issuer);
        if (r.Status.Status is { } status)
            w.WriteString("status", status.ToString());
        else
            w.WriteNull("status");
        if (r.Programmes is { } programmes)
            w.WriteNumber("programmes", programmes);
        else
            w.WriteNull("programmes");
        if (r.Mra is { } mra)
            Mra(w, "mra", mra);
        else
            w.WriteNull("mra");
        w.WriteStartArray("mrasInForce");
        foreach (var m in r.MrasInForce)
            Mra(w, null, m);
        w.WriteEndArray();
        w.WriteStartArray("reasons");
        foreach (var reason in r.Reasons)
            w.WriteStringValue(reason);
        w.WriteEndArray();
        Replayed(w, replayed);
    });

    public static string ChangesText(MemberCode member, ulong from, ulong to, AuditTimeBasis basis, IReadOnlyList<AuditCredentialChange> changes, AuditRange replayed)
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        foreach (var change in changes)
        {
            var ch = change.Change;
            text.AppendLine(c, $"{AuditJsonWriter.FormatTime(basis == AuditTimeBasis.Effective ? ch.EffectiveAt : ch.Recorded.Time)}  {AuditLabels.ChangeKind(ch),-10}  "
                + $"{AuditLabels.Credential(change.Credential)}  reason {AuditLabels.Reason(ch.Reason)}  block {ch.Recorded.Block} tx {ch.Recorded.Transaction}");
        }
        text.AppendLine(c, $"{changes.Count} change(s) to {member}'s credentials with {(basis == AuditTimeBasis.Effective ? "effective" : "recorded")} time "
            + $"from {AuditJsonWriter.FormatTime(from)} to before {AuditJsonWriter.FormatTime(to)} (blocks {replayed.FromBlock} to {replayed.ToBlock} replayed)");
        return text.ToString();
    }

    public static string ChangesJson(MemberCode member, ulong from, ulong to, AuditTimeBasis basis, IReadOnlyList<AuditCredentialChange> changes, AuditRange replayed) => Json(w =>
    {
        w.WriteString("member", member.ToString());
        Time(w, "from", from);
        Time(w, "to", to);
        w.WriteString("basis", basis == AuditTimeBasis.Effective ? "effective" : "recorded");
        w.WriteStartArray("changes");
        foreach (var change in changes)
        {
            w.WriteStartObject();
            Credential(w, change.Credential.Root.ToString(), change.Credential.Index);
            w.WriteString("issuer", change.Issuer.ToString());
            w.WriteString("kind", AuditLabels.ChangeKind(change.Change));
            ChangeFields(w, change.Change);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        Replayed(w, replayed);
    });

    private static string Upper(CredentialStatus? status) => status?.ToString().ToUpperInvariant() ?? "UNKNOWN";

    private static string Json(Action<Utf8JsonWriter> fields)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, Indented))
        {
            w.WriteStartObject();
            fields(w);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void Credential(Utf8JsonWriter w, string root, uint index)
    {
        w.WriteString("credential", string.Create(CultureInfo.InvariantCulture, $"{root}#{index}"));
        w.WriteString("root", root);
        w.WriteNumber("index", index);
    }

    private static void Member(Utf8JsonWriter w, string name, MemberCode? member)
    {
        if (member is { } m)
            w.WriteString(name, m.ToString());
        else
            w.WriteNull(name);
    }

    private static void Mra(Utf8JsonWriter w, string? name, AuditMraInForce m)
    {
        if (name is null)
            w.WriteStartObject();
        else
            w.WriteStartObject(name);
        w.WriteNumber("id", m.MraId);
        w.WriteNumber("version", m.Version);
        w.WriteNumber("scope", m.Scope);
        w.WriteNumber("benefits", m.Benefits);
        Time(w, "validFrom", m.ValidFrom);
        Time(w, "validUntil", m.ValidUntil);
        Time(w, "inForceSince", m.InForceSince);
        w.WriteEndObject();
    }

    private static void Change(Utf8JsonWriter w, string name, AuditStatusChange? change)
    {
        if (change is null)
        {
            w.WriteNull(name);
            return;
        }
        w.WriteStartObject(name);
        w.WriteString("kind", AuditLabels.ChangeKind(change));
        ChangeFields(w, change);
        w.WriteEndObject();
    }

    private static void ChangeFields(Utf8JsonWriter w, AuditStatusChange change)
    {
        w.WriteString("from", change.From.ToString());
        w.WriteString("to", change.To.ToString());
        w.WriteNumber("reason", change.Reason);
        Time(w, "effectiveAt", change.EffectiveAt);
        if (change.SupersededBy is { } next)
            w.WriteString("supersededBy", AuditLabels.Credential(next));
        else
            w.WriteNull("supersededBy");
        w.WriteBoolean("many", change.Many);
        Stamp(w, "recorded", change.Recorded);
    }

    private static void Stamp(Utf8JsonWriter w, string name, AuditStamp s)
    {
        w.WriteStartObject(name);
        w.WriteNumber("block", s.Block);
        w.WriteString("transaction", s.Transaction.ToString());
        w.WriteNumber("logIndex", s.LogIndex);
        Time(w, "time", s.Time);
        w.WriteString("sender", s.Sender.ToChecksumString());
        w.WriteEndObject();
    }

    private static void Replayed(Utf8JsonWriter w, AuditRange r)
    {
        w.WriteStartObject("replayed");
        w.WriteNumber("fromBlock", r.FromBlock);
        w.WriteNumber("toBlock", r.ToBlock);
        w.WriteString("toBlockHash", r.ToBlockHash.ToString());
        Time(w, "toBlockTime", r.ToBlockTime);
        w.WriteEndObject();
    }

    private static void Time(Utf8JsonWriter w, string name, ulong unixSeconds)
    {
        w.WriteNumber(name, unixSeconds);
        if (unixSeconds == 0)
            w.WriteNull(name + "Utc");
        else
            w.WriteString(name + "Utc", AuditJsonWriter.FormatTime(unixSeconds));
    }
}
