using CredentialLedger.Contracts;
using CredentialLedger.Credentials.Origin;
using CredentialLedger.Evm;
using CredentialLedger.Evm.Crypto;
using CredentialLedger.Node.Audit;
using CredentialLedger.Node.Keys;
using CredentialLedger.Sdk.Audit;
using CredentialLedger.Sdk.Ledger;
using CredentialLedger.Sdk.Origin;
using CredentialLedger.TestKit;
using Grpc.Core;
using Xunit.Abstractions;
using V1 = CredentialLedger.Sdk.Node.V1;

namespace CredentialLedger.Node.Tests.Origin;

/// <summary>
/// Certificates of origin end to end on anvil, with a KR node serving chamber KR-KCCI and a UZ node importing: the
/// member authorizes the chamber, the chamber issues 100 certificates in one call, they are anchored in one batch
/// from the chamber's own account, UZ recognizes all of them (its node, and the SDK on a ledger synced from the chain
/// alone); one revoked is no longer recognized; UZ uses one once and a second use is refused with the first one's
/// reference and time; the suspended chamber can no longer issue while what it issued before stays recognized.
/// </summary>
public sealed class CertificateOfOriginEndToEndTests(AnvilFixture anvil, ITestOutputHelper output) : IClassFixture<AnvilFixture>
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(180);

    [Fact]
    public async Task A_chamber_issues_100_certificates_UZ_recognizes_them_one_revoked_one_used_once_and_a_suspended_chamber_issues_no_more()
    {
        using var cts = new CancellationTokenSource(TestTimeout);
        var ct = cts.Token;
        await using var bed = await OriginTestbed.CreateAsync(anvil, ct);

        // The member onboards the chamber: keys in KR's keystore, authorized and key registered on chain, funded, token file.
        var onboarded = await bed.AuthorizeAsync(OriginSamples.Chamber, ct);
        var chamber = onboarded.Chamber;
        Assert.Equal((OriginSamples.Chamber, OriginSamples.ChamberName, "KR", V1.ChamberStatus.Active),
            (chamber.Id, chamber.Name, chamber.Member, chamber.Status));
        Assert.Equal(bed.Kr.Options.Resolve("chamber-KR-KCCI.token"), onboarded.TokenFile);
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(onboarded.TokenFile));
        Assert.Collection(onboarded.Steps,
            s => Assert.Equal("made the chamber's chain account key and signing key in the keystore", s),
            s => Assert.StartsWith($"authorized KR-KCCI on chain, writing from account {chamber.Account} (tx 0x", s, StringComparison.Ordinal),
            s => Assert.StartsWith($"registered its signing key {chamber.SigningKeyId} (tx 0x", s, StringComparison.Ordinal),
            s => Assert.StartsWith("funded the chamber account with 10 ETH from the operator account (tx 0x", s, StringComparison.Ordinal),
            s => Assert.Equal($"wrote its token file {onboarded.TokenFile}", s));
        Assert.DoesNotContain(File.ReadAllText(onboarded.TokenFile).Trim(), onboarded.ToString(), StringComparison.Ordinal);
        var keystore = Keystore.Open(bed.Kr.Options.Resolve(bed.Kr.Options.KeystoreFile), NodeTestbed.Passphrase);
        using (var account = PrivateKey.FromBytes(keystore.Chamber(OriginSamples.Chamber)!.AccountKey))
            Assert.Equal(chamber.Account, account.Address.ToString());
        var onChain = await new MemberRegistryClient(bed.Members.Network.Registries.Members, bed.Members.Eth)
            .ChamberOfAsync(Address.Parse(chamber.Account), ct);
        Assert.Equal((MemberCode.Parse("KR"), ChamberId.FromAscii(OriginSamples.Chamber), true), (onChain!.Member, onChain.Chamber, onChain.Authorized));
        Assert.True(System.Numerics.BigInteger.Parse(chamber.BalanceWei, System.Globalization.CultureInfo.InvariantCulture) >= System.Numerics.BigInteger.Pow(10, 19));

        // The chamber issues 100 certificates in one call; they are anchored in one batch from the chamber's account.
        var asChamber = bed.ChamberAuth(OriginSamples.Chamber);
        var request = new V1.IssueManyOriginRequest();
        request.Requests.AddRange(Enumerable.Range(1, 100).Select(n => new V1.IssueOriginRequest { Json = OriginSamples.Json(n) }));
        var started = System.Diagnostics.Stopwatch.StartNew();
        var issued = await bed.KrOrigins.IssueManyAsync(request, asChamber, cancellationToken: ct);
        Assert.Equal(100, issued.Certificates.Count);
        Assert.All(issued.Certificates, c => Assert.Equal((OriginSamples.Chamber, V1.OriginStatus.Issued), (c.Chamber, c.Status)));
        var anchored = await bed.WaitAnchoredAsync(issued.Certificates.Select(c => c.Id), ct);
        output.WriteLine($"100 certificates issued and anchored in {started.ElapsedMilliseconds} ms");
        var root = Assert.Single(anchored.Select(c => c.Anchor.Root).Distinct());
        Assert.Equal(Enumerable.Range(0, 100).Select(i => (uint)i), anchored.Select(c => c.Anchor.Index).Order());
        var batch = await new OriginRegistryClient(bed.Members.Network.Registries.Origins, bed.Members.Eth).GetBatchAsync(Hash32.Parse(root), ct);
        Assert.Equal((ChamberId.FromAscii(OriginSamples.Chamber), MemberCode.Parse("KR"), 100u), (batch!.Chamber, batch.Member, batch.Size));
        var first = ECooReader.Read(anchored[0].Xml.Span);
        Assert.Equal(("KR", OriginSamples.Chamber, OriginSamples.ChamberName, "KCCI-2026/000001"),
            (first.IssuingMember, first.IssuingChamber, first.IssuingChamberName, first.CertificateNumber));

        // UZ's node recognizes every one of them.
        foreach (var c in anchored)
        {
            var answer = await bed.UzVerifyAsync(c, a => a.Recognized || a.SyncedBlock >= anchored[0].Anchor.BlockNumber, ct);
            Assert.True(answer.Recognized, $"{c.CertificateNumber}: {string.Join("; ", answer.Reasons.Select(r => r.Message))}");
            Assert.Equal(("UZ", c.CertificateNumber, OriginSamples.Chamber), (answer.Verifier, answer.CertificateNumber, answer.Chamber));
        }
        // So does the SDK alone, on a ledger history synced from the chain (no node).
        var history = await SyncedHistoryAsync(bed.Members, ct);
        var sdk = new OriginVerifier(history);
        Assert.All(anchored, c => Assert.True(sdk.Verify(Presented(c), MemberCode.Parse("UZ"), TimeProvider.System.GetUtcNow()).Recognized, c.CertificateNumber));

        // One is revoked by the chamber: on chain from the chamber's account, and UZ no longer recognizes it.
        var revoked = await bed.KrOrigins.RevokeAsync(new V1.RevokeOriginRequest { Id = anchored[7].Id, Reason = 3 }, asChamber, cancellationToken: ct);
        Assert.Equal(V1.OriginStatus.Revoked, revoked.Status);
        var revokedOnChain = await bed.WaitForAsync(anchored[7].Id, c => c.Revocation is { OnChain: true }, ct);
        Assert.Equal(3u, revokedOnChain.Revocation.Reason);
        var notRecognized = await bed.UzVerifyAsync(anchored[7], a => !a.Recognized, ct);
        Assert.Contains(notRecognized.Reasons, r => r.Code == "Revoked");
        Assert.Equal(3u, notRecognized.Revocation.Reason);

        // UZ uses one for a declaration; a second use, by UZ or anyone, is refused with the first use's reference and time.
        var use = await bed.UzOrigins.MarkUsedAsync(MarkUsed(anchored[3], "UZ-IMP-2026-000042"), bed.Uz.Auth, cancellationToken: ct);
        Assert.Equal(("UZ", "UZ-IMP-2026-000042"), (use.Use.Member, use.Use.Declaration));
        var usedAt = use.Use.UsedAt.ToDateTimeOffset();
        var again = await Assert.ThrowsAsync<RpcException>(() =>
            bed.UzOrigins.MarkUsedAsync(MarkUsed(anchored[3], "UZ-IMP-2026-000099"), bed.Uz.Auth, cancellationToken: ct).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, again.StatusCode);
        Assert.Contains($"used for preference already: by UZ for declaration UZ-IMP-2026-000042 at {usedAt:yyyy-MM-dd HH:mm:ss}Z", again.Status.Detail,
            StringComparison.Ordinal);
        // KR's node has not synced the use into its history yet or has: either way the chain refuses it.
        var byKr = await Assert.ThrowsAsync<RpcException>(() => bed.KrOrigins.MarkUsedAsync(
            new V1.MarkUsedRequest { Root = anchored[3].Anchor.Root, Index = anchored[3].Anchor.Index, Declaration = "KR-RE-EXPORT-1" },
            bed.Kr.Auth, cancellationToken: ct).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, byKr.StatusCode);
        Assert.Contains("by UZ for declaration UZ-IMP-2026-000042", byKr.Status.Detail, StringComparison.Ordinal);
        var shown = await bed.WaitForAsync(anchored[3].Id, c => c.Use is not null, ct);
        Assert.Equal(("UZ", "UZ-IMP-2026-000042"), (shown.Use.Member, shown.Use.Declaration));
        // A revoked certificate cannot be used.
        var revokedUse = await Assert.ThrowsAsync<RpcException>(() => bed.UzOrigins.MarkUsedAsync(
            new V1.MarkUsedRequest { Root = anchored[7].Anchor.Root, Index = anchored[7].Anchor.Index, Declaration = "UZ-IMP-2026-000050" },
            bed.Uz.Auth, cancellationToken: ct).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, revokedUse.StatusCode);
        Assert.Contains("is revoked", revokedUse.Status.Detail, StringComparison.Ordinal);

        // The member suspends the chamber: its next issuance is refused at once, what it issued before stays recognized.
        var suspended = await bed.KrChambers.SuspendAsync(new V1.ChamberActRequest { Id = OriginSamples.Chamber, Reason = 4 }, bed.Kr.Auth, cancellationToken: ct);
        Assert.Equal((V1.ChamberStatus.Suspended, 4u), (suspended.Status, suspended.Reason));
        var refused = await Assert.ThrowsAsync<RpcException>(() => bed.KrOrigins.IssueAsync(
            new V1.IssueOriginRequest { Json = OriginSamples.Json(101) }, asChamber, cancellationToken: ct).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Equal("Chamber KR-KCCI is suspended (reason 4): it cannot issue certificates of origin until its member reinstates it.", refused.Status.Detail);
        var stillRevocable = await Assert.ThrowsAsync<RpcException>(() => bed.KrOrigins.RevokeAsync(
            new V1.RevokeOriginRequest { Id = anchored[8].Id, Reason = 3 }, asChamber, cancellationToken: ct).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, stillRevocable.StatusCode);
        var beforeSuspension = await bed.UzVerifyAsync(anchored[0], a => a.SyncedBlock >= suspended.BlockNumber, ct);
        Assert.True(beforeSuspension.Recognized, string.Join("; ", beforeSuspension.Reasons.Select(r => r.Message)));
        Assert.Equal(0, (await bed.KrOrigins.ListAsync(new V1.ListOriginRequest { PageSize = 1000 }, bed.Kr.Auth, cancellationToken: ct))
            .Certificates.Count(c => c.CertificateNumber == "KCCI-2026/000101"));

        // Reinstated, it issues again.
        await bed.KrChambers.ReinstateAsync(new V1.ChamberActRequest { Id = OriginSamples.Chamber }, bed.Kr.Auth, cancellationToken: ct);
        var afterReinstatement = await bed.KrOrigins.IssueAsync(new V1.IssueOriginRequest { Json = OriginSamples.Json(101) }, asChamber, cancellationToken: ct);
        var reanchored = Assert.Single(await bed.WaitAnchoredAsync([afterReinstatement.Id], ct));
        Assert.NotEqual(root, reanchored.Anchor.Root);

        // An auditor replays the chain with the certificates KR's node exports: no rule broken, every document matches
        // a root its chamber anchored, the revocation and the use are in the history; a tampered certificate is caught.
        var export = NodeDocumentExporter.Read(bed.Kr.Options.Resolve(bed.Kr.Options.DatabaseFile), includePartners: false);
        Assert.Equal(101, export.Origin);
        var audit = await new AuditReplayer(bed.Members.Eth, bed.Members.Network.Registries,
            new AuditReplayOptions { FromBlock = bed.Members.Network.DeploymentBlock }).ReplayAsync(null, ct);
        var report = audit.ToReport(export.Documents);
        Assert.Empty(report.Violations);
        Assert.Equal(101, report.DocumentChecks.Count(d => d.Kind == AuditDocumentKind.Coo && d.Valid));
        var audited = Assert.Single(report.OriginBatches, b => b.Root.ToString() == root);
        Assert.Equal((100u, 7u, 3u), (audited.Size, Assert.Single(audited.Revocations).Index, Assert.Single(audited.Uses).Index));
        var genuine = export.Documents.First(d => d.Kind == AuditDocumentKind.Coo);
        var tamperedXml = genuine.Content.ToArray();
        var at = System.Text.Encoding.UTF8.GetString(tamperedXml).IndexOf("<Quantity>", StringComparison.Ordinal) + "<Quantity>".Length;
        tamperedXml[at] = tamperedXml[at] == (byte)'9' ? (byte)'8' : (byte)'9';
        var tampered = audit.ToReport([genuine with { Content = tamperedXml }]);
        var violation = Assert.Single(tampered.Violations);
        Assert.Equal(AuditRules.DocumentProof, violation.Rule);
        Assert.Equal(audited.Anchored.Block, violation.Block);
    }

    [Fact]
    public async Task Chamber_tokens_reach_only_their_own_chambers_certificate_calls_and_the_operator_token_does_not_issue()
    {
        using var cts = new CancellationTokenSource(TestTimeout);
        var ct = cts.Token;
        await using var bed = await OriginTestbed.CreateAsync(anvil, ct);
        await bed.AuthorizeAsync(OriginSamples.Chamber, ct);
        await bed.AuthorizeAsync("KR-BUSAN", ct, "Busan Chamber of Commerce and Industry");
        var kcci = bed.ChamberAuth(OriginSamples.Chamber);
        var busan = bed.ChamberAuth("KR-BUSAN");
        var issued = await bed.KrOrigins.IssueAsync(new V1.IssueOriginRequest { Json = OriginSamples.Json(1) }, kcci, cancellationToken: ct);

        // Member acts are not a chamber's.
        var aeo = new V1.AeoCertificates.AeoCertificatesClient(bed.KrChannel);
        var mras = new V1.Mras.MrasClient(bed.KrChannel);
        var denied = new (string Name, Func<Task> Call)[]
        {
            ("Chambers/List", () => bed.KrChambers.ListAsync(new V1.ListChambersRequest(), kcci, cancellationToken: ct).ResponseAsync),
            ("Chambers/Suspend", () => bed.KrChambers.SuspendAsync(new V1.ChamberActRequest { Id = "KR-BUSAN", Reason = 1 }, kcci, cancellationToken: ct).ResponseAsync),
            ("Chambers/Authorize", () => bed.KrChambers.AuthorizeAsync(new V1.AuthorizeChamberRequest { Id = "KR-X", Name = "X" }, kcci, cancellationToken: ct).ResponseAsync),
            ("AeoCertificates/Issue", () => aeo.IssueAsync(NodeTestbed.IssueRequest(1), kcci, cancellationToken: ct).ResponseAsync),
            ("AeoCertificates/GetNodeInfo", () => aeo.GetNodeInfoAsync(new V1.NodeInfoRequest(), kcci, cancellationToken: ct).ResponseAsync),
            ("Mras/List", () => mras.ListAsync(new V1.ListMrasRequest(), kcci, cancellationToken: ct).ResponseAsync),
            ("CertificatesOfOrigin/MarkUsed", () => bed.KrOrigins.MarkUsedAsync(
                new V1.MarkUsedRequest { Id = issued.Id, Declaration = "D-1" }, kcci, cancellationToken: ct).ResponseAsync),
        };
        foreach (var (name, call) in denied)
        {
            var error = await Assert.ThrowsAsync<RpcException>(call);
            Assert.True(error.StatusCode == StatusCode.PermissionDenied, $"{name}: {error.StatusCode} {error.Status.Detail}");
            Assert.Contains($"{name} needs the member's operator token", error.Status.Detail, StringComparison.Ordinal);
        }

        // Another chamber's certificates are out of reach, by id or by number; its own list holds only its own.
        foreach (var call in new Func<Task>[]
        {
            () => bed.KrOrigins.GetAsync(new V1.GetOriginRequest { Id = issued.Id }, busan, cancellationToken: ct).ResponseAsync,
            () => bed.KrOrigins.GetAsync(new V1.GetOriginRequest { Id = issued.CertificateNumber }, busan, cancellationToken: ct).ResponseAsync,
            () => bed.KrOrigins.RevokeAsync(new V1.RevokeOriginRequest { Id = issued.Id, Reason = 1 }, busan, cancellationToken: ct).ResponseAsync,
            () => bed.KrOrigins.ListAsync(new V1.ListOriginRequest { Chamber = OriginSamples.Chamber }, busan, cancellationToken: ct).ResponseAsync,
        })
        {
            var error = await Assert.ThrowsAsync<RpcException>(call);
            Assert.True(error.StatusCode == StatusCode.PermissionDenied, $"{error.StatusCode} {error.Status.Detail}");
            Assert.Contains("KR-BUSAN", error.Status.Detail, StringComparison.Ordinal);
        }
        Assert.Empty((await bed.KrOrigins.ListAsync(new V1.ListOriginRequest(), busan, cancellationToken: ct)).Certificates);
        Assert.Equal(issued.Id, Assert.Single((await bed.KrOrigins.ListAsync(new V1.ListOriginRequest(), kcci, cancellationToken: ct)).Certificates).Id);
        // The certificate says which chamber issued it: a chamber cannot issue in another's name.
        var impersonation = await Assert.ThrowsAsync<RpcException>(() => bed.KrOrigins.IssueAsync(
            new V1.IssueOriginRequest { Json = "{\"issuingChamber\":\"KR-KCCI\"," + OriginSamples.Json(2)[1..] },
            busan, cancellationToken: ct).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, impersonation.StatusCode);
        Assert.Contains("issuingChamber: 'KR-KCCI' is not the calling chamber KR-BUSAN", impersonation.Status.Detail, StringComparison.Ordinal);

        // The operator reads every chamber's certificates, but issuing and revoking are the chamber's acts.
        Assert.Equal(issued.Id, (await bed.KrOrigins.GetAsync(new V1.GetOriginRequest { Id = issued.Id }, bed.Kr.Auth, cancellationToken: ct)).Id);
        var byOperator = await Assert.ThrowsAsync<RpcException>(() =>
            bed.KrOrigins.IssueAsync(new V1.IssueOriginRequest { Json = OriginSamples.Json(3) }, bed.Kr.Auth, cancellationToken: ct).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, byOperator.StatusCode);
        Assert.Contains("its chamber's act", byOperator.Status.Detail, StringComparison.Ordinal);
        var revokeByOperator = await Assert.ThrowsAsync<RpcException>(() =>
            bed.KrOrigins.RevokeAsync(new V1.RevokeOriginRequest { Id = issued.Id, Reason = 1 }, bed.Kr.Auth, cancellationToken: ct).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, revokeByOperator.StatusCode);

        // A token that is no one's is refused; UZ's operator cannot act on KR's chamber.
        var stranger = new Metadata { { "authorization", "Bearer not-a-token-of-this-node-at-all" } };
        var unknown = await Assert.ThrowsAsync<RpcException>(() =>
            bed.KrOrigins.ListAsync(new V1.ListOriginRequest(), stranger, cancellationToken: ct).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, unknown.StatusCode);
        var otherMember = await Assert.ThrowsAsync<RpcException>(() => bed.UzChambers.SuspendAsync(
            new V1.ChamberActRequest { Id = OriginSamples.Chamber, Reason = 1 }, bed.Uz.Auth, cancellationToken: ct).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, otherMember.StatusCode);
        Assert.Equal("Chamber KR-KCCI belongs to member KR; only KR's operators can suspend it.", otherMember.Status.Detail);
    }

    private static V1.MarkUsedRequest MarkUsed(V1.OriginCertificate c, string declaration)
    {
        var request = new V1.MarkUsedRequest { Xml = c.Xml, Root = c.Anchor.Root, Index = c.Anchor.Index, Declaration = declaration };
        request.Proof.AddRange(c.Anchor.Proof);
        return request;
    }

    private static PresentedOrigin Presented(V1.OriginCertificate c) =>
        new(c.Xml.ToByteArray(), Hash32.Parse(c.Anchor.Root), c.Anchor.Index, [.. c.Anchor.Proof.Select(Hash32.Parse)]);

    private static async Task<LedgerHistory> SyncedHistoryAsync(Exchange.MultiMemberTestbed members, CancellationToken ct)
    {
        var history = new LedgerHistory();
        var sync = new LedgerSync(members.Eth, members.Network.Registries, members.Network.DeploymentBlock, history, new LedgerSyncOptions(),
            TimeProvider.System);
        await sync.SyncAsync(null, ct);
        return history;
    }
}
