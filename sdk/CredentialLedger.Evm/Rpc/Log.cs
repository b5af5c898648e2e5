namespace CredentialLedger.Evm.Rpc;

/// <summary>An event log as returned by <c>eth_getLogs</c> or inside a receipt.</summary>
public sealed record Log
{
    /// <summary>The contract that emitted the log.</summary>
    public required Address Address { get; init; }

    /// <summary>Indexed topics; topic 0 is the event signature hash unless the event is anonymous.</summary>
    public required IReadOnlyList<Hash32> Topics { get; init; }

    /// <summary>The ABI-encoded non-indexed arguments.</summary>
    public required ReadOnlyMemory<byte> Data { get; init; }

    /// <summary>The block number, or null while the log's transaction is pending.</summary>
    public ulong? BlockNumber { get; init; }

    /// <summary>The block hash, or null while pending.</summary>
    public Hash32? BlockHash { get; init; }

    /// <summary>The transaction hash, or null while pending.</summary>
    public Hash32? TransactionHash { get; init; }

    /// <summary>The transaction's index in its block, or null while pending.</summary>
    public ulong? TransactionIndex { get; init; }

    /// <summary>The log's index in its block, or null while pending.</summary>
    public ulong? LogIndex { get; init; }

    /// <summary>True when a reorg removed the log (only seen on filters that follow the head).</summary>
    public bool Removed { get; init; }
}
