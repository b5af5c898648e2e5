namespace CredentialLedger.Node.Origin;

/// <summary>What kind of refusal an <see cref="OriginRequestException"/> is (it decides the gRPC status).</summary>
public enum OriginFailure
{
    /// <summary>No such chamber or certificate (NotFound).</summary>
    NotFound,

    /// <summary>Not possible in the current state, e.g. a suspended chamber issuing (FailedPrecondition).</summary>
    Refused,

    /// <summary>The caller may not do this, e.g. a chamber token on a member act (PermissionDenied).</summary>
    Forbidden,

    /// <summary>Done already, e.g. a certificate number issued twice (AlreadyExists).</summary>
    Duplicate,
}

/// <summary>A chamber or certificate-of-origin request refused, with one clear sentence; nothing was changed.</summary>
public sealed class OriginRequestException(OriginFailure failure, string message) : Exception(message)
{
    /// <summary>What kind of refusal.</summary>
    public OriginFailure Failure { get; } = failure;

    /// <summary>No chamber <paramref name="chamber"/> is served by this node.</summary>
    public static OriginRequestException UnknownChamber(string chamber) =>
        new(OriginFailure.NotFound, $"Chamber {chamber} is not served by this node (see 'credledger chamber list').");
}
