using System.Numerics;

namespace CredentialLedger.Evm.Rpc;

/// <summary>A block header with its transaction hashes (<c>eth_getBlockByNumber</c> with full transactions off).</summary>
public sealed record Block
{
    /// <summary>The block number.</summary>
    public required ulong Number { get; init; }

    /// <summary>The block hash.</summary>
    public required Hash32 Hash { get; init; }

    /// <summary>The parent block's hash.</summary>
    public required Hash32 ParentHash { get; init; }

    /// <summary>Seconds since the Unix epoch, as set by the block producer.</summary>
    public required ulong Timestamp { get; init; }

    /// <summary>The block's gas limit.</summary>
    public required ulong GasLimit { get; init; }

    /// <summary>Gas used by all transactions of the block.</summary>
    public required ulong GasUsed { get; init; }

    /// <summary>The EIP-1559 base fee, or null on chains (or forks) without one.</summary>
    public BigInteger? BaseFeePerGas { get; init; }

    /// <summary>The block producer's address (coinbase).</summary>
    public Address Miner { get; init; }

    /// <summary>Hashes of the block's transactions, in order.</summary>
    public required IReadOnlyList<Hash32> TransactionHashes { get; init; }

    /// <summary>
    /// The block's transactions with their senders, in order, when the block was fetched with full transactions
    /// (<see cref="EthClient.GetBlockWithTransactionsAsync"/>); null otherwise.
    /// </summary>
    public IReadOnlyList<BlockTransaction>? Transactions { get; init; }

    /// <summary>The block time as a <see cref="DateTimeOffset"/> (UTC).</summary>
    public DateTimeOffset TimestampUtc => DateTimeOffset.FromUnixTimeSeconds((long)Math.Min(Timestamp, (ulong)long.MaxValue));
}

/// <summary>A transaction of a block as <c>eth_getBlockByNumber</c> with full transactions lists it: who sent it, to whom.</summary>
/// <param name="Hash">The transaction hash.</param>
/// <param name="Index">Its index in the block.</param>
/// <param name="From">The sender (recovered from the signature by the node).</param>
/// <param name="To">The recipient, or null for a contract creation.</param>
public sealed record BlockTransaction(Hash32 Hash, ulong Index, Address From, Address? To);
