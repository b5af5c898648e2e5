namespace CredentialLedger.Evm.Abi;

/// <summary>A value does not fit its ABI type: wrong kind, integer out of range, wrong bytesN or array length.</summary>
public sealed class AbiEncodingException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    public AbiEncodingException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with an inner cause.</summary>
    public AbiEncodingException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public AbiEncodingException() : base("The value cannot be ABI-encoded as its type.")
    {
    }
}

/// <summary>
/// Bytes are not a valid (strict, canonical) ABI encoding of the expected types. See <see cref="AbiDecoder"/> for the
/// policy.
/// </summary>
public sealed class AbiDecodingException : FormatException
{
    /// <summary>Creates the exception for a failure at a byte offset of the input.</summary>
    public AbiDecodingException(string message, int position) : base($"{message} (at byte {position})")
    {
        Position = position;
        Detail = message;
    }

    /// <summary>Creates the exception for a failure at a byte offset of the input, with an inner cause.</summary>
    public AbiDecodingException(string message, int position, Exception? innerException)
        : base($"{message} (at byte {position})", innerException)
    {
        Position = position;
        Detail = message;
    }

    /// <summary>Creates the exception with a message and no position.</summary>
    public AbiDecodingException(string message) : base(message)
    {
        Position = -1;
        Detail = message;
    }

    /// <summary>Creates the exception with a message and an inner cause, and no position.</summary>
    public AbiDecodingException(string message, Exception innerException) : base(message, innerException)
    {
        Position = -1;
        Detail = message;
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public AbiDecodingException() : base("Invalid ABI encoding.")
    {
        Position = -1;
        Detail = Message;
    }

    /// <summary>Offset in the input where decoding failed, or -1 when unknown.</summary>
    public int Position { get; }

    /// <summary>The message without the position suffix, for re-raising with a shifted position.</summary>
    internal string Detail { get; }
}
