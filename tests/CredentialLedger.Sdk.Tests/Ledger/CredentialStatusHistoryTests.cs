using CredentialLedger.Contracts;
using CredentialLedger.Contracts.Events;
using CredentialLedger.Sdk.Ledger;
using static CredentialLedger.Sdk.Tests.LedgerScenario;

namespace CredentialLedger.Sdk.Tests.Ledger;

/// <summary>
/// <see cref="LedgerHistory.StatusOf"/> with effective times that may be back-dated: a terminal change in effect wins;
/// else the last change in chain order whose effective time is not after t; with none, Active as anchored. From the
/// block of the last change on, the answer is the registry's current status.
/// </summary>
public sealed class CredentialStatusHistoryTests : IDisposable
{
    private readonly LedgerScenario _s = new();
    private readonly AnchoredDocuments _batch;
    private readonly CredentialRef _c;

    public CredentialStatusHistoryTests()
    {
        _s.Admit(Kr, 100);
        _batch = _s.Anchor(Kr, 500, "document 0", "document 1", "document 2");
        _c = RefOf(_batch[0]);
    }

    public void Dispose() => _s.Dispose();

    [Fact]
    public void A_credential_without_changes_is_active_as_anchored()
    {
        var status = _s.History.StatusOf(_c, 10_000);

        Assert.Equal(CredentialStatus.Active, status.Status);
        Assert.Null(status.Change);
        Assert.Empty(_s.History.ChangesOf(_c));
    }

    [Fact]
    public void A_suspension_takes_effect_at_its_exact_effective_second()
    {
        _s.ChangeStatus(_c, CredentialStatus.Suspended, effectiveAt: 1_000, at: 1_000, reason: 6);

        Assert.Equal(CredentialStatus.Active, _s.History.StatusOf(_c, 999).Status);
        var status = _s.History.StatusOf(_c, 1_000);
        Assert.Equal(CredentialStatus.Suspended, status.Status);
        Assert.Equal(new StatusChangeRecord(CredentialStatus.Suspended, 6, 1_000, _s.History.LastApplied!.Value, null), status.Change);
    }

    [Fact]
    public void A_reinstated_credential_is_suspended_between_the_two_effective_times_and_active_after()
    {
        _s.ChangeStatus(_c, CredentialStatus.Suspended, effectiveAt: 1_000, at: 1_000);
        _s.ChangeStatus(_c, CredentialStatus.Active, effectiveAt: 2_000, at: 2_000, reason: 0);

        Assert.Equal(CredentialStatus.Suspended, _s.History.StatusOf(_c, 1_999).Status);
        var after = _s.History.StatusOf(_c, 2_000);
        Assert.Equal(CredentialStatus.Active, after.Status);
        Assert.Equal(2_000UL, after.Change?.EffectiveAt);
        Assert.Equal(2, _s.History.ChangesOf(_c).Length);
    }

    [Fact]
    public void A_revocation_back_dated_before_an_earlier_recorded_suspension_wins_from_its_effective_time()
    {
        _s.ChangeStatus(_c, CredentialStatus.Suspended, effectiveAt: 2_000, at: 2_000);
        _s.ChangeStatus(_c, CredentialStatus.Revoked, effectiveAt: 1_000, at: 3_000, reason: 7);

        Assert.Equal(CredentialStatus.Active, _s.History.StatusOf(_c, 999).Status);
        Assert.Equal(CredentialStatus.Revoked, _s.History.StatusOf(_c, 1_000).Status);
        // The suspension has the later effective time, but the revocation is terminal and already in effect.
        var status = _s.History.StatusOf(_c, 2_500);
        Assert.Equal(CredentialStatus.Revoked, status.Status);
        Assert.Equal((byte)7, status.Change?.Reason);
        Assert.Equal(CredentialStatus.Revoked, _s.History.StatusOf(_c, 5_000).Status);
    }

    [Fact]
    public void A_suspension_then_a_later_revocation_shows_each_in_its_own_period()
    {
        _s.ChangeStatus(_c, CredentialStatus.Suspended, effectiveAt: 1_000, at: 1_000);
        _s.ChangeStatus(_c, CredentialStatus.Revoked, effectiveAt: 2_000, at: 2_000);

        Assert.Equal(CredentialStatus.Suspended, _s.History.StatusOf(_c, 1_999).Status);
        Assert.Equal(CredentialStatus.Revoked, _s.History.StatusOf(_c, 2_000).Status);
    }

    [Fact]
    public void A_terminal_change_in_effect_wins_over_a_later_non_terminal_one()
    {
        // The contract forbids leaving Revoked; should such a log ever appear, the revocation still stands.
        _s.ChangeStatus(_c, CredentialStatus.Revoked, effectiveAt: 1_000, at: 1_000);
        _s.ChangeStatus(_c, CredentialStatus.Active, effectiveAt: 2_000, at: 2_000);

        Assert.Equal(CredentialStatus.Revoked, _s.History.StatusOf(_c, 2_500).Status);
    }

