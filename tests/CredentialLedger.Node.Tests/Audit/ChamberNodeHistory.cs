using CredentialLedger.Evm;
using CredentialLedger.Node.Audit;
using CredentialLedger.Node.Tests.Origin;
using CredentialLedger.Sdk.Audit;
using CredentialLedger.Sdk.Ledger;
using CredentialLedger.TestKit;
using Google.Protobuf.WellKnownTypes;
using V1 = CredentialLedger.Sdk.Node.V1;

namespace CredentialLedger.Node.Tests.Audit;

/// <summary>
/// A KR node serving chamber KR-KCCI, and a UZ node, on a private anvil, with one history for a test class: KR issued
/// five AEO certificates, then certificate 0 suspended and reinstated, 1 suspended, 2 revoked, 3 renewed (a sixth
/// credential, in a later batch), 4 untouched; the chamber issued five certificates of origin in one batch and a sixth
/// alone, revoked the second of the five and the sixth, and UZ used the first. Then both nodes stopped, KR's read model
/// caught up with the chain.
/// </summary>
public sealed class ChamberNodeHistory : IAsyncLifetime
{
    private AnvilFixture? _anvil;
    private OriginTestbed? _bed;

    /// <summary>KR's data directory.</summary>
    public string Data => _bed!.Kr.Options.DataDirectory;

    /// <summary>KR's node database.</summary>
    public string Database => _bed!.Kr.Options.Resolve(_bed.Kr.Options.DatabaseFile);

    /// <summary>KR's AEO certificates, anchored (the renewal last).</summary>
    public List<V1.Certificate> Aeo { get; } = [];

    /// <summary>The chamber's certificates of origin, anchored (issue order).</summary>
    public List<V1.OriginCertificate> Origin { get; } = [];

    /// <summary>The credential left suspended.</summary>
    public CredentialRef Suspended => Ref(Aeo[1].Anchor);

    public async Task InitializeAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var ct = cts.Token;
        _anvil = await AnvilFixture.StartAsync(new AnvilOptions());
        _bed = await OriginTestbed.CreateAsync(_anvil, ct);
        var kr = _bed.Kr;

        var issued = new List<string>();
        for (var n = 1; n <= 5; n++)
            issued.Add((await kr.Client.IssueAsync(NodeTestbed.IssueRequest(n), kr.Auth, cancellationToken: ct)).Id);
        foreach (var id in issued)
            Aeo.Add(await kr.WaitForAsync(id, c => c.AnchorState == V1.AnchorState.Anchored, ct));

        async Task ChangeAsync(Func<V1.StatusChangeRequest, global::Grpc.Core.AsyncUnaryCall<V1.Certificate>> call, int certificate, uint reason)
        {
            await call(new V1.StatusChangeRequest { Id = Aeo[certificate].Id, Reason = reason });
            await kr.WaitForAsync(Aeo[certificate].Id, x => x.PendingChanges == 0, ct);
        }

        await ChangeAsync(r => kr.Client.SuspendAsync(r, kr.Auth, cancellationToken: ct), 0, 3);
        await ChangeAsync(r => kr.Client.ReinstateAsync(r, kr.Auth, cancellationToken: ct), 0, 0);
        await ChangeAsync(r => kr.Client.SuspendAsync(r, kr.Auth, cancellationToken: ct), 1, 6);
        await ChangeAsync(r => kr.Client.RevokeAsync(r, kr.Auth, cancellationToken: ct), 2, 7);
        var renewal = await kr.Client.RenewAsync(new V1.RenewRequest
        {
            Id = Aeo[3].Id,
            ValidFrom = Timestamp.FromDateTimeOffset(new DateTimeOffset(2029, 1, 1, 0, 0, 0, TimeSpan.Zero)),
            ValidUntil = Timestamp.FromDateTimeOffset(new DateTimeOffset(2032, 1, 1, 0, 0, 0, TimeSpan.Zero)),
            ReEvaluationDue = Timestamp.FromDateTimeOffset(new DateTimeOffset(2030, 6, 30, 0, 0, 0, TimeSpan.Zero)),
            Reason = 9,
        }, kr.Auth, cancellationToken: ct);
        await kr.WaitForAsync(Aeo[3].Id, x => x.PendingChanges == 0, ct);
        Aeo.Add(await kr.WaitForAsync(renewal.Renewed.Id, x => x.AnchorState == V1.AnchorState.Anchored, ct));

        await _bed.AuthorizeAsync(OriginSamples.Chamber, ct);
        var asChamber = _bed.ChamberAuth(OriginSamples.Chamber);
        var many = new V1.IssueManyOriginRequest();
        many.Requests.AddRange(Enumerable.Range(1, 5).Select(n => new V1.IssueOriginRequest { Json = OriginSamples.Json(n) }));
        var five = await _bed.KrOrigins.IssueManyAsync(many, asChamber, cancellationToken: ct);
        Origin.AddRange(await _bed.WaitAnchoredAsync(five.Certificates.Select(c => c.Id), ct));
        var single = await _bed.KrOrigins.IssueAsync(new V1.IssueOriginRequest { Json = OriginSamples.Json(6) }, asChamber, cancellationToken: ct);
        Origin.AddRange(await _bed.WaitAnchoredAsync([single.Id], ct));
        foreach (var victim in new[] { Origin[1], Origin[5] })
        {
            await _bed.KrOrigins.RevokeAsync(new V1.RevokeOriginRequest { Id = victim.Id, Reason = 3 }, asChamber, cancellationToken: ct);
            await _bed.WaitForAsync(victim.Id, c => c.Revocation is { OnChain: true }, ct);
        }
        await _bed.UzVerifyAsync(Origin[0], a => a.Recognized, ct);
        var use = new V1.MarkUsedRequest { Xml = Origin[0].Xml, Root = Origin[0].Anchor.Root, Index = Origin[0].Anchor.Index, Declaration = "UZ-IMP-2026-000042" };
        use.Proof.AddRange(Origin[0].Anchor.Proof);
        await _bed.UzOrigins.MarkUsedAsync(use, _bed.Uz.Auth, cancellationToken: ct);

        // KR's indexer has applied every block up to the head (the use included), then both nodes stop: the store is quiet.
        var head = await _bed.Members.Eth.BlockNumberAsync(ct);
        while (IndexedBlock() is not { } indexed || indexed < head)
            await Task.Delay(50, ct);
        await _bed.Uz.DisposeAsync();
        await _bed.Kr.DisposeAsync();
    }

    /// <summary>The engine's own replay of the registries to the head.</summary>
    public async Task<AuditResult> ReplayAsync(CancellationToken ct)
    {
        var network = _bed!.Members.Network;
        return await new AuditReplayer(_anvil!.CreateEthClient(), network.Registries, new AuditReplayOptions { FromBlock = network.DeploymentBlock })
            .ReplayAsync(null, ct);
    }

    private ulong? IndexedBlock()
    {
        try
        {
            return ReadModelSnapshot.Read(Database).Block;
        }
        catch (InvalidDataException)
        {
            return null; // not indexed yet
        }
    }

    public static CredentialRef Ref(V1.Anchor anchor) => new(Hash32.Parse(anchor.Root), anchor.Index);

    public async Task DisposeAsync()
    {
        if (_bed is not null)
            await _bed.DisposeAsync();
        _anvil?.Dispose();
    }
}
