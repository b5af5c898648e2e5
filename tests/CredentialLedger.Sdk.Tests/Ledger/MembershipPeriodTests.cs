using CredentialLedger.Sdk.Ledger;
using static CredentialLedger.Sdk.Tests.LedgerScenario;

namespace CredentialLedger.Sdk.Tests.Ledger;

/// <summary>Membership periods [admitted, removed) at block times, through removal and re-admission.</summary>
public sealed class MembershipPeriodTests : IDisposable
{
    private readonly LedgerScenario _s = new();

    public void Dispose() => _s.Dispose();

    [Fact]
    public void A_member_never_admitted_is_never_a_member()
    {
        _s.Admit(Kr, 1_000);

        Assert.False(_s.History.IsMemberAt(Uz, 0));
        Assert.False(_s.History.IsMemberAt(Uz, 1_000));
        Assert.False(_s.History.IsMemberAt(Uz, ulong.MaxValue));
        Assert.Empty(_s.History.MembershipOf(Uz));
    }

    [Fact]
    public void Membership_starts_at_the_exact_second_of_the_admitting_block()
    {
        _s.Admit(Kr, 1_000);

        Assert.False(_s.History.IsMemberAt(Kr, 999));
        Assert.True(_s.History.IsMemberAt(Kr, 1_000));
        Assert.True(_s.History.IsMemberAt(Kr, ulong.MaxValue));
        Assert.Equal([new MembershipPeriod(1_000, null)], _s.History.MembershipOf(Kr).ToArray());
    }

    [Fact]
    public void Membership_ends_at_the_exact_second_of_the_removing_block()
    {
        _s.Admit(Kr, 1_000);
        _s.Remove(Kr, 2_000);

        Assert.True(_s.History.IsMemberAt(Kr, 1_999));
        Assert.False(_s.History.IsMemberAt(Kr, 2_000));
        Assert.False(_s.History.IsMemberAt(Kr, 2_001));
        Assert.Equal([new MembershipPeriod(1_000, 2_000)], _s.History.MembershipOf(Kr).ToArray());
    }

    [Fact]
    public void A_readmitted_member_has_a_gap_between_its_periods_and_keeps_the_first()
    {
        _s.Admit(Kr, 1_000);
        _s.Remove(Kr, 2_000);
        _s.Admit(Kr, 3_000);

        Assert.True(_s.History.IsMemberAt(Kr, 1_500));
        Assert.False(_s.History.IsMemberAt(Kr, 2_000));
        Assert.False(_s.History.IsMemberAt(Kr, 2_999));
        Assert.True(_s.History.IsMemberAt(Kr, 3_000));
        Assert.Equal([new MembershipPeriod(1_000, 2_000), new MembershipPeriod(3_000, null)], _s.History.MembershipOf(Kr).ToArray());
    }

    [Fact]
    public void A_second_removal_closes_the_second_period_only()
    {
        _s.Admit(Kr, 1_000);
        _s.Remove(Kr, 2_000);
        _s.Admit(Kr, 3_000);
        _s.Remove(Kr, 4_000);

        Assert.Equal([new MembershipPeriod(1_000, 2_000), new MembershipPeriod(3_000, 4_000)], _s.History.MembershipOf(Kr).ToArray());
        Assert.True(_s.History.IsMemberAt(Kr, 3_999));
        Assert.False(_s.History.IsMemberAt(Kr, 4_000));
    }

    [Fact]
    public void Admitted_and_removed_in_the_same_second_is_a_member_at_no_second()
    {
        _s.Admit(Kr, 1_000);
        _s.Remove(Kr, 1_000);

        Assert.False(_s.History.IsMemberAt(Kr, 999));
        Assert.False(_s.History.IsMemberAt(Kr, 1_000));
        Assert.False(_s.History.IsMemberAt(Kr, 1_001));
    }

    [Fact]
    public void Removing_a_member_never_admitted_is_ignored()
    {
        _s.Remove(Kr, 1_000);

        Assert.Empty(_s.History.MembershipOf(Kr));
        Assert.False(_s.History.IsMemberAt(Kr, 1_000));
        Assert.Equal(1, _s.History.EventCount);
    }

    [Fact]
    public void Members_lists_every_member_ever_admitted_including_removed_ones()
    {
        _s.Admit(Kr, 1_000);
        _s.Admit(Uz, 1_000);
        _s.Remove(Kr, 2_000);

        Assert.Equal([Kr, Uz], _s.History.Members.Order());
    }
}
