using CredentialLedger.Evm.Abi;
using CredentialLedger.Evm.Rpc;

namespace CredentialLedger.Evm.Accounts;

/// <summary>
/// A transaction was mined but reverted (receipt status 0). <see cref="RevertError"/> holds what replaying it with
/// <c>eth_call</c> at its block reported (typically the decoded contract revert), when the node could tell.
/// </summary>
public sealed class TransactionFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TransactionFailedException(TransactionReceipt receipt, Exception? revertError)
        : base(BuildMessage(receipt, revertError), revertError)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        Receipt = receipt;
        RevertError = revertError;
    }

    /// <summary>Creates the exception with a message.</summary>
    public TransactionFailedException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public TransactionFailedException(string message, Exception innerException) : base(message, innerException) =>
        RevertError = innerException;

    /// <summary>Creates the exception with a generic message.</summary>
    public TransactionFailedException() : this("The transaction reverted.") { }

    /// <summary>The status-0 receipt.</summary>
    public TransactionReceipt? Receipt { get; }

    /// <summary>The replayed call's error (a decoded revert or a JSON-RPC error), or null when the replay succeeded or failed otherwise.</summary>
    public Exception? RevertError { get; }

    /// <summary>The decoded revert (name and arguments of a custom error, a message, or a panic code), when known.</summary>
    public RevertReason? Reason => (RevertError as ContractRevertedException)?.Reason;

    private static string BuildMessage(TransactionReceipt? receipt, Exception? revertError) =>
        $"Transaction {receipt?.TransactionHash} reverted in block {receipt?.BlockNumber}"
        + (revertError is null ? "." : $": {revertError.Message}");
}
