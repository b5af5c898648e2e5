using CredentialLedger.Contracts;
using CredentialLedger.Evm;
using CredentialLedger.Sdk.Verification;
using Grpc.Core;
using Grpc.Net.Client;
using V1 = CredentialLedger.Sdk.Node.V1;

namespace CredentialLedger.Sdk.Exchange;

/// <summary>
/// A partner's side of the MRA data exchange with one issuer's node: pulls its anchored certificates page by page and
/// follows its status changes, each call with a fresh token from <see cref="ExchangeTokenIssuer"/>. Nothing pulled is
/// trusted: check every certificate with <see cref="IsGenuine"/> before storing it.
/// </summary>
public sealed class ExchangeClient
{
    private readonly V1.CredentialExchange.CredentialExchangeClient _client;
    private readonly ExchangeTokenIssuer _tokens;

    /// <summary>A client for <paramref name="issuer"/>'s node on <paramref name="channel"/>.</summary>
    public ExchangeClient(GrpcChannel channel, ExchangeTokenIssuer tokens, MemberCode issuer)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(tokens);
        _client = new V1.CredentialExchange.CredentialExchangeClient(channel);
        _tokens = tokens;
        Issuer = issuer;
    }

    /// <summary>The member whose node this client calls.</summary>
    public MemberCode Issuer { get; }

    /// <summary>One page of certificates after <paramref name="pageToken"/>.</summary>
    /// <exception cref="RpcException">Unauthenticated (token refused), PermissionDenied (no MRA in force), or transport.</exception>
    public async Task<V1.PullResponse> PullAsync(string pageToken, uint pageSize, CancellationToken cancellationToken) =>
        await _client.PullAsync(new V1.PullRequest { PageToken = pageToken, PageSize = pageSize }, Auth(), cancellationToken: cancellationToken)
            .ConfigureAwait(false);

    /// <summary>The issuer's status changes after <paramref name="afterSequence"/>, then live ones, until the stream ends.</summary>
    /// <exception cref="RpcException">PermissionDenied when the MRA ends, or a transport failure.</exception>
    public async IAsyncEnumerable<V1.StatusChange> WatchAsync(ulong afterSequence,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var call = _client.WatchStatusChanges(new V1.WatchRequest { AfterSequence = afterSequence }, Auth(), cancellationToken: cancellationToken);
        await foreach (var change in call.ResponseStream.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            yield return change;
    }

    /// <summary>The certificate's JWS and anchor as presented for verification, or null when the anchor is missing or malformed.</summary>
    public static PresentedCredential? ToPresented(V1.Certificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (certificate.Anchor is not { } anchor || !Hash32.TryParse(anchor.Root, out var root))
            return null;
        var proof = new List<Hash32>(anchor.Proof.Count);
        foreach (var p in anchor.Proof)
        {
            if (!Hash32.TryParse(p, out var h))
                return null;
            proof.Add(h);
        }
        return new PresentedCredential(certificate.Jws, root, anchor.Index, proof);
    }

    /// <summary>
    /// Whether a pulled certificate is genuine: signed by a key of <paramref name="issuer"/> valid when anchored, and
    /// anchored by it with a proof that holds. Its status, validity and MRA coverage do not matter here (they are read
    /// from the chain at verification time).
    /// </summary>
    public static bool IsGenuine(AeoVerification verification, MemberCode issuer)
    {
        ArgumentNullException.ThrowIfNull(verification);
        return verification.Certificate is { } certificate && certificate.IssuerMember == issuer.ToString() && verification.Anchor is not null
            && !verification.Reasons.Any(r => r.Failure is VerificationFailure.Malformed or VerificationFailure.UnknownKey
                or VerificationFailure.BadSignature or VerificationFailure.KeyOfAnotherIssuer or VerificationFailure.KeyNotValidAtIssuance
                or VerificationFailure.WrongLedger or VerificationFailure.NotAnchored or VerificationFailure.AnchoredByAnotherIssuer
                or VerificationFailure.ProofMismatch);
    }

    private Metadata Auth() => new() { { "authorization", "Bearer " + _tokens.Create(Issuer) } };
}
