using CredentialLedger.Evm.Abi;
using CredentialLedger.TestKit;
using static CredentialLedger.Contracts.Tests.Live.RegistryTestbed;

namespace CredentialLedger.Contracts.Tests.Live;

[Trait("Category", "Live")]
public sealed class MraRegistryLiveTests(AnvilFixture anvil) : IClassFixture<AnvilFixture>
{
    private const uint Scope = 0b011;      // programme types 0 and 1
    private const uint Benefits = 0b1010;

    [Fact]
    public async Task An_mra_is_concluded_and_recognized_once_every_party_accepted_it()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var testbed = await DeployAsync(anvil, cts.Token);
        var now = await testbed.NowAsync(cts.Token);

        var proposed = await testbed.Kr.Mras.ProposeAsync([KR, KZ], Scope, Benefits, 0, 0, cts.Token);
        var pending = await testbed.Kr.Mras.GetMraAsync(proposed.Value, cts.Token);
        var notYet = await testbed.Kz.Mras.RecognizesAsync(KZ, KR, 0, now, cts.Token);
        await testbed.Kz.Mras.AcceptAsync(proposed.Value, 1, cts.Token);
        var concluded = await testbed.Kr.Mras.GetMraAsync(proposed.Value, cts.Token);

        Assert.Equal(1UL, proposed.Value);
        Assert.Equal(new MraRecord(1, MraStatus.Active, 1, 0, 2), pending);
        Assert.False(pending!.IsConcluded);
        Assert.Equal(new Recognition(false, 0, 0, 0), notYet);
        Assert.Equal(new MraRecord(1, MraStatus.Active, 1, 1, 2), concluded);
        Assert.Equal(new MraTerms(0, 0, Scope, Benefits, 0b11), await testbed.Kr.Mras.TermsOfAsync(1, 1, cts.Token));
        Assert.Equal([KR, KZ], await testbed.Kr.Mras.PartiesOfAsync(1, cts.Token));
        Assert.Equal([1UL], await testbed.Kr.Mras.MrasOfAsync(KZ, cts.Token));
        Assert.Empty(await testbed.Kr.Mras.MrasOfAsync(UZ, cts.Token));
        Assert.True(await testbed.Kr.Mras.InForceAsync(1, now, cts.Token));
        Assert.Equal(new Recognition(true, 1, 1, Benefits), await testbed.Kr.Mras.RecognizesAsync(KZ, KR, 0, now, cts.Token));
        Assert.Equal(new Recognition(true, 1, 1, Benefits), await testbed.Kr.Mras.RecognizesAsync(KR, KZ, 1, now, cts.Token));
        Assert.False((await testbed.Kr.Mras.RecognizesAsync(KZ, KR, 2, now, cts.Token)).Recognized);
        Assert.False((await testbed.Kr.Mras.RecognizesAsync(UZ, KR, 0, now, cts.Token)).Recognized);
        Assert.Null(await testbed.Kr.Mras.GetMraAsync(2, cts.Token));
        Assert.Null(await testbed.Kr.Mras.TermsOfAsync(1, 2, cts.Token));
        Assert.Equal(64UL, await testbed.Kr.Mras.MaxPartiesAsync(cts.Token));
    }

    [Fact]
    public async Task A_suspended_mra_recognizes_nothing_until_resumed_and_a_terminated_one_never_again()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var testbed = await DeployAsync(anvil, cts.Token);
        var mraId = (await testbed.Kr.Mras.ProposeAsync([KR, KZ, UZ], Scope, Benefits, 0, 0, cts.Token)).Value;
        await testbed.Kz.Mras.AcceptAsync(mraId, 1, cts.Token);
        await testbed.Uz.Mras.AcceptAsync(mraId, 1, cts.Token);
        var now = await testbed.NowAsync(cts.Token);

        var before = await testbed.Uz.Mras.RecognizesAsync(UZ, KZ, 1, now, cts.Token);
        await testbed.Uz.Mras.SuspendAsync(mraId, 7, cts.Token);
        var suspended = await testbed.Uz.Mras.RecognizesAsync(UZ, KZ, 1, now, cts.Token);
        await testbed.Kr.Mras.ResumeAsync(mraId, cts.Token);
        var resumed = await testbed.Uz.Mras.RecognizesAsync(UZ, KZ, 1, now, cts.Token);
        await testbed.Kz.Mras.TerminateAsync(mraId, 9, cts.Token);
        var terminated = await testbed.Uz.Mras.RecognizesAsync(UZ, KZ, 1, now, cts.Token);
        var acceptAfter = await Reverts.ThrowsAsync("MraRegistryInvalidStatus", () => testbed.Kr.Mras.ResumeAsync(mraId, cts.Token));

        Assert.True(before.Recognized);
        Assert.False(suspended.Recognized);
        Assert.True(resumed.Recognized);
        Assert.False(terminated.Recognized);
        Assert.Equal(MraStatus.Terminated, (await testbed.Kr.Mras.GetMraAsync(mraId, cts.Token))!.Status);
        Assert.Equal([AbiValue.Uint(mraId), AbiValue.Uint((int)MraStatus.Terminated)], acceptAfter);
    }

    [Fact]
    public async Task An_amendment_governs_only_once_every_party_accepted_it()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var testbed = await DeployAsync(anvil, cts.Token);
        var mraId = (await testbed.Kr.Mras.ProposeAsync([KR, KZ], Scope, Benefits, 0, 0, cts.Token)).Value;
        await testbed.Kz.Mras.AcceptAsync(mraId, 1, cts.Token);
        var now = await testbed.NowAsync(cts.Token);

        var amended = await testbed.Kz.Mras.AmendAsync(mraId, Scope | 0b100, 1, 0, 0, cts.Token);
        var whilePending = await testbed.Kr.Mras.RecognizesAsync(KR, KZ, 2, now, cts.Token);
        var stale = await Reverts.ThrowsAsync("MraRegistryStaleVersion", () => testbed.Kr.Mras.AcceptAsync(mraId, 1, cts.Token));
        await testbed.Kr.Mras.AcceptAsync(mraId, amended.Value, cts.Token);

        Assert.Equal(2u, amended.Value);
        Assert.False(whilePending.Recognized);
        Assert.Equal([AbiValue.Uint(mraId), AbiValue.Uint(1), AbiValue.Uint(2)], stale);
        Assert.Equal(new Recognition(true, mraId, 2, 1), await testbed.Kr.Mras.RecognizesAsync(KR, KZ, 2, now, cts.Token));
        Assert.True((await testbed.Kr.Mras.TermsOfAsync(mraId, 2, cts.Token))!.Covers(2));
    }

    [Fact]
    public async Task Parties_must_be_ascending_active_members_that_include_the_proposer()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var testbed = await DeployAsync(anvil, cts.Token);

        await Reverts.ThrowsAsync("MraRegistryInvalidParties", () => testbed.Kr.Mras.ProposeAsync([KZ, KR], Scope, 0, 0, 0, cts.Token));
        await Reverts.ThrowsAsync("MraRegistryPartyNotActive",
            () => testbed.Kr.Mras.ProposeAsync([KR, MemberCode.Parse("TJ")], Scope, 0, 0, 0, cts.Token));
        await Reverts.ThrowsAsync("MraRegistryNotParty", () => testbed.Uz.Mras.ProposeAsync([KR, KZ], Scope, 0, 0, 0, cts.Token));
        await Reverts.ThrowsAsync("MraRegistryInvalidScope", () => testbed.Kr.Mras.ProposeAsync([KR, KZ], 0, 0, 0, 0, cts.Token));
        var programme = await Reverts.ThrowsAsync("MraRegistryInvalidProgramme", () => testbed.Kr.Mras.RecognizesAsync(KR, KZ, 32, 0, cts.Token));
        Assert.Equal([AbiValue.Uint(32)], programme);
    }
}
