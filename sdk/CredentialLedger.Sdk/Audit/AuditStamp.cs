using CredentialLedger.Evm;

namespace CredentialLedger.Sdk.Audit;

/// <summary>Where and when an event was recorded: its log, its block's time and the transaction's sender.</summary>
/// <param name="Block">The block number.</param>
/// <param name="Transaction">The transaction hash.</param>
/// <param name="LogIndex">The log's index in its block.</param>
/// <param name="Time">The block's unix time.</param>
/// <param name="Sender">The transaction's sender (<c>from</c>): the account that acted.</param>
public readonly record struct AuditStamp(ulong Block, Hash32 Transaction, uint LogIndex, ulong Time, Address Sender);
