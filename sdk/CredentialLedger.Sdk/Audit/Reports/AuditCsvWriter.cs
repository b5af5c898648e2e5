using System.Globalization;
using System.Text;

namespace CredentialLedger.Sdk.Audit.Reports;

/// <summary>
/// Writes an <see cref="AuditReport"/> as CSV files (RFC 4180: CRLF record ends, a header row, fields with a comma,
/// double quote, CR or LF inside double quotes with quotes doubled; UTF-8 without BOM; invariant numbers; times as
/// UTC text <c>2026-05-01T09:00:00Z</c>). Text that a spreadsheet would run as a formula (starting with <c>=</c>,
/// <c>+</c>, <c>-</c>, <c>@</c>, tab or CR) gets a leading apostrophe: document ids come from export files, which an
/// auditor should not have to trust.
/// </summary>
public static class AuditCsvWriter
{
    /// <summary>Every status change of every credential, after its anchoring row, in the report's order.</summary>
    public const string CredentialsFile = "credentials.csv";

    /// <summary>Programme figures per member and month.</summary>
    public const string FiguresFile = "figures.csv";

    /// <summary>Every rule broken.</summary>
    public const string ViolationsFile = "violations.csv";

    /// <summary>Every MRA event: proposal, versions, acceptances, conclusions and state changes.</summary>
    public const string MrasFile = "mras.csv";

    /// <summary>The off-chain documents checked.</summary>
    public const string DocumentsFile = "documents.csv";

