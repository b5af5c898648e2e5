using System.Runtime.CompilerServices;
using CredentialLedger.Contracts;
using CredentialLedger.Node.Exchange;
using CredentialLedger.Node.Ledger;
using CredentialLedger.Node.Store;
using CredentialLedger.Sdk.Origin;
using CredentialLedger.Sdk.Verification;
using Google.Protobuf.WellKnownTypes;
using V1 = CredentialLedger.Sdk.Node.V1;

namespace CredentialLedger.Node.Grpc;

/// <summary>
/// The SDK's <see cref="OriginVerifier"/> over the node's current ledger history (one per history: a reorganization
/// swaps the history, and the verifier with it). The exporter's AEO credential, when asked for, is the newest anchored
/// one the node holds for that AEO number from the issuing member: its own, or one pulled from a partner.
/// </summary>
internal sealed class OriginVerifiers(LedgerFollower ledger, CertificateStore own, PartnerCredentialStore partners, NodeOptions options)
{
    private readonly ConditionalWeakTable<Sdk.Ledger.LedgerHistory, OriginVerifier> _verifiers = [];
    private readonly MemberCode _self = MemberCode.Parse(options.Member);

    /// <summary>The verifier of the current history.</summary>
    public OriginVerifier Current()
    {
        var view = ledger.Current;
        return _verifiers.GetValue(view.History, history => new OriginVerifier(history, view.Verifier, FindExporterCredential));
    }

    private PresentedCredential? FindExporterCredential(string aeoNumber, MemberCode issuer)
    {
        if (issuer == _self)
        {
            return own.List(new CertificateQuery(50, AeoNumber: aeoNumber, Anchored: true))
                .Where(c => c.Anchor is not null)
                .Select(c => new PresentedCredential(c.Jws, c.Anchor!.Root, c.Anchor.Index, c.Anchor.Proof))
                .LastOrDefault();
        }
        return partners.ByAeoNumber(aeoNumber, 50).Where(p => p.Issuer == issuer.ToString()).Select(p => p.Presented).LastOrDefault();
    }

    public static V1.VerifyOriginResponse ToProto(OriginVerification r)
    {
        var response = new V1.VerifyOriginResponse
        {
            Recognized = r.Recognized,
            Verifier = r.Verifier.ToString(),
            At = Timestamp.FromDateTimeOffset(r.At),
            CertificateNumber = r.Certificate?.CertificateNumber ?? "",
            IssuingMember = r.Certificate?.IssuingMember ?? "",
            Chamber = r.Chamber?.ToString() ?? r.Certificate?.IssuingChamber ?? "",
            Exporter = r.Certificate?.Exporter?.Name ?? "",
            ExporterAeoNumber = r.Certificate?.Exporter?.AeoNumber ?? "",
            KeyId = r.KeyId?.ToString() ?? "",
            SyncedBlock = r.Freshness?.Block ?? 0,
        };
        response.Reasons.AddRange(r.Reasons.Select(x => new V1.VerificationReason { Code = x.Failure.ToString(), Message = x.Message }));
        if (r.Anchor is { } a)
        {
            response.Anchor = new V1.Anchor
            {
                Root = a.Certificate.Root.ToString(),
                Index = a.Certificate.Index,
                BlockNumber = a.BlockNumber,
                TransactionHash = a.TransactionHash.ToString(),
                AnchoredAt = Timestamp.FromDateTimeOffset(a.AnchoredAt),
            };
        }
        if (r.Revocation is { } revocation)
        {
            response.Revocation = new V1.OriginRevocation
            {
                Reason = revocation.Reason,
                EffectiveAt = OriginChainView.Seconds(revocation.EffectiveAt),
                OnChain = true,
                TransactionHash = revocation.Position.TransactionHash.ToString(),
            };
        }
        if (r.Use is { } use)
            response.Use = OriginChainView.ToProto(use);
        return response;
    }
}
