using CredentialLedger.TestKit;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using V1 = CredentialLedger.Sdk.Node.V1;
using static CredentialLedger.Node.Tests.Mras.MraTestbed;

namespace CredentialLedger.Node.Tests.Mras;

/// <summary>Bad input is refused before anything is signed; what the registry refuses comes back decoded.</summary>
public sealed class MraRefusalTests(AnvilFixture anvil) : IClassFixture<AnvilFixture>
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(120);

    private static async Task<RpcException> Refused(StatusCode code, string fragment, Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<RpcException>(call);
        Assert.True(code == error.StatusCode, $"{error.StatusCode}: {error.Status.Detail}");
        Assert.Contains(fragment, error.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Status.Detail);
        return error;
    }

    [Fact]
    public async Task Bad_input_is_refused_as_InvalidArgument_naming_the_field_and_nothing_is_sent()
    {
        using var cts = new CancellationTokenSource(TestTimeout);
        var ct = cts.Token;
        await using var bed = await MraTestbed.CreateAsync(anvil, ct);
        var existing = (await bed.ProposeAsync(["KR", "UZ"], Terms(V1.ProgrammeType.AeoS), ct)).Mra.Id;
        var nonce = await bed.OperatorNonceAsync(ct);
        var c = bed.Client;

        var badProposals = new (string Fragment, string[] Parties, Action<V1.MraTermsInput> Spoil)[]
        {
            ("parties: at least 2", [], _ => { }),
            ("parties: at least 2", ["KR"], _ => { }),
            ("parties: KR is given twice", ["KR", "UZ", "KR"], _ => { }),
            ("parties[1]: 'uz' is not an assigned ISO 3166-1 alpha-2 code", ["KR", "uz"], _ => { }),
            ("parties[0]: 'XX' is not an assigned", ["XX", "KR"], _ => { }),
            ("parties[1]: 'KOR' is not an assigned", ["KR", "KOR"], _ => { }),
            ("parties: must include this node's member KR", ["UZ", "KZ"], _ => { }),
            ("terms.scope: at least one programme", ["KR", "UZ"], t => t.Scope.Clear()),
            ("terms.scope: unknown programme type", ["KR", "UZ"], t => t.Scope.Add(V1.ProgrammeType.Unspecified)),
            ("terms.benefits: unknown benefit", ["KR", "UZ"], t => t.Benefits.Add((V1.MraBenefit)9)),
            ("terms.validFrom: required", ["KR", "UZ"], t => t.ValidFrom = null),
            ("terms.validFrom: before 1970", ["KR", "UZ"], t => t.ValidFrom = new Timestamp { Seconds = -5 }),
            ("terms.validUntil: 2025-01-01 00:00:00Z is not after validFrom", ["KR", "UZ"], t => t.ValidUntil = t.ValidFrom),
            ("terms.validUntil: 2024-12-31 00:00:00Z is not after validFrom", ["KR", "UZ"],
                t => t.ValidUntil = Timestamp.FromDateTimeOffset(Since.AddDays(-1))),
        };
        foreach (var (fragment, parties, spoil) in badProposals)
        {
            var terms = Terms(V1.ProgrammeType.AeoS);
            spoil(terms);
            await Refused(StatusCode.InvalidArgument, fragment, () => bed.ProposeAsync(parties, terms, ct));
        }
        await Refused(StatusCode.InvalidArgument, "terms: required", () =>
            c.ProposeAsync(new V1.ProposeMraRequest { Parties = { "KR", "UZ" } }, bed.Auth, cancellationToken: ct).ResponseAsync);
        await Refused(StatusCode.InvalidArgument, "mraId: required", () =>
            c.AcceptAsync(new V1.AcceptMraRequest { Version = 1 }, bed.Auth, cancellationToken: ct).ResponseAsync);
        await Refused(StatusCode.InvalidArgument, "version: required", () =>
            c.AcceptAsync(new V1.AcceptMraRequest { MraId = existing }, bed.Auth, cancellationToken: ct).ResponseAsync);
        await Refused(StatusCode.InvalidArgument, "terms.scope: at least one programme", () =>
            c.AmendAsync(new V1.AmendMraRequest { MraId = existing, Terms = new V1.MraTermsInput { ValidFrom = Timestamp.FromDateTimeOffset(Since) } },
                bed.Auth, cancellationToken: ct).ResponseAsync);
        await Refused(StatusCode.InvalidArgument, "reason: a code from 0 to 255, not 256", () =>
            c.SuspendAsync(new V1.SuspendMraRequest { MraId = existing, Reason = 256 }, bed.Auth, cancellationToken: ct).ResponseAsync);
        await Refused(StatusCode.InvalidArgument, "reason: a code from 0 to 255", () =>
            c.TerminateAsync(new V1.TerminateMraRequest { MraId = existing, Reason = 1000 }, bed.Auth, cancellationToken: ct).ResponseAsync);
        await Refused(StatusCode.InvalidArgument, "mraId: required", () =>
            c.ResumeAsync(new V1.ResumeMraRequest(), bed.Auth, cancellationToken: ct).ResponseAsync);
        await Refused(StatusCode.InvalidArgument, "mraId: required", () => bed.GetAsync(0, ct));
        await Refused(StatusCode.InvalidArgument, "member: 'Korea'", () =>
            c.RecognitionAsync(new V1.RecognitionRequest { Member = "Korea" }, bed.Auth, cancellationToken: ct).ResponseAsync);
        await Refused(StatusCode.NotFound, "No MRA 99", () => bed.GetAsync(99, ct));

        Assert.Equal(nonce, await bed.OperatorNonceAsync(ct));
        Assert.Equal([existing], await bed.Registry.MrasOfAsync(Kr, ct));
        Assert.Equal(1u, (await bed.Registry.GetMraAsync(existing, ct))!.LatestVersion);
    }

    [Fact]
    public async Task What_the_registry_refuses_comes_back_as_FailedPrecondition_with_the_decoded_error_and_nothing_is_sent()
    {
        using var cts = new CancellationTokenSource(TestTimeout);
        var ct = cts.Token;
        await using var bed = await MraTestbed.CreateAsync(anvil, ct);
        var c = bed.Client;
        // UZ and KZ conclude an MRA of their own; KR is not party to it.
        var uzKz = (await bed.AsUz.ProposeAsync([Kz, Uz], 0b01, 0, 0, 0, ct)).Value;
        var krUz = (await bed.ProposeAsync(["KR", "UZ"], Terms(V1.ProgrammeType.AeoS), ct)).Mra.Id;
        var nonce = await bed.OperatorNonceAsync(ct);

        await Refused(StatusCode.FailedPrecondition, $"The chain refused the call: MraRegistryNotParty(mraId: {uzKz}, member: KR).", () =>
            c.AcceptAsync(new V1.AcceptMraRequest { MraId = uzKz, Version = 1 }, bed.Auth, cancellationToken: ct).ResponseAsync);
        await Refused(StatusCode.FailedPrecondition, $"MraRegistryNotParty(mraId: {uzKz}, member: KR)", () =>
            c.SuspendAsync(new V1.SuspendMraRequest { MraId = uzKz, Reason = 1 }, bed.Auth, cancellationToken: ct).ResponseAsync);
        await Refused(StatusCode.FailedPrecondition, $"MraRegistryAlreadyAccepted(mraId: {krUz}, version: 1, party: KR)", () =>
            c.AcceptAsync(new V1.AcceptMraRequest { MraId = krUz, Version = 1 }, bed.Auth, cancellationToken: ct).ResponseAsync);
        await Refused(StatusCode.FailedPrecondition, $"MraRegistryStaleVersion(mraId: {krUz}, version: 2, latestVersion: 1)", () =>
            c.AcceptAsync(new V1.AcceptMraRequest { MraId = krUz, Version = 2 }, bed.Auth, cancellationToken: ct).ResponseAsync);
        await Refused(StatusCode.FailedPrecondition, "MraRegistryUnknownMra(mraId: 99)", () =>
            c.ResumeAsync(new V1.ResumeMraRequest { MraId = 99 }, bed.Auth, cancellationToken: ct).ResponseAsync);
        await Refused(StatusCode.FailedPrecondition, "MraRegistryPartyNotActive(member: FR)", () =>
            bed.ProposeAsync(["KR", "FR"], Terms(V1.ProgrammeType.AeoS), ct));
        await Refused(StatusCode.FailedPrecondition, $"MraRegistryInvalidStatus(mraId: {krUz}, status: Active)", () =>
            c.ResumeAsync(new V1.ResumeMraRequest { MraId = krUz }, bed.Auth, cancellationToken: ct).ResponseAsync);
        Assert.Equal(nonce, await bed.OperatorNonceAsync(ct));

        // Terminated is for good: resuming it is refused, and so is accepting or amending it.
        await c.TerminateAsync(new V1.TerminateMraRequest { MraId = krUz, Reason = 10 }, bed.Auth, cancellationToken: ct);
        nonce = await bed.OperatorNonceAsync(ct);
        await Refused(StatusCode.FailedPrecondition, $"MraRegistryInvalidStatus(mraId: {krUz}, status: Terminated)", () =>
            c.ResumeAsync(new V1.ResumeMraRequest { MraId = krUz }, bed.Auth, cancellationToken: ct).ResponseAsync);
        await Refused(StatusCode.FailedPrecondition, $"MraRegistryInvalidStatus(mraId: {krUz}, status: Terminated)", () =>
            c.AmendAsync(new V1.AmendMraRequest { MraId = krUz, Terms = Terms(V1.ProgrammeType.AeoC) }, bed.Auth, cancellationToken: ct).ResponseAsync);
        Assert.Equal(nonce, await bed.OperatorNonceAsync(ct));

        // The node goes on sending after refusals.
        var next = await bed.ProposeAsync(["KR", "KZ"], Terms(V1.ProgrammeType.AeoC), ct);
        Assert.Equal(nonce + 1, await bed.OperatorNonceAsync(ct));
        Assert.Equal(V1.MraStatus.Active, next.Mra.Status);
    }

    [Fact]
    public async Task Mra_calls_without_the_operator_token_are_Unauthenticated()
    {
        using var cts = new CancellationTokenSource(TestTimeout);
        var ct = cts.Token;
        await using var bed = await MraTestbed.CreateAsync(anvil, ct);
        var wrong = new Metadata { { "authorization", "Bearer not-the-token-of-this-node" } };

        await Refused(StatusCode.Unauthenticated, "authorization", () => bed.Client.ListAsync(new V1.ListMrasRequest(), cancellationToken: ct).ResponseAsync);
        await Refused(StatusCode.Unauthenticated, "not this node's", () => bed.Client.ListAsync(new V1.ListMrasRequest(), wrong, cancellationToken: ct).ResponseAsync);
        var propose = new V1.ProposeMraRequest { Parties = { "KR", "UZ" }, Terms = Terms(V1.ProgrammeType.AeoS) };
        await Refused(StatusCode.Unauthenticated, "not this node's", () => bed.Client.ProposeAsync(propose, wrong, cancellationToken: ct).ResponseAsync);
        Assert.Empty(await bed.Registry.MrasOfAsync(Kr, ct));
    }
}
