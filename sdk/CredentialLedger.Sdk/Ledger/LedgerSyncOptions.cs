namespace CredentialLedger.Sdk.Ledger;

/// <summary>How <see cref="LedgerSync"/> follows the chain.</summary>
public sealed class LedgerSyncOptions
{
    /// <summary>Blocks behind the head before a block is applied (0 on an instant-finality chain such as QBFT).</summary>
    public int Confirmations { get; init; }

    /// <summary>Blocks per <c>eth_getLogs</c> request. Default: 2,000.</summary>
    public int MaxBlockRange { get; init; } = 2000;

    /// <summary>Time between polls once caught up. Default: 1 second.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Block headers fetched at once for their timestamps. Default: 8.</summary>
    public int MaxParallelBlockFetches { get; init; } = 8;
}
