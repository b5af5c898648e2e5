using CredentialLedger.Contracts;
using CredentialLedger.Sdk.Ledger;
using static CredentialLedger.Sdk.Tests.LedgerScenario;

namespace CredentialLedger.Sdk.Tests.Ledger;

/// <summary>
/// An MRA's state over time. In force at t ⇔ status Active, a concluded version exists, and validFrom ≤ t &lt;
/// validUntil of the concluded version (0 = no end); an amendment keeps the concluded version in force until the new
/// one is concluded (contracts/README.md, "Statuses and transitions"). State changes take effect at block times.
/// </summary>
public sealed class MraHistoryTests : IDisposable
{
    private readonly LedgerScenario _s = new();

    public MraHistoryTests()
    {
        _s.Admit(Kr, 100);
        _s.Admit(Uz, 100);
    }

    public void Dispose() => _s.Dispose();

    private MraHistory Mra => _s.History.GetMra(1)!;

    [Fact]
    public void A_proposed_mra_is_recorded_with_its_first_version_and_is_not_in_force()
    {
        _s.ProposeMra(1, Kr, [Kr, Uz], AeoSOnly, 0b11, at: 1_000);

        Assert.Equal(1UL, Mra.Id);
        Assert.Equal([Kr, Uz], Mra.Parties.ToArray());
        Assert.Equal([new MraVersionTerms(1, AeoSOnly, 0b11, 0, 0)], Mra.Versions.ToArray());
        Assert.Equal(new MraState(1_000, MraStatus.Active, 0, _s.History.LastApplied!.Value), Mra.StateAt(1_000));
        Assert.Null(Mra.StateAt(999));
        Assert.Null(Mra.InForceAt(5_000));
        Assert.Empty(_s.History.MrasInForce(Uz, Kr, 5_000));
    }

    [Fact]
    public void A_concluded_mra_is_in_force_from_the_concluding_block_time()
    {
        _s.ProposeMra(1, Kr, [Kr, Uz], AeoSOnly, 0b11, at: 1_000);
        _s.ConcludeMra(1, 1, at: 2_000);

        Assert.Null(Mra.InForceAt(1_999));
        Assert.Equal(new MraVersionTerms(1, AeoSOnly, 0b11, 0, 0), Mra.InForceAt(2_000));
        Assert.Equal(1u, Mra.StateAt(2_000)?.ConcludedVersion);
    }

    [Theory]
    [InlineData(2_999UL, false)]
    [InlineData(3_000UL, true)]
    [InlineData(4_999UL, true)]
    [InlineData(5_000UL, false)]
    [InlineData(9_000UL, false)]
    public void A_concluded_mra_is_in_force_only_inside_its_validity_window(ulong at, bool inForce)
    {
        _s.ProposeMra(1, Kr, [Kr, Uz], AeoSOnly, 0b11, at: 1_000, validFrom: 3_000, validUntil: 5_000);
        _s.ConcludeMra(1, 1, at: 2_000);

        Assert.Equal(inForce, Mra.InForceAt(at) is not null);
        Assert.Equal(inForce, _s.History.MrasInForce(Uz, Kr, at).Count == 1);
    }

    [Fact]
    public void A_suspended_mra_is_out_of_force_from_the_suspending_block_until_the_resuming_block()
    {
        _s.ProposeMra(1, Kr, [Kr, Uz], AeoSOnly, 0b11, at: 1_000);
        _s.ConcludeMra(1, 1, at: 2_000);
        _s.SuspendMra(1, Uz, at: 4_000);
        _s.ResumeMra(1, Kr, at: 6_000);

        Assert.NotNull(Mra.InForceAt(3_999));
        Assert.Null(Mra.InForceAt(4_000));
        Assert.Equal(MraStatus.Suspended, Mra.StateAt(5_999)?.Status);
        Assert.Null(Mra.InForceAt(5_999));
        Assert.NotNull(Mra.InForceAt(6_000));
        Assert.Equal(MraStatus.Active, Mra.StateAt(6_000)?.Status);
        Assert.Equal(1u, Mra.StateAt(6_000)?.ConcludedVersion);
    }

    [Fact]
    public void A_terminated_mra_is_out_of_force_from_the_terminating_block_on()
    {
        _s.ProposeMra(1, Kr, [Kr, Uz], AeoSOnly, 0b11, at: 1_000);
        _s.ConcludeMra(1, 1, at: 2_000);
        _s.TerminateMra(1, Uz, at: 7_000);

        Assert.NotNull(Mra.InForceAt(6_999));
        Assert.Null(Mra.InForceAt(7_000));
        Assert.Null(Mra.InForceAt(ulong.MaxValue));
        Assert.Equal(MraStatus.Terminated, Mra.StateAt(7_000)?.Status);
    }

    [Fact]
    public void Every_state_change_is_kept_in_chain_order_with_its_block_time()
    {
        _s.ProposeMra(1, Kr, [Kr, Uz], AeoSOnly, 0b11, at: 1_000);
        _s.ConcludeMra(1, 1, at: 2_000);
        _s.SuspendMra(1, Uz, at: 3_000);
        _s.TerminateMra(1, Kr, at: 4_000);

        Assert.Equal([1_000UL, 2_000UL, 3_000UL, 4_000UL], Mra.States.Select(s => s.From));
        Assert.Equal([MraStatus.Active, MraStatus.Active, MraStatus.Suspended, MraStatus.Terminated], Mra.States.Select(s => s.Status));
        Assert.Equal([0u, 1u, 1u, 1u], Mra.States.Select(s => s.ConcludedVersion));
        Assert.Equal(_s.History.LastApplied, Mra.States[^1].Position);
    }

