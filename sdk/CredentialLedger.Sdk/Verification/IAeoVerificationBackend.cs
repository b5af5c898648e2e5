using CredentialLedger.Contracts;

namespace CredentialLedger.Sdk.Verification;

/// <summary>
/// Where verification answers come from: the chain directly (<see cref="ChainVerificationBackend"/>, a ledger synced
/// over JSON-RPC, no node needed; offline it answers from its last sync and says how stale that is), or a member node
/// (<see cref="NodeVerificationBackend"/>, its Verification service over gRPC). Same question, same answer shape.
/// </summary>
public interface IAeoVerificationBackend
{
    /// <summary>Does <paramref name="verifier"/> recognize <paramref name="credential"/> at <paramref name="at"/>? Never throws for a bad credential.</summary>
    /// <exception cref="Grpc.Core.RpcException">The node backend could not be reached or refused the call.</exception>
    Task<AeoVerification> VerifyAsync(PresentedCredential credential, MemberCode verifier, DateTimeOffset at, CancellationToken cancellationToken);
}
