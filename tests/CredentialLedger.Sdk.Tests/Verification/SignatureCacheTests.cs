using CredentialLedger.Credentials.Jwt;
using CredentialLedger.Sdk.Verification;
using static CredentialLedger.Sdk.Tests.LedgerScenario;

namespace CredentialLedger.Sdk.Tests.Verification;

/// <summary>
/// The verifier remembers credentials whose signature verified (by document hash), and still checks on every call
/// everything that can change: key validity, anchoring, proof, status, membership and MRAs. Answers with and without
/// the cache are the same.
/// </summary>
public sealed class SignatureCacheTests : IDisposable
{
    private readonly LedgerScenario _s = Standard();

    public void Dispose() => _s.Dispose();

    private AeoVerifier Cached(int size = AeoVerifier.DefaultSignatureCacheSize) => new(_s.History, LedgerScenario.Ledger, size);

    private static VerificationFailure[] Failures(AeoVerification v) => [.. v.Reasons.Select(r => r.Failure)];

    [Fact]
    public void A_credential_verified_before_is_still_checked_for_status_key_and_mra_changes()
    {
        var batch = _s.Anchor(Kr, Anchoring, _s.SignNew(Kr), _s.SignNew(Kr));
        var verifier = Cached();
        Assert.True(verifier.Verify(batch[0], Uz, At).Recognized);
        Assert.True(verifier.Verify(batch[1], Uz, At).Recognized);

        _s.ChangeStatus(batch[0], Contracts.CredentialStatus.Suspended, Unix(At) - 100, Unix(At) - 100);
        Assert.Equal([VerificationFailure.Suspended], Failures(verifier.Verify(batch[0], Uz, At)));

        // A key compromise back-dated before the anchoring: what the key signed then no longer stands.
        _s.RevokeKey(_s.KeyOf(Kr).KeyId, Anchoring - 1, Unix(At) - 50);
        Assert.Contains(VerificationFailure.KeyNotValidAtIssuance, Failures(verifier.Verify(batch[1], Uz, At)));

        _s.SuspendMra(1, Uz, Unix(At) - 10);
        Assert.Contains(VerificationFailure.NoMraInForce, Failures(verifier.Verify(batch[1], Uz, At)));
    }

    [Fact]
    public void A_different_spelling_or_a_tampered_copy_is_not_served_from_the_cache()
    {
        var batch = _s.Anchor(Kr, Anchoring, _s.SignNew(Kr));
        var verifier = Cached();
        Assert.True(verifier.Verify(batch[0], Uz, At).Recognized);

        var parts = batch[0].Jws.Split('.');
        var tampered = batch[0] with { Jws = $"{parts[0]}.{parts[1]}.{(parts[2][0] == 'A' ? 'B' : 'A')}{parts[2][1..]}" };
        var answer = verifier.Verify(tampered, Uz, At);
        Assert.False(answer.Recognized);
        Assert.Contains(VerificationFailure.BadSignature, Failures(answer));
        Assert.Contains(VerificationFailure.ProofMismatch, Failures(answer));
    }

    [Fact]
    public void Answers_with_a_cache_of_any_size_equal_those_without_one()
    {
        var batch = _s.Anchor(Kr, Anchoring, _s.SignNew(Kr), _s.SignNew(Kr), _s.SignNew(Kr, AeoProgramme.AeoC), "not a jws");
        _s.ChangeStatus(batch[1], Contracts.CredentialStatus.Revoked, Unix(At) - 100, Unix(At) - 100);
        var uncached = Cached(0);
        foreach (var size in new[] { 1, 2, AeoVerifier.DefaultSignatureCacheSize })
        {
            var verifier = Cached(size);
            for (var round = 0; round < 3; round++)
            {
                for (var i = 0; i < 4; i++)
                {
                    foreach (var member in new[] { Kr, Uz, Kz })
                    {
                        var expected = uncached.Verify(batch[i], member, At);
                        var actual = verifier.Verify(batch[i], member, At);
                        Assert.Equal(expected.Recognized, actual.Recognized);
                        Assert.Equal(Failures(expected), Failures(actual));
                        Assert.Equal(expected.Certificate, actual.Certificate);
                    }
                }
            }
        }
    }

    [Fact]
    public void A_negative_cache_size_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AeoVerifier(_s.History, LedgerScenario.Ledger, -1));
    }
}
