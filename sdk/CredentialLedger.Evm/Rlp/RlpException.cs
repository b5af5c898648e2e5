namespace CredentialLedger.Evm.Rlp;

/// <summary>
/// Input is not canonical RLP (Yellow Paper appendix B), or an item does not fit the type it is read as.
/// This is the root of the codec failure family: <see cref="Transactions.TransactionDecodingException"/> derives
/// from it, so one <c>catch (RlpException)</c> covers every malformed-bytes failure.
/// </summary>
public class RlpException : FormatException
{
    /// <summary>Creates the exception for a failure at a byte offset of the input.</summary>
    public RlpException(string message, int position) : base($"{message} (at byte {position})")
    {
        Position = position;
        Detail = message;
    }

    /// <summary>Creates the exception for a failure at a byte offset of the input, with an inner cause.</summary>
    public RlpException(string message, int position, Exception? innerException)
        : base($"{message} (at byte {position})", innerException)
    {
        Position = position;
        Detail = message;
    }

    /// <summary>Creates the exception with a message and no position.</summary>
    public RlpException(string message) : base(message)
    {
        Position = -1;
        Detail = message;
    }

    /// <summary>Creates the exception with a message and an inner cause, and no position.</summary>
    public RlpException(string message, Exception innerException) : base(message, innerException)
    {
        Position = -1;
        Detail = message;
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public RlpException() : base("Invalid RLP.")
    {
        Position = -1;
        Detail = Message;
    }

    /// <summary>Offset in the input where decoding failed, or -1 when unknown.</summary>
    public int Position { get; }

    /// <summary>The message without the position suffix, for wrapping with more context.</summary>
    internal string Detail { get; }
}
