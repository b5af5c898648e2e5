using CredentialLedger.Evm.Rpc;

namespace CredentialLedger.Contracts;

/// <summary>A mined, successful transaction and the value the function returned, read from the event it emitted.</summary>
/// <typeparam name="T">The returned value's type.</typeparam>
/// <param name="Receipt">The transaction's receipt.</param>
/// <param name="Value">The returned value (a proposal id, MRA id, version or key id).</param>
public sealed record TransactionResult<T>(TransactionReceipt Receipt, T Value);
