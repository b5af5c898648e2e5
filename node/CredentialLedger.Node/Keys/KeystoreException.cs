namespace CredentialLedger.Node.Keys;

/// <summary>The keystore cannot be opened or written; the message says why (never with key material).</summary>
public sealed class KeystoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    public KeystoreException(string message) : base(message) { }

    /// <summary>Creates the exception with its cause.</summary>
    public KeystoreException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception.</summary>
    public KeystoreException() : base("The keystore cannot be used.") { }
}
