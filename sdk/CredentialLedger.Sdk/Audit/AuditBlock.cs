using CredentialLedger.Evm;
using CredentialLedger.Evm.Rpc;

namespace CredentialLedger.Sdk.Audit;

/// <summary>
/// One block's registry logs with what the audit needs beside them: the block's time and hash, and the sender of each
/// transaction that emitted one. What a replay reads from RPC or from the event cache, and what the cache stores.
/// </summary>
internal sealed class AuditBlock(ulong number, Hash32 hash, ulong time, List<BlockTransaction> transactions, List<AuditBlockLog> logs)
{
    public ulong Number { get; } = number;

    public Hash32 Hash { get; } = hash;

    public ulong Time { get; } = time;

    /// <summary>The transactions that emitted the logs, in block order.</summary>
    public List<BlockTransaction> Transactions { get; } = transactions;

    /// <summary>The registry logs, by log index.</summary>
    public List<AuditBlockLog> Logs { get; } = logs;
}

/// <summary>A registry log and the position of its transaction in <see cref="AuditBlock.Transactions"/>.</summary>
internal readonly record struct AuditBlockLog(int Transaction, Log Log);
