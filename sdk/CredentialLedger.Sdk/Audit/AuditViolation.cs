using CredentialLedger.Evm;

namespace CredentialLedger.Sdk.Audit;

/// <summary>
/// A rule broken, where it was broken: the log's block, transaction and index (for an off-chain document, the log
/// that anchored the root it claims, or zeros when none did). <see cref="Rule"/> is one of <see cref="AuditRules"/>.
/// </summary>
/// <param name="Block">The block.</param>
/// <param name="Transaction">The transaction.</param>
/// <param name="LogIndex">The log's index in its block.</param>
/// <param name="Rule">The stable rule id (<c>credential.transition</c>).</param>
/// <param name="Message">What was wrong, for a reader.</param>
public sealed record AuditViolation(ulong Block, Hash32 Transaction, uint LogIndex, string Rule, string Message);
