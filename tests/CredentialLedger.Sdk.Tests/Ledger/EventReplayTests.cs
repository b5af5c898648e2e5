using CredentialLedger.Contracts;
using CredentialLedger.Contracts.Events;
using CredentialLedger.Sdk.Ledger;
using static CredentialLedger.Sdk.Tests.LedgerScenario;

namespace CredentialLedger.Sdk.Tests.Ledger;

/// <summary>
/// Events apply once, in chain order: anything at or before the last applied position is refused and changes
/// nothing, so a sync that replays a range never applies twice.
/// </summary>
public sealed class EventReplayTests : IDisposable
{
    private readonly LedgerScenario _s = new();

    public void Dispose() => _s.Dispose();

    private static MemberAdmitted Admitted(MemberCode member, LogPosition position) =>
        new(member, 1, 0) { Contract = MemberRegistry, Position = position };

    private static MemberRemoved Removed(MemberCode member, LogPosition position) =>
        new(member, 1) { Contract = MemberRegistry, Position = position };

    [Fact]
    public void A_new_history_has_applied_nothing()
    {
        var history = new LedgerHistory();

        Assert.Null(history.LastApplied);
        Assert.Equal(0, history.EventCount);
        Assert.Null(history.Freshness);
        Assert.Empty(history.Members);
        Assert.Empty(history.Mras);
        Assert.Equal(0, history.BatchCount);
    }

    [Fact]
    public void Applying_the_same_event_again_returns_false_and_changes_nothing()
    {
        var admitted = Admitted(Kr, _s.NextPosition());
        Assert.True(_s.History.Apply(admitted, 1_000));

        Assert.False(_s.History.Apply(admitted, 2_000));

        Assert.Equal([new MembershipPeriod(1_000, null)], _s.History.MembershipOf(Kr).ToArray());
        Assert.Equal(1, _s.History.EventCount);
        Assert.Equal(admitted.Position, _s.History.LastApplied);
    }

    [Fact]
    public void An_event_before_the_last_applied_position_returns_false_and_changes_nothing()
    {
        var early = _s.NextPosition();
        var late = _s.NextPosition();
        Assert.True(_s.History.Apply(Admitted(Kr, late), 1_000));

        Assert.False(_s.History.Apply(Removed(Kr, early), 2_000));

        Assert.True(_s.History.IsMemberAt(Kr, 3_000));
        Assert.Equal(1, _s.History.EventCount);
        Assert.Equal(late, _s.History.LastApplied);
    }

    [Fact]
    public void Within_one_block_the_log_index_orders_events()
    {
        var tx = TransactionOf(7);
        Assert.True(_s.History.Apply(Admitted(Kr, new LogPosition(7, tx, 3)), 1_000));

        Assert.False(_s.History.Apply(Admitted(Uz, new LogPosition(7, tx, 2)), 1_000));
        Assert.True(_s.History.Apply(Admitted(Kz, new LogPosition(7, tx, 4)), 1_000));

        Assert.Equal([Kr, Kz], _s.History.Members.Order());
    }

    [Fact]
    public void The_same_block_and_log_index_under_another_transaction_hash_is_still_the_same_position()
    {
        Assert.True(_s.History.Apply(Admitted(Kr, new LogPosition(7, TransactionOf(7), 0)), 1_000));

        Assert.False(_s.History.Apply(Admitted(Uz, new LogPosition(7, TransactionOf(8), 0)), 1_000));

        Assert.Equal([Kr], _s.History.Members);
    }

    [Fact]
    public void Each_applied_event_is_counted_and_becomes_the_last_applied_position()
    {
        _s.Admit(Kr, 1_000);
        _s.Admit(Uz, 1_000);
        _s.Remove(Uz, 2_000);

        Assert.Equal(3, _s.History.EventCount);
        Assert.Equal(3UL, _s.History.LastApplied?.BlockNumber);
    }

