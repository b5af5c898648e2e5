using CredentialLedger.Contracts;
using CredentialLedger.Contracts.Deployment;
using CredentialLedger.Evm;
using CredentialLedger.Node.Ledger;
using CredentialLedger.Node.Origin;
using CredentialLedger.Node.Store;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using V1 = CredentialLedger.Sdk.Node.V1;

namespace CredentialLedger.Node.Grpc;

/// <summary>
/// The certificate-of-origin API (origin.proto, service CertificatesOfOrigin): thin. Who may do what is checked here
/// against the <see cref="Caller"/>: a chamber issues and revokes its own certificates and reads only those; the
/// operator reads all, verifies and marks certificates used, and never issues for a chamber.
/// </summary>
public sealed class CertificatesOfOriginService : V1.CertificatesOfOrigin.CertificatesOfOriginBase
{
    private readonly OriginIssuer _issuer;
    private readonly OriginStore _store;
    private readonly OriginUsage _usage;
    private readonly OriginVerifiers _verifiers;
    private readonly LedgerFollower _ledger;
    private readonly RegistryNetwork _network;
    private readonly MemberCode _self;
    private readonly TimeProvider _time;

    internal CertificatesOfOriginService(OriginIssuer issuer, OriginStore store, OriginUsage usage, OriginVerifiers verifiers, LedgerFollower ledger,
        RegistryNetwork network, NodeOptions options, TimeProvider time)
    {
        _issuer = issuer;
        _store = store;
        _usage = usage;
        _verifiers = verifiers;
        _ledger = ledger;
        _network = network;
        _self = MemberCode.Parse(options.Member);
        _time = time;
    }

    /// <inheritdoc />
    public override async Task<V1.OriginCertificate> Issue(V1.IssueOriginRequest request, ServerCallContext context)
    {
        var chamber = IssuingChamber(context);
        var defaults = _issuer.DefaultsFor(chamber);
        var records = await _issuer.IssueAsync(chamber, [(OriginProtoMapping.ToCertificate(request, defaults), request.IdempotencyKey)],
            context.CancellationToken).ConfigureAwait(false);
        return OriginProtoMapping.ToProto(records[0], ChainView(), withXml: true);
    }

    /// <inheritdoc />
    public override async Task<V1.IssueManyOriginResponse> IssueMany(V1.IssueManyOriginRequest request, ServerCallContext context)
    {
        var chamber = IssuingChamber(context);
        if (request.Requests.Count is 0 or > OriginIssuer.MaxPerCall)
            throw new ArgumentException($"requests: 1 to {OriginIssuer.MaxPerCall} certificates per call, not {request.Requests.Count}.");
        var defaults = _issuer.DefaultsFor(chamber);
        var inputs = request.Requests
            .Select((r, i) => (OriginProtoMapping.ToCertificate(r, defaults, $"requests[{i}]."), (string?)r.IdempotencyKey))
            .ToList();
        var records = await _issuer.IssueAsync(chamber, inputs, context.CancellationToken).ConfigureAwait(false);
        var view = ChainView();
        var response = new V1.IssueManyOriginResponse();
        response.Certificates.AddRange(records.Select(r => OriginProtoMapping.ToProto(r, view, withXml: true)));
        return response;
    }

    /// <inheritdoc />
    public override async Task<V1.OriginCertificate> Revoke(V1.RevokeOriginRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        if (caller.Chamber is not { } chamber)
            throw new OriginRequestException(OriginFailure.Forbidden,
                "Revoking a certificate of origin is its chamber's act: use the chamber's token (credledger coo revoke --chamber ID ...).");
        var certificate = Find(request.Id, caller);
        if (request.Reason > 255)
            throw new ArgumentException($"reason: a code from 0 to 255, not {request.Reason}.");
        _issuer.CheckMayWrite(chamber, "revoke certificates of origin");
        var record = await _store.RevokeAsync(certificate.Id, chamber, (int)request.Reason, EffectiveSeconds(request.EffectiveAt),
            context.CancellationToken).ConfigureAwait(false);
        return OriginProtoMapping.ToProto(record, ChainView(), withXml: false);
    }

