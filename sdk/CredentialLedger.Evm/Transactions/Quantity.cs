using System.Numerics;

namespace CredentialLedger.Evm.Transactions;

/// <summary>Range checks for transaction quantities, which the EVM holds in 256-bit words.</summary>
internal static class Quantity
{
    public static readonly BigInteger MaxUInt256 = (BigInteger.One << 256) - 1;

    public static BigInteger CheckUInt256(BigInteger value, string name)
    {
        if (value.Sign < 0 || value > MaxUInt256)
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be in [0, 2^256-1].");
        return value;
    }
}
