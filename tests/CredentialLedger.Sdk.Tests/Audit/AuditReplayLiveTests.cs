using CredentialLedger.Contracts;
using CredentialLedger.Sdk.Audit;
using CredentialLedger.Sdk.Ledger;
using CredentialLedger.TestKit;
using static CredentialLedger.Sdk.Tests.Audit.AuditAnvilHistory;

namespace CredentialLedger.Sdk.Tests.Audit;

/// <summary>Replays of a scripted anvil history with every kind of registry event.</summary>
[Trait("Category", "Live")]
public sealed class AuditReplayLiveTests(AuditAnvilHistory history) : IClassFixture<AuditAnvilHistory>
{
    private static CancellationToken Timeout => new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token;

    private Task<AuditResult> ReplayAsync(AuditReplayOptions? options = null, IProgress<AuditProgress>? progress = null) =>
        new AuditReplayer(history.Client, history.Registries, options).ReplayAsync(progress, Timeout);


    [Fact]
    public async Task Replay_rebuilds_the_scripted_history_with_no_violation()
    {
        var result = await ReplayAsync();
        var report = result.ToReport();
        Assert.Empty(report.Violations);
        Assert.Equal((AuditSource.Rpc, 31337ul, history.Head), (result.Source, report.ChainId, report.Range.ToBlock));

        var counts = report.EventCounts.ToDictionary(c => c.Kind, c => c.Count);
        Assert.Equal(new Dictionary<string, long>
        {
            ["BatchAnchored"] = 4, ["CertificateRevoked"] = 1, ["CertificateUsed"] = 1, ["ChamberAccountAdded"] = 3, ["ChamberAccountRemoved"] = 1,
            ["ChamberAuthorized"] = 2, ["ChamberReinstated"] = 1, ["ChamberSuspended"] = 1, ["ChamberWithdrawn"] = 2, ["CredentialStatusChanged"] = 4,
            ["CredentialStatusesChanged"] = 4, ["CredentialSuperseded"] = 3, ["KeyRegistered"] = 4, ["KeyRevoked"] = 1, ["MemberAdmitted"] = 4,
            ["MemberRemoved"] = 1, ["MraAccepted"] = 9, ["MraAmended"] = 1, ["MraConcluded"] = 3, ["MraProposed"] = 3, ["MraResumed"] = 1,
            ["MraSuspended"] = 1, ["MraTerminated"] = 1, ["OperatorAdded"] = 5, ["OperatorRemoved"] = 1, ["OriginBatchAnchored"] = 1,
            ["ProposalCreated"] = 2, ["ProposalExecuted"] = 2, ["VoteCast"] = 5,
        }, counts);
        Assert.Equal(counts.Values.Sum(), report.EventCount);

        // Members, operators, governance.
        Assert.Equal([DE, KR, KZ, UZ], report.Members.Select(m => m.Code));
        var de = report.Members[0];
        var dePeriod = Assert.Single(de.Periods);
        Assert.Equal((MemberStatus.Removed, 1u, history.AdmitDe, history.RemoveDe), (de.Status, dePeriod.Epoch, dePeriod.ProposalId, dePeriod.RemovalProposalId));
        Assert.Equal(history.Accounts[9], dePeriod.Admitted.Sender);
        var deOperator = Assert.Single(de.Operators);
        Assert.Equal((history.Accounts[5], true), (deOperator.Account, deOperator.Removed is not null));
        var kr = report.Members[1];
        Assert.Equal([history.Accounts[1], history.Accounts[4]], kr.Operators.Select(o => o.Account));
        Assert.All(kr.Operators, o => Assert.Null(o.Removed));
        Assert.Equal([(history.AdmitDe, new[] { KR, UZ }), (history.RemoveDe, new[] { KZ, UZ, KR })],
            report.Proposals.Select(p => (p.Id, p.Votes.Select(v => v.Voter).ToArray())));
        Assert.All(report.Proposals, p => Assert.NotNull(p.Executed));

        // Keys.
        Assert.Equal(4, report.Keys.Count);
        var extra = report.Keys.Single(k => k.KeyId == history.ExtraKeyId);
        Assert.Equal((history.Accounts[4], extra.Registered.Time), (Assert.Single(extra.Revocations).Recorded.Sender, extra.RevokedAt));
        Assert.Equal(KrChamber, report.Keys.Single(k => k.KeyId == history.ChamberKeyId).Chamber);

        // Chambers.
        Assert.Equal([KrChamber, UzChamber], report.Chambers.Select(c => c.Id).Order());
        var krChamber = report.Chambers.Single(c => c.Id == KrChamber);
        Assert.Equal((KR, ChamberStatus.Withdrawn), (krChamber.Member, krChamber.Status));
        Assert.Equal([ChamberStatus.Suspended, ChamberStatus.Active, ChamberStatus.Withdrawn], krChamber.Changes.Select(c => c.Status));
        Assert.Equal([(history.Accounts[6], false), (history.Accounts[7], true)], krChamber.Accounts.Select(a => (a.Account, a.Removed is not null)));
        Assert.Equal(ChamberStatus.Withdrawn, report.Chambers.Single(c => c.Id == UzChamber).Status);

        // AEO credentials: batches in anchoring order, every changed credential with its timeline.
        Assert.Equal([(history.BatchA, KR, 6u), (history.BatchB, KR, 3u), (history.BatchU, UZ, 2u), (history.BatchC, KR, 1u)],
            report.CredentialBatches.Select(b => (b.Root, b.Issuer, b.Size)));
        var timelines = report.Credentials.ToDictionary(c => c.Credential, c => c);
        Assert.Equal(8, timelines.Count);
        var a0 = timelines[new CredentialRef(history.BatchA, 0)];
        Assert.Equal([CredentialStatus.Suspended, CredentialStatus.Active, CredentialStatus.Superseded], a0.Changes.Select(c => c.To));
        Assert.Equal((CredentialStatus.Superseded, new CredentialRef(history.BatchB, 0), history.Accounts[4]),
            (a0.Status, a0.Changes[2].SupersededBy!.Value, a0.Changes[2].Recorded.Sender));
        Assert.Equal((history.A0SuspendedBlock, history.A0SuspendedAt, (byte)1), (a0.Changes[0].Recorded.Block, a0.Changes[0].EffectiveAt, a0.Changes[0].Reason));
        var a1 = timelines[new CredentialRef(history.BatchA, 1)];
        Assert.Equal([(CredentialStatus.Suspended, true), (CredentialStatus.Active, true), (CredentialStatus.Superseded, false)],
            a1.Changes.Select(c => (c.To, c.Many)));
        Assert.Equal(new CredentialRef(history.BatchB, 1), a1.Changes[2].SupersededBy);
        Assert.Equal([CredentialStatus.Suspended, CredentialStatus.Revoked], timelines[new CredentialRef(history.BatchA, 2)].Changes.Select(c => c.To));
        Assert.Equal(CredentialStatus.Revoked, timelines[new CredentialRef(history.BatchA, 3)].Status);
        Assert.Equal(CredentialStatus.Revoked, timelines[new CredentialRef(history.BatchA, 4)].Status);
        Assert.Equal(new CredentialRef(history.BatchB, 2), timelines[new CredentialRef(history.BatchA, 5)].Changes.Single().SupersededBy);
        var u1 = timelines[new CredentialRef(history.BatchU, 1)].Changes.Single();
        Assert.Equal((CredentialStatus.Suspended, history.U1EffectiveAt, (byte)5), (u1.To, u1.EffectiveAt, u1.Reason));
        Assert.True(u1.Recorded.Time > u1.EffectiveAt);
        Assert.Equal(CredentialStatus.Revoked, timelines[new CredentialRef(history.BatchC, 0)].Status);

        // Certificates of origin.
        var origin = Assert.Single(report.OriginBatches);
        Assert.Equal((history.OriginBatch, KrChamber, KR, 3u, history.Accounts[6]), (origin.Root, origin.Chamber, origin.Member, origin.Size, origin.Anchored.Sender));
        Assert.Equal((2u, history.Accounts[7]), (Assert.Single(origin.Revocations).Index, origin.Revocations[0].Recorded.Sender));
        Assert.Equal((1u, UZ), (Assert.Single(origin.Uses).Index, origin.Uses[0].Member));

        // MRAs.
        Assert.Equal([history.Mra1, history.Mra2, history.Mra3], report.Mras.Select(m => m.Id));
        var mra1 = report.Mras[0];
        Assert.Equal((MraStatus.Active, 1u, history.Mra1ConcludedAt), (mra1.Status, mra1.ConcludedVersion, mra1.Versions[0].Concluded!.Value.Time));
        Assert.Equal([KR, UZ], mra1.Versions[0].Acceptances.Select(a => a.Party));
        var mra2 = report.Mras[1];
        Assert.Equal((MraStatus.Terminated, 2u, 2), (mra2.Status, mra2.ConcludedVersion, mra2.Versions.Count));
        Assert.Equal([UZ, KR, KZ], mra2.Versions[0].Acceptances.Select(a => a.Party));
        Assert.Equal((KZ, 0b11u, 0b111u), (mra2.Versions[1].Proposer, mra2.Versions[1].Scope, mra2.Versions[1].Benefits));
        Assert.Equal([KZ, KR, UZ], mra2.Versions[1].Acceptances.Select(a => a.Party));
        Assert.Equal([(MraStatus.Suspended, KR), (MraStatus.Active, UZ), (MraStatus.Terminated, KZ)], mra2.StateChanges.Select(s => (s.Status, s.Party)));
        var mra3 = report.Mras[2];
        Assert.Equal((MraStatus.Active, 0u), (mra3.Status, mra3.ConcludedVersion));
        Assert.Equal([DE, KR], mra3.Parties);

        // Monthly figures: January 2026 holds the first part of the script, February or March the part 40 days later.
        var january = report.MonthlyFigures.Single(f => f.Member == KR && f.Period == "2026-01");
        Assert.Equal((9L, 3L, 2L, 3L, 3L, 3L, 1L, 1), (january.Issued, january.Suspended, january.Reinstated, january.Revoked, january.Superseded,
            january.OriginIssued, january.OriginRevoked, january.MrasInForce));
        var later = AuditJsonWriter.FormatTime(report.Range.ToBlockTime)[..7];
        var last = report.MonthlyFigures.Single(f => f.Member == KR && f.Period == later);
        Assert.Equal((1L, 1L, 0L, 1), (last.Issued, last.Revoked, last.OriginIssued, last.MrasInForce));
        var uzJanuary = report.MonthlyFigures.Single(f => f.Member == UZ && f.Period == "2026-01");
        Assert.Equal((2L, 1L, 1), (uzJanuary.Issued, uzJanuary.Suspended, uzJanuary.MrasInForce));
        Assert.Equal(report.MonthlyFigures.OrderBy(f => f.Member).ThenBy(f => f.Period, StringComparer.Ordinal), report.MonthlyFigures);
        Assert.Contains(report.MonthlyFigures, f => f.Member == DE && f.Period == later);
    }

