using CredentialLedger.Contracts;
using CredentialLedger.Credentials.Origin;
using CredentialLedger.Node.Ledger;
using CredentialLedger.Node.Store;
using ChainChamberStatus = CredentialLedger.Contracts.ChamberStatus;

namespace CredentialLedger.Node.Origin;

/// <summary>
/// The certificate-of-origin issue flow: the chamber may issue now (this node's record and the ledger history both
/// say it is authorized) → validate → sign with the chamber's current key (enveloped XMLDSig) → store the XML bytes
/// and an outbox row in one transaction. Anchoring follows in the chamber's next batch.
/// </summary>
public sealed class OriginIssuer
{
    /// <summary>How far ahead of the node's clock an issue time may be.</summary>
    public static readonly TimeSpan IssueTimeSkew = TimeSpan.FromSeconds(5);

    /// <summary>How far back an issue time may be (a certificate is issued when it is signed, give or take its paperwork).</summary>
    public static readonly TimeSpan MaxBackdating = TimeSpan.FromDays(7);

    /// <summary>Most certificates per call.</summary>
    public const int MaxPerCall = 1_000;

    private readonly OriginStore _store;
    private readonly ChamberStore _chambers;
    private readonly ChamberKeyRing _ring;
    private readonly LedgerFollower _ledger;
    private readonly string _member;
    private readonly TimeProvider _time;

    internal OriginIssuer(OriginStore store, ChamberStore chambers, ChamberKeyRing ring, LedgerFollower ledger, NodeOptions options, TimeProvider time)
    {
        _store = store;
        _chambers = chambers;
        _ring = ring;
        _ledger = ledger;
        _member = options.Member;
        _time = time;
    }

    /// <summary>
    /// The chamber's defaults for a certificate: this member, the chamber, its name, and now, or the moment its signing
    /// key became valid on chain if the chain's clock runs ahead of this node's (a certificate dated before its key would
    /// not verify).
    /// </summary>
    public OriginDefaults DefaultsFor(string chamber)
    {
        var served = _chambers.Get(chamber) ?? throw OriginRequestException.UnknownChamber(chamber);
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        if (_ring.Get(chamber) is { } signer && _ledger.Current.History.GetKey(signer.KeyId) is { } key)
            now = Math.Max(now, (long)key.ValidFrom);
        return new OriginDefaults(_member, chamber, served.Name, DateTimeOffset.FromUnixTimeSeconds(now));
    }

    /// <summary>Issues certificates of <paramref name="chamber"/>: all are stored, or none.</summary>
    /// <exception cref="OriginRequestException">The chamber may not issue now, or a number was issued already.</exception>
    /// <exception cref="CertificateOfOriginValidationException">A certificate is invalid; problems name its position.</exception>
    public Task<IReadOnlyList<OriginCertificateRecord>> IssueAsync(
        string chamber, IReadOnlyList<(CertificateOfOrigin Certificate, string? IdempotencyKey)> requests, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(requests);
        if (requests.Count is 0 or > MaxPerCall)
            throw new ArgumentException($"requests: 1 to {MaxPerCall} certificates per call.");
        CheckMayWrite(chamber, "issue certificates of origin");
        var signer = _ring.Get(chamber) ?? throw new OriginRequestException(OriginFailure.Refused, $"Chamber {chamber} has no keys in this node's keystore.");
        // The later of this node's clock and the chain's last block: a chain clock ahead of ours is not "the future".
        var now = DateTimeOffset.FromUnixTimeSeconds(Math.Max(_time.GetUtcNow().ToUnixTimeSeconds(), (long)(_ledger.Current.History.Freshness?.BlockTime ?? 0)));
        // A certificate dated before its key became valid on chain would never verify: say so now.
        var keyValidFrom = _ledger.Current.History.GetKey(signer.KeyId) is { } key ? DateTimeOffset.FromUnixTimeSeconds((long)key.ValidFrom) : (DateTimeOffset?)null;
        var signed = new NewOriginCertificate[requests.Count];
        for (var i = 0; i < requests.Count; i++)
        {
            var prefix = requests.Count > 1 ? $"requests[{i}]." : "";
            var (certificate, idempotencyKey) = requests[i];
            var problems = new List<string>(CertificateOfOriginValidator.FindProblems(certificate));
            if (certificate.IssuingMember != _member)
                problems.Add($"issuingMember: '{certificate.IssuingMember}' is not this node's member {_member}");
            if (certificate.IssuingChamber != chamber)
                problems.Add($"issuingChamber: '{certificate.IssuingChamber}' is not the calling chamber {chamber}");
            if (certificate.IssuedAt > now + IssueTimeSkew)
                problems.Add($"issuedAt: {certificate.IssuedAt:u} is in the future");
            else if (certificate.IssuedAt < now - MaxBackdating)
                problems.Add($"issuedAt: {certificate.IssuedAt:u} is more than {MaxBackdating.TotalDays:0} days ago");
            else if (certificate.IssuedAt < keyValidFrom)
                problems.Add($"issuedAt: {certificate.IssuedAt:u} is before the chamber's signing key became valid on chain ({keyValidFrom:u})");
            if (idempotencyKey is { Length: > 200 })
                problems.Add("idempotencyKey: at most 200 characters");
            if (problems.Count > 0)
                throw new CertificateOfOriginValidationException([.. problems.Select(p => prefix + p)]);
            var xml = signer.Sign((ecdsa, keyId) => ECooSigner.Sign(certificate, ecdsa, keyId));
            signed[i] = new NewOriginCertificate($"urn:uuid:{Guid.NewGuid()}", chamber, certificate.CertificateNumber, certificate.Exporter.Name, xml,
                ECooDocument.HashOf(xml), signer.KeyId, certificate.IssuedAt.ToUnixTimeSeconds(), string.IsNullOrEmpty(idempotencyKey) ? null : idempotencyKey);
        }
        return _store.AddManyAsync(signed, ct);
    }

