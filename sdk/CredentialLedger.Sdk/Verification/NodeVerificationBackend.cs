using System.Text;
using CredentialLedger.Contracts;
using CredentialLedger.Credentials.Jwt;
using CredentialLedger.Evm;
using CredentialLedger.Sdk.Ledger;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.IdentityModel.Tokens;
using V1 = CredentialLedger.Sdk.Node.V1;

namespace CredentialLedger.Sdk.Verification;

/// <summary>
/// Verification by a member node (its Verification service, verification.proto), for callers that keep no ledger of
/// their own: a border post's risk engine next to its administration's node. The node also answers by AEO number for
/// the certificates it holds (<see cref="VerifyAeoNumberAsync"/>).
/// </summary>
public sealed class NodeVerificationBackend : IAeoVerificationBackend
{
    private readonly V1.Verification.VerificationClient _client;
    private readonly Metadata _auth;

    /// <summary>A backend calling the node on <paramref name="channel"/> with its operator token.</summary>
    public NodeVerificationBackend(GrpcChannel channel, string operatorToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentException.ThrowIfNullOrWhiteSpace(operatorToken);
        _client = new V1.Verification.VerificationClient(channel);
        _auth = new Metadata { { "authorization", "Bearer " + operatorToken } };
    }

    /// <inheritdoc />
    public async Task<AeoVerification> VerifyAsync(PresentedCredential credential, MemberCode verifier, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credential);
        var request = new V1.VerifyRequest
        {
            Jws = credential.Jws ?? "",
            Root = credential.Root.ToString(),
            Index = credential.Index,
            Verifier = verifier.ToString(),
            At = Timestamp.FromDateTimeOffset(at),
        };
        request.Proof.AddRange((credential.Proof ?? []).Select(p => p.ToString()));
        var response = await _client.VerifyAsync(request, _auth, cancellationToken: cancellationToken).ConfigureAwait(false);
        return FromProto(response, credential.Jws);
    }

    /// <summary>Verifies the certificate the node holds for <paramref name="aeoNumber"/> (its own, or one pulled from a partner).</summary>
    /// <exception cref="RpcException">NotFound when the node holds none.</exception>
    public async Task<AeoVerification> VerifyAeoNumberAsync(string aeoNumber, MemberCode verifier, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var response = await _client.VerifyAsync(new V1.VerifyRequest { AeoNumber = aeoNumber, Verifier = verifier.ToString(), At = Timestamp.FromDateTimeOffset(at) },
            _auth, cancellationToken: cancellationToken).ConfigureAwait(false);
        return FromProto(response, null);
    }

    private static AeoVerification FromProto(V1.VerifyResponse r, string? jws)
    {
        var reasons = r.Reasons.Select(x => new VerificationReason(
            System.Enum.TryParse<VerificationFailure>(x.Code, out var failure) && System.Enum.IsDefined(failure) ? failure : VerificationFailure.Malformed, x.Message)).ToList();
        // The node checked the signature; the certificate's fields are read from the JWS sent (none when asked by AEO number).
        AeoCertificate? certificate = null;
        if (jws is not null && r.CredentialId.Length > 0)
        {
            try
            {
                certificate = VcJwt.FromJson(Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(jws.Split('.')[1])));
            }
            catch (FormatException)
            {
            }
        }
        MraCoverage? mra = r.Mra is { } m
            ? new MraCoverage(m.MraId, m.Version, m.Benefits,
                [.. m.Programmes.Select(p => p == V1.ProgrammeType.AeoS ? AeoProgramme.AeoS : AeoProgramme.AeoC)],
                [.. m.Parties.Select(MemberCode.Parse)])
            : null;
        AnchorInfo? anchor = r.Anchor is { } a && Hash32.TryParse(a.Root, out var root) && Hash32.TryParse(a.TransactionHash, out var tx)
            ? new AnchorInfo(new CredentialRef(root, a.Index), a.BlockNumber, tx, a.AnchoredAt.ToDateTimeOffset())
            : null;
        CredentialStatus? status = r.Status switch
        {
            V1.CertificateStatus.Active => CredentialStatus.Active,
            V1.CertificateStatus.Suspended => CredentialStatus.Suspended,
            V1.CertificateStatus.Revoked => CredentialStatus.Revoked,
            V1.CertificateStatus.Superseded => CredentialStatus.Superseded,
            _ => null,
        };
        LedgerFreshness? freshness = r.SyncedAt is not null && Hash32.TryParse(r.SyncedBlockHash, out var blockHash)
            ? new LedgerFreshness(r.SyncedBlock, blockHash, (ulong)Math.Max(0, r.SyncedBlockTime?.ToDateTimeOffset().ToUnixTimeSeconds() ?? 0), r.SyncedAt.ToDateTimeOffset())
            : null;
        Hash32? keyId = Hash32.TryParse(r.KeyId, out var kid) ? kid : null;
        return new AeoVerification(r.Recognized, reasons, MemberCode.Parse(r.Verifier), r.At.ToDateTimeOffset(), certificate, keyId, status,
            null, mra, anchor, freshness);
    }
}
