namespace CredentialLedger.Node.Store;

/// <summary>No certificate has the id.</summary>
public sealed class CertificateNotFoundException(string id) : Exception($"No certificate '{id}' was issued by this node.")
{
    /// <summary>The id asked for.</summary>
    public string Id { get; } = id;
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