    [Fact]
    public async Task Two_replays_one_in_tiny_pages_write_byte_identical_json()
    {
        var first = AuditJsonWriter.ToBytes((await ReplayAsync()).ToReport(history.Documents));
        var second = AuditJsonWriter.ToBytes((await ReplayAsync(new AuditReplayOptions
        {
            MaxLogBlockRange = 3, TargetLogsPerRequest = 2, MaxParallelBlockFetches = 1,
        })).ToReport(history.Documents));
        Assert.Equal(first, second);
        Assert.True(first.Length > 10_000);
        Assert.DoesNotContain((byte)'\r', first);
    }

    [Fact]
    public async Task A_replay_from_its_cache_writes_the_same_json_as_from_rpc()
    {
        using var directory = new TempDirectory("audit-cache");
        var path = directory.File("events.claudit");
        var progress = new List<AuditProgress>();
        var fromRpc = await ReplayAsync(new AuditReplayOptions { CachePath = path }, new SyncProgress<AuditProgress>(progress.Add));
        Assert.Equal((history.Head, history.Head, fromRpc.EventCount), (progress[^1].Block, progress[^1].Target, progress[^1].Events));
        Assert.False(File.Exists(path + ".partial"));

        var header = AuditReplayer.ReadCacheHeader(path);
        Assert.Equal((31337ul, history.Registries, 0ul, history.Head, fromRpc.Range.ToBlockHash, fromRpc.EventCount),
            (header.ChainId, header.Registries, header.FromBlock, header.ToBlock, header.ToBlockHash, header.LogCount));

        var fromCache = AuditReplayer.ReplayCache(path, 31337, history.Registries, null, Timeout);
        Assert.Equal(AuditSource.Cache, fromCache.Source);
        Assert.Equal(AuditJsonWriter.ToBytes(fromRpc.ToReport(history.Documents)), AuditJsonWriter.ToBytes(fromCache.ToReport(history.Documents)));

        // A replay given the cache again reads it instead of the chain, and rewrites the same file.
        var before = await File.ReadAllBytesAsync(path);
        var again = await ReplayAsync(new AuditReplayOptions { CachePath = path });
        Assert.Equal(AuditSource.Cache, again.Source);
        Assert.Equal(before, await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task The_replay_agrees_with_the_sdk_ledger_history_on_every_credential_and_mra()
    {
        var result = await ReplayAsync();
        var ledger = new LedgerHistory();
        await new LedgerSync(history.Client, history.Registries, 0, ledger).SyncAsync(null, Timeout);
        var report = result.ToReport();
        var times = new SortedSet<ulong> { report.Range.ToBlockTime, history.Mra1ConcludedAt - 1, history.Mra1ConcludedAt };
        foreach (var credential in report.Credentials)
        {
            times.Add(credential.Anchored.Time);
            foreach (var change in credential.Changes)
            {
                times.Add(change.EffectiveAt - 1);
                times.Add(change.EffectiveAt);
                times.Add(change.Recorded.Time);
            }
        }
        var compared = 0;
        foreach (var batch in report.CredentialBatches)
        {
            for (var index = 0u; index < batch.Size; index++)
            {
                var credential = new CredentialRef(batch.Root, index);
                foreach (var t in times.Where(t => t >= batch.Anchored.Time))
                {
                    Assert.Equal(ledger.StatusOf(credential, t).Status, result.State.StatusAt(credential, t).Status);
                    compared++;
                }
            }
        }
        foreach (var t in times)
        {
            foreach (var (a, b) in new[] { (UZ, KR), (KR, KZ), (KZ, UZ), (DE, KR) })
                Assert.Equal(ledger.MrasInForce(a, b, t).Select(m => m.Mra.Id), result.State.MrasInForce(a, b, t).Select(m => m.MraId));
        }
        Assert.True(compared > 50, $"only {compared} comparisons");
    }

    [Fact]
    public async Task Point_in_time_answers_turn_at_the_second_of_the_suspension_and_of_the_mras_conclusion()
    {
        var state = (await ReplayAsync()).State;
        var a3 = new CredentialRef(history.BatchA, 3);
        var before = state.RecognitionAt(a3, UZ, history.Mra1ConcludedAt - 1, 0b01);
        Assert.False(before.Recognized);
        Assert.Contains(before.Reasons, r => r.StartsWith("no MRA between UZ and KR", StringComparison.Ordinal));
        var at = state.RecognitionAt(a3, UZ, history.Mra1ConcludedAt, 0b01);
        Assert.True(at.Recognized, string.Join("; ", at.Reasons));
        Assert.Equal((history.Mra1, history.Mra1ConcludedAt), (at.Mra!.MraId, at.Mra.InForceSince));

        var a0 = new CredentialRef(history.BatchA, 0);
        Assert.Equal(CredentialStatus.Active, state.StatusAt(a0, history.A0SuspendedAt - 1).Status);
        var suspended = state.StatusAt(a0, history.A0SuspendedAt);
        Assert.Equal((CredentialStatus.Suspended, history.A0SuspendedBlock), (suspended.Status, suspended.Change!.Recorded.Block));
        Assert.True(state.RecognitionAt(a0, UZ, history.A0SuspendedAt - 1, 0b11).Recognized);
        Assert.False(state.RecognitionAt(a0, UZ, history.A0SuspendedAt, 0b11).Recognized);

        var krChanges = state.ChangesOf(KR, 0, ulong.MaxValue);
        Assert.Equal(4 + 4 + 3 + 1, krChanges.Count);  // single changes, Many entries, renewals, C#0
        Assert.Equal(0, krChanges.Count(c => c.Issuer != KR));
    }

    [Fact]
    public async Task A_tampered_exported_document_is_caught_at_its_anchoring_transaction()
    {
        var result = await ReplayAsync();
        var tampered = history.Documents.Select(d => d.DocumentId == "O-1"
            ? d with { Content = System.Text.Encoding.UTF8.GetBytes(d.ContentText.Replace("Operator 1", "Operator 7", StringComparison.Ordinal)) }
            : d).ToList();
        var report = result.ToReport(tampered);
        Assert.Equal(history.Documents.Count, report.DocumentChecks.Count);
        var failed = Assert.Single(report.DocumentChecks, c => !c.Valid);
        Assert.Equal(("O-1", AuditRules.DocumentProof), (failed.DocumentId, failed.Rule));
        var origin = report.OriginBatches.Single();
        var violation = Assert.Single(report.Violations);
        Assert.Equal((origin.Anchored.Block, origin.Anchored.Transaction, AuditRules.DocumentProof), (violation.Block, violation.Transaction, violation.Rule));
        Assert.Empty(result.ToReport(history.Documents).Violations);
    }

    [Fact]
    public async Task A_cut_corrupted_unfinished_or_foreign_cache_is_refused_with_a_clear_error()
    {
        using var directory = new TempDirectory("audit-cache-bad");
        var path = directory.File("events.claudit");
        await ReplayAsync(new AuditReplayOptions { CachePath = path });
        var good = await File.ReadAllBytesAsync(path);

        void Refused(string name, byte[] bytes, string expected, ulong? chainId = null, RegistryAddresses? registries = null)
        {
            var bad = directory.File(name);
            File.WriteAllBytes(bad, bytes);
            var e = Assert.Throws<AuditCacheException>(() => AuditReplayer.ReplayCache(bad, chainId, registries, null, Timeout));
            Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        }

        Refused("cut.claudit", good[..^7], "cut short");
        Refused("header-only.claudit", good[..256], "cut short");
        Refused("tiny.claudit", good[..100], "not an audit event cache");
        var flipped = (byte[])good.Clone();
        flipped[good.Length / 2] ^= 0x40;
        Refused("flipped.claudit", flipped, "body is corrupted");
        var header = (byte[])good.Clone();
        header[17] ^= 0x01;   // the chain id
        Refused("header.claudit", header, "header is corrupted");
        var unfinished = (byte[])good.Clone();
        unfinished[12] = 0;   // not complete: the checksum no longer matches either, so recompute as the writer would not
        Refused("unfinished.claudit", unfinished, "corrupted");
        Refused("empty.claudit", [], "not an audit event cache");
        Refused("other-chain.claudit", good, "not of chain 1", chainId: 1);
        Refused("other-registries.claudit", good, "is a cache of the registries",
            registries: history.Registries with { Origins = history.Registries.Members });
        Assert.Throws<FileNotFoundException>(() => AuditReplayer.ReplayCache(directory.File("missing.claudit"), null, null, null, Timeout));

        // A replay that meets a foreign cache at its path refuses it rather than mixing histories.
        var foreign = directory.File("foreign.claudit");
        await ReplayAsync(new AuditReplayOptions { CachePath = foreign, ToBlock = history.Head - 5 });
        await Assert.ThrowsAsync<AuditCacheException>(() => ReplayAsync(new AuditReplayOptions { CachePath = foreign, FromBlock = 1 }));
    }

    [Fact]
    public async Task A_cancelled_replay_stops_and_leaves_no_cache()
    {
        using var directory = new TempDirectory("audit-cancel");
        var path = directory.File("events.claudit");
        using var cts = new CancellationTokenSource();
        var replayer = new AuditReplayer(history.Client, history.Registries,
            new AuditReplayOptions { CachePath = path, MaxLogBlockRange = 2, TargetLogsPerRequest = 1, ProgressInterval = TimeSpan.Zero });
        var progress = new SyncProgress<AuditProgress>(p =>
        {
            if (p.Events > 10)
                cts.Cancel();
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => replayer.ReplayAsync(progress, cts.Token));
        Assert.False(File.Exists(path));
        Assert.False(File.Exists(path + ".partial"));
    }

    [Fact]
    public async Task A_target_beyond_the_head_is_refused() =>
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => ReplayAsync(new AuditReplayOptions { ToBlock = history.Head + 1_000 }));

    /// <summary>Reports on the calling thread, in order (Progress&lt;T&gt; posts to the thread pool).</summary>
    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
