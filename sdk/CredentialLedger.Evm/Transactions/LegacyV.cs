using System.Numerics;

namespace CredentialLedger.Evm.Transactions;

/// <summary>The v value of legacy transactions: 27 + yParity before EIP-155, chainId·2 + 35 + yParity after.</summary>
internal static class LegacyV
{
    // chainId ≤ 2^64-1, so v ≤ 2^65 + 34: wider than ulong (and far wider than a JavaScript number), so UInt128.
    public static UInt128 Compute(ulong? chainId, byte yParity) =>
        chainId is { } id ? (UInt128)id * 2 + 35 + yParity : 27u + yParity;

    /// <summary>Splits v into (chain id, y parity); false when v is neither 27/28 nor an EIP-155 value for a chain ≥ 1.</summary>
    public static bool TryParse(BigInteger v, out ulong? chainId, out byte yParity)
    {
        chainId = null;
        yParity = 0;
        if (v == 27 || v == 28)
        {
            yParity = (byte)(v - 27);
            return true;
        }
        // v = 35/36 would mean chain 0; anything below 35 is not a recovery id at all.
        if (v < 37)
            return false;
        var id = (v - 35) >> 1;
        if (id > ulong.MaxValue)
            return false;
        chainId = (ulong)id;
        yParity = (byte)((v - 35) & 1);
        return true;
    }
}
