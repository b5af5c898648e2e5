using CredentialLedger.Node.Ledger;
using CredentialLedger.Node.Store;
using CredentialLedger.Credentials.Jwt;
using CredentialLedger.Sdk.Exchange;
using CredentialLedger.Sdk.Verification;
using Grpc.Core;
using V1 = CredentialLedger.Sdk.Node.V1;

namespace CredentialLedger.Node.Grpc;

/// <summary>
/// The MRA data exchange (exchange.proto), for partner nodes rather than this node's operators: every call carries a
/// partner token checked against the chain (<see cref="ExchangeTokenValidator"/>), and is allowed only while an MRA
/// with both members as parties is in force; only certificates with a programme those MRAs cover are shared. A stream
/// checks again before every round and ends when it no longer is.
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
        var access = Authorize(context);
        var scope = Scope(access);
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
        // Only what the MRAs in force cover leaves the node: a certificate none of whose programmes the partner
        // recognizes is skipped (the cursor still moves past it).
        response.Certificates.AddRange(ready.Take(size).Where(c => Covered(c.Jws, scope)).Select(ProtoMapping.ToProto));
        return Task.FromResult(response);
    }

    // The programme bits of every MRA in force between the two members now.
    private uint Scope(ExchangeAccess access)
    {
        var history = ledger.Current.History;
        var now = (ulong)Math.Max(0, time.GetUtcNow().ToUnixTimeSeconds());
        return access.MraIds.Select(id => history.GetMra(id)?.InForceAt(now)?.Scope ?? 0).Aggregate(0u, (a, b) => a | b);
    }

    private static bool Covered(string jws, uint scope)
    {
        try
        {
            var payload = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(jws.Split('.')[1]);
            return VcJwt.FromJson(payload).Subject.Programmes.Any(p => (AeoVerifier.ScopeBit(p) & scope) != 0);
        }
        catch (FormatException)
        {
            return false; // this node signed it, so it parses; if not, it is not shared
        }
    }

    /// <inheritdoc />
    public override Task WatchStatusChanges(V1.WatchRequest request, IServerStreamWriter<V1.StatusChange> responseStream, ServerCallContext context)
    {
        var access = Authorize(context);
        var partner = access.Partner!.Value;
        return StatusChangeFeed.RunAsync(store, writer, time, request.AfterSequence, responseStream,
            () => ledger.Current.Tokens.StillPermitted(partner),
            new Status(StatusCode.PermissionDenied, $"No MRA with {partner} is in force any more; the exchange has ended."),
            context.CancellationToken, lifetime.ApplicationStopping,
            // As for Pull: changes of certificates the MRAs in force do not cover are not the partner's to see.
            change => store.Get(change.CertificateId) is { } c && Covered(c.Jws, Scope(access)));
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
