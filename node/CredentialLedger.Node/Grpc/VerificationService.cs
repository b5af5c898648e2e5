using CredentialLedger.Contracts;
using CredentialLedger.Credentials.Jwt;
using CredentialLedger.Evm;
using CredentialLedger.Node.Exchange;
using CredentialLedger.Node.Ledger;
using CredentialLedger.Node.Store;
using CredentialLedger.Sdk.Verification;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using V1 = CredentialLedger.Sdk.Node.V1;

namespace CredentialLedger.Node.Grpc;

/// <summary>
/// The verification API (verification.proto): answers from the node's <see cref="LedgerFollower"/>. A certificate is
/// given whole (JWS and anchor), or by AEO number when the node holds it: its own, or one pulled from a partner.
/// </summary>
public sealed class VerificationService(LedgerFollower ledger, CertificateStore store, PartnerCredentialStore partners, NodeOptions options,
    TimeProvider time) : V1.Verification.VerificationBase
{
    /// <inheritdoc />
    public override Task<V1.VerifyResponse> Verify(V1.VerifyRequest request, ServerCallContext context)
    {
        var verifier = string.IsNullOrEmpty(request.Verifier) ? MemberCode.Parse(options.Member)
            : MemberCode.TryParse(request.Verifier, out var v) ? v : throw new ArgumentException($"verifier: '{request.Verifier}' is not a member code.");
        var at = request.At is null ? time.GetUtcNow() : ProtoMapping.Required(request.At, "at");
        var view = ledger.Current;
        AeoVerification result;
        if (!string.IsNullOrEmpty(request.Jws))
            result = view.Verifier.Verify(new PresentedCredential(request.Jws, ParseHash(request.Root, "root"), request.Index,
                [.. request.Proof.Select((p, i) => ParseHash(p, $"proof[{i}]"))]), verifier, at);
        else if (!string.IsNullOrWhiteSpace(request.AeoNumber))
            result = VerifyHeld(request.AeoNumber.Trim(), verifier, at, view.Verifier);
        else
            throw new ArgumentException("jws or aeo_number: one is required.");
        return Task.FromResult(ToProto(result, view.History.Freshness));
    }

    // The newest certificate held for the AEO number that is recognized wins; else the newest one's answer, with reasons.
    private AeoVerification VerifyHeld(string aeoNumber, MemberCode verifier, DateTimeOffset at, AeoVerifier aeo)
    {
        var candidates = store.List(new CertificateQuery(50, AeoNumber: aeoNumber, Anchored: true))
            .Where(c => c.Anchor is not null)
            .Select(c => new PresentedCredential(c.Jws, c.Anchor!.Root, c.Anchor.Index, c.Anchor.Proof))
            .Concat(partners.ByAeoNumber(aeoNumber, 50).Select(p => p.Presented))
            .ToList();
        if (candidates.Count == 0)
            throw CertificateNotFoundException.ForAeoNumber(aeoNumber);
        AeoVerification? best = null;
        foreach (var candidate in candidates.AsEnumerable().Reverse())
        {
            var result = aeo.Verify(candidate, verifier, at);
            if (result.Recognized)
                return result;
            best ??= result;
        }
        return best!;
    }

    private static Hash32 ParseHash(string text, string field) =>
        Hash32.TryParse(text, out var hash) ? hash : throw new ArgumentException($"{field}: not a 0x-prefixed 32-byte hex hash.");

    private static V1.VerifyResponse ToProto(AeoVerification r, Sdk.Ledger.LedgerFreshness? freshness)
    {
        var response = new V1.VerifyResponse
        {
            Recognized = r.Recognized,
            Verifier = r.Verifier.ToString(),
            At = Timestamp.FromDateTimeOffset(r.At),
            CredentialId = r.Certificate?.Id ?? "",
            Issuer = r.Certificate?.IssuerMember ?? "",
            AeoNumber = r.Certificate?.Subject.AeoNumber ?? "",
            LegalName = r.Certificate?.Subject.LegalName ?? "",
            KeyId = r.KeyId?.ToString() ?? "",
            Status = r.Status switch
            {
                CredentialStatus.Active => V1.CertificateStatus.Active,
                CredentialStatus.Suspended => V1.CertificateStatus.Suspended,
                CredentialStatus.Revoked => V1.CertificateStatus.Revoked,
                CredentialStatus.Superseded => V1.CertificateStatus.Superseded,
                _ => V1.CertificateStatus.Unspecified,
            },
            SyncedBlock = freshness?.Block ?? 0,
        };
        if (freshness is not null)
        {
            response.SyncedAt = Timestamp.FromDateTimeOffset(freshness.SyncedAt);
            response.SyncedBlockHash = freshness.BlockHash.ToString();
            response.SyncedBlockTime = Timestamp.FromDateTimeOffset(DateTimeOffset.FromUnixTimeSeconds((long)Math.Min(freshness.BlockTime, (ulong)long.MaxValue)));
        }
        response.Reasons.AddRange(r.Reasons.Select(x => new V1.VerificationReason { Code = x.Failure.ToString(), Message = x.Message }));
        if (r.Mra is { } m)
        {
            var coverage = new V1.MraCoverage { MraId = m.MraId, Version = m.Version, Benefits = m.Benefits };
            coverage.Programmes.AddRange(m.Programmes.Select(p => p == AeoProgramme.AeoS ? V1.ProgrammeType.AeoS : V1.ProgrammeType.AeoC));
            coverage.Parties.AddRange(m.Parties.Select(p => p.ToString()));
            response.Mra = coverage;
        }
        if (r.Anchor is { } a)
        {
            response.Anchor = new V1.Anchor
            {
                Root = a.Credential.Root.ToString(),
                Index = a.Credential.Index,
                BlockNumber = a.BlockNumber,
                TransactionHash = a.TransactionHash.ToString(),
                AnchoredAt = Timestamp.FromDateTimeOffset(a.AnchoredAt),
            };
        }
        return response;
    }
}
