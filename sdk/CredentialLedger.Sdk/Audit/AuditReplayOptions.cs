namespace CredentialLedger.Sdk.Audit;

/// <summary>What an <see cref="AuditReplayer"/> replays and how it reads the chain.</summary>
public sealed class AuditReplayOptions
{
    /// <summary>
    /// The first block replayed: the registries' deployment block (RegistryNetwork.DeploymentBlock), or 0. The
    /// integrity checks assume nothing happened before it; a later block makes every earlier member, key and root unknown.
    /// </summary>
    public ulong FromBlock { get; init; }

    /// <summary>The last block replayed; null for the chain's head when the replay starts.</summary>
    public ulong? ToBlock { get; init; }

    /// <summary>
    /// An event cache file to write while replaying from RPC (see <see cref="AuditReplayer.ReplayCache"/>). When it
    /// already exists for the same chain, registries and first block, and the chain still has its last block, the
    /// replay reads it first and asks the RPC only for the blocks after it, then rewrites it to cover them too.
    /// </summary>
    public string? CachePath { get; init; }

    /// <summary>The largest block range of one <c>eth_getLogs</c> request (default 20,000; halved when the node refuses).</summary>
    public ulong MaxLogBlockRange { get; init; } = 20_000;

    /// <summary>
    /// How many logs one <c>eth_getLogs</c> request should bring, roughly (default 10,000): the block range grows
    /// while pages hold fewer and shrinks when they hold more, keeping responses large but bounded.
    /// </summary>
    public int TargetLogsPerRequest { get; init; } = 10_000;

    /// <summary>How many blocks are fetched at once (<c>eth_getBlockByNumber</c> with transactions; default 8).</summary>
    public int MaxParallelBlockFetches { get; init; } = 8;

    /// <summary>
    /// Read transaction senders with <c>trace_block</c> where the node offers it (anvil, Besu with the TRACE API,
    /// Erigon, Nethermind), default true: the top-level trace names the sender without the node rebuilding every
    /// transaction object, about ten times less node CPU than <c>eth_getBlockByNumber</c> with full transactions on
    /// anvil. A node that answers <c>trace_block</c> with an error is read the full-transaction way from then on, and
    /// so is any block whose traces do not cover each of its transactions in place.
    /// </summary>
    public bool SendersFromTraces { get; init; } = true;

    /// <summary>How often progress is reported, at most (default 250 ms).</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    internal void Validate()
    {
        if (MaxLogBlockRange < 1 || TargetLogsPerRequest < 1 || MaxParallelBlockFetches < 1 || ProgressInterval < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(AuditReplayOptions),
                "MaxLogBlockRange, TargetLogsPerRequest and MaxParallelBlockFetches must be positive, ProgressInterval not negative.");
        if (ToBlock is { } to && to < FromBlock)
            throw new ArgumentOutOfRangeException(nameof(AuditReplayOptions), $"ToBlock {to} is before FromBlock {FromBlock}.");
        if (CachePath is not null && string.IsNullOrWhiteSpace(CachePath))
            throw new ArgumentException("CachePath is blank.", nameof(AuditReplayOptions));
    }
}
