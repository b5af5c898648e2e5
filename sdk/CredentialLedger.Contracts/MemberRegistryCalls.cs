using CredentialLedger.Contracts.Internal;
using CredentialLedger.Evm;
using Abi = CredentialLedger.Contracts.Internal.MemberRegistryAbi;

namespace CredentialLedger.Contracts;

/// <summary>Calldata for MemberRegistry writes, for callers that sign and send transactions themselves.</summary>
public static class MemberRegistryCalls
{
    /// <summary><c>registerKey(publicKey, validFrom, validUntil)</c>: the 65-byte uncompressed P-256 key.</summary>
    public static byte[] RegisterKey(ReadOnlyMemory<byte> publicKey, ulong validFrom, ulong validUntil) =>
        Abi.RegisterKey.EncodeCall([Arg.Bytes(publicKey), Arg.Uint(validFrom), Arg.Uint(validUntil)]);

    /// <summary><c>registerChamberKey(chamber, publicKey, validFrom, validUntil)</c>: a chamber's 65-byte uncompressed P-256 key.</summary>
    public static byte[] RegisterChamberKey(ChamberId chamber, ReadOnlyMemory<byte> publicKey, ulong validFrom, ulong validUntil) =>
        Abi.RegisterChamberKey.EncodeCall([Arg.Chamber(chamber), Arg.Bytes(publicKey), Arg.Uint(validFrom), Arg.Uint(validUntil)]);

    /// <summary><c>authorizeChamber(chamber, account)</c>: the sender's member authorizes a chamber writing from <paramref name="account"/>.</summary>
    public static byte[] AuthorizeChamber(ChamberId chamber, Address account) =>
        Abi.AuthorizeChamber.EncodeCall([Arg.Chamber(chamber), Arg.Address(account)]);

    /// <summary><c>suspendChamber(chamber, reason)</c>.</summary>
    public static byte[] SuspendChamber(ChamberId chamber, byte reason) =>
        Abi.SuspendChamber.EncodeCall([Arg.Chamber(chamber), Arg.Uint(reason)]);

    /// <summary><c>reinstateChamber(chamber)</c>.</summary>
    public static byte[] ReinstateChamber(ChamberId chamber) => Abi.ReinstateChamber.EncodeCall([Arg.Chamber(chamber)]);

    /// <summary><c>withdrawChamber(chamber, reason)</c>: ends the chamber's authorization for good.</summary>
    public static byte[] WithdrawChamber(ChamberId chamber, byte reason) =>
        Abi.WithdrawChamber.EncodeCall([Arg.Chamber(chamber), Arg.Uint(reason)]);
}
