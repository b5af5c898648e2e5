using CredentialLedger.Contracts;
using CredentialLedger.Node.Audit;
using CredentialLedger.Node.Tests.Cli;
using CredentialLedger.TestKit;
using Microsoft.Data.Sqlite;

namespace CredentialLedger.Node.Tests.Audit;

/// <summary>
/// <c>credledger audit compare</c> and <see cref="ReadModelComparison"/> on a node whose history has every kind of
/// credential change and certificates of origin issued, revoked and used: the replay and the read model agree on every
/// credential and certificate; a read model damaged in one row is caught on exactly that credential.
/// </summary>
[Collection(ChamberNodeHistoryCollection.Name)]
public sealed class AuditCompareTests(ChamberNodeHistory history) : IDisposable
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(120);
    private readonly TempDirectory _directory = new("audit-compare");

    private static IReadOnlyDictionary<string, string?> Env => Credledger.Environment();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task The_replay_and_the_read_model_agree_on_every_credential_and_certificate_of_origin_and_compare_exits_0()
    {
        using var cts = new CancellationTokenSource(TestTimeout);
        var replay = await history.ReplayAsync(cts.Token);
        var snapshot = ReadModelSnapshot.Read(history.Database);
        Assert.Equal(replay.Range.ToBlock, snapshot.Block);
        Assert.Empty(replay.State.Violations);

        var compared = ReadModelComparison.Compare(ComparedState.FromReport(replay.ToReport()), snapshot.State);
        var result = await Credledger.RunAsync(Env, cts.Token, "audit", "compare", "--data", history.Data);

        // Six AEO credentials (five issued, one renewal) and six certificates of origin (a batch of five, one alone).
        Assert.True(compared.Agrees, string.Join("\n", compared.Differences));
        Assert.Equal((6, 6), (compared.Credentials, compared.OriginCertificates));
        // The read model holds what the comparison had to check: each kind of change, a revocation and a use.
        Assert.Equal([CredentialStatus.Active, CredentialStatus.Suspended, CredentialStatus.Revoked, CredentialStatus.Superseded],
            snapshot.State.Statuses.Values.Select(s => s.Status).Distinct().Order());
        Assert.Equal(2, snapshot.State.OriginMarks.Values.Count(m => m.RevokedAt is not null));
        Assert.Equal("UZ", Assert.Single(snapshot.State.OriginMarks.Values, m => m.UsedBy is not null).UsedBy);
        Assert.All(snapshot.State.OriginBatches.Values, b => Assert.NotNull(b.Block));
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("", result.Error);
        Assert.Contains("6 AEO credential(s) and 6 certificate(s) of origin; they agree on every one.", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_read_model_row_changed_in_the_database_is_reported_on_exactly_that_credential_with_exit_3()
    {
        using var cts = new CancellationTokenSource(TestTimeout);
        var copy = CopyOfNode();
        var victim = history.Suspended;
        var database = Path.Combine(copy, "node.db");
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString()))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE rm_statuses SET status = 2 WHERE root = $r AND leaf_index = $i";
            command.Parameters.AddWithValue("$r", victim.Root.ToArray());
            command.Parameters.AddWithValue("$i", (long)victim.Index);
            Assert.Equal(1, command.ExecuteNonQuery());
        }

        var result = await Credledger.RunAsync(Env, cts.Token, "audit", "compare", "--data", copy);

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains("6 AEO credential(s) and 6 certificate(s) of origin; 1 DIFFERENCE(S):", result.Out, StringComparison.Ordinal);
        var listed = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("  ", StringComparison.Ordinal));
        var line = Assert.Single(listed);
        Assert.StartsWith($"  AEO credential {victim.Root}#{victim.Index}: status: the chain says Suspended (reason 6, ", line, StringComparison.Ordinal);
        Assert.Contains("; the read model says Revoked (reason 6, ", line, StringComparison.Ordinal);
        var difference = Assert.Single(ReadModelComparison.Compare(
            ComparedState.FromReport((await history.ReplayAsync(cts.Token)).ToReport()), ReadModelSnapshot.Read(database).State).Differences);
        Assert.Equal((ComparedItemKind.Credential, victim.Root, (uint?)victim.Index, "status"), (difference.Kind, difference.Root, difference.Index, difference.Field));
    }

    [Fact]
    public async Task A_node_without_a_database_or_an_indexed_block_is_a_one_line_error_with_exit_1()
    {
        var copy = CopyOfNode();
        File.Delete(Path.Combine(copy, "node.db"));

        var missing = await Credledger.RunAsync(Env, CancellationToken.None, "audit", "compare", "--data", copy);
        var nowhere = await Credledger.RunAsync(Env, CancellationToken.None, "audit", "compare", "--data", _directory.File("nothing"));

        Assert.True(missing.ExitCode == 1, missing.ToString());
        Assert.Contains("node.db does not exist", Assert.Single(missing.ErrorLines), StringComparison.Ordinal);
        Assert.True(nowhere.ExitCode == 1, nowhere.ToString());
        Assert.StartsWith("error: ", Assert.Single(nowhere.ErrorLines), StringComparison.Ordinal);
        Assert.Contains("node.json does not exist", nowhere.Error, StringComparison.Ordinal);
    }

    /// <summary>A copy of KR's data directory (the nodes are stopped), so a test may damage it.</summary>
    private string CopyOfNode()
    {
        var target = _directory.File("node");
        foreach (var file in Directory.EnumerateFiles(history.Data, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(history.Data, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
        return target;
    }
}