    /// <inheritdoc />
    public override Task<V1.OriginCertificate> Get(V1.GetOriginRequest request, ServerCallContext context) =>
        Task.FromResult(OriginProtoMapping.ToProto(Find(request.Id, Caller.Of(context)), ChainView(), withXml: true));

    /// <inheritdoc />
    public override Task<V1.ListOriginResponse> List(V1.ListOriginRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        var size = request.PageSize switch
        {
            0 => 100,
            > 1000 => throw new ArgumentException("pageSize: at most 1,000."),
            var n => (int)n,
        };
        var chamber = string.IsNullOrEmpty(request.Chamber) ? null : request.Chamber;
        if (caller.Chamber is { } own)
        {
            if (chamber is not null && chamber != own)
                throw new OriginRequestException(OriginFailure.Forbidden, $"Chamber {own}'s token lists its own certificates only, not chamber {chamber}'s.");
            chamber = own;
        }
        OriginState? state = request.Status switch
        {
            V1.OriginStatus.Unspecified => null,
            V1.OriginStatus.Issued => OriginState.Issued,
            V1.OriginStatus.Revoked => OriginState.Revoked,
            V1.OriginStatus.Refused => OriginState.Refused,
            _ => throw new ArgumentException($"status: unknown value {request.Status}."),
        };
        bool? anchored = request.AnchorState switch
        {
            V1.AnchorState.Unspecified => null,
            V1.AnchorState.Pending => false,
            V1.AnchorState.Anchored => true,
            _ => throw new ArgumentException($"anchorState: unknown value {request.AnchorState}."),
        };
        var page = _store.List(new OriginQuery(size + 1, ProtoMapping.ParsePageToken(request.PageToken), chamber, state, anchored));
        var view = ChainView();
        var response = new V1.ListOriginResponse();
        response.Certificates.AddRange(page.Take(size).Select(r => OriginProtoMapping.ToProto(r, view, withXml: false)));
        if (page.Count > size)
            response.NextPageToken = ProtoMapping.PageToken(page[size - 1].Sequence);
        return Task.FromResult(response);
    }

    /// <inheritdoc />
    public override Task<V1.VerifyOriginResponse> Verify(V1.VerifyOriginRequest request, ServerCallContext context)
    {
        var verifier = string.IsNullOrEmpty(request.Verifier) ? _self
            : MemberCode.TryParse(request.Verifier, out var v) ? v : throw new ArgumentException($"verifier: '{request.Verifier}' is not a member code.");
        var at = request.At is null ? _time.GetUtcNow() : ProtoMapping.Required(request.At, "at");
        if (request.Xml.IsEmpty)
            throw new ArgumentException("xml: required: the signed certificate of origin, byte for byte.");
        var presented = new Sdk.Origin.PresentedOrigin(request.Xml.Memory, ParseHash(request.Root, "root"), request.Index,
            [.. request.Proof.Select((p, i) => ParseHash(p, $"proof[{i}]"))]);
        var answer = _verifiers.Current().Verify(presented, verifier, at, request.CheckExporterAeo);
        var response = OriginVerifiers.ToProto(answer);
        response.DocumentHash = Credentials.Origin.ECooDocument.HashOf(request.Xml.Span).ToString();
        return Task.FromResult(response);
    }

