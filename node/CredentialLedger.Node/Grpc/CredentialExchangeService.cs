using CredentialLedger.Node.Ledger;
using CredentialLedger.Node.Store;
using CredentialLedger.Sdk.Exchange;
using Grpc.Core;
using V1 = CredentialLedger.Sdk.Node.V1;

namespace CredentialLedger.Node.Grpc;

/// <summary>
/// The MRA data exchange (exchange.proto), for partner nodes rather than this node's operators: every call carries a
/// partner token checked against the chain (<see cref="ExchangeTokenValidator"/>), and is allowed only while an MRA
/// with both members as parties is in force. A stream checks again before every round and ends when it no longer is.
/// </summary>
public sealed class CredentialExchangeService(
    LedgerFollower ledger, CertificateStore store, StoreWriter writer, IHostApplicationLifetime lifetime, TimeProvider time)
    : V1.CredentialExchange.CredentialExchangeBase
{
    /// <summary>The gRPC path prefix of this service's methods (the operator-token check skips them).</summary>
    public const string PathPrefix = "/credentialledger.node.v1.CredentialExchange/";

    private const int DefaultPage = 500;
    private const int MaxPage = 1000;

    /// <inheritdoc />
    public override Task<V1.PullResponse> Pull(V1.PullRequest request, ServerCallContext context)
    {
        Authorize(context);
        var size = request.PageSize switch
        {
            0 => DefaultPage,
            > MaxPage => throw new ArgumentException($"pageSize: at most {MaxPage}."),
            var n => (int)n,
        };
        var after = ProtoMapping.ParsePageToken(request.PageToken);
        // Anchored and pending certificates in acceptance order; the page stops at the first one still pending, so a
        // certificate anchored later than its successors is never skipped by a partner's cursor.
        var page = store.List(new CertificateQuery(size + 1, after));
        var ready = page.TakeWhile(c => c.Anchor is not null).ToList();
        var response = new V1.PullResponse
        {
            NextPageToken = ProtoMapping.PageToken(ready.Count == 0 ? after : ready[Math.Min(ready.Count, size) - 1].Sequence),
            More = ready.Count > size,
        };
        response.Certificates.AddRange(ready.Take(size).Select(ProtoMapping.ToProto));
        return Task.FromResult(response);
    }

    /// <inheritdoc />
    public override Task WatchStatusChanges(V1.WatchRequest request, IServerStreamWriter<V1.StatusChange> responseStream, ServerCallContext context)
    {
        var access = Authorize(context);
        var partner = access.Partner!.Value;
        return StatusChangeFeed.RunAsync(store, writer, time, request.AfterSequence, responseStream,
            () => ledger.Current.Tokens.StillPermitted(partner),
            new Status(StatusCode.PermissionDenied, $"No MRA with {partner} is in force any more; the exchange has ended."),
            context.CancellationToken, lifetime.ApplicationStopping);
    }

    private ExchangeAccess Authorize(ServerCallContext context)
    {
        var header = context.RequestHeaders.GetValue("authorization");
        var token = header is not null && header.StartsWith("Bearer ", StringComparison.Ordinal) ? header[7..].Trim() : null;
        var access = ledger.Current.Tokens.Validate(token);
        return access.Denial switch
        {
            ExchangeDenial.None => access,
            ExchangeDenial.NotPermitted => throw new RpcException(new Status(StatusCode.PermissionDenied, access.Error!)),
            _ => throw new RpcException(new Status(StatusCode.Unauthenticated, "Partner token refused: " + access.Error)),
        };
    }
}
