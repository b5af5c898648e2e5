using System.Text.RegularExpressions;
using CredentialLedger.Sdk.Audit.Reports;

namespace CredentialLedger.Sdk.Tests.Audit.Reports;

public sealed partial class AuditHtmlWriterTests
{
    private static readonly DateTimeOffset Generated = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_page_has_every_section_in_order()
    {
        var html = AuditHtmlWriter.ToHtml(SampleAuditReport.Create(), new AuditHtmlOptions { GeneratedAt = Generated });

        var positions = new[] { "header", "figures", "violations", "documents", "members", "credentials", "mras", "origin" }
            .Select(id => html.IndexOf($"id=\"{id}\"", StringComparison.Ordinal)).ToList();
        Assert.All(positions, p => Assert.True(p > 0));
        Assert.Equal(positions.Order(), positions);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.EndsWith("</html>\n", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_header_names_the_chain_the_block_range_the_last_block_hash_and_when_it_was_generated()
    {
        var report = SampleAuditReport.Create();

        var html = AuditHtmlWriter.ToHtml(report, new AuditHtmlOptions { GeneratedAt = Generated });

        var header = html[html.IndexOf("<header", StringComparison.Ordinal)..html.IndexOf("</header>", StringComparison.Ordinal)];
        Assert.Contains("<dt>Chain id</dt><dd>31337</dd>", header, StringComparison.Ordinal);
        Assert.Contains("<dt>Blocks</dt><dd>0 to 9</dd>", header, StringComparison.Ordinal);
        Assert.Contains(report.Range.ToBlockHash.ToString(), header, StringComparison.Ordinal);
        Assert.Contains("<dt>Generated</dt><dd>2026-03-01T12:00:00Z</dd>", header, StringComparison.Ordinal);
        Assert.Contains("1 violation(s)", header, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_with_a_script_tag_comes_out_as_inert_text()
    {
        const string hostile = "<script>alert('x')</script><img src=x onerror=alert(1)>\"&";

        var html = AuditHtmlWriter.ToHtml(SampleAuditReport.Create(hostile));

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;&quot;&amp;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_page_is_self_contained_with_no_scripts_and_nothing_fetched()
    {
        var html = AuditHtmlWriter.ToHtml(SampleAuditReport.Create());

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
        // The only links go to the page's own sections.
        Assert.All(HrefPattern().Matches(html), m => Assert.StartsWith("#", m.Groups[1].Value, StringComparison.Ordinal));
        Assert.Contains("default-src 'none'", html, StringComparison.Ordinal);
        Assert.Contains("<style>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Figures_timeline_MRAs_and_origin_sections_carry_their_values()
    {
        var report = SampleAuditReport.Create();

        var html = AuditHtmlWriter.ToHtml(report);

        Assert.Contains("<tr><td>KR</td><td>2026-01</td><td class=\"n\">4</td><td class=\"n\">1</td>", html, StringComparison.Ordinal);
        Assert.Contains($"{SampleAuditReport.Root}#2", html, StringComparison.Ordinal);
        Assert.Contains("<td>suspended</td><td>Suspended</td><td>3 financial solvency</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>reinstated (batch change)</td>", html, StringComparison.Ordinal);
        Assert.Contains("MRA 1: KR, UZ (Active, version 1 concluded)", html, StringComparison.Ordinal);
        Assert.Contains("<td>AEO-S, AEO-C</td><td>fewer documentary checks; priority and faster release</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>Suspended</td><td>UZ</td><td>11 judicial or administrative decision</td>", html, StringComparison.Ordinal);
        Assert.Contains(SampleAuditReport.OriginRoot.ToString(), html, StringComparison.Ordinal);
        Assert.Contains("<td>7 issued in error</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void No_violations_says_none_and_the_header_says_no_rule_broken()
    {
        var html = AuditHtmlWriter.ToHtml(SampleAuditReport.Create(violations: []));

        Assert.Contains("None: every event followed the registries&#39; rules.", html, StringComparison.Ordinal);
        Assert.Contains("No rule broken.", html, StringComparison.Ordinal);
        Assert.Contains("<dt>Generated</dt><dd>not recorded</dd>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Timelines_beyond_the_limit_are_left_out_and_the_page_says_so()
    {
        var html = AuditHtmlWriter.ToHtml(SampleAuditReport.Create(), new AuditHtmlOptions { MaxCredentialTimelines = 0 });

        Assert.DoesNotContain("<section class=\"credential\">", html, StringComparison.Ordinal);
        Assert.Contains("The first 0 of 1 timelines are shown", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_report_and_options_give_the_same_page()
    {
        var options = new AuditHtmlOptions { GeneratedAt = Generated };

        Assert.Equal(AuditHtmlWriter.ToHtml(SampleAuditReport.Create(), options), AuditHtmlWriter.ToHtml(SampleAuditReport.Create(), options));
    }

    [GeneratedRegex("href=\"([^\"]*)\"")]
    private static partial Regex HrefPattern();
}
