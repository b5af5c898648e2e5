using System.Numerics;
using CredentialLedger.Evm.Abi;

namespace CredentialLedger.Evm.Tests.Live;

internal static class LiveAssert
{
    /// <summary>Checks that <paramref name="error"/> is LiveProbe's TooLarge(value, limit, caller), decoded by name.</summary>
    public static void IsTooLarge(Exception? error, BigInteger value, BigInteger limit, Address caller)
    {
        var reverted = Assert.IsType<ContractRevertedException>(error);
        var reason = reverted.Reason;
        Assert.Equal(RevertKind.CustomError, reason.Kind);
        Assert.Equal("TooLarge", reason.Error!.Name);
        Assert.Equal(value, reason.Arguments[0].AsBigInteger());
        Assert.Equal(limit, reason.Arguments[1].AsBigInteger());
        Assert.Equal(caller, reason.Arguments[2].AsAddress());
    }
}
