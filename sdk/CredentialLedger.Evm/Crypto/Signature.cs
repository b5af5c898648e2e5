using System.Numerics;

namespace CredentialLedger.Evm.Crypto;

/// <summary>
/// A recoverable secp256k1 ECDSA signature: r, s and the y-parity of the ephemeral point R
/// (the recovery id Ethereum carries as <c>v</c> or <c>yParity</c>).
/// </summary>
public readonly record struct Signature
{
    /// <summary>Creates a signature; r and s must be in [1, n-1] and yParity 0 or 1.</summary>
    /// <exception cref="InvalidSignatureException">A component is out of range.</exception>
    public Signature(BigInteger r, BigInteger s, byte yParity)
    {
        if (r.Sign <= 0 || r >= Secp256k1.N)
            throw new InvalidSignatureException("Signature r is outside [1, n-1].");
        if (s.Sign <= 0 || s >= Secp256k1.N)
            throw new InvalidSignatureException("Signature s is outside [1, n-1].");
        if (yParity > 1)
            throw new InvalidSignatureException($"Signature y-parity must be 0 or 1, not {yParity}.");
        R = r;
        S = s;
        YParity = yParity;
    }

    /// <summary>The x coordinate of R, reduced mod n.</summary>
    public BigInteger R { get; }

    /// <summary>The proof scalar.</summary>
    public BigInteger S { get; }

    /// <summary>0 when R.y is even, 1 when odd.</summary>
    public byte YParity { get; }

    /// <summary>True when s ≤ n/2, the only form EIP-2 accepts in transactions.</summary>
    public bool IsLowS => S <= Secp256k1.HalfN;

    /// <summary>The 65-byte form r ‖ s ‖ v with v = 27 + yParity (eth_sign, EIP-191, cast wallet sign).</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[65];
        R.TryWriteBytes(bytes.AsSpan(0, 32)[(32 - R.GetByteCount(isUnsigned: true))..], out _, isUnsigned: true, isBigEndian: true);
        S.TryWriteBytes(bytes.AsSpan(32, 32)[(32 - S.GetByteCount(isUnsigned: true))..], out _, isUnsigned: true, isBigEndian: true);
        bytes[64] = (byte)(27 + YParity);
        return bytes;
    }

    /// <summary>Reads the 65-byte form r ‖ s ‖ v; v may be 0/1 or 27/28.</summary>
    /// <exception cref="InvalidSignatureException">Wrong length or out-of-range values.</exception>
    public static Signature FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != 65)
            throw new InvalidSignatureException($"A signature is 65 bytes (r ‖ s ‖ v), but {bytes.Length} were given.");
        var v = bytes[64];
        var parity = v switch
        {
            0 or 1 => v,
            27 or 28 => (byte)(v - 27),
            _ => throw new InvalidSignatureException($"Signature v must be 0, 1, 27 or 28, not {v}."),
        };
        return new Signature(
            new BigInteger(bytes[..32], isUnsigned: true, isBigEndian: true),
            new BigInteger(bytes[32..64], isUnsigned: true, isBigEndian: true),
            parity);
    }
}
