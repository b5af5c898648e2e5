using CredentialLedger.Node.Store;
using Grpc.Core;
using V1 = CredentialLedger.Sdk.Node.V1;

namespace CredentialLedger.Node.Grpc;

/// <summary>
/// Streams the node's status changes after a sequence number, then new ones as they are committed; a change is sent
/// again with anchored = true once it reaches the chain. Shared by the operator's watch and the partner exchange.
/// </summary>
internal static class StatusChangeFeed
{
    private const int Page = 500;

    /// <summary>
    /// Runs until the call is cancelled, or ends the stream normally when the node stops (<paramref name="stopping"/>:
    /// an open stream must not hold the node's shutdown until its timeout). <paramref name="stillAllowed"/> is asked
    /// before every round (about once a second when idle); when it says no, the stream ends with <paramref name="denied"/>.
    /// <paramref name="include"/>, when given, says which changes this caller may see.
    /// </summary>
    public static async Task RunAsync(CertificateStore store, StoreWriter writer, TimeProvider time, ulong afterSequence,
        IServerStreamWriter<V1.StatusChange> stream, Func<bool> stillAllowed, Status denied, CancellationToken callCancelled,
        CancellationToken stopping, Func<StatusChangeRecord, bool>? include = null)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(callCancelled, stopping);
        try
        {
            await RunCoreAsync(store, writer, time, afterSequence, stream, stillAllowed, denied, include ?? (static _ => true), linked.Token)
                .ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested && !callCancelled.IsCancellationRequested)
        {
            // The node is stopping: end the stream; the client reconnects to the next run.
        }
    }

    private static async Task RunCoreAsync(CertificateStore store, StoreWriter writer, TimeProvider time, ulong afterSequence,
        IServerStreamWriter<V1.StatusChange> stream, Func<bool> stillAllowed, Status denied, Func<StatusChangeRecord, bool> include,
        CancellationToken ct)
    {
        var after = (long)Math.Min(afterSequence, long.MaxValue);
        var anchoredSince = time.GetUtcNow().ToUnixTimeMilliseconds();
        using var signal = new SemaphoreSlim(0, 1);
        void Wake()
        {
            if (signal.CurrentCount == 0)
            {
                try { signal.Release(); }
                catch (SemaphoreFullException) { }
            }
        }
        writer.Committed += Wake;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                if (!stillAllowed())
                    throw new RpcException(denied);
                var changes = store.ChangesAfter(after, Page);
                foreach (var change in changes)
                {
                    if (include(change))
                        await stream.WriteAsync(ProtoMapping.ToProto(change), ct).ConfigureAwait(false);
                    after = change.Sequence;
                }
                // Changes that reached the chain since the last look are sent again with anchored = true.
                var anchored = store.AnchoredSince(anchoredSince, Page);
                foreach (var change in anchored.Where(c => c.Sequence <= after && include(c)))
                    await stream.WriteAsync(ProtoMapping.ToProto(change), ct).ConfigureAwait(false);
                if (anchored.Count > 0)
                    anchoredSince = time.GetUtcNow().ToUnixTimeMilliseconds() - 1;
                if (changes.Count < Page)
                    await signal.WaitAsync(TimeSpan.FromSeconds(1), ct).ConfigureAwait(false);
            }
        }
        finally
        {
            writer.Committed -= Wake;
        }
    }
}
