using CredentialLedger.Contracts;
using CredentialLedger.Credentials.Jwt;
using CredentialLedger.Node.Issuance;
using CredentialLedger.Node.Ledger;
using CredentialLedger.Sdk.Exchange;
using CredentialLedger.Sdk.Verification;
using Grpc.Core;
using Grpc.Net.Client;

namespace CredentialLedger.Node.Exchange;

/// <summary>
/// Pulls each configured partner's certificates under the MRA data exchange and follows its status stream. Every
/// pulled certificate is verified against the chain (this node's ledger history, synced up to the certificate's
/// anchoring block first) and stored only when genuine. A status change the partner reports as anchored makes the
/// ledger sync at once, so verification here sees a partner's suspension within a block or so of it reaching the
/// chain. Refusals (no MRA in force, token refused) are logged and retried; the node keeps running.
/// </summary>
public sealed class PartnerPuller(
    ExchangeOptions options, MemberCode self, SigningKeyRing ring, LedgerFollower ledger, PartnerCredentialStore store,
    ILogger<PartnerPuller> logger, TimeProvider time) : BackgroundService
{
    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(options.Partners.Select(p => RunPartnerAsync(p, stoppingToken)));

    private async Task RunPartnerAsync(PartnerNode partner, CancellationToken ct)
    {
        var issuer = MemberCode.Parse(partner.Member);
        using var channel = GrpcChannel.ForAddress(partner.Endpoint!);
        using var pullNow = new SemaphoreSlim(0, 1);
        var tokens = new TokenSource(self, ring, time);
        try
        {
            await Task.WhenAll(PullLoopAsync(channel, tokens, issuer, pullNow, ct), WatchLoopAsync(channel, tokens, issuer, pullNow, ct))
                .ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        finally
        {
            tokens.Dispose();
        }
    }

    private async Task PullLoopAsync(GrpcChannel channel, TokenSource tokens, MemberCode issuer, SemaphoreSlim pullNow, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var wait = options.PullInterval;
            try
            {
                await PullOnceAsync(new ExchangeClient(channel, tokens.Current, issuer), ct).ConfigureAwait(false);
            }
            catch (Exception e) when (Failure(issuer, e, ct))
            {
                wait = options.RetryDelay;
            }
            await pullNow.WaitAsync(wait, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Pulls every page ready now; returns how many certificates were new.</summary>
    internal async Task<int> PullOnceAsync(ExchangeClient client, CancellationToken ct)
    {
        var issuer = client.Issuer.ToString();
        var added = 0;
        while (true)
        {
            var cursor = store.Cursor(issuer);
            var page = await client.PullAsync(cursor.PageToken, (uint)options.PageSize, ct).ConfigureAwait(false);
            if (page.Certificates.Count == 0 && page.NextPageToken == cursor.PageToken)
                return added;
            // The ledger must hold the blocks the certificates claim to be anchored in before they can be checked.
            var newest = page.Certificates.Select(c => c.Anchor?.BlockNumber ?? 0).DefaultIfEmpty().Max();
            if ((ledger.Current.History.Freshness?.Block ?? 0) < newest)
                await ledger.SyncOnceAsync(ct).ConfigureAwait(false);
            var view = ledger.Current;
            var now = time.GetUtcNow();
            var accepted = new List<(string, string, PresentedCredential)>();
            var rejected = 0;
            foreach (var certificate in page.Certificates)
            {
                var presented = ExchangeClient.ToPresented(certificate);
                var verification = presented is null ? null : view.Verifier.Verify(presented, self, now);
                if (verification is not null && ExchangeClient.IsGenuine(verification, client.Issuer))
                    accepted.Add((verification.Certificate!.Id, verification.Certificate.Subject.AeoNumber, presented!));
                else
                {
                    rejected++;
                    ExchangeLog.Rejected(logger, certificate.Id, issuer,
                        verification is null ? "no anchor" : string.Join("; ", verification.Reasons));
                }
            }
            var stored = await store.AddAsync(issuer, accepted, page.NextPageToken, ct).ConfigureAwait(false);
            added += stored;
            if (stored > 0 || rejected > 0)
                ExchangeLog.Pulled(logger, issuer, stored, rejected);
            if (!page.More)
                return added;
        }
    }

    private async Task WatchLoopAsync(GrpcChannel channel, TokenSource tokens, MemberCode issuer, SemaphoreSlim pullNow, CancellationToken ct)
    {
        var name = issuer.ToString();
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var client = new ExchangeClient(channel, tokens.Current, issuer);
                await foreach (var change in client.WatchAsync(store.Cursor(name).WatchSequence, ct).ConfigureAwait(false))
                {
                    if (change.Anchored)
                    {
                        // On chain now: sync the ledger at once (a suspension), and pull (a new certificate).
                        ledger.Poke();
                        Release(pullNow);
                    }
                    await store.SetWatchSequenceAsync(name, change.Sequence, ct).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (Failure(issuer, e, ct))
            {
            }
            await Task.Delay(options.RetryDelay, time, ct).ConfigureAwait(false);
        }
    }

    private bool Failure(MemberCode issuer, Exception e, CancellationToken ct)
    {
        switch (e)
        {
            case RpcException { StatusCode: StatusCode.Cancelled }:
                return true;
            case RpcException { StatusCode: StatusCode.PermissionDenied or StatusCode.Unauthenticated } refused:
                ExchangeLog.Refused(logger, issuer.ToString(), refused.StatusCode.ToString(), refused.Status.Detail, options.RetryDelay);
                return true;
            case OperationCanceledException when ct.IsCancellationRequested:
                return false;
            default:
                // Anything else (the partner unreachable, the chain unreachable, a bug) is logged and retried: a
                // partner must never bring this node down.
                ExchangeLog.Failed(logger, issuer.ToString(), e.GetType().Name + ": " + e.Message, options.RetryDelay);
                return true;
        }
    }

    private static void Release(SemaphoreSlim signal)
    {
        if (signal.CurrentCount == 0)
        {
            try
            {
                signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already signalled.
            }
        }
    }

    // A token issuer for the node's current signing key, replaced when the key rotates. Replaced issuers stay alive
    // until the end: a client made before the rotation may still ask one for a token.
    private sealed class TokenSource(MemberCode self, SigningKeyRing ring, TimeProvider time) : IDisposable
    {
        private readonly Lock _lock = new();
        private readonly List<ExchangeTokenIssuer> _all = [];
        private ExchangeTokenIssuer? _issuer;
        private VcJwtSigningKey? _key;

        public ExchangeTokenIssuer Current
        {
            get
            {
                lock (_lock)
                {
                    var key = ring.Key;
                    if (_issuer is null || !ReferenceEquals(key, _key))
                    {
                        _issuer = new ExchangeTokenIssuer(self, key, time);
                        _all.Add(_issuer);
                        _key = key;
                    }
                    return _issuer;
                }
            }
        }

        public void Dispose()
        {
            lock (_lock)
            {
                foreach (var issuer in _all)
                    issuer.Dispose();
            }
        }
    }
}