    [Fact]
    public void A_superseded_credential_names_its_renewal_from_the_effective_second()
    {
        var renewal = _s.Anchor(Kr, 1_500, "renewed document");
        _s.Supersede(_c, RefOf(renewal[0]), effectiveAt: 1_600, at: 1_700);

        Assert.Equal(CredentialStatus.Active, _s.History.StatusOf(_c, 1_599).Status);
        var status = _s.History.StatusOf(_c, 1_600);
        Assert.Equal(CredentialStatus.Superseded, status.Status);
        Assert.Equal(RefOf(renewal[0]), status.Change?.SupersededBy);
        Assert.Equal((byte)9, status.Change?.Reason);
        Assert.Equal(CredentialStatus.Active, _s.History.StatusOf(RefOf(renewal[0]), 1_600).Status);
    }

    [Fact]
    public void Changes_with_the_same_effective_time_are_decided_by_chain_order()
    {
        _s.ChangeStatus(_c, CredentialStatus.Suspended, effectiveAt: 1_000, at: 1_000);
        _s.ChangeStatus(_c, CredentialStatus.Active, effectiveAt: 1_000, at: 1_100);

        Assert.Equal(CredentialStatus.Active, _s.History.StatusOf(_c, 1_000).Status);
    }

    [Fact]
    public void A_reinstatement_back_dated_before_the_suspension_it_lifts_governs_from_its_effective_time_on()
    {
        _s.ChangeStatus(_c, CredentialStatus.Suspended, effectiveAt: 2_000, at: 2_000);
        _s.ChangeStatus(_c, CredentialStatus.Active, effectiveAt: 1_500, at: 2_100);

        Assert.Equal(CredentialStatus.Active, _s.History.StatusOf(_c, 1_600).Status);
        // The registry holds Active since block time 2100: the suspension recorded before it no longer counts.
        var now = _s.History.StatusOf(_c, 2_100);
        Assert.Equal(CredentialStatus.Active, now.Status);
        Assert.Equal(1_500UL, now.Change?.EffectiveAt);
    }

    [Fact]
    public void A_suspension_recorded_after_a_reinstatement_but_back_dated_before_it_holds_from_then_on()
    {
        _s.ChangeStatus(_c, CredentialStatus.Suspended, effectiveAt: 1_000, at: 1_000);
        _s.ChangeStatus(_c, CredentialStatus.Active, effectiveAt: 3_000, at: 3_000);
        _s.ChangeStatus(_c, CredentialStatus.Suspended, effectiveAt: 2_000, at: 3_100, reason: 4);

        Assert.Equal(CredentialStatus.Suspended, _s.History.StatusOf(_c, 1_500).Status);
        Assert.Equal(CredentialStatus.Suspended, _s.History.StatusOf(_c, 2_500).Status);
        // From block time 3100 on the registry holds Suspended; the ledger must not answer Active after it.
        var now = _s.History.StatusOf(_c, 3_500);
        Assert.Equal(CredentialStatus.Suspended, now.Status);
        Assert.Equal((byte)4, now.Change?.Reason);
    }

    [Fact]
    public void A_many_credentials_change_applies_to_each_listed_index_and_no_other()
    {
        _s.Apply(new CredentialStatusesChanged(_batch.Root, CredentialStatus.Suspended, 4, 1_000, [2, 0])
            { Contract = CredentialRegistry, Position = _s.NextPosition() }, 1_000);

        Assert.Equal(CredentialStatus.Suspended, _s.History.StatusOf(RefOf(_batch[0]), 1_000).Status);
        Assert.Equal(CredentialStatus.Active, _s.History.StatusOf(RefOf(_batch[1]), 1_000).Status);
        Assert.Equal(CredentialStatus.Suspended, _s.History.StatusOf(RefOf(_batch[2]), 1_000).Status);
        Assert.Equal((byte)4, _s.History.StatusOf(RefOf(_batch[2]), 1_000).Change?.Reason);
    }

    [Fact]
    public void A_change_of_one_credential_does_not_touch_its_neighbours_or_the_same_index_of_another_batch()
    {
        var other = _s.Anchor(Kr, 600, "other 0");
        _s.ChangeStatus(_c, CredentialStatus.Revoked, effectiveAt: 1_000, at: 1_000);

        Assert.Equal(CredentialStatus.Active, _s.History.StatusOf(RefOf(_batch[1]), 2_000).Status);
        Assert.Equal(CredentialStatus.Active, _s.History.StatusOf(RefOf(other[0]), 2_000).Status);
    }

    [Fact]
    public void ChangesOf_lists_every_change_in_chain_order_not_effective_order()
    {
        _s.ChangeStatus(_c, CredentialStatus.Suspended, effectiveAt: 2_000, at: 2_000);
        _s.ChangeStatus(_c, CredentialStatus.Revoked, effectiveAt: 1_000, at: 3_000);

        Assert.Equal([2_000UL, 1_000UL], _s.History.ChangesOf(_c).Select(c => c.EffectiveAt));
    }
}
