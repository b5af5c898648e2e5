using CredentialLedger.Contracts.Internal;
using CredentialLedger.Evm;
using Abi = CredentialLedger.Contracts.Internal.CredentialRegistryAbi;

namespace CredentialLedger.Contracts;

/// <summary>
/// Calldata for the CredentialRegistry's writes, for callers that sign and send transactions themselves (the node's
/// anchoring pipeline stores each signed transaction before it broadcasts it). <see cref="CredentialRegistryClient"/>
/// sends the same calls through a <see cref="Evm.Accounts.TransactionSender"/>.
/// </summary>
public static class CredentialRegistryCalls
{
    /// <summary><c>anchor(root, size)</c>.</summary>
    public static byte[] Anchor(Hash32 root, uint size) => Abi.Anchor.EncodeCall([Arg.Hash(root), Arg.Uint(size)]);

    /// <summary><c>suspendMany(root, indices, reason, effectiveAt)</c>.</summary>
    public static byte[] SuspendMany(Hash32 root, IReadOnlyList<uint> indices, byte reason, ulong effectiveAt) =>
        Many(Abi.SuspendMany, root, indices, reason, effectiveAt);

    /// <summary><c>reinstateMany(root, indices, reason, effectiveAt)</c>.</summary>
    public static byte[] ReinstateMany(Hash32 root, IReadOnlyList<uint> indices, byte reason, ulong effectiveAt) =>
        Many(Abi.ReinstateMany, root, indices, reason, effectiveAt);

    /// <summary><c>revokeMany(root, indices, reason, effectiveAt)</c>.</summary>
    public static byte[] RevokeMany(Hash32 root, IReadOnlyList<uint> indices, byte reason, ulong effectiveAt) =>
        Many(Abi.RevokeMany, root, indices, reason, effectiveAt);

    /// <summary><c>supersedeMany(root, indices, newRoot, newIndices, reason, effectiveAt)</c>.</summary>
    public static byte[] SupersedeMany(
        Hash32 root, IReadOnlyList<uint> indices, Hash32 newRoot, IReadOnlyList<uint> newIndices, byte reason, ulong effectiveAt) =>
        Abi.SupersedeMany.EncodeCall(
            [Arg.Hash(root), Arg.Uint32s(indices), Arg.Hash(newRoot), Arg.Uint32s(newIndices), Arg.Uint(reason), Arg.Uint(effectiveAt)]);

    private static byte[] Many(Evm.Abi.FunctionSignature function, Hash32 root, IReadOnlyList<uint> indices, byte reason, ulong effectiveAt) =>
        function.EncodeCall([Arg.Hash(root), Arg.Uint32s(indices), Arg.Uint(reason), Arg.Uint(effectiveAt)]);
}
