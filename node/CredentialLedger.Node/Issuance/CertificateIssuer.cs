using CredentialLedger.Credentials.Jwt;
using CredentialLedger.Node.Store;

namespace CredentialLedger.Node.Issuance;

/// <summary>
/// The issue flow: validate → build the VC → sign (ES256 JWS, kid = the on-chain key id) → store the certificate and
/// its outbox row in one transaction. Anchoring follows in the background; the answer comes once the certificate is
/// on disk. Status changes are checked against the lifecycle and stored the same way.
/// </summary>
public sealed class CertificateIssuer(
    CertificateStore store, SigningKeyRing keys, string member, LedgerStatusReference statusReference, TimeProvider time)
{
    /// <summary>How far ahead of the node's clock an effective time may be (clock skew between offices).</summary>
    public static readonly TimeSpan EffectiveTimeSkew = TimeSpan.FromSeconds(5);

    /// <summary>Issues one certificate.</summary>
    /// <exception cref="AeoCertificateValidationException">The input is invalid; nothing is stored.</exception>
    public Task<CertificateRecord> IssueAsync(IssueInput input, CancellationToken cancellationToken = default) =>
        store.AddAsync(Sign(input, AeoCertificate.NewId()), cancellationToken);

    /// <summary>Issues many certificates: all are stored, or none (one invalid input rejects the lot).</summary>
    /// <exception cref="AeoCertificateValidationException">An input is invalid; the message names its position.</exception>
    public Task<IReadOnlyList<CertificateRecord>> IssueManyAsync(IReadOnlyList<IssueInput> inputs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Count == 0)
            throw new ArgumentException("No certificates to issue.", nameof(inputs));
        var signed = new NewCertificate[inputs.Count];
        for (var i = 0; i < inputs.Count; i++)
        {
            try
            {
                signed[i] = Sign(inputs[i], AeoCertificate.NewId());
            }
            catch (AeoCertificateValidationException e)
            {
                throw new AeoCertificateValidationException([.. e.Errors.Select(error => $"requests[{i}].{error}")]);
            }
        }
        return store.AddManyAsync(signed, cancellationToken);
    }

    /// <summary>Suspends, reinstates or revokes.</summary>
    /// <param name="id">The certificate.</param>
    /// <param name="change">Suspend, Reinstate or Revoke.</param>
    /// <param name="reason">The reason code (contracts/README.md), 0..255.</param>
    /// <param name="effectiveAt">When it takes effect; null for now. Never in the future.</param>
    /// <param name="cancellationToken">Cancels the wait (not the change, once queued).</param>
    public Task<CertificateRecord> ChangeAsync(string id, ChangeKind change, int reason, DateTimeOffset? effectiveAt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return store.ChangeAsync(id, change, CheckReason(reason), EffectiveSeconds(effectiveAt), cancellationToken);
    }

    /// <summary>
    /// Renews: a new certificate for the same operator with a new validity, and the old one superseded by it (on
    /// chain once both are anchored).
    /// </summary>
    public async Task<(CertificateRecord Renewed, CertificateRecord Superseded)> RenewAsync(
        string id, DateTimeOffset validFrom, DateTimeOffset validUntil, DateOnly reEvaluationDue, int reason,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        var old = store.Get(id) ?? throw new CertificateNotFoundException(id);
        var subject = VcJwt.FromJson(PayloadJson(old.Jws)).Subject;
        var renewal = Sign(new IssueInput(subject, validFrom, validUntil, reEvaluationDue), AeoCertificate.NewId());
        return await store.RenewAsync(id, renewal, CheckReason(reason), EffectiveSeconds(null), cancellationToken).ConfigureAwait(false);
    }

    private NewCertificate Sign(IssueInput input, string id)
    {
        ArgumentNullException.ThrowIfNull(input);
        var certificate = new AeoCertificate
        {
            Id = id,
            IssuerMember = member,
            ValidFrom = input.ValidFrom,
            ValidUntil = input.ValidUntil,
            ReEvaluationDue = input.ReEvaluationDue,
            Subject = input.Subject,
            Status = statusReference,
        };
        var issuer = keys.Issuer;
        var jws = issuer.Sign(certificate);
        if (input.IdempotencyKey is { Length: > 200 })
            throw new AeoCertificateValidationException(["idempotencyKey: at most 200 characters"]);
        return new NewCertificate(id, input.Subject.AeoNumber, jws, VcJwt.DocumentHash(jws), keys.KeyId,
            input.ValidFrom.ToUnixTimeSeconds(), input.ValidUntil.ToUnixTimeSeconds(),
            string.IsNullOrEmpty(input.IdempotencyKey) ? null : input.IdempotencyKey);
    }

    private static int CheckReason(int reason) => reason is >= 0 and <= 255
        ? reason
        : throw new ArgumentOutOfRangeException(nameof(reason), reason, "reason: a reason code is 0..255 (contracts/README.md).");

    private long EffectiveSeconds(DateTimeOffset? effectiveAt)
    {
        var now = time.GetUtcNow();
        if (effectiveAt is not { } at)
            return now.ToUnixTimeSeconds();
        if (at > now + EffectiveTimeSkew)
            throw new ArgumentOutOfRangeException(nameof(effectiveAt), at, $"effectiveAt: {at:O} is in the future; a change takes effect now or earlier.");
        if (at.ToUnixTimeSeconds() <= 0)
            throw new ArgumentOutOfRangeException(nameof(effectiveAt), at, "effectiveAt: must be after 1970-01-01.");
        return Math.Min(at.ToUnixTimeSeconds(), now.ToUnixTimeSeconds());
    }

    private static string PayloadJson(string jws)
    {
        var parts = jws.Split('.');
        return System.Text.Encoding.UTF8.GetString(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(parts[1]));
    }
}
