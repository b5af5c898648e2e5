namespace CredentialLedger.Sdk.Audit;

/// <summary>
/// An audit event cache that cannot be used: not a cache, cut short, corrupted, not finished, or made for another chain
/// or other registries. Nothing is replayed from such a file.
/// </summary>
public sealed class AuditCacheException : IOException
{
    /// <summary>Creates the exception.</summary>
    public AuditCacheException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public AuditCacheException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
