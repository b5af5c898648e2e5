using CredentialLedger.Node.Issuance;
using CredentialLedger.Node.Store;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using V1 = CredentialLedger.Sdk.Node.V1;

namespace CredentialLedger.Node.Grpc;

/// <summary>The AEO certificate API (aeo.proto): thin; the work is in <see cref="CertificateIssuer"/> and the store.</summary>
public sealed class AeoCertificatesService(
    CertificateIssuer issuer, CertificateStore store, StoreWriter writer, KeyRotation rotation, NodeInfoProvider info,
    IHostApplicationLifetime lifetime, TimeProvider time)
    : V1.AeoCertificates.AeoCertificatesBase
{
    private const int MaxIssueMany = 5_000;

    /// <inheritdoc />
    public override async Task<V1.Certificate> Issue(V1.IssueRequest request, ServerCallContext context) =>
        ProtoMapping.ToProto(await issuer.IssueAsync(ProtoMapping.ToInput(request), context.CancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    public override async Task<V1.IssueManyResponse> IssueMany(V1.IssueManyRequest request, ServerCallContext context)
    {
        if (request.Requests.Count is 0 or > MaxIssueMany)
            throw new ArgumentException($"requests: 1 to {MaxIssueMany} certificates per call.");
        var inputs = request.Requests.Select((r, i) => ProtoMapping.ToInput(r, $"requests[{i}].")).ToList();
        var records = await issuer.IssueManyAsync(inputs, context.CancellationToken).ConfigureAwait(false);
        var response = new V1.IssueManyResponse();
        response.Certificates.AddRange(records.Select(ProtoMapping.ToProto));
        return response;
    }

    /// <inheritdoc />
    public override Task<V1.Certificate> Suspend(V1.StatusChangeRequest request, ServerCallContext context) =>
        ChangeAsync(request, ChangeKind.Suspend, context);

    /// <inheritdoc />
    public override Task<V1.Certificate> Reinstate(V1.StatusChangeRequest request, ServerCallContext context) =>
        ChangeAsync(request, ChangeKind.Reinstate, context);

    /// <inheritdoc />
    public override Task<V1.Certificate> Revoke(V1.StatusChangeRequest request, ServerCallContext context) =>
        ChangeAsync(request, ChangeKind.Revoke, context);

    /// <inheritdoc />
    public override async Task<V1.RenewResponse> Renew(V1.RenewRequest request, ServerCallContext context)
    {
        var (renewed, superseded) = await issuer.RenewAsync(RequiredId(request.Id),
            ProtoMapping.Required(request.ValidFrom, "validFrom"), ProtoMapping.Required(request.ValidUntil, "validUntil"),
            DateOnly.FromDateTime(ProtoMapping.Required(request.ReEvaluationDue, "reEvaluationDue").UtcDateTime),
            (int)Math.Min(request.Reason, int.MaxValue), context.CancellationToken).ConfigureAwait(false);
        return new V1.RenewResponse { Renewed = ProtoMapping.ToProto(renewed), Superseded = ProtoMapping.ToProto(superseded) };
    }

    /// <inheritdoc />
    public override Task<V1.Certificate> Get(V1.GetRequest request, ServerCallContext context)
    {
        var id = RequiredId(request.Id);
        var record = store.Get(id) ?? throw new CertificateNotFoundException(id);
        return Task.FromResult(ProtoMapping.ToProto(record));
    }

    /// <inheritdoc />
    public override Task<V1.ListResponse> List(V1.ListRequest request, ServerCallContext context)
    {
        var size = request.PageSize switch
        {
            0 => 100,
            > 1000 => throw new ArgumentException("pageSize: at most 1,000."),
            var n => (int)n,
        };
        bool? anchored = request.AnchorState switch
        {
            V1.AnchorState.Unspecified => null,
            V1.AnchorState.Pending => false,
            V1.AnchorState.Anchored => true,
            _ => throw new ArgumentException($"anchorState: unknown value {request.AnchorState}."),
        };
        var page = store.List(new CertificateQuery(size + 1, ProtoMapping.ParsePageToken(request.PageToken),
            ProtoMapping.FromProto(request.Status), string.IsNullOrEmpty(request.AeoNumber) ? null : request.AeoNumber, anchored));
        var response = new V1.ListResponse();
        response.Certificates.AddRange(page.Take(size).Select(ProtoMapping.ToProto));
        if (page.Count > size)
            response.NextPageToken = ProtoMapping.PageToken(page[size - 1].Sequence);
        return Task.FromResult(response);
    }

    /// <inheritdoc />
    public override Task<V1.HistoryResponse> History(V1.GetRequest request, ServerCallContext context)
    {
        var id = RequiredId(request.Id);
        var history = store.History(id);
        if (history.Count == 0)
            throw new CertificateNotFoundException(id);
        var response = new V1.HistoryResponse();
        response.Changes.AddRange(history.Select(ProtoMapping.ToProto));
        return Task.FromResult(response);
    }

    /// <inheritdoc />
    public override Task WatchStatusChanges(V1.WatchRequest request, IServerStreamWriter<V1.StatusChange> responseStream, ServerCallContext context) =>
        StatusChangeFeed.RunAsync(store, writer, time, request.AfterSequence, responseStream, static () => true, Status.DefaultSuccess,
            context.CancellationToken, lifetime.ApplicationStopping);

    /// <inheritdoc />
    public override async Task<V1.SigningKeyInfo> RotateSigningKey(V1.RotateSigningKeyRequest request, ServerCallContext context)
    {
        var entry = await rotation.RotateAsync(TimeSpan.FromSeconds(Math.Min(request.ValidAfterSeconds, 400L * 86400)),
            context.CancellationToken).ConfigureAwait(false);
        return new V1.SigningKeyInfo
        {
            KeyId = entry.KeyId.ToString(),
            ValidFrom = Timestamp.FromDateTimeOffset(entry.ValidFrom),
            Current = true,
        };
    }

    /// <inheritdoc />
    public override Task<V1.NodeInfo> GetNodeInfo(V1.NodeInfoRequest request, ServerCallContext context) =>
        Task.FromResult(info.Get());

    private async Task<V1.Certificate> ChangeAsync(V1.StatusChangeRequest request, ChangeKind change, ServerCallContext context)
    {
        var record = await issuer.ChangeAsync(RequiredId(request.Id), change, (int)Math.Min(request.Reason, int.MaxValue),
            ProtoMapping.Optional(request.EffectiveAt, "effectiveAt"), context.CancellationToken).ConfigureAwait(false);
        return ProtoMapping.ToProto(record);
    }

    private static string RequiredId(string id) =>
        string.IsNullOrWhiteSpace(id) ? throw new ArgumentException("id: required (urn:uuid:...).") : id;
}
