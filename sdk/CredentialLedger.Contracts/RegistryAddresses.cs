using CredentialLedger.Evm;

namespace CredentialLedger.Contracts;

/// <summary>The addresses of one deployment of the four registries.</summary>
/// <param name="Members">The <c>MemberRegistry</c>.</param>
/// <param name="Credentials">The <c>CredentialRegistry</c>.</param>
/// <param name="Mras">The <c>MraRegistry</c>.</param>
/// <param name="Origins">The <c>OriginRegistry</c>.</param>
public sealed record RegistryAddresses(Address Members, Address Credentials, Address Mras, Address Origins)
{
    /// <summary>The four addresses, in the order above.</summary>
    public IReadOnlyList<Address> All => [Members, Credentials, Mras, Origins];
}
