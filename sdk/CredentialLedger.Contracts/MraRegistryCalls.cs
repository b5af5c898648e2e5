using CredentialLedger.Contracts.Internal;
using Abi = CredentialLedger.Contracts.Internal.MraRegistryAbi;

namespace CredentialLedger.Contracts;

/// <summary>
/// Calldata for the MraRegistry's writes, for callers that sign and send transactions themselves (the node sends
/// them through its anchoring worker, the operator account's one sender). <see cref="MraRegistryClient"/> sends the
/// same calls through a <see cref="Evm.Accounts.TransactionSender"/>; the parameters mean the same there.
/// </summary>
public static class MraRegistryCalls
{
    /// <summary><c>propose(parties, scope, benefits, validFrom, validUntil)</c>: parties in ascending order.</summary>
    public static byte[] Propose(IReadOnlyList<MemberCode> parties, uint scope, uint benefits, ulong validFrom, ulong validUntil) =>
        Abi.Propose.EncodeCall([Arg.Codes(parties), Arg.Uint(scope), Arg.Uint(benefits), Arg.Uint(validFrom), Arg.Uint(validUntil)]);

    /// <summary><c>accept(mraId, version)</c>: the version must be the latest.</summary>
    public static byte[] Accept(ulong mraId, uint version) => Abi.Accept.EncodeCall([Arg.Uint(mraId), Arg.Uint(version)]);

    /// <summary><c>amend(mraId, scope, benefits, validFrom, validUntil)</c>: opens the next version.</summary>
    public static byte[] Amend(ulong mraId, uint scope, uint benefits, ulong validFrom, ulong validUntil) =>
        Abi.Amend.EncodeCall([Arg.Uint(mraId), Arg.Uint(scope), Arg.Uint(benefits), Arg.Uint(validFrom), Arg.Uint(validUntil)]);

    /// <summary><c>suspend(mraId, reason)</c>.</summary>
    public static byte[] Suspend(ulong mraId, byte reason) => Abi.Suspend.EncodeCall([Arg.Uint(mraId), Arg.Uint(reason)]);

    /// <summary><c>resume(mraId)</c>.</summary>
    public static byte[] Resume(ulong mraId) => Abi.Resume.EncodeCall([Arg.Uint(mraId)]);

    /// <summary><c>terminate(mraId, reason)</c>.</summary>
    public static byte[] Terminate(ulong mraId, byte reason) => Abi.Terminate.EncodeCall([Arg.Uint(mraId), Arg.Uint(reason)]);
}