    [Fact]
    public void An_amendment_keeps_the_concluded_version_in_force_until_the_new_one_is_concluded()
    {
        _s.ProposeMra(1, Kr, [Kr, Uz], AeoSOnly, 0b1, at: 1_000);
        _s.ConcludeMra(1, 1, at: 2_000);
        _s.AmendMra(1, 2, Uz, AeoSAndC, 0b111, at: 3_000);

        Assert.Equal(2, Mra.Versions.Length);
        Assert.Equal(new MraVersionTerms(1, AeoSOnly, 0b1, 0, 0), Mra.InForceAt(3_500));

        _s.ConcludeMra(1, 2, at: 4_000);

        Assert.Equal(1u, Mra.InForceAt(3_999)?.Version);
        Assert.Equal(new MraVersionTerms(2, AeoSAndC, 0b111, 0, 0), Mra.InForceAt(4_000));
        // History is kept: asked about an earlier time, the earlier terms still answer.
        Assert.Equal(1u, Mra.InForceAt(2_500)?.Version);
    }

    [Fact]
    public void Once_an_amendment_is_concluded_its_validity_window_governs()
    {
        _s.ProposeMra(1, Kr, [Kr, Uz], AeoSOnly, 0b1, at: 1_000);
        _s.ConcludeMra(1, 1, at: 2_000);
        _s.AmendMra(1, 2, Uz, AeoSOnly, 0b1, at: 3_000, validFrom: 5_000, validUntil: 8_000);
        _s.ConcludeMra(1, 2, at: 4_000);

        Assert.Equal(1u, Mra.InForceAt(3_999)?.Version);
        Assert.Null(Mra.InForceAt(4_000));
        Assert.Null(Mra.InForceAt(4_999));
        Assert.Equal(2u, Mra.InForceAt(5_000)?.Version);
        Assert.Null(Mra.InForceAt(8_000));
    }

    [Fact]
    public void An_amendment_that_is_never_concluded_changes_nothing_in_force()
    {
        _s.ProposeMra(1, Kr, [Kr, Uz], AeoSOnly, 0b1, at: 1_000);
        _s.ConcludeMra(1, 1, at: 2_000);
        _s.AmendMra(1, 2, Uz, AeoCOnly, 0b10, at: 3_000, validUntil: 3_500);

        Assert.Equal(new MraVersionTerms(1, AeoSOnly, 0b1, 0, 0), Mra.InForceAt(10_000));
    }

    [Fact]
    public void An_amendment_that_skips_a_version_number_is_ignored()
    {
        _s.ProposeMra(1, Kr, [Kr, Uz], AeoSOnly, 0b1, at: 1_000);

        _s.AmendMra(1, 3, Uz, AeoCOnly, 0b10, at: 3_000);

        Assert.Single(Mra.Versions);
    }

    [Fact]
    public void An_mra_suspended_before_its_first_conclusion_is_in_force_only_once_resumed()
    {
        _s.ProposeMra(1, Kr, [Kr, Uz], AeoSOnly, 0b1, at: 1_000);
        _s.SuspendMra(1, Uz, at: 1_500);
        _s.ConcludeMra(1, 1, at: 2_000);
        _s.ResumeMra(1, Uz, at: 3_000);

        Assert.Null(Mra.InForceAt(2_500));
        Assert.Equal(MraStatus.Suspended, Mra.StateAt(2_500)?.Status);
        Assert.Equal(1u, Mra.InForceAt(3_000)?.Version);
    }

    [Fact]
    public void Several_changes_in_one_block_time_leave_the_last_one_in_effect_at_that_second()
    {
        _s.ProposeMra(1, Kr, [Kr, Uz], AeoSOnly, 0b1, at: 1_000);
        _s.ConcludeMra(1, 1, at: 1_000);
        _s.SuspendMra(1, Uz, at: 2_000);
        _s.ResumeMra(1, Uz, at: 2_000);

        Assert.NotNull(Mra.InForceAt(1_000));
        Assert.NotNull(Mra.InForceAt(2_000));
    }

    [Fact]
    public void A_conclusion_of_a_version_that_was_never_proposed_is_ignored()
    {
        _s.ProposeMra(1, Kr, [Kr, Uz], AeoSOnly, 0b1, at: 1_000);
        _s.ConcludeMra(1, 1, at: 2_000);

        _s.ConcludeMra(1, 5, at: 3_000);

        Assert.Equal(1u, Mra.InForceAt(3_000)?.Version);
        Assert.Single(_s.History.MrasInForce(Uz, Kr, 3_000));
    }

    [Fact]
    public void Mras_lists_every_mra_by_id()
    {
        _s.ProposeMra(2, Uz, [Kr, Uz], AeoCOnly, 0b1, at: 1_000);
        _s.ProposeMra(1, Kr, [Kr, Uz], AeoSOnly, 0b1, at: 1_000);

        Assert.Equal([1UL, 2UL], _s.History.Mras.Select(m => m.Id));
        Assert.Null(_s.History.GetMra(3));
    }
}
