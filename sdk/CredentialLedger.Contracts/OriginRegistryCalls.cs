using CredentialLedger.Contracts.Internal;
using CredentialLedger.Evm;
using Abi = CredentialLedger.Contracts.Internal.OriginRegistryAbi;

namespace CredentialLedger.Contracts;

/// <summary>
/// Calldata for the OriginRegistry's writes, for callers that sign and send transactions themselves (a node anchoring
/// for the chambers it serves stores each signed transaction before it broadcasts it). <see cref="OriginRegistryClient"/>
/// sends the same calls through a <see cref="Evm.Accounts.TransactionSender"/>.
/// </summary>
public static class OriginRegistryCalls
{
    /// <summary><c>anchor(root, size)</c>, sent from a chamber account.</summary>
    public static byte[] Anchor(Hash32 root, uint size) => Abi.Anchor.EncodeCall([Arg.Hash(root), Arg.Uint(size)]);

    /// <summary><c>revokeMany(root, indices, reason, effectiveAt)</c>, sent from the anchoring chamber's account.</summary>
    public static byte[] RevokeMany(Hash32 root, IReadOnlyList<uint> indices, byte reason, ulong effectiveAt) =>
        Abi.RevokeMany.EncodeCall([Arg.Hash(root), Arg.Uint32s(indices), Arg.Uint(reason), Arg.Uint(effectiveAt)]);

    /// <summary><c>markUsed(root, index, declarationRef)</c>, sent from an operator account of the importing member.</summary>
    public static byte[] MarkUsed(Hash32 root, uint index, Hash32 declarationRef) =>
        Abi.MarkUsed.EncodeCall([Arg.Hash(root), Arg.Uint(index), Arg.Hash(declarationRef)]);
}