    private const string Stamp = "block,transaction,log_index,recorded_at,sender";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// Writes the five files into <paramref name="directory"/> (created if needed, files replaced) and returns their
    /// paths in the order of the constants above.
    /// </summary>
    public static IReadOnlyList<string> WriteDirectory(AuditReport report, string directory)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory.CreateDirectory(directory);
        var files = new (string Name, Action<AuditReport, TextWriter> Write)[]
        {
            (CredentialsFile, WriteCredentials), (FiguresFile, WriteFigures), (ViolationsFile, WriteViolations), (MrasFile, WriteMras),
            (DocumentsFile, WriteDocuments),
        };
        var paths = new List<string>();
        foreach (var (name, write) in files)
        {
            var path = Path.Combine(directory, name);
            using (var writer = new StreamWriter(path, append: false, Utf8))
                write(report, writer);
            paths.Add(path);
        }
        return paths;
    }

    /// <summary>One row per credential anchoring (<c>event</c> = anchored) and per status change after it.</summary>
    public static void WriteCredentials(AuditReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        var csv = new Csv(output);
        csv.Header($"credential,root,index,issuer,event,from,to,reason,effective_at,superseded_by,many,{Stamp}");
        foreach (var c in report.Credentials)
        {
            var id = AuditLabels.Credential(c.Credential);
            csv.Text(id).Text(c.Credential.Root.ToString()).Number(c.Credential.Index).Text(c.Issuer.ToString()).Text("anchored")
                .Text("").Text("Active").Text("").Text(AuditLabels.Time(c.Anchored.Time)).Text("").Text("");
            csv.Stamp(c.Anchored).End();
            foreach (var change in c.Changes)
            {
                csv.Text(id).Text(c.Credential.Root.ToString()).Number(c.Credential.Index).Text(c.Issuer.ToString()).Text(AuditLabels.ChangeKind(change))
                    .Text(change.From.ToString()).Text(change.To.ToString()).Number(change.Reason).Text(AuditLabels.Time(change.EffectiveAt))
                    .Text(change.SupersededBy is { } next ? AuditLabels.Credential(next) : "").Text(change.Many ? "true" : "false");
                csv.Stamp(change.Recorded).End();
            }
        }
    }

    /// <summary>One row per member and month (<see cref="AuditMonthlyFigures"/>).</summary>
    public static void WriteFigures(AuditReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        var csv = new Csv(output);
        csv.Header("member,month,issued,suspended,reinstated,revoked,superseded,coo_issued,coo_revoked,mras_in_force");
        foreach (var f in report.MonthlyFigures)
        {
            csv.Text(f.Member.ToString()).Text(f.Period).Number(f.Issued).Number(f.Suspended).Number(f.Reinstated).Number(f.Revoked)
                .Number(f.Superseded).Number(f.OriginIssued).Number(f.OriginRevoked).Number(f.MrasInForce).End();
        }
    }

    /// <summary>One row per violation, in the report's (chain) order.</summary>
    public static void WriteViolations(AuditReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        var csv = new Csv(output);
        csv.Header("block,transaction,log_index,rule,message");
        foreach (var v in report.Violations)
            csv.Number(v.Block).Text(v.Transaction.ToString()).Number(v.LogIndex).Text(v.Rule).Text(v.Message).End();
    }

    /// <summary>
    /// One row per MRA event, MRA by MRA: <c>proposed</c>, then per version <c>version</c> (proposed or amended),
    /// <c>accepted</c> per party and <c>concluded</c>, then the state changes (<c>Suspended</c>, <c>Active</c>,
    /// <c>Terminated</c>). Terms are on the version rows; <c>status</c> is the MRA's at the end of the replay.
    /// </summary>
    public static void WriteMras(AuditReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        var csv = new Csv(output);
        csv.Header($"mra,parties,status,event,version,party,scope,benefits,valid_from,valid_until,reason,{Stamp}");
        foreach (var m in report.Mras)
        {
            var parties = string.Join(' ', m.Parties);
            void Row(string kind, uint? version, string party, AuditMraVersion? terms, byte? reason, AuditStamp stamp)
            {
                csv.Number(m.Id).Text(parties).Text(m.Status.ToString()).Text(kind).Text(version?.ToString(CultureInfo.InvariantCulture) ?? "").Text(party);
                if (terms is null)
                    csv.Text("").Text("").Text("").Text("");
                else
                    csv.Text(AuditLabels.Scope(terms.Scope)).Number(terms.Benefits).Text(AuditLabels.Time(terms.ValidFrom)).Text(AuditLabels.Time(terms.ValidUntil));
                csv.Text(reason?.ToString(CultureInfo.InvariantCulture) ?? "").Stamp(stamp).End();
            }

            Row("proposed", null, m.Proposer.ToString(), null, null, m.Proposed);
            foreach (var v in m.Versions)
            {
                Row("version", v.Version, v.Proposer.ToString(), v, null, v.Opened);
                foreach (var a in v.Acceptances)
                    Row("accepted", v.Version, a.Party.ToString(), null, null, a.Recorded);
                if (v.Concluded is { } concluded)
                    Row("concluded", v.Version, "", null, null, concluded);
            }
            foreach (var s in m.StateChanges)
                Row(s.Status.ToString(), null, s.Party.ToString(), null, s.Reason, s.Recorded);
        }
    }

    /// <summary>One row per off-chain document checked.</summary>
    public static void WriteDocuments(AuditReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        var csv = new Csv(output);
        csv.Header("kind,document_id,root,index,document_hash,valid,issuer,chamber,rule,message,anchored_block,anchored_transaction");
        foreach (var d in report.DocumentChecks)
        {
            csv.Text(AuditJsonWriter.KindName(d.Kind)).Text(d.DocumentId).Text(d.Root.ToString()).Number(d.Index).Text(d.DocumentHash.ToString())
                .Text(d.Valid ? "true" : "false").Text(d.Issuer?.ToString() ?? "").Text(d.Chamber?.ToString() ?? "").Text(d.Rule ?? "").Text(d.Message)
                .Text(d.Anchored?.Block.ToString(CultureInfo.InvariantCulture) ?? "").Text(d.Anchored?.Transaction.ToString() ?? "").End();
        }
    }

    /// <summary>A field as RFC 4180 writes it: quoted when it holds a comma, double quote, CR or LF, quotes doubled; formula-like text defused.</summary>
    public static string Field(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
            value = "'" + value;
        return value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    // One record at a time: fields separated by commas, the record ended with CRLF.
    private sealed class Csv(TextWriter output)
    {
        private bool _first = true;

        public void Header(string names)
        {
            output.Write(names);
            output.Write("\r\n");
        }

        public Csv Text(string value)
        {
            Separator();
            output.Write(Field(value));
            return this;
        }

        public Csv Number(long value)
        {
            Separator();
            output.Write(value.ToString(CultureInfo.InvariantCulture));
            return this;
        }

        public Csv Number(ulong value)
        {
            Separator();
            output.Write(value.ToString(CultureInfo.InvariantCulture));
            return this;
        }

        public Csv Stamp(AuditStamp stamp) =>
            Number(stamp.Block).Text(stamp.Transaction.ToString()).Number(stamp.LogIndex).Text(AuditLabels.Time(stamp.Time))
                .Text(stamp.Sender.ToChecksumString());

        public void End()
        {
            output.Write("\r\n");
            _first = true;
        }

        private void Separator()
        {
            if (!_first)
                output.Write(',');
            _first = false;
        }
    }
}
