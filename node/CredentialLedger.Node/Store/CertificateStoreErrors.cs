namespace CredentialLedger.Node.Store;

/// <summary>No certificate has the id (or, for a lookup by AEO number, none is held).</summary>
public sealed class CertificateNotFoundException(string id, string? message = null)
    : Exception(message ?? $"No certificate '{id}' was issued by this node.")
{
    /// <summary>The id (or AEO number) asked for.</summary>
    public string Id { get; } = id;

    /// <summary>No certificate for <paramref name="aeoNumber"/> is held: none issued here, none pulled from a partner.</summary>
    public static CertificateNotFoundException ForAeoNumber(string aeoNumber) => new(aeoNumber,
        $"This node holds no anchored certificate for AEO number '{aeoNumber}' (issued here or pulled from a partner); present the certificate itself.");
}

/// <summary>The change is not allowed from the certificate's current status (e.g. reinstating a revoked certificate).</summary>
public sealed class IllegalTransitionException(string id, CertificateState from, ChangeKind change)
    : Exception($"Cannot {change.ToString().ToLowerInvariant()} certificate '{id}': it is {from.ToString().ToLowerInvariant()}.")
{
    /// <summary>The certificate.</summary>
    public string Id { get; } = id;

    /// <summary>Its status when the change was asked for.</summary>
    public CertificateState From { get; } = from;

    /// <summary>The change asked for.</summary>
    public ChangeKind Change { get; } = change;
}
