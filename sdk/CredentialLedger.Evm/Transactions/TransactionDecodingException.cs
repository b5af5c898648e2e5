using CredentialLedger.Evm.Rlp;

namespace CredentialLedger.Evm.Transactions;

/// <summary>
/// Raw bytes are not a valid signed transaction: malformed RLP, a wrong field count, a field out of range
/// (nonce or gas above 2^64-1, a fee or value above 2^256-1, a <c>to</c> that is not 20 bytes or empty), an
/// unsupported EIP-2718 type, or an impossible signature (bad v, r or s zero or ≥ n, high s). It derives from
/// <see cref="RlpException"/> so the codec has one failure family; <see cref="TransactionCodec.Decode"/> throws
/// only this type, with the RLP-level cause as the inner exception when there is one.
/// </summary>
public sealed class TransactionDecodingException : RlpException
{
    /// <summary>Creates the exception for a failure at a byte offset of the input.</summary>
    public TransactionDecodingException(string message, int position) : base(message, position) { }

    /// <summary>Creates the exception for a failure at a byte offset of the input, with an inner cause.</summary>
    public TransactionDecodingException(string message, int position, Exception? innerException)
        : base(message, position, innerException) { }

    /// <summary>Creates the exception with a message and no position.</summary>
    public TransactionDecodingException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and an inner cause, and no position.</summary>
    public TransactionDecodingException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception with a generic message.</summary>
    public TransactionDecodingException() : base("Invalid transaction encoding.") { }
}
