using CredentialLedger.Contracts.Internal;
using Abi = CredentialLedger.Contracts.Internal.MemberRegistryAbi;

namespace CredentialLedger.Contracts;

/// <summary>Calldata for MemberRegistry writes, for callers that sign and send transactions themselves.</summary>
public static class MemberRegistryCalls
{
    /// <summary><c>registerKey(publicKey, validFrom, validUntil)</c>: the 65-byte uncompressed P-256 key.</summary>
    public static byte[] RegisterKey(ReadOnlyMemory<byte> publicKey, ulong validFrom, ulong validUntil) =>
        Abi.RegisterKey.EncodeCall([Arg.Bytes(publicKey), Arg.Uint(validFrom), Arg.Uint(validUntil)]);
}
