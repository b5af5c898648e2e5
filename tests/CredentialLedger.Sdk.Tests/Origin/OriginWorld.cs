using CredentialLedger.Contracts;
using CredentialLedger.Sdk.Origin;
using CredentialLedger.Sdk.Verification;
using static CredentialLedger.Sdk.Tests.LedgerScenario;

namespace CredentialLedger.Sdk.Tests.Origin;

/// <summary>
/// The standard ledger (KR, UZ, KZ; the KR–UZ MRA) with one chamber of commerce: KR authorizes <see cref="Kcci"/> at
/// <see cref="Authorized"/>, which registers its key at <see cref="KeyFrom"/>. Certificates are issued at
/// <see cref="Issued"/> and anchored at <see cref="Anchored"/> unless a test says otherwise; UZ, the importing
/// member, verifies at <see cref="LedgerScenario.At"/>. Exporters' AEO credentials are KR's, found by number.
/// </summary>
internal sealed class OriginWorld : IDisposable
{
    public static readonly ulong Authorized = Genesis + 40;
    public static readonly ulong KeyFrom = Genesis + 50;
    public static readonly ulong Issued = Genesis + 1_000;
    public static readonly ulong Anchored = Genesis + 2_000;

    private readonly Dictionary<(string, MemberCode), PresentedCredential> _aeoCredentials = [];

    public OriginWorld()
    {
        S.AuthorizeChamber(Kcci, Kr, Authorized);
        Key = S.RegisterChamberKey(Kr, Kcci, KeyFrom, validFrom: KeyFrom);
        Verifier = new OriginVerifier(S.History, S.Verifier, (number, issuer) => _aeoCredentials.GetValueOrDefault((number, issuer)));
    }

    public LedgerScenario S { get; } = LedgerScenario.Standard();

    public ChamberKey Key { get; }

    public OriginVerifier Verifier { get; }

    /// <summary>Signs a KCCI certificate issued at <paramref name="issuedAt"/> (default <see cref="Issued"/>).</summary>
    public byte[] Sign(ulong? issuedAt = null, string? exporterAeo = "KRAEO-2026-0001") => Key.Sign(Coo(Kcci, Kr, issuedAt ?? Issued, exporterAeo));

    /// <summary>Signs <paramref name="count"/> KCCI certificates and anchors them as one batch (default at <see cref="Anchored"/>).</summary>
    public PresentedOrigin[] IssueAndAnchor(int count = 1, ulong? issuedAt = null, ulong? anchoredAt = null) =>
        S.AnchorDocuments(Kcci, Kr, anchoredAt ?? Anchored, [.. Enumerable.Range(0, count).Select(_ => Sign(issuedAt))]);

    /// <summary>Signs, anchors and holds KR's AEO credential numbered <paramref name="aeoNumber"/>; returns it as presented.</summary>
    public PresentedCredential HoldAeo(string aeoNumber)
    {
        var certificate = Certificate("KR");
        certificate = certificate with { Subject = certificate.Subject with { AeoNumber = aeoNumber } };
        var credential = S.Anchor(Kr, LedgerScenario.Anchoring, LedgerScenario.Sign(S.KeyOf(Kr), certificate))[0];
        _aeoCredentials[(aeoNumber, Kr)] = credential;
        return credential;
    }

    public OriginVerification Verify(PresentedOrigin? origin, MemberCode? verifier = null, DateTimeOffset? at = null, bool checkExporterAeo = false) =>
        Verifier.Verify(origin, verifier ?? Uz, at ?? At, checkExporterAeo);

    public void Dispose() => S.Dispose();
}

internal static class OriginAssert
{
    /// <summary>Not recognized, for exactly these reasons (in any order), each with a message for a person.</summary>
    public static void FailsWith(OriginVerification result, params VerificationFailure[] failures)
    {
        Assert.False(result.Recognized, "recognized, but expected " + string.Join(", ", failures));
        Assert.Equal(failures.Order(), result.Reasons.Select(r => r.Failure).Order());
        Assert.All(result.Reasons, r => Assert.False(string.IsNullOrWhiteSpace(r.Message)));
    }

    /// <summary>Recognized, with no reasons.</summary>
    public static void IsRecognized(OriginVerification result)
    {
        Assert.Empty(result.Reasons);
        Assert.True(result.Recognized);
    }
}
