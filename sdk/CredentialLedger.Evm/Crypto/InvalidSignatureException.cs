using System.Security.Cryptography;

namespace CredentialLedger.Evm.Crypto;

/// <summary>A signature or key is malformed, out of range, or does not recover to a public key.</summary>
public sealed class InvalidSignatureException : CryptographicException
{
    /// <summary>Creates the exception with a message that names the problem.</summary>
    public InvalidSignatureException(string message) : base(message) { }

    /// <summary>Creates the exception with an inner cause.</summary>
    public InvalidSignatureException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates an exception with a generic message.</summary>
    public InvalidSignatureException() : base("Invalid signature.") { }
}
