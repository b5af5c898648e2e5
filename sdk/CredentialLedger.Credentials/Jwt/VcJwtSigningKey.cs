using System.Security.Cryptography;
using CredentialLedger.Evm;
using CredentialLedger.Evm.Crypto;

namespace CredentialLedger.Credentials.Jwt;

/// <summary>
/// A P-256 credential-signing key (ES256). Its <see cref="KeyId"/> is keccak-256 of the 65-byte uncompressed public
/// key, the id under which MemberRegistry.registerKey records it and the JWS header's <c>kid</c>.
/// </summary>
public sealed class VcJwtSigningKey : IDisposable
{
    private VcJwtSigningKey(ECDsa ecdsa)
    {
        Ecdsa = ecdsa;
        var q = ecdsa.ExportParameters(false).Q;
        PublicKey = EncodePublicKey(q.X!, q.Y!);
        KeyId = Keccak256.Hash(PublicKey);
    }

    /// <summary>The key (used by <see cref="VcJwtIssuer"/>).</summary>
    internal ECDsa Ecdsa { get; }

    /// <summary>The 65-byte uncompressed public key, 0x04 || X || Y.</summary>
    public byte[] PublicKey { get; }

    /// <summary>keccak-256 of <see cref="PublicKey"/>: the on-chain key id and the JWS <c>kid</c>.</summary>
    public Hash32 KeyId { get; }

    /// <summary>A new random key.</summary>
    public static VcJwtSigningKey Generate() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256));

    /// <summary>The key with private scalar <paramref name="d"/> (32 bytes, big-endian).</summary>
    /// <exception cref="ArgumentException">Not 32 bytes, or not a valid P-256 scalar.</exception>
    public static VcJwtSigningKey FromPrivateKey(ReadOnlySpan<byte> d)
    {
        if (d.Length != 32)
            throw new ArgumentException($"A P-256 private key is 32 bytes, not {d.Length}.", nameof(d));
        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportParameters(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = d.ToArray() });
            return new VcJwtSigningKey(ecdsa);
        }
        catch (CryptographicException e)
        {
            ecdsa.Dispose();
            throw new ArgumentException("Not a valid P-256 private key.", nameof(d), e);
        }
    }

    /// <summary>The 32-byte private scalar (the caller protects and clears it).</summary>
    public byte[] ExportPrivateKey() => Ecdsa.ExportParameters(true).D!;

    /// <summary>0x04 || X || Y for a P-256 point.</summary>
    public static byte[] EncodePublicKey(ReadOnlySpan<byte> x, ReadOnlySpan<byte> y)
    {
        if (x.Length != 32 || y.Length != 32)
            throw new ArgumentException("P-256 coordinates are 32 bytes each.");
        var key = new byte[65];
        key[0] = 0x04;
        x.CopyTo(key.AsSpan(1));
        y.CopyTo(key.AsSpan(33));
        return key;
    }

    /// <inheritdoc />
    public override string ToString() => $"VcJwtSigningKey({KeyId})";

    /// <inheritdoc />
    public void Dispose() => Ecdsa.Dispose();
}
