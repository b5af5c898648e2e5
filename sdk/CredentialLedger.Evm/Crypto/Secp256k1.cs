using CredentialLedger.Evm.Internal;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Math.EC;
using Org.BouncyCastle.Math.EC.Multiplier;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;
using NumericsBigInteger = System.Numerics.BigInteger;

namespace CredentialLedger.Evm.Crypto;

/// <summary>ECDSA over secp256k1 as Ethereum uses it: sign a 32-byte prehash, recover the signer's key.</summary>
public static class Secp256k1
{
    // CustomNamedCurves has the specialised field arithmetic; ECNamedCurveTable's generic one is 5-7x slower.
    private static readonly X9ECParameters Curve = CustomNamedCurves.GetByName("secp256k1");
    private static readonly ECPoint G = Curve.G;
    private static readonly BcBigInteger BcN = Curve.N;
    private static readonly BcBigInteger BcHalfN = BcN.ShiftRight(1);
    private static readonly FixedPointCombMultiplier BaseMultiplier = new();

    /// <summary>The group order n.</summary>
    public static readonly NumericsBigInteger N = ToNumerics(BcN);

    /// <summary>⌊n/2⌋: the largest s a low-s signature may have (EIP-2).</summary>
    public static readonly NumericsBigInteger HalfN = ToNumerics(BcHalfN);

    /// <summary>True when the 32 bytes are a scalar in [1, n-1].</summary>
    public static bool IsValidPrivateKey(ReadOnlySpan<byte> key)
    {
        if (key.Length != 32)
            return false;
        var d = new BcBigInteger(1, key);
        return d.SignValue > 0 && d.CompareTo(BcN) < 0;
    }

    /// <summary>Derives the public key of a 32-byte private key.</summary>
    public static PublicKey GetPublicKey(ReadOnlySpan<byte> privateKey)
    {
        var d = new BcBigInteger(1, privateKey);
        var q = BaseMultiplier.Multiply(G, d).Normalize();
        return FromPoint(q);
    }

    /// <summary>
    /// Signs a 32-byte prehash: RFC 6979 nonce (HMAC-SHA256, unreduced message as libsecp256k1 feeds it),
    /// then s is normalised to the low half and the y-parity flipped to match (EIP-2).
    /// </summary>
    /// <exception cref="ArgumentException">The hash is not 32 bytes or the key is invalid.</exception>
    public static Signature Sign(ReadOnlySpan<byte> hash, ReadOnlySpan<byte> privateKey)
    {
        if (hash.Length != 32)
            throw new ArgumentException($"A prehash is 32 bytes, but {hash.Length} were given.", nameof(hash));
        if (!IsValidPrivateKey(privateKey))
            throw new ArgumentException("The private key is not a valid secp256k1 scalar.", nameof(privateKey));

        var d = new BcBigInteger(1, privateKey);
        var e = new BcBigInteger(1, hash);
        var k = Rfc6979.GenerateK(privateKey, hash, BcN);
        var point = BaseMultiplier.Multiply(G, k).Normalize();
        var rx = point.AffineXCoord.ToBigInteger();
        // R.x ≥ n happens with probability ~2^-127; Ethereum's yParity cannot express it, so refuse rather than
        // emit a signature no node would accept.
        if (rx.CompareTo(BcN) >= 0)
            throw new InvalidOperationException("Ephemeral point x-coordinate exceeds the group order; signature not representable.");
        var r = rx;
        var s = k.ModInverse(BcN).Multiply(e.Add(d.Multiply(r))).Mod(BcN);
        var parity = (byte)(point.AffineYCoord.TestBitZero() ? 1 : 0);
        if (s.CompareTo(BcHalfN) > 0)
        {
            s = BcN.Subtract(s);
            parity ^= 1;
        }
        return new Signature(ToNumerics(r), ToNumerics(s), parity);
    }

    /// <summary>Recovers the signer's public key from a prehash and a signature.</summary>
    /// <exception cref="InvalidSignatureException">The signature does not recover to a valid key.</exception>
    public static PublicKey Recover(ReadOnlySpan<byte> hash, Signature signature)
    {
        if (!TryRecover(hash, signature, out var key))
            throw new InvalidSignatureException("The signature does not recover to a public key.");
        return key;
    }

    /// <summary>Recovers the signer's public key; false when the signature is not valid for any key.</summary>
    public static bool TryRecover(ReadOnlySpan<byte> hash, Signature signature, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out PublicKey? key)
    {
        key = null;
        if (hash.Length != 32 || signature.R.IsZero || signature.S.IsZero)
            return false;
        var r = ToBouncyCastle(signature.R);
        var s = ToBouncyCastle(signature.S);
        if (r.CompareTo(BcN) >= 0 || s.CompareTo(BcN) >= 0)
            return false;

        // R is the point with x = r and the given y parity (x = r + n is not expressible in Ethereum's v).
        Span<byte> compressed = stackalloc byte[33];
        compressed[0] = (byte)(0x02 + signature.YParity);
        var rBytes = r.ToByteArrayUnsigned();
        rBytes.CopyTo(compressed[(33 - rBytes.Length)..]);
        ECPoint rPoint;
        try
        {
            rPoint = Curve.Curve.DecodePoint(compressed.ToArray());
        }
        catch (ArgumentException)
        {
            return false; // r is not the x-coordinate of a curve point.
        }

        // Q = r⁻¹ (s·R − e·G)
        var e = new BcBigInteger(1, hash);
        var rInv = r.ModInverse(BcN);
        var u1 = BcN.Subtract(e).Multiply(rInv).Mod(BcN);
        var u2 = s.Multiply(rInv).Mod(BcN);
        var q = ECAlgorithms.SumOfTwoMultiplies(G, u1, rPoint, u2).Normalize();
        if (q.IsInfinity)
            return false;
        key = FromPoint(q);
        return true;
    }

    /// <summary>Checks a signature against a known public key.</summary>
    public static bool Verify(ReadOnlySpan<byte> hash, Signature signature, PublicKey publicKey)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        return TryRecover(hash, signature, out var recovered) && recovered.Equals(publicKey);
    }

    internal static PublicKey DecodePublicKey(ReadOnlySpan<byte> bytes)
    {
        byte[] sec1;
        if (bytes.Length == 64)
        {
            sec1 = new byte[65];
            sec1[0] = 0x04;
            bytes.CopyTo(sec1.AsSpan(1));
        }
        else if (bytes.Length is 65 or 33)
        {
            sec1 = bytes.ToArray();
        }
        else
        {
            throw new InvalidSignatureException($"A public key is 33, 64 or 65 bytes, but {bytes.Length} were given.");
        }
        try
        {
            var point = Curve.Curve.DecodePoint(sec1).Normalize();
            if (point.IsInfinity || !point.IsValid())
                throw new InvalidSignatureException("The public key is not a point on secp256k1.");
            return FromPoint(point);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidSignatureException("The public key is not a point on secp256k1.", ex);
        }
    }

    private static PublicKey FromPoint(ECPoint point)
    {
        var xy = new byte[64];
        point.AffineXCoord.EncodeTo(xy, 0);
        point.AffineYCoord.EncodeTo(xy, 32);
        return new PublicKey(xy);
    }

    private static NumericsBigInteger ToNumerics(BcBigInteger value) =>
        new(value.ToByteArrayUnsigned(), isUnsigned: true, isBigEndian: true);

    private static BcBigInteger ToBouncyCastle(NumericsBigInteger value) =>
        new(1, value.ToByteArray(isUnsigned: true, isBigEndian: true));
}
