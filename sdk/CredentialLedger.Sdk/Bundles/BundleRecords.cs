using CredentialLedger.Contracts.Events;
using CredentialLedger.Evm;
using CredentialLedger.Evm.Rpc;

namespace CredentialLedger.Sdk.Bundles;

/// <summary>A block as a proof bundle records it: enough for an auditor with chain access to find and confirm it.</summary>
/// <param name="Number">The block number.</param>
/// <param name="Hash">The block hash.</param>
/// <param name="Timestamp">The block's unix time.</param>
public sealed record BundleBlock(ulong Number, Hash32 Hash, ulong Timestamp);

/// <summary>
/// A raw registry log, exactly as <c>eth_getLogs</c> returned it, with the time of its block: membership and MRA state
/// changes take effect at their block's time, which the log alone does not carry.
/// </summary>
/// <param name="Address">The emitting registry.</param>
/// <param name="Topics">The topics (topic 0 is the event signature hash).</param>
/// <param name="Data">The ABI-encoded non-indexed arguments.</param>
/// <param name="BlockNumber">The block that holds the log.</param>
/// <param name="BlockHash">That block's hash.</param>
/// <param name="BlockTimestamp">That block's unix time.</param>
/// <param name="TransactionHash">The transaction that emitted the log.</param>
/// <param name="LogIndex">The log's index in its block.</param>
public sealed record BundleLog(
    Address Address, IReadOnlyList<Hash32> Topics, ReadOnlyMemory<byte> Data,
    ulong BlockNumber, Hash32 BlockHash, ulong BlockTimestamp, Hash32 TransactionHash, ulong LogIndex)
{
    /// <summary>Where the log sits in the chain.</summary>
    public LogPosition Position => new(BlockNumber, TransactionHash, LogIndex);

    /// <summary>The log in the form the event decoder reads.</summary>
    public Log ToLog() => new()
    {
        Address = Address,
        Topics = Topics,
        Data = Data,
        BlockNumber = BlockNumber,
        BlockHash = BlockHash,
        TransactionHash = TransactionHash,
        LogIndex = LogIndex,
    };

    /// <summary>A bundle log of an <c>eth_getLogs</c> log (which must be mined) and its block's time.</summary>
    /// <exception cref="ArgumentException">The log is pending (no block, transaction or index).</exception>
    public static BundleLog FromLog(Log log, ulong blockTimestamp)
    {
        ArgumentNullException.ThrowIfNull(log);
        if (log.BlockNumber is not { } block || log.BlockHash is not { } blockHash || log.TransactionHash is not { } transaction
            || log.LogIndex is not { } index)
            throw new ArgumentException("The log has no block, block hash, transaction hash or log index (is it pending?).", nameof(log));
        return new BundleLog(log.Address, [.. log.Topics], log.Data.ToArray(), block, blockHash, blockTimestamp, transaction, index);
    }

    /// <summary>Whether <paramref name="other"/> has the same emitter, topics, data and log index.</summary>
    public bool SameEventAs(ReceiptLog other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Address == other.Address && LogIndex == other.LogIndex && Topics.SequenceEqual(other.Topics) && Data.Span.SequenceEqual(other.Data.Span);
    }

    /// <summary>Whether <paramref name="other"/> is the same log at the same place (block hash and time included).</summary>
    public bool SameAs(BundleLog other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Address == other.Address && BlockNumber == other.BlockNumber && BlockHash == other.BlockHash
            && BlockTimestamp == other.BlockTimestamp && TransactionHash == other.TransactionHash && LogIndex == other.LogIndex
            && Topics.SequenceEqual(other.Topics) && Data.Span.SequenceEqual(other.Data.Span);
    }
}

/// <summary>A log inside the anchoring receipt (its block and transaction are the receipt's).</summary>
/// <param name="Address">The emitting contract.</param>
/// <param name="Topics">The topics.</param>
/// <param name="Data">The ABI-encoded non-indexed arguments.</param>
/// <param name="LogIndex">The log's index in its block.</param>
public sealed record ReceiptLog(Address Address, IReadOnlyList<Hash32> Topics, ReadOnlyMemory<byte> Data, ulong LogIndex)
{
    /// <summary>Whether <paramref name="other"/> has the same emitter, topics, data and index.</summary>
    public bool SameAs(ReceiptLog other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Address == other.Address && LogIndex == other.LogIndex && Topics.SequenceEqual(other.Topics) && Data.Span.SequenceEqual(other.Data.Span);
    }
}

/// <summary>The receipt of the transaction that anchored the credential's batch.</summary>
/// <param name="TransactionHash">The anchoring transaction.</param>
/// <param name="TransactionIndex">Its index in its block.</param>
/// <param name="BlockNumber">Its block.</param>
/// <param name="BlockHash">That block's hash.</param>
/// <param name="From">The sender (the issuer's operator account).</param>
/// <param name="To">The called contract (null for a creation).</param>
/// <param name="Succeeded">EIP-658 status 1.</param>
/// <param name="Logs">Every log the transaction emitted, BatchAnchored among them.</param>
public sealed record AnchorReceipt(
    Hash32 TransactionHash, ulong TransactionIndex, ulong BlockNumber, Hash32 BlockHash, Address From, Address? To, bool Succeeded,
    IReadOnlyList<ReceiptLog> Logs)
{
    /// <summary>The bundle form of a receipt from <c>eth_getTransactionReceipt</c>.</summary>
    /// <exception cref="ArgumentException">A log has no index.</exception>
    public static AnchorReceipt FromReceipt(TransactionReceipt receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        return new AnchorReceipt(receipt.TransactionHash, receipt.TransactionIndex, receipt.BlockNumber, receipt.BlockHash, receipt.From, receipt.To,
            receipt.Succeeded,
            [.. receipt.Logs.Select(l => new ReceiptLog(l.Address, [.. l.Topics], l.Data.ToArray(),
                l.LogIndex ?? throw new ArgumentException("A receipt log has no log index.", nameof(receipt))))]);
    }

    /// <summary>Whether <paramref name="other"/> says the same (every field and every log).</summary>
    public bool SameAs(AnchorReceipt other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return TransactionHash == other.TransactionHash && TransactionIndex == other.TransactionIndex && BlockNumber == other.BlockNumber
            && BlockHash == other.BlockHash && From == other.From && To == other.To && Succeeded == other.Succeeded
            && Logs.Count == other.Logs.Count && Logs.Zip(other.Logs).All(p => p.First.SameAs(p.Second));
    }
}
