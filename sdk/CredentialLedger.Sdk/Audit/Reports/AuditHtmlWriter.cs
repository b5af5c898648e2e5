using System.Globalization;
using System.Net;
using System.Text;
using CredentialLedger.Contracts;

namespace CredentialLedger.Sdk.Audit.Reports;

/// <summary>Settings of <see cref="AuditHtmlWriter"/>.</summary>
public sealed record AuditHtmlOptions
{
    /// <summary>When the report was made, shown in the header (the replay itself never reads a clock); null shows "not recorded".</summary>
    public DateTimeOffset? GeneratedAt { get; init; }

    /// <summary>
    /// The most credential timelines written, in the report's order; the page says how many were left out (they are
    /// all in the JSON and CSV). Default: all.
    /// </summary>
    public int MaxCredentialTimelines { get; init; } = int.MaxValue;
}

/// <summary>
/// Writes an <see cref="AuditReport"/> as ONE self-contained HTML file a programme manager can read and print: inline
/// CSS, no scripts, no external resources (fonts, images, links off the page), every value HTML-escaped. Sections, in
/// order: header (chain, registries, block range, last block hash, when generated, events by kind), programme figures
/// per member and month, violations, off-chain documents checked, members, credential timelines, MRAs, certificates
/// of origin. The same report and options give the same bytes.
/// </summary>
public static class AuditHtmlWriter
{
    private const string Css = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:2rem;color:#1b1f24;line-height:1.4}
        h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.25rem;border-bottom:2px solid #d0d7de;padding-bottom:.2rem;margin-top:2.2rem}
        h3{font-size:1rem;margin:1.2rem 0 .3rem}table{border-collapse:collapse;margin:.4rem 0 1rem;font-size:.85rem}
        th,td{border:1px solid #d0d7de;padding:.2rem .45rem;text-align:left;vertical-align:top}th{background:#f3f5f7}
        td.n{text-align:right;font-variant-numeric:tabular-nums}code,.h{font-family:ui-monospace,Consolas,monospace;font-size:.8rem;word-break:break-all}
        .ok{color:#116329}.bad{color:#b3261e;font-weight:600}.muted{color:#57606a}nav a{margin-right:1rem}
        dl{display:grid;grid-template-columns:max-content auto;gap:.15rem 1rem}dt{font-weight:600}dd{margin:0}
        section.credential{break-inside:avoid}@media print{nav{display:none}body{margin:0}}
        """;

    /// <summary>The report's HTML as a string.</summary>
    public static string ToHtml(AuditReport report, AuditHtmlOptions? options = null)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        Write(report, writer, options);
        return writer.ToString();
    }

    /// <summary>Writes the report's HTML to <paramref name="path"/> (UTF-8 without BOM), replacing any file there.</summary>
    public static void WriteFile(AuditReport report, string path, AuditHtmlOptions? options = null)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { NewLine = "\n" };
        Write(report, writer, options);
    }

    /// <summary>Writes the report's HTML to <paramref name="output"/>.</summary>
    public static void Write(AuditReport report, TextWriter output, AuditHtmlOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        options ??= new AuditHtmlOptions();
        var h = new Html(output);
        h.Raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        h.Raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        // No script may run and nothing may be fetched, whatever a value slipped past the escaping.
        h.Raw("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n");
        h.Raw("<title>").Text($"CredentialLedger audit report, chain {report.ChainId}, blocks {report.Range.FromBlock}–{report.Range.ToBlock}").Raw("</title>\n");
        h.Raw("<style>\n").Raw(Css).Raw("</style>\n</head>\n<body>\n");

        Header(h, report, options);
        h.Raw("<nav><a href=\"#figures\">Figures</a><a href=\"#violations\">Violations</a><a href=\"#documents\">Documents</a>"
            + "<a href=\"#members\">Members</a><a href=\"#credentials\">Credential timelines</a><a href=\"#mras\">MRAs</a>"
            + "<a href=\"#origin\">Certificates of origin</a></nav>\n");
        Figures(h, report);
        Violations(h, report);
        Documents(h, report);
        Members(h, report);
        Credentials(h, report, options);
        Mras(h, report);
        Origin(h, report);
        h.Raw("</body>\n</html>\n");
    }

    private static void Header(Html h, AuditReport r, AuditHtmlOptions options)
    {
        h.Raw("<header id=\"header\">\n<h1>CredentialLedger audit report</h1>\n");
        h.Raw("<p class=\"muted\">Replayed from the registries' events alone; every step checked against the registries' rules.</p>\n<dl>\n");
        h.Term("Chain id", r.ChainId.ToString(CultureInfo.InvariantCulture));
        h.Term("Blocks", $"{r.Range.FromBlock} to {r.Range.ToBlock}");
        h.Raw("<dt>Last block hash</dt><dd class=\"h\">").Text(r.Range.ToBlockHash.ToString()).Raw("</dd>\n");
        h.Term("Last block time", AuditLabels.Time(r.Range.ToBlockTime));
        var generated = options.GeneratedAt ?? r.GeneratedAt;
        h.Term("Generated", generated is { } g ? g.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "not recorded");
        h.Raw("<dt>Registries</dt><dd class=\"h\">").Text($"members {r.Registries.Members.ToChecksumString()}, credentials {r.Registries.Credentials.ToChecksumString()}, "
            + $"MRAs {r.Registries.Mras.ToChecksumString()}, origins {r.Registries.Origins.ToChecksumString()}").Raw("</dd>\n");
        h.Term("Events", string.Create(CultureInfo.InvariantCulture, $"{r.EventCount:N0}")
            + (r.EventCounts.Count == 0 ? "" : " (" + string.Join(", ", r.EventCounts.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Kind} {c.Count:N0}"))) + ")"));
        h.Raw("<dt>Verdict</dt><dd>");
        if (r.Violations.Count == 0)
            h.Raw("<span class=\"ok\">").Text("No rule broken.").Raw("</span>");
        else
            h.Raw("<span class=\"bad\">").Text(string.Create(CultureInfo.InvariantCulture, $"{r.Violations.Count:N0} violation(s): see below.")).Raw("</span>");
        h.Raw("</dd>\n</dl>\n</header>\n");
    }

    private static void Figures(Html h, AuditReport r)
    {
        h.Section("figures", "Programme figures per member and month");
        h.Raw("<p class=\"muted\">").Text("Issued by the anchoring time of their batch; suspensions, reinstatements, revocations, renewals and e-CoO revocations by "
            + "their effective time; MRAs in force at the end of the month (or at the last block, for its month). Months in UTC.").Raw("</p>\n");
        if (r.MonthlyFigures.Count == 0)
        {
            h.Para("No figures: nothing was issued or changed in the blocks replayed.");
            return;
        }
        h.Raw("<table>\n<thead><tr><th>Member</th><th>Month</th><th>AEO issued</th><th>Suspended</th><th>Reinstated</th><th>Revoked</th>"
            + "<th>Renewed (superseded)</th><th>e-CoOs issued</th><th>e-CoOs revoked</th><th>MRAs in force</th></tr></thead>\n<tbody>\n");
        foreach (var member in r.MonthlyFigures.GroupBy(f => f.Member))
        {
            foreach (var f in member)
            {
                h.Raw("<tr>").Cell(f.Member.ToString()).Cell(f.Period).Num(f.Issued).Num(f.Suspended).Num(f.Reinstated).Num(f.Revoked).Num(f.Superseded)
                    .Num(f.OriginIssued).Num(f.OriginRevoked).Num(f.MrasInForce).Raw("</tr>\n");
            }
            var all = member.ToList();
            h.Raw("<tr><th>").Text(member.Key.ToString()).Raw("</th><th>total</th>").Num(all.Sum(f => f.Issued)).Num(all.Sum(f => f.Suspended))
                .Num(all.Sum(f => f.Reinstated)).Num(all.Sum(f => f.Revoked)).Num(all.Sum(f => f.Superseded)).Num(all.Sum(f => f.OriginIssued))
                .Num(all.Sum(f => f.OriginRevoked)).Cell("").Raw("</tr>\n");
        }
        h.Raw("</tbody>\n</table>\n");
    }

    private static void Violations(Html h, AuditReport r)
    {
        h.Section("violations", "Violations");
        if (r.Violations.Count == 0)
        {
            h.Raw("<p class=\"ok\">").Text("None: every event followed the registries' rules.").Raw("</p>\n");
            return;
        }
        h.Raw("<table>\n<thead><tr><th>Block</th><th>Transaction</th><th>Log</th><th>Rule</th><th>What was wrong</th></tr></thead>\n<tbody>\n");
        foreach (var v in r.Violations)
            h.Raw("<tr>").Num(v.Block).Hash(v.Transaction.ToString()).Num(v.LogIndex).Cell(v.Rule).Cell(v.Message).Raw("</tr>\n");
        h.Raw("</tbody>\n</table>\n");
    }

    private static void Documents(Html h, AuditReport r)
    {
        h.Section("documents", "Off-chain documents checked");
        if (r.DocumentChecks.Count == 0)
        {
            h.Para("No documents were given to check.");
            return;
        }
        var bad = r.DocumentChecks.Count(d => !d.Valid);
        h.Para(string.Create(CultureInfo.InvariantCulture, $"{r.DocumentChecks.Count:N0} document(s) checked, {bad:N0} not matching the chain."));
        h.Raw("<table>\n<thead><tr><th>Kind</th><th>Document</th><th>Root#index</th><th>Hash</th><th>Result</th><th>Issuer</th><th>Anchored in block</th></tr></thead>\n<tbody>\n");
        foreach (var d in r.DocumentChecks)
        {
            h.Raw("<tr>").Cell(AuditJsonWriter.KindName(d.Kind)).Cell(d.DocumentId).Hash($"{d.Root}#{d.Index}").Hash(d.DocumentHash.ToString());
            h.Raw(d.Valid ? "<td class=\"ok\">" : "<td class=\"bad\">").Text(d.Valid ? "matches" : $"{d.Rule}: {d.Message}").Raw("</td>");
            h.Cell(d.Chamber is { } chamber ? $"{d.Issuer} ({chamber})" : d.Issuer?.ToString() ?? "").Cell(d.Anchored?.Block.ToString(CultureInfo.InvariantCulture) ?? "").Raw("</tr>\n");
        }
        h.Raw("</tbody>\n</table>\n");
    }

    private static void Members(Html h, AuditReport r)
    {
        h.Section("members", "Members");
        if (r.Members.Count == 0)
        {
            h.Para("No members.");
            return;
        }
        h.Raw("<table>\n<thead><tr><th>Member</th><th>Status</th><th>Membership</th><th>Operator accounts</th><th>Signing keys</th></tr></thead>\n<tbody>\n");
        foreach (var m in r.Members)
        {
            var periods = string.Join("; ", m.Periods.Select(p => $"epoch {p.Epoch}: {(p.ProposalId == 0 ? "founder" : $"proposal {p.ProposalId}")}, "
                + $"from {AuditLabels.Time(p.Admitted.Time)}" + (p.Removed is { } removed ? $" to {AuditLabels.Time(removed.Time)}" : "")));
            var keys = r.Keys.Count(k => k.Member == m.Code && k.Chamber is null);
            h.Raw("<tr>").Cell(m.Code.ToString()).Cell(m.Status.ToString()).Cell(periods).Raw("<td class=\"h\">");
            foreach (var o in m.Operators)
                h.Text(o.Account.ToChecksumString() + (o.Removed is { } gone ? $" (until {AuditLabels.Time(gone.Time)})" : "")).Raw("<br>");
            h.Raw("</td>").Num(keys).Raw("</tr>\n");
        }
        h.Raw("</tbody>\n</table>\n");
    }

    private static void Credentials(Html h, AuditReport r, AuditHtmlOptions options)
    {
        h.Section("credentials", "Credential timelines");
        var anchored = r.CredentialBatches.Sum(b => (long)b.Size);
        h.Para(string.Create(CultureInfo.InvariantCulture,
            $"{r.CredentialBatches.Count:N0} batch(es) anchored with {anchored:N0} AEO credential(s); {r.Credentials.Count:N0} credential(s) changed status and are listed below (every other credential has been Active since its batch was anchored)."));
        if (r.Credentials.Count > options.MaxCredentialTimelines)
        {
            h.Para(string.Create(CultureInfo.InvariantCulture,
                $"The first {options.MaxCredentialTimelines:N0} of {r.Credentials.Count:N0} timelines are shown; the JSON and CSV reports hold them all."));
        }
        foreach (var c in r.Credentials.Take(Math.Max(0, options.MaxCredentialTimelines)))
        {
            h.Raw("<section class=\"credential\">\n<h3>").Text($"{c.Issuer} credential ").Raw("<span class=\"h\">").Text(AuditLabels.Credential(c.Credential))
                .Raw("</span>").Text($": {c.Status}").Raw("</h3>\n");
            h.Raw("<table>\n<thead><tr><th>Date (UTC)</th><th>Event</th><th>Status</th><th>Reason</th><th>Effective</th><th>Block</th><th>Transaction</th></tr></thead>\n<tbody>\n");
            h.Raw("<tr>").Cell(AuditLabels.Time(c.Anchored.Time)).Cell("anchored").Cell("Active").Cell("").Cell(AuditLabels.Time(c.Anchored.Time))
                .Num(c.Anchored.Block).Hash(c.Anchored.Transaction.ToString()).Raw("</tr>\n");
            foreach (var change in c.Changes)
            {
                var kind = AuditLabels.ChangeKind(change) + (change.SupersededBy is { } next ? $" by {AuditLabels.Credential(next)}" : "") + (change.Many ? " (batch change)" : "");
                h.Raw("<tr>").Cell(AuditLabels.Time(change.Recorded.Time)).Cell(kind).Cell(change.To.ToString()).Cell(AuditLabels.Reason(change.Reason))
                    .Cell(AuditLabels.Time(change.EffectiveAt)).Num(change.Recorded.Block).Hash(change.Recorded.Transaction.ToString()).Raw("</tr>\n");
            }
            h.Raw("</tbody>\n</table>\n</section>\n");
        }
    }

    private static void Mras(Html h, AuditReport r)
    {
        h.Section("mras", "Mutual Recognition Arrangements");
        if (r.Mras.Count == 0)
        {
            h.Para("No MRAs were proposed.");
            return;
        }
        foreach (var m in r.Mras)
        {
            var state = m.ConcludedVersion == 0 ? $"{m.Status}, not concluded" : $"{m.Status}, version {m.ConcludedVersion} concluded";
            h.Raw("<h3>").Text($"MRA {m.Id}: {string.Join(", ", m.Parties)} ({state})").Raw("</h3>\n");
            h.Para($"Proposed by {m.Proposer} on {AuditLabels.Time(m.Proposed.Time)} (block {m.Proposed.Block}).");
            h.Raw("<table>\n<thead><tr><th>Version</th><th>Proposed by</th><th>Scope</th><th>Benefits</th><th>Valid from</th><th>Valid until</th>"
                + "<th>Opened</th><th>Accepted by</th><th>Concluded</th></tr></thead>\n<tbody>\n");
            foreach (var v in m.Versions)
            {
                h.Raw("<tr>").Num(v.Version).Cell(v.Proposer.ToString()).Cell(AuditLabels.Scope(v.Scope)).Cell(AuditLabels.BenefitNames(v.Benefits))
                    .Cell(AuditLabels.Time(v.ValidFrom)).Cell(v.ValidUntil == 0 ? "no end" : AuditLabels.Time(v.ValidUntil)).Cell(AuditLabels.Time(v.Opened.Time))
                    .Cell(string.Join(", ", v.Acceptances.Select(a => $"{a.Party} {AuditLabels.Time(a.Recorded.Time)}")))
                    .Cell(v.Concluded is { } concluded ? $"{AuditLabels.Time(concluded.Time)} (block {concluded.Block})" : "no").Raw("</tr>\n");
            }
            h.Raw("</tbody>\n</table>\n");
            if (m.StateChanges.Count > 0)
            {
                h.Raw("<table>\n<thead><tr><th>Date (UTC)</th><th>New status</th><th>By</th><th>Reason</th><th>Block</th></tr></thead>\n<tbody>\n");
                foreach (var s in m.StateChanges)
                {
                    h.Raw("<tr>").Cell(AuditLabels.Time(s.Recorded.Time)).Cell(s.Status.ToString()).Cell(s.Party.ToString())
                        .Cell(s.Status == MraStatus.Active ? "" : AuditLabels.Reason(s.Reason)).Num(s.Recorded.Block).Raw("</tr>\n");
                }
                h.Raw("</tbody>\n</table>\n");
            }
        }
    }

    private static void Origin(Html h, AuditReport r)
    {
        h.Section("origin", "Certificates of origin");
        if (r.Chambers.Count == 0 && r.OriginBatches.Count == 0)
        {
            h.Para("No chambers of commerce were authorized and no certificates of origin anchored.");
            return;
        }
        if (r.Chambers.Count > 0)
        {
            h.Raw("<h3>Chambers of commerce</h3>\n<table>\n<thead><tr><th>Chamber</th><th>Member</th><th>Authorized</th><th>Status</th><th>Changes</th></tr></thead>\n<tbody>\n");
            foreach (var c in r.Chambers)
            {
                h.Raw("<tr>").Cell(c.Id.ToString()).Cell(c.Member.ToString()).Cell(AuditLabels.Time(c.Authorized.Time)).Cell(c.Status.ToString())
                    .Cell(string.Join("; ", c.Changes.Select(ch => $"{AuditLabels.Time(ch.Recorded.Time)} {ch.Status}" + (ch.Reason == 0 ? "" : $" ({AuditLabels.Reason(ch.Reason)})"))))
                    .Raw("</tr>\n");
            }
            h.Raw("</tbody>\n</table>\n");
        }
        if (r.OriginBatches.Count == 0)
        {
            h.Para("No certificates of origin were anchored.");
            return;
        }
        h.Raw("<h3>Batches</h3>\n<table>\n<thead><tr><th>Root</th><th>Chamber</th><th>Member</th><th>Certificates</th><th>Anchored</th><th>Block</th>"
            + "<th>Revoked</th><th>Used</th></tr></thead>\n<tbody>\n");
        foreach (var b in r.OriginBatches)
        {
            h.Raw("<tr>").Hash(b.Root.ToString()).Cell(b.Chamber.ToString()).Cell(b.Member.ToString()).Num(b.Size).Cell(AuditLabels.Time(b.Anchored.Time))
                .Num(b.Anchored.Block).Num(b.Revocations.Count).Num(b.Uses.Count).Raw("</tr>\n");
        }
        h.Raw("</tbody>\n</table>\n");
        var revocations = r.OriginBatches.SelectMany(b => b.Revocations.Select(x => (Batch: b, Revocation: x))).ToList();
        if (revocations.Count > 0)
        {
            h.Raw("<h3>Revocations</h3>\n<table>\n<thead><tr><th>Certificate (root#index)</th><th>Chamber</th><th>Reason</th><th>Effective</th><th>Recorded</th><th>Block</th></tr></thead>\n<tbody>\n");
            foreach (var (b, x) in revocations)
            {
                h.Raw("<tr>").Hash($"{b.Root}#{x.Index}").Cell(b.Chamber.ToString()).Cell(AuditLabels.Reason(x.Reason)).Cell(AuditLabels.Time(x.EffectiveAt))
                    .Cell(AuditLabels.Time(x.Recorded.Time)).Num(x.Recorded.Block).Raw("</tr>\n");
            }
            h.Raw("</tbody>\n</table>\n");
        }
        var uses = r.OriginBatches.SelectMany(b => b.Uses.Select(u => (Batch: b, Use: u))).ToList();
        if (uses.Count > 0)
        {
            h.Raw("<h3>First uses</h3>\n<table>\n<thead><tr><th>Certificate (root#index)</th><th>Used by</th><th>Declaration reference</th><th>Recorded</th><th>Block</th></tr></thead>\n<tbody>\n");
            foreach (var (b, u) in uses)
            {
                h.Raw("<tr>").Hash($"{b.Root}#{u.Index}").Cell(u.Member.ToString()).Hash(u.DeclarationRef.ToString()).Cell(AuditLabels.Time(u.Recorded.Time))
                    .Num(u.Recorded.Block).Raw("</tr>\n");
            }
            h.Raw("</tbody>\n</table>\n");
        }
    }

    // Every value goes through Text (HTML-escaped); Raw is for the page's own markup only.
    private sealed class Html(TextWriter output)
    {
        public Html Raw(string markup)
        {
            output.Write(markup);
            return this;
        }

        public Html Text(string value)
        {
            output.Write(WebUtility.HtmlEncode(value));
            return this;
        }

        public Html Cell(string value) => Raw("<td>").Text(value).Raw("</td>");

        public Html Hash(string value) => Raw("<td class=\"h\">").Text(value).Raw("</td>");

        public Html Num(long value) => Raw("<td class=\"n\">").Text(value.ToString("N0", CultureInfo.InvariantCulture)).Raw("</td>");

        public Html Num(ulong value) => Raw("<td class=\"n\">").Text(value.ToString(CultureInfo.InvariantCulture)).Raw("</td>");

        public void Term(string name, string value) => Raw("<dt>").Text(name).Raw("</dt><dd>").Text(value).Raw("</dd>\n");

        public void Para(string text) => Raw("<p>").Text(text).Raw("</p>\n");

        public void Section(string id, string title) => Raw("<h2 id=\"").Raw(id).Raw("\">").Text(title).Raw("</h2>\n");
    }
}
