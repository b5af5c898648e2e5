using CredentialLedger.Contracts;
using CredentialLedger.TestKit;
using Google.Protobuf.WellKnownTypes;
using V1 = CredentialLedger.Sdk.Node.V1;
using static CredentialLedger.Node.Tests.Mras.MraTestbed;

namespace CredentialLedger.Node.Tests.Mras;

/// <summary>"What does member X recognize, and what recognizes X?" against the registry's own recognizes view.</summary>
public sealed class MraRecognitionTests(AnvilFixture anvil) : IClassFixture<AnvilFixture>
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(120);
    private static readonly MemberCode[] Members = [Kr, Uz, Kz];

    [Fact]
    public async Task Recognition_answers_both_directions_exactly_as_the_registry_recognizes_view_does()
    {
        using var cts = new CancellationTokenSource(TestTimeout);
        var ct = cts.Token;
        await using var bed = await MraTestbed.CreateAsync(anvil, ct);

        // KR–UZ on both programmes, concluded; KR–KZ on AEO-S, concluded; KR–UZ–KZ on AEO-C, UZ has not accepted.
        var krUz = (await bed.ProposeAsync(["KR", "UZ"], Terms(V1.ProgrammeType.AeoS, V1.ProgrammeType.AeoC), ct)).Mra.Id;
        await bed.AsUz.AcceptAsync(krUz, 1, ct);
        var krKz = (await bed.ProposeAsync(["KZ", "KR"], Terms(V1.ProgrammeType.AeoS), ct)).Mra.Id;
        await bed.AsKz.AcceptAsync(krKz, 1, ct);
        var all = (await bed.ProposeAsync(["UZ", "KZ", "KR"], Terms(V1.ProgrammeType.AeoC), ct)).Mra.Id;
        await bed.AsKz.AcceptAsync(all, 1, ct);

        var kr = await RecognitionAsync(bed, "", ct); // empty: this node's member
        Assert.Equal(("KR", true), (kr.Member, kr.Active));
        Assert.Equal(
            [("UZ", V1.ProgrammeType.AeoS, krUz), ("UZ", V1.ProgrammeType.AeoC, krUz), ("KZ", V1.ProgrammeType.AeoS, krKz)],
            kr.Recognizes.Select(r => (r.Issuer, r.Programme, r.MraId)).OrderByDescending(r => r.Issuer).ThenBy(r => r.Programme));
        Assert.Equal(
            [("UZ", V1.ProgrammeType.AeoS, krUz), ("UZ", V1.ProgrammeType.AeoC, krUz), ("KZ", V1.ProgrammeType.AeoS, krKz)],
            kr.RecognizedBy.Select(r => (r.Verifier, r.Programme, r.MraId)).OrderByDescending(r => r.Verifier).ThenBy(r => r.Programme));
        Assert.All(kr.Recognizes, r => Assert.Equal([V1.MraBenefit.FewerDocumentaryChecks, V1.MraBenefit.PriorityRelease], r.Benefits));

        foreach (var member in Members)
            await AgreesWithRegistryAsync(bed, await RecognitionAsync(bed, member.ToString(), ct), ct);

        // Once UZ accepts the three-party MRA, UZ and KZ recognize each other's AEO-C under it.
        await bed.AsUz.AcceptAsync(all, 1, ct);
        var uz = await RecognitionAsync(bed, "UZ", ct);
        Assert.Contains(uz.Recognizes, r => r is { Issuer: "KZ", Programme: V1.ProgrammeType.AeoC } && r.MraId == all);
        Assert.DoesNotContain(uz.Recognizes, r => r is { Issuer: "KZ", Programme: V1.ProgrammeType.AeoS });
        foreach (var member in Members)
            await AgreesWithRegistryAsync(bed, await RecognitionAsync(bed, member.ToString(), ct), ct);

        // Suspending KR–UZ: KR and UZ still recognize each other's AEO-C (under the three-party MRA), not AEO-S.
        await bed.Client.SuspendAsync(new V1.SuspendMraRequest { MraId = krUz, Reason = 0 }, bed.Auth, cancellationToken: ct);
        kr = await RecognitionAsync(bed, "KR", ct);
        Assert.Equal([(V1.ProgrammeType.AeoC, all)], kr.Recognizes.Where(r => r.Issuer == "UZ").Select(r => (r.Programme, r.MraId)));
        await AgreesWithRegistryAsync(bed, kr, ct);

        // A time given is the time answered for; a country that is not a member is not active and recognizes nothing.
        var earlier = await bed.Client.RecognitionAsync(new V1.RecognitionRequest
        {
            Member = "KR",
            At = Timestamp.FromDateTimeOffset(Since.AddDays(-1)),
        }, bed.Auth, cancellationToken: ct);
        Assert.Equal(Since.AddDays(-1), earlier.At.ToDateTimeOffset());
        Assert.Empty(earlier.Recognizes);
        Assert.Empty(earlier.RecognizedBy);
        var france = await RecognitionAsync(bed, "FR", ct);
        Assert.Equal((false, 0, 0), (france.Active, france.Recognizes.Count, france.RecognizedBy.Count));
    }

    private static Task<V1.RecognitionResponse> RecognitionAsync(MraTestbed bed, string member, CancellationToken ct) =>
        bed.Client.RecognitionAsync(new V1.RecognitionRequest { Member = member }, bed.Auth, cancellationToken: ct).ResponseAsync;

    /// <summary>
    /// Every (verifier, issuer, programme) among the three members is listed by Recognition exactly when the registry's
    /// recognizes view says yes at the same time, with the same MRA, version and benefits.
    /// </summary>
    private static async Task AgreesWithRegistryAsync(MraTestbed bed, V1.RecognitionResponse answer, CancellationToken ct)
    {
        var at = Seconds(answer.At);
        var member = MemberCode.Parse(answer.Member);
        foreach (var other in Members.Where(m => m != member))
        {
            for (byte programme = 0; programme < 2; programme++)
            {
                await Agrees(answer.Recognizes, member, other, programme);
                await Agrees(answer.RecognizedBy, other, member, programme);
            }
        }

        async Task Agrees(IEnumerable<V1.Recognized> listed, MemberCode verifier, MemberCode issuer, byte programme)
        {
            var view = await bed.Registry.RecognizesAsync(verifier, issuer, programme, at, ct);
            var entry = listed.SingleOrDefault(r => r.Verifier == verifier.ToString() && r.Issuer == issuer.ToString() && r.ProgrammeBit == programme);
            Assert.True(view.Recognized == entry is not null, $"{verifier} recognizes {issuer} programme {programme}: registry {view.Recognized}, node {entry is not null}");
            if (entry is not null)
                Assert.Equal(view, new Recognition(true, entry.MraId, entry.Version, entry.BenefitsMask));
        }
    }
}
