using CredentialLedger.Contracts;
using CredentialLedger.Evm;
using CredentialLedger.TestKit;
using V1 = CredentialLedger.Sdk.Node.V1;
using static CredentialLedger.Node.Tests.Mras.MraTestbed;

namespace CredentialLedger.Node.Tests.Mras;

/// <summary>An MRA's whole life through the KR node's gRPC API, with UZ acting on the registry itself.</summary>
public sealed class MraLifecycleTests(AnvilFixture anvil) : IClassFixture<AnvilFixture>
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Propose_accept_suspend_resume_amend_and_terminate_through_the_node_are_what_the_registry_holds()
    {
        using var cts = new CancellationTokenSource(TestTimeout);
        var ct = cts.Token;
        await using var bed = await MraTestbed.CreateAsync(anvil, ct);

        // KR proposes; the parties are given out of order and the node sorts them for the registry.
        var proposed = await bed.ProposeAsync(["UZ", "KR"], Terms(V1.ProgrammeType.AeoS), ct);
        var id = proposed.Mra.Id;
        Assert.Equal(1u, proposed.Version);
        Assert.Equal(["KR", "UZ"], proposed.Mra.Parties);
        Assert.Equal((V1.MraStatus.Active, 1u, 0u, false), (proposed.Mra.Status, proposed.Mra.LatestVersion, proposed.Mra.ConcludedVersion, proposed.Mra.InForce));
        Assert.Equal(["KR"], proposed.Mra.LatestTerms.AcceptedBy);
        Assert.Equal(["UZ"], proposed.Mra.LatestTerms.Awaiting);
        Assert.Null(proposed.Mra.ConcludedTerms);
        Assert.Equal([V1.ProgrammeType.AeoS], proposed.Mra.LatestTerms.Scope);
        Assert.Equal([V1.MraBenefit.FewerDocumentaryChecks, V1.MraBenefit.PriorityRelease], proposed.Mra.LatestTerms.Benefits);
        Assert.Null(proposed.Mra.LatestTerms.ValidUntil);
        var receipt = await bed.Eth.GetTransactionReceiptAsync(Hash32.Parse(proposed.TransactionHash), ct);
        Assert.True(receipt!.Succeeded);
        Assert.Equal(proposed.BlockNumber, receipt.BlockNumber);
        Assert.Equal(new MraRecord(id, MraStatus.Active, 1, 0, 2), await bed.Registry.GetMraAsync(id, ct));
        Assert.Equal(new MraTerms((ulong)Since.ToUnixTimeSeconds(), 0, 0b01, Benefits, 0b01), await bed.Registry.TermsOfAsync(id, 1, ct));

        // UZ accepts with its own operator key: concluded, and in force now.
        await bed.AsUz.AcceptAsync(id, 1, ct);
        var concluded = await bed.GetAsync(id, ct);
        Assert.Equal((1u, 1u, true), (concluded.LatestVersion, concluded.ConcludedVersion, concluded.InForce));
        Assert.Equal(["KR", "UZ"], concluded.ConcludedTerms.AcceptedBy);
        Assert.Empty(concluded.ConcludedTerms.Awaiting);
        Assert.True(await bed.Registry.InForceAsync(id, Seconds(concluded.EvaluatedAt), ct));
        var listed = Assert.Single((await bed.Client.ListAsync(new V1.ListMrasRequest(), bed.Auth, cancellationToken: ct)).Mras);
        Assert.Equal(concluded.Id, listed.Id);
        Assert.True(listed.InForce);

        var suspended = await bed.Client.SuspendAsync(new V1.SuspendMraRequest { MraId = id, Reason = 4 }, bed.Auth, cancellationToken: ct);
        Assert.Equal((V1.MraStatus.Suspended, false), (suspended.Mra.Status, suspended.Mra.InForce));
        Assert.Equal(MraStatus.Suspended, (await bed.Registry.GetMraAsync(id, ct))!.Status);
        Assert.False(await bed.Registry.InForceAsync(id, Seconds(suspended.Mra.EvaluatedAt), ct));

        var resumed = await bed.Client.ResumeAsync(new V1.ResumeMraRequest { MraId = id }, bed.Auth, cancellationToken: ct);
        Assert.Equal((V1.MraStatus.Active, true), (resumed.Mra.Status, resumed.Mra.InForce));

        // An amendment opens version 2 accepted by KR only; version 1 stays in force until UZ accepts version 2.
        var terms2 = Terms(V1.ProgrammeType.AeoS, V1.ProgrammeType.AeoC);
        terms2.Benefits.Add(V1.MraBenefit.ContactPoint);
        var amended = await bed.Client.AmendAsync(new V1.AmendMraRequest { MraId = id, Terms = terms2 }, bed.Auth, cancellationToken: ct);
        Assert.Equal(2u, amended.Version);
        Assert.Equal((2u, 1u, true), (amended.Mra.LatestVersion, amended.Mra.ConcludedVersion, amended.Mra.InForce));
        Assert.Equal(["KR"], amended.Mra.LatestTerms.AcceptedBy);
        Assert.Equal(["UZ"], amended.Mra.LatestTerms.Awaiting);
        Assert.Equal([V1.ProgrammeType.AeoS, V1.ProgrammeType.AeoC], amended.Mra.LatestTerms.Scope);
        Assert.Equal([V1.ProgrammeType.AeoS], amended.Mra.ConcludedTerms.Scope);
        var now = Seconds(amended.Mra.EvaluatedAt);
        Assert.Equal(new Recognition(true, id, 1, Benefits), await bed.Registry.RecognizesAsync(Uz, Kr, 0, now, ct));
        Assert.False((await bed.Registry.RecognizesAsync(Uz, Kr, 1, now, ct)).Recognized);

        await bed.AsUz.AcceptAsync(id, 2, ct);
        var concluded2 = await bed.GetAsync(id, ct);
        Assert.Equal((2u, 2u, true), (concluded2.LatestVersion, concluded2.ConcludedVersion, concluded2.InForce));
        Assert.Equal(Benefits | 1u << 7, concluded2.ConcludedTerms.BenefitsMask);
        Assert.Equal(new Recognition(true, id, 2, Benefits | 1u << 7), await bed.Registry.RecognizesAsync(Uz, Kr, 1, Seconds(concluded2.EvaluatedAt), ct));

        var terminated = await bed.Client.TerminateAsync(new V1.TerminateMraRequest { MraId = id, Reason = 11 }, bed.Auth, cancellationToken: ct);
        Assert.Equal((V1.MraStatus.Terminated, false), (terminated.Mra.Status, terminated.Mra.InForce));
        Assert.Equal(MraStatus.Terminated, (await bed.Registry.GetMraAsync(id, ct))!.Status);
        Assert.False((await bed.Registry.RecognizesAsync(Uz, Kr, 0, Seconds(terminated.Mra.EvaluatedAt), ct)).Recognized);
    }

    [Fact]
    public async Task Validity_window_travels_to_the_chain_and_decides_in_force()
    {
        using var cts = new CancellationTokenSource(TestTimeout);
        var ct = cts.Token;
        await using var bed = await MraTestbed.CreateAsync(anvil, ct);
        var terms = Terms(V1.ProgrammeType.AeoC);
        var from = new DateTimeOffset(2040, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var until = new DateTimeOffset(2045, 1, 1, 0, 0, 0, TimeSpan.Zero);
        terms.ValidFrom = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(from);
        terms.ValidUntil = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(until);

        var proposed = await bed.ProposeAsync(["KR", "KZ"], terms, ct);
        await bed.AsKz.AcceptAsync(proposed.Mra.Id, 1, ct);
        var mra = await bed.GetAsync(proposed.Mra.Id, ct);

        // Concluded, but not yet in force: its validity starts in 2040.
        Assert.Equal((1u, false), (mra.ConcludedVersion, mra.InForce));
        Assert.Equal(from, mra.ConcludedTerms.ValidFrom.ToDateTimeOffset());
        Assert.Equal(until, mra.ConcludedTerms.ValidUntil.ToDateTimeOffset());
        Assert.Equal(new MraTerms((ulong)from.ToUnixTimeSeconds(), (ulong)until.ToUnixTimeSeconds(), 0b10, Benefits, 0b11),
            await bed.Registry.TermsOfAsync(proposed.Mra.Id, 1, ct));
        Assert.True(await bed.Registry.InForceAsync(proposed.Mra.Id, (ulong)from.ToUnixTimeSeconds(), ct));
        Assert.False(await bed.Registry.InForceAsync(proposed.Mra.Id, (ulong)until.ToUnixTimeSeconds(), ct));
    }
}