    /// <inheritdoc />
    public override async Task<V1.MarkUsedResponse> MarkUsed(V1.MarkUsedRequest request, ServerCallContext context)
    {
        ChambersService.RequireOperator(context);
        Hash32 root;
        uint index;
        if (!string.IsNullOrEmpty(request.Id))
        {
            var held = Find(request.Id, Caller.Operator);
            if (held.Anchor is not { } anchor)
                throw new OriginRequestException(OriginFailure.Refused, $"Certificate {held.Id} is not anchored yet: it cannot be used before it is.");
            (root, index) = (anchor.Root, anchor.Index);
        }
        else if (!request.Xml.IsEmpty)
        {
            (root, index) = (ParseHash(request.Root, "root"), request.Index);
            var presented = new Sdk.Origin.PresentedOrigin(request.Xml.Memory, root, index, [.. request.Proof.Select((p, i) => ParseHash(p, $"proof[{i}]"))]);
            var answer = _verifiers.Current().Verify(presented, _self, _time.GetUtcNow());
            if (!answer.Recognized)
                throw new OriginRequestException(OriginFailure.Refused,
                    $"The certificate is not recognized by {_self}, so it is not marked used: {string.Join("; ", answer.Reasons.Select(r => r.Message))}.");
        }
        else
            (root, index) = (ParseHash(request.Root, "root"), request.Index);

        var (use, hash, block) = await _usage.MarkUsedAsync(root, index, request.Declaration, context.CancellationToken).ConfigureAwait(false);
        return new V1.MarkUsedResponse
        {
            Root = root.ToString(),
            Index = index,
            Use = OriginChainView.ToProto(use),
            TransactionHash = hash.ToString(),
            BlockNumber = block,
        };
    }

    private static string IssuingChamber(ServerCallContext context) => Caller.Of(context).Chamber
        ?? throw new OriginRequestException(OriginFailure.Forbidden,
            "Issuing a certificate of origin is its chamber's act: use the chamber's token (credledger coo issue --chamber ID ...), not the operator's.");

    /// <summary>The certificate by id (urn:uuid:…) or number, as <paramref name="caller"/> may see it.</summary>
    private OriginCertificateRecord Find(string idOrNumber, Caller caller)
    {
        if (string.IsNullOrWhiteSpace(idOrNumber))
            throw new ArgumentException("id: required: the certificate's id (urn:uuid:…) or its certificate number.");
        idOrNumber = idOrNumber.Trim();
        OriginCertificateRecord found;
        if (idOrNumber.StartsWith("urn:uuid:", StringComparison.OrdinalIgnoreCase))
            found = _store.Get(idOrNumber) ?? throw OriginStore.NotFound(idOrNumber);
        else
        {
            var candidates = _store.ByNumber(idOrNumber);
            if (caller.Chamber is { } own && candidates.Any(c => c.Chamber == own))
                candidates = [.. candidates.Where(c => c.Chamber == own)];
            found = candidates.Count switch
            {
                0 => throw OriginStore.NotFound(idOrNumber),
                1 => candidates[0],
                _ => throw new OriginRequestException(OriginFailure.Refused,
                    $"Certificate number {idOrNumber} was issued by chambers {string.Join(" and ", candidates.Select(c => c.Chamber))}: give the id ({string.Join(" or ", candidates.Select(c => c.Id))})."),
            };
        }
        if (caller.Chamber is { } chamber && found.Chamber != chamber)
            throw OriginStore.OtherChamber(found, chamber);
        return found;
    }

    private OriginChainView ChainView() => new(_ledger.Current.History, _network.ChainId, _network.Registries.Origins);

    private long EffectiveSeconds(Timestamp? effectiveAt)
    {
        var now = _time.GetUtcNow();
        if (ProtoMapping.Optional(effectiveAt, "effectiveAt") is not { } at)
            return now.ToUnixTimeSeconds();
        if (at > now + OriginIssuer.IssueTimeSkew)
            throw new ArgumentException($"effectiveAt: {at:u} is in the future; a revocation takes effect now or earlier.");
        if (at.ToUnixTimeSeconds() <= 0)
            throw new ArgumentException("effectiveAt: must be after 1970-01-01.");
        return Math.Min(at.ToUnixTimeSeconds(), now.ToUnixTimeSeconds());
    }

    private static Hash32 ParseHash(string text, string field) =>
        Hash32.TryParse(text, out var hash) ? hash : throw new ArgumentException($"{field}: '{text}' is not a 0x-prefixed 32-byte hex hash.");
}
