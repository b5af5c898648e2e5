namespace CredentialLedger.Node.Mras;

/// <summary>No MRA has this id on the chain (NotFound to gRPC callers).</summary>
public sealed class MraNotFoundException(ulong mraId) : Exception($"No MRA {mraId} on the chain.")
{
    /// <summary>The id asked for.</summary>
    public ulong MraId { get; } = mraId;
}