    [Fact]
    public void A_null_event_is_an_argument_error()
    {
        Assert.Throws<ArgumentNullException>(() => _s.History.Apply(null!, 1_000));
    }

    [Fact]
    public void Events_for_an_unknown_mra_are_ignored_without_throwing()
    {
        _s.Admit(Kr, 100);
        _s.Admit(Uz, 100);

        _s.AmendMra(9, 2, Kr, AeoSOnly, 0b1, at: 1_000);
        _s.Apply(new MraAccepted(9, 1, Kr) { Contract = MraRegistry, Position = _s.NextPosition() }, 1_000);
        _s.ConcludeMra(9, 1, at: 1_000);
        _s.SuspendMra(9, Kr, at: 1_000);
        _s.ResumeMra(9, Kr, at: 1_000);
        _s.TerminateMra(9, Kr, at: 1_000);

        Assert.Null(_s.History.GetMra(9));
        Assert.Empty(_s.History.Mras);
        Assert.Empty(_s.History.MrasOf(Kr));
        Assert.Empty(_s.History.MrasInForce(Uz, Kr, 2_000));
        Assert.Equal(8, _s.History.EventCount);
    }

    [Fact]
    public void Events_that_do_not_bear_on_aeo_verification_are_counted_and_change_nothing()
    {
        var position = _s.NextPosition;
        var chamber = ChamberId.FromAscii("KR-KCCI");
        var account = CredentialRegistry;
        var root = TransactionOf(99);
        RegistryEvent[] events =
        [
            new OperatorAdded(Kr, account) { Contract = MemberRegistry, Position = position() },
            new ProposalCreated(1, ProposalKind.Admit, Uz, Kr, account, 5_000) { Contract = MemberRegistry, Position = position() },
            new VoteCast(1, Kr) { Contract = MemberRegistry, Position = position() },
            new ProposalExecuted(1) { Contract = MemberRegistry, Position = position() },
            new ChamberAuthorized(chamber, Kr, account) { Contract = MemberRegistry, Position = position() },
            new OriginBatchAnchored(root, chamber, Kr, 3, 1_000) { Contract = MemberRegistry, Position = position() },
            new CertificateRevoked(root, 0, 7, 1_000) { Contract = MemberRegistry, Position = position() },
        ];

        foreach (var e in events)
            _s.Apply(e, 1_000);

        Assert.Equal(events.Length, _s.History.EventCount);
        Assert.Empty(_s.History.Members);
        Assert.Equal(0, _s.History.BatchCount);
        Assert.Null(_s.History.GetBatch(root));
        Assert.Empty(_s.History.ChangesOf(new CredentialRef(root, 0)));
    }

    [Fact]
    public void An_anchored_batch_is_recorded_with_its_issuer_size_time_and_log()
    {
        _s.Admit(Kr, 100);

        var batch = _s.Anchor(Kr, 1_234, "a", "b", "c");

        Assert.Equal(new AnchoredBatch(batch.Root, Kr, 3, 1_234, batch.Position), _s.History.GetBatch(batch.Root));
        Assert.Equal(1, _s.History.BatchCount);
        Assert.Null(_s.History.GetBatch(TransactionOf(1)));
    }

    [Fact]
    public void MarkSynced_records_the_freshness_readers_see()
    {
        var syncedAt = new DateTimeOffset(2026, 5, 1, 10, 0, 0, TimeSpan.Zero);
        var freshness = new LedgerFreshness(42, TransactionOf(42), 1_000, syncedAt);

        _s.History.MarkSynced(freshness);

        Assert.Same(freshness, _s.History.Freshness);
        Assert.Equal(TimeSpan.FromMinutes(5), freshness.StalenessAt(syncedAt.AddMinutes(5)));
        Assert.Equal(TimeSpan.Zero, freshness.StalenessAt(syncedAt.AddMinutes(-5)));
        Assert.Throws<ArgumentNullException>(() => _s.History.MarkSynced(null!));
    }
}
