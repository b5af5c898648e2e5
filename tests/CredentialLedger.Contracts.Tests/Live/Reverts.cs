using System.Security.Cryptography;
using CredentialLedger.Evm;
using CredentialLedger.Evm.Abi;
using CredentialLedger.Evm.Accounts;
using CredentialLedger.Evm.Crypto;

namespace CredentialLedger.Contracts.Tests.Live;

internal static class Reverts
{
    /// <summary>Asserts that <paramref name="action"/> reverts with the registry error <paramref name="error"/>; returns its arguments.</summary>
    public static async Task<IReadOnlyList<AbiValue>> ThrowsAsync(string error, Func<Task> action)
    {
        var exception = await Assert.ThrowsAsync<ContractRevertedException>(action);
        return Expect(error, exception.Reason);
    }

    /// <summary>Asserts that a mined transaction reverted with <paramref name="error"/>; returns its arguments.</summary>
    public static async Task<IReadOnlyList<AbiValue>> MinedAsync(string error, Func<Task> action)
    {
        var exception = await Assert.ThrowsAsync<TransactionFailedException>(action);
        Assert.NotNull(exception.Receipt);
        Assert.False(exception.Receipt.Succeeded);
        return Expect(error, Assert.IsType<RevertReason>(exception.Reason));
    }

    public static IReadOnlyList<AbiValue> Expect(string error, RevertReason reason)
    {
        Assert.True(reason.Kind == RevertKind.CustomError, $"Expected {error}, got {reason}.");
        Assert.Equal(error, reason.Error!.Name);
        return reason.Arguments;
    }

    public static AbiValue Code(MemberCode code) => AbiValue.FixedBytes(code.ToArray());

    public static AbiValue Hash(Hash32 hash) => AbiValue.FixedBytes(hash.ToArray());
}

internal static class TestData
{
    /// <summary>A fresh 65-byte SEC1 uncompressed P-256 public key.</summary>
    public static byte[] NewP256PublicKey()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var q = ecdsa.ExportParameters(includePrivateParameters: false).Q;
        return [0x04, .. q.X!, .. q.Y!];
    }

    /// <summary>A root no other test uses.</summary>
    public static Hash32 NewRoot() => Keccak256.Hash(RandomNumberGenerator.GetBytes(32));
}
