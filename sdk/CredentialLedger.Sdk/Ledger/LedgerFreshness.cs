using CredentialLedger.Evm;

namespace CredentialLedger.Sdk.Ledger;

/// <summary>How far a <see cref="LedgerHistory"/> has been synced: what an offline answer is based on.</summary>
/// <param name="Block">The last block fully applied.</param>
/// <param name="BlockHash">Its hash (a later sync checks it is still on the chain).</param>
/// <param name="BlockTime">Its unix time.</param>
/// <param name="SyncedAt">When, by the local clock, the sync reached it.</param>
public sealed record LedgerFreshness(ulong Block, Hash32 BlockHash, ulong BlockTime, DateTimeOffset SyncedAt)
{
    /// <summary>How old the answer can be at <paramref name="now"/>: time since the last successful sync.</summary>
    public TimeSpan StalenessAt(DateTimeOffset now) => now > SyncedAt ? now - SyncedAt : TimeSpan.Zero;
}
