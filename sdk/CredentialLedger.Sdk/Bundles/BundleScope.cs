using System.Buffers.Text;
using System.Text;
using CredentialLedger.Contracts;
using CredentialLedger.Contracts.Events;
using CredentialLedger.Credentials.Jwt;
using CredentialLedger.Evm;
using CredentialLedger.Sdk.Verification;

namespace CredentialLedger.Sdk.Bundles;

/// <summary>
/// Which registry events a verification of one credential by one member depends on: the membership of the verifier
/// and of the issuer, the signing key named by the JWS, the batch of the root and the credential's status changes,
/// and the MRAs with the verifier and the issuer as parties. The exporter fetches exactly these; the checker refuses
/// any other, so the two read the same rule from one place.
/// </summary>
internal sealed class BundleScope
{
    private readonly HashSet<MemberCode> _members;
    private readonly HashSet<ulong> _mras;

    private BundleScope(PresentedCredential credential, Hash32? keyId, HashSet<MemberCode> members, HashSet<MemberCode> issuers, HashSet<ulong> mras)
    {
        Credential = credential;
        KeyId = keyId;
        _members = members;
        Issuers = issuers;
        _mras = mras;
    }

    public PresentedCredential Credential { get; }

    /// <summary>The JWS header's <c>kid</c>, when the header is well formed.</summary>
    public Hash32? KeyId { get; }

    /// <summary>The issuer the certificate names and the members that anchored the root (normally one and the same).</summary>
    public IReadOnlySet<MemberCode> Issuers { get; }

    public IReadOnlyCollection<MemberCode> Members => _members;

    public IReadOnlyCollection<ulong> MraIds => _mras;

    /// <summary>
    /// The scope of <paramref name="credential"/> for <paramref name="verifier"/>, given the events known so far: the
    /// batch's issuer comes from its BatchAnchored event and the MRA ids from MraProposed events, so
    /// <paramref name="events"/> must hold those of the root and every MraProposed that may concern the members.
    /// </summary>
    public static BundleScope For(PresentedCredential credential, MemberCode verifier, IEnumerable<RegistryEvent> events)
    {
        var list = events as IReadOnlyCollection<RegistryEvent> ?? [.. events];
        var (keyId, claimedIssuer) = ReadJws(credential.Jws);
        var issuers = new HashSet<MemberCode>();
        if (claimedIssuer is { } claimed)
            issuers.Add(claimed);
        foreach (var batch in list.OfType<BatchAnchored>().Where(b => b.Root == credential.Root))
            issuers.Add(batch.Issuer);
        var members = new HashSet<MemberCode>(issuers) { verifier };
        // No MRA is needed for the verifier's own credentials; for another issuer's, those with both as parties.
        var mras = list.OfType<MraProposed>()
            .Where(p => p.Parties.Contains(verifier) && p.Parties.Any(party => party != verifier && issuers.Contains(party)))
            .Select(p => p.MraId)
            .ToHashSet();
        return new BundleScope(credential, keyId, members, issuers, mras);
    }

    /// <summary>Whether the verification depends on <paramref name="registryEvent"/>.</summary>
    public bool IsRelevant(RegistryEvent registryEvent) => registryEvent switch
    {
        MemberAdmitted m => _members.Contains(m.Member),
        MemberRemoved m => _members.Contains(m.Member),
        KeyRegistered k => k.KeyId == KeyId,
        KeyRevoked k => k.KeyId == KeyId,
        BatchAnchored b => b.Root == Credential.Root,
        CredentialStatusChanged c => c.Root == Credential.Root && c.Index == Credential.Index,
        CredentialStatusesChanged c => c.Root == Credential.Root && c.Indices.Contains(Credential.Index),
        CredentialSuperseded c => c.Root == Credential.Root && c.Index == Credential.Index,
        MraProposed m => _mras.Contains(m.MraId),
        MraAmended m => _mras.Contains(m.MraId),
        MraAccepted m => _mras.Contains(m.MraId),
        MraConcluded m => _mras.Contains(m.MraId),
        MraSuspended m => _mras.Contains(m.MraId),
        MraResumed m => _mras.Contains(m.MraId),
        MraTerminated m => _mras.Contains(m.MraId),
        _ => false,
    };

    /// <summary>
    /// The header's key id and the issuer the payload names, read without verifying the signature: they only say which
    /// logs to fetch, and the verifier decides on them. The issuer is read as the verifier reads it (a payload
    /// that does not parse as a certificate names none).
    /// </summary>
    private static (Hash32? KeyId, MemberCode? Issuer) ReadJws(string? jws)
    {
        if (string.IsNullOrEmpty(jws))
            return (null, null);
        Hash32? keyId;
        try
        {
            // The verifier with no keys stops at "no registered key", after reading and checking the header's kid.
            keyId = new VcJwtVerifier(static _ => null).Verify(jws).KeyId;
        }
        catch (InvalidOperationException)
        {
            // Defensive: a header of base64url over invalid UTF-8 once escaped the JWT verifier as this exception, and
            // a bundle check must not throw on a file's content whatever the verifier underneath does. It names no key.
            return (null, null);
        }
        var parts = jws.Split('.');
        if (keyId is null || parts.Length != 3 || jws.Length > VcJwtVerifier.MaxLength)
            return (keyId, null);
        try
        {
            var certificate = VcJwt.FromJson(Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[1])));
            return (keyId, MemberCode.TryParse(certificate.IssuerMember, out var issuer) ? issuer : null);
        }
        catch (FormatException)
        {
            return (keyId, null);
        }
    }
}