    /// <summary>Refuses at once what the chamber may not do now: unknown here, not onboarded, suspended or withdrawn (by this node's record or on chain).</summary>
    /// <exception cref="OriginRequestException">Refused, with why.</exception>
    public void CheckMayWrite(string chamber, string act)
    {
        var served = _chambers.Get(chamber) ?? throw OriginRequestException.UnknownChamber(chamber);
        if (served.State == ChamberState.Onboarding)
            throw new OriginRequestException(OriginFailure.Refused,
                $"Chamber {chamber} has not finished onboarding: its member runs 'credledger chamber authorize' again.");
        var history = _ledger.Current.History;
        var id = ChamberId.FromAscii(chamber);
        // This node's record answers until the history has caught up with the act that set it (each act syncs the
        // history before it returns, so that is at once unless the chain went away meanwhile); from then on the history
        // answers, which also sees what was done elsewhere (a reinstatement by another of the member's tools, the
        // member's removal).
        if (history.GetChamber(id) is not { } onChain || onChain.Statuses[^1].Position.BlockNumber < served.StatusBlock)
        {
            switch (served.State)
            {
                case ChamberState.Suspended:
                    throw new OriginRequestException(OriginFailure.Refused,
                        $"Chamber {chamber} is suspended (reason {served.Reason}): it cannot {act} until its member reinstates it.");
                case ChamberState.Withdrawn:
                    throw new OriginRequestException(OriginFailure.Refused, $"Chamber {chamber} is withdrawn: it can {act} no more.");
            }
            return;
        }
        // The later of the clock and the last synced block: a change the history holds is never judged as future.
        var at = (ulong)Math.Max(_time.GetUtcNow().ToUnixTimeSeconds(), (long)(history.Freshness?.BlockTime ?? 0));
        if (history.IsChamberAuthorizedAt(id, at))
            return;
        var status = onChain.StatusAt(at) ?? onChain.Statuses[^1];
        throw new OriginRequestException(OriginFailure.Refused, status.Status switch
        {
            ChainChamberStatus.Suspended => $"Chamber {chamber} is suspended (reason {status.Reason}): it cannot {act} until its member reinstates it.",
            ChainChamberStatus.Withdrawn => $"Chamber {chamber} is withdrawn: it can {act} no more.",
            _ => $"Chamber {chamber} is not authorized on chain: its member {onChain.Member} is not an active member in the membership that authorized it.",
        });
    }

    /// <inheritdoc />
    public override string ToString() => $"OriginIssuer({_member})";
}

/// <summary>What a chamber's certificate says unless it says otherwise.</summary>
/// <param name="Member">The issuing member (this node's).</param>
/// <param name="Chamber">The issuing chamber (the caller).</param>
/// <param name="ChamberName">Its name.</param>
/// <param name="Now">The issue time (whole seconds, UTC).</param>
public sealed record OriginDefaults(string Member, string Chamber, string ChamberName, DateTimeOffset Now);
