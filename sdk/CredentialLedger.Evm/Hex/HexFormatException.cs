namespace CredentialLedger.Evm.Hex;

/// <summary>Thrown when text is not the hexadecimal form that was expected.</summary>
public sealed class HexFormatException : FormatException
{
    /// <summary>Creates the exception with a message that names the problem and its position.</summary>
    public HexFormatException(string message) : base(message) { }

    /// <summary>Creates the exception with an inner cause.</summary>
    public HexFormatException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates an exception with a generic message.</summary>
    public HexFormatException() : base("Invalid hexadecimal text.") { }
}
