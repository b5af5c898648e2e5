using System.Globalization;
using System.Text;
using CredentialLedger.Sdk.Audit;
using CredentialLedger.Sdk.Audit.Reports;
using CredentialLedger.TestKit;

namespace CredentialLedger.Sdk.Tests.Audit.Reports;

public sealed class AuditCsvWriterTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("", "")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("carriage\rreturn", "\"carriage\rreturn\"")]
    [InlineData("\"", "\"\"\"\"")]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+1", "'+1")]
    [InlineData("-1", "'-1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("a=b", "a=b")]
    public void A_field_is_quoted_as_RFC_4180_says_and_formula_text_is_defused(string value, string expected) =>
        Assert.Equal(expected, AuditCsvWriter.Field(value));

    [Fact]
    public void A_message_with_commas_quotes_and_line_breaks_reads_back_as_one_field_of_one_record()
    {
        const string message = "sender 0xabc, not an operator; said \"trust me\"\r\nsecond line";
        var report = SampleAuditReport.Create(message);
        using var output = new StringWriter(CultureInfo.InvariantCulture);

        AuditCsvWriter.WriteViolations(report, output);

        var records = ParseRfc4180(output.ToString());
        Assert.Equal(2, records.Count);
        Assert.Equal(["block", "transaction", "log_index", "rule", "message"], records[0]);
        Assert.Equal(["5", report.Violations[0].Transaction.ToString(), "0", AuditRules.CredentialActor, message], records[1]);
    }

    [Fact]
    public void Records_end_with_CRLF_and_every_record_of_a_file_has_the_header_s_field_count()
    {
        var report = SampleAuditReport.Create("x, \"y\"\nz");
        foreach (var write in new Action<AuditReport, TextWriter>[]
                 {
                     AuditCsvWriter.WriteCredentials, AuditCsvWriter.WriteFigures, AuditCsvWriter.WriteViolations, AuditCsvWriter.WriteMras,
                     AuditCsvWriter.WriteDocuments,
                 })
        {
            using var output = new StringWriter(CultureInfo.InvariantCulture);
            write(report, output);
            var text = output.ToString();

            Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
            var records = ParseRfc4180(text);
            Assert.True(records.Count >= 2, text);
            Assert.All(records, r => Assert.Equal(records[0].Count, r.Count));
        }
    }

    [Fact]
    public void The_credentials_timeline_has_the_anchoring_then_each_change_with_its_block_and_reason()
    {
        var report = SampleAuditReport.Create();
        using var output = new StringWriter(CultureInfo.InvariantCulture);

        AuditCsvWriter.WriteCredentials(report, output);

        var records = ParseRfc4180(output.ToString());
        var header = records[0];
        string Field(int row, string name) => records[row][header.IndexOf(name)];
        Assert.Equal(4, records.Count);
        Assert.Equal(["anchored", "suspended", "reinstated"], records.Skip(1).Select((_, i) => Field(i + 1, "event")));
        Assert.Equal($"{SampleAuditReport.Root}#2", Field(2, "credential"));
        Assert.Equal("3", Field(2, "reason"));
        Assert.Equal("5", Field(2, "block"));
        Assert.Equal("2026-01-01T22:13:20Z", Field(2, "effective_at"));
        Assert.Equal("2026-01-02T00:00:00Z", Field(2, "recorded_at"));
        Assert.Equal("true", Field(3, "many"));
    }

    [Fact]
    public void Figures_are_plain_invariant_integers_without_group_separators()
    {
        var report = SampleAuditReport.Create() with
        {
            MonthlyFigures = [new AuditMonthlyFigures(SampleAuditReport.KR, 2026, 1, 1_234_567, 0, 0, 0, 0, 0, 0, 2)],
        };
        using var output = new StringWriter(CultureInfo.InvariantCulture);

        AuditCsvWriter.WriteFigures(report, output);

        Assert.Equal("member,month,issued,suspended,reinstated,revoked,superseded,coo_issued,coo_revoked,mras_in_force\r\nKR,2026-01,1234567,0,0,0,0,0,0,2\r\n",
            output.ToString());
    }

    [Fact]
    public void Write_directory_writes_the_five_files_in_UTF8_without_BOM()
    {
        using var directory = new TempDirectory("audit-csv");
        var target = Path.Combine(directory.Path, "csv");

        var files = AuditCsvWriter.WriteDirectory(SampleAuditReport.Create("Ünïcode, ✓"), target);

        Assert.Equal([AuditCsvWriter.CredentialsFile, AuditCsvWriter.FiguresFile, AuditCsvWriter.ViolationsFile, AuditCsvWriter.MrasFile, AuditCsvWriter.DocumentsFile],
            files.Select(Path.GetFileName));
        var violations = File.ReadAllBytes(Path.Combine(target, AuditCsvWriter.ViolationsFile));
        Assert.NotEqual(0xEF, violations[0]);
        Assert.Contains("\"Ünïcode, ✓\"", Encoding.UTF8.GetString(violations), StringComparison.Ordinal);
    }

    [Fact]
    public void The_MRA_file_has_the_proposal_version_acceptances_conclusion_and_suspension_in_order()
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);

        AuditCsvWriter.WriteMras(SampleAuditReport.Create(), output);

        var records = ParseRfc4180(output.ToString());
        var eventColumn = records[0].IndexOf("event");
        Assert.Equal(["proposed", "version", "accepted", "accepted", "concluded", "Suspended"], records.Skip(1).Select(r => r[eventColumn]));
        Assert.Equal("AEO-S, AEO-C", records[2][records[0].IndexOf("scope")]);
    }

    // A strict RFC 4180 reader: records end with CRLF; a quoted field may hold anything, "" is a quote.
    private static List<List<string>> ParseRfc4180(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"')
            {
                i++;
                while (true)
                {
                    if (text[i] == '"' && i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i += 2;
                    }
                    else if (text[i] == '"')
                    {
                        i++;
                        break;
                    }
                    else
                    {
                        field.Append(text[i++]);
                    }
                }
            }
            else
            {
                while (i < text.Length && text[i] != ',' && text[i] != '\r')
                {
                    Assert.True(text[i] != '"' && text[i] != '\n', $"unquoted special character at {i}");
                    field.Append(text[i++]);
                }
            }
            record.Add(field.ToString());
            field.Clear();
            if (text[i] == ',')
            {
                i++;
                continue;
            }
            Assert.Equal("\r\n", text.Substring(i, 2));
            i += 2;
            records.Add(record);
            record = [];
        }
        return records;
    }
}
