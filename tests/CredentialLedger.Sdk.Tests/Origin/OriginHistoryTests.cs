using CredentialLedger.Evm;
using CredentialLedger.Evm.Crypto;
using CredentialLedger.Sdk.Ledger;
using static CredentialLedger.Sdk.Tests.LedgerScenario;

namespace CredentialLedger.Sdk.Tests.Origin;

/// <summary>Certificate-of-origin batches, revocations and first uses, rebuilt from the origin registry's events.</summary>
public sealed class OriginHistoryTests : IDisposable
{
    private readonly LedgerScenario _s = new();
    private readonly Hash32[] _documents = [.. Enumerable.Range(0, 3).Select(i => Keccak256.HashUtf8($"<eCoO n=\"{i}\"/>"))];

    public OriginHistoryTests()
    {
        _s.Admit(Kz, 1_000);
        _s.Admit(Uz, 1_000);
        _s.AuthorizeChamber(Atameken, Kz, 1_100);
    }

    public void Dispose() => _s.Dispose();

    [Fact]
    public void An_anchored_batch_is_recorded_with_its_chamber_member_size_time_and_position_apart_from_aeo_batches()
    {
        var batch = _s.AnchorOrigins(Atameken, Kz, 2_000, _documents);

        Assert.Equal(new AnchoredOriginBatch(batch.Root, Atameken, Kz, 3, 2_000, batch.Position), _s.History.GetOriginBatch(batch.Root));
        Assert.Equal(1, _s.History.OriginBatchCount);
        Assert.Null(_s.History.GetBatch(batch.Root));
        Assert.Equal(0, _s.History.BatchCount);
        Assert.Null(_s.History.GetOriginBatch(Keccak256.HashUtf8("never anchored")));
    }

    [Fact]
    public void A_revocation_is_recorded_with_reason_effective_time_and_position_and_is_effective_from_that_second()
    {
        var batch = _s.AnchorOrigins(Atameken, Kz, 2_000, _documents);
        var position = _s.RevokeOrigin(batch.RefOf(1), effectiveAt: 2_500, at: 3_000, reason: 7);

        var revocation = Assert.IsType<OriginRevocationRecord>(_s.History.OriginRevocationOf(batch.RefOf(1)));
        Assert.Equal(new OriginRevocationRecord(batch.RefOf(1), 7, 2_500, position), revocation);
        Assert.False(revocation.IsEffectiveAt(2_499));
        Assert.True(revocation.IsEffectiveAt(2_500));
        Assert.Null(_s.History.OriginRevocationOf(batch.RefOf(0)));
        Assert.Null(_s.History.OriginRevocationOf(batch.RefOf(2)));
    }

    [Fact]
    public void Only_the_first_revocation_of_a_certificate_stands()
    {
        var batch = _s.AnchorOrigins(Atameken, Kz, 2_000, _documents);
        var first = _s.RevokeOrigin(batch.RefOf(0), effectiveAt: 2_500, at: 3_000, reason: 7);
        _s.RevokeOrigin(batch.RefOf(0), effectiveAt: 2_100, at: 3_100, reason: 8); // refused on chain (AlreadyRevoked)

        Assert.Equal(new OriginRevocationRecord(batch.RefOf(0), 7, 2_500, first), _s.History.OriginRevocationOf(batch.RefOf(0)));
    }

    [Fact]
    public void A_use_is_recorded_at_its_block_time_and_only_the_first_stands()
    {
        var batch = _s.AnchorOrigins(Atameken, Kz, 2_000, _documents);
        var declaration = Keccak256.HashUtf8("UZ declaration 1");
        var first = _s.UseOrigin(batch.RefOf(2), Uz, declaration, 5_000);
        _s.UseOrigin(batch.RefOf(2), Kz, Keccak256.HashUtf8("KZ declaration"), 6_000); // refused on chain (AlreadyUsed)

        Assert.Equal(new OriginUseRecord(batch.RefOf(2), Uz, declaration, 5_000, first), _s.History.OriginUseOf(batch.RefOf(2)));
        Assert.Null(_s.History.OriginUseOf(batch.RefOf(1)));
    }

    [Fact]
    public void The_same_certificate_index_in_two_batches_is_two_certificates()
    {
        var a = _s.AnchorOrigins(Atameken, Kz, 2_000, _documents);
        var b = _s.AnchorOrigins(Atameken, Kz, 2_100, Keccak256.HashUtf8("other"));
        _s.RevokeOrigin(a.RefOf(0), 2_200, 2_200);

        Assert.NotNull(_s.History.OriginRevocationOf(a.RefOf(0)));
        Assert.Null(_s.History.OriginRevocationOf(b.RefOf(0)));
        Assert.Equal(2, _s.History.OriginBatchCount);
    }

    [Fact]
    public void A_root_anchored_again_keeps_its_first_batch()
    {
        var batch = _s.AnchorOrigins(Atameken, Kz, 2_000, _documents);
        // Refused on chain (OriginRegistryRootExists); a history fed it anyway keeps the first anchoring.
        _s.Apply(new Contracts.Events.OriginBatchAnchored(batch.Root, Tashkent, Uz, 1, 3_000) { Contract = OriginRegistry, Position = _s.NextPosition() }, 3_000);

        Assert.Equal(Atameken, _s.History.GetOriginBatch(batch.Root)!.Chamber);
        Assert.Equal(batch.Position, _s.History.GetOriginBatch(batch.Root)!.Anchored);
    }

    [Fact]
    public void Origin_events_replayed_at_or_before_the_last_position_change_nothing()
    {
        var batch = _s.AnchorOrigins(Atameken, Kz, 2_000, _documents);
        var revoked = new Contracts.Events.CertificateRevoked(batch.Root, 0, 7, 2_100) { Contract = OriginRegistry, Position = _s.NextPosition() };
        Assert.True(_s.History.Apply(revoked, 2_100));
        var count = _s.History.EventCount;

        Assert.False(_s.History.Apply(revoked with { EffectiveAt = 2_050 }, 2_100));

        Assert.Equal(2_100ul, _s.History.OriginRevocationOf(batch.RefOf(0))!.EffectiveAt);
        Assert.Equal(count, _s.History.EventCount);
    }
}
