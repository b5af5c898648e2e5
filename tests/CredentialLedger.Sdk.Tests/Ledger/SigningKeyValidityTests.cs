using CredentialLedger.Contracts;
using static CredentialLedger.Sdk.Tests.LedgerScenario;

namespace CredentialLedger.Sdk.Tests.Ledger;

/// <summary>
/// Signing keys: valid at t ⇔ validFrom ≤ t, (validUntil = 0 or t &lt; validUntil), (not revoked or t &lt; revokedAt);
/// a revocation may be back-dated and may later only move earlier (contracts/README.md, "Signing keys").
/// </summary>
public sealed class SigningKeyValidityTests : IDisposable
{
    private readonly LedgerScenario _s = new();

    public void Dispose() => _s.Dispose();

    [Fact]
    public void A_registered_key_is_recorded_as_the_event_gave_it()
    {
        var key = _s.RegisterKey(Kr, 900, validFrom: 1_000, validUntil: 2_000);

        var record = _s.History.GetKey(key.KeyId);

        Assert.NotNull(record);
        Assert.Equal(key.KeyId, record.KeyId);
        Assert.Equal(Kr, record.Member);
        Assert.Null(record.Chamber);
        Assert.Equal(key.PublicKey, record.PublicKey);
        Assert.Equal(1_000UL, record.ValidFrom);
        Assert.Equal(2_000UL, record.ValidUntil);
        Assert.Null(record.RevokedAt);
        Assert.Equal(_s.History.LastApplied, record.Registered);
    }

    [Fact]
    public void A_chamber_key_is_recorded_with_its_chamber()
    {
        var chamber = ChamberId.FromAscii("KR-KCCI");

        var key = _s.RegisterKey(Kr, 900, validFrom: 900, chamber: chamber);

        Assert.Equal(chamber, _s.History.GetKey(key.KeyId)?.Chamber);
    }

    [Fact]
    public void An_unregistered_key_id_is_not_found()
    {
        _s.RegisterKey(Kr, 900, validFrom: 900);

        Assert.Null(_s.History.GetKey(_s.NewKey().KeyId));
    }

    [Theory]
    [InlineData(999UL, false)]
    [InlineData(1_000UL, true)]
    [InlineData(1_999UL, true)]
    [InlineData(2_000UL, false)]
    public void A_key_is_valid_from_validFrom_up_to_but_not_at_validUntil(ulong at, bool valid)
    {
        var key = _s.RegisterKey(Kr, 900, validFrom: 1_000, validUntil: 2_000);

        Assert.Equal(valid, _s.History.GetKey(key.KeyId)!.IsValidAt(at));
    }

    [Fact]
    public void ValidUntil_zero_means_the_key_has_no_end()
    {
        var key = _s.RegisterKey(Kr, 900, validFrom: 1_000, validUntil: 0);

        Assert.True(_s.History.GetKey(key.KeyId)!.IsValidAt(ulong.MaxValue));
    }

    [Fact]
    public void A_revoked_key_is_invalid_from_the_exact_effective_second_even_when_back_dated()
    {
        var key = _s.RegisterKey(Kr, 900, validFrom: 1_000);

        _s.RevokeKey(key.KeyId, effectiveAt: 1_500, at: 3_000);

        var record = _s.History.GetKey(key.KeyId)!;
        Assert.Equal(1_500UL, record.RevokedAt);
        Assert.True(record.IsValidAt(1_499));
        Assert.False(record.IsValidAt(1_500));
        Assert.False(record.IsValidAt(2_500));
    }

    [Fact]
    public void A_second_revocation_with_an_earlier_time_moves_the_revocation_earlier()
    {
        var key = _s.RegisterKey(Kr, 900, validFrom: 1_000);
        _s.RevokeKey(key.KeyId, effectiveAt: 1_500, at: 3_000);

        _s.RevokeKey(key.KeyId, effectiveAt: 1_200, at: 3_100);

        var record = _s.History.GetKey(key.KeyId)!;
        Assert.Equal(1_200UL, record.RevokedAt);
        Assert.True(record.IsValidAt(1_199));
        Assert.False(record.IsValidAt(1_200));
    }

    [Fact]
    public void A_later_revocation_with_a_later_time_is_ignored()
    {
        var key = _s.RegisterKey(Kr, 900, validFrom: 1_000);
        _s.RevokeKey(key.KeyId, effectiveAt: 1_500, at: 3_000);

        _s.RevokeKey(key.KeyId, effectiveAt: 2_500, at: 3_100);

        var record = _s.History.GetKey(key.KeyId)!;
        Assert.Equal(1_500UL, record.RevokedAt);
        Assert.False(record.IsValidAt(1_500));
    }

    [Fact]
    public void Revoking_one_key_leaves_the_members_other_keys_valid()
    {
        var revoked = _s.RegisterKey(Kr, 900, validFrom: 1_000);
        var kept = _s.RegisterKey(Kr, 900, validFrom: 1_000);

        _s.RevokeKey(revoked.KeyId, effectiveAt: 1_500, at: 3_000);

        Assert.False(_s.History.GetKey(revoked.KeyId)!.IsValidAt(2_000));
        Assert.True(_s.History.GetKey(kept.KeyId)!.IsValidAt(2_000));
        Assert.Null(_s.History.GetKey(kept.KeyId)!.RevokedAt);
    }

    [Fact]
    public void Revoking_an_unknown_key_is_ignored_and_creates_no_key()
    {
        var unknown = _s.NewKey().KeyId;

        _s.RevokeKey(unknown, effectiveAt: 1_500, at: 3_000);

        Assert.Null(_s.History.GetKey(unknown));
        Assert.Equal(1, _s.History.EventCount);
    }
}
