using System.Security.Cryptography;
using CredentialLedger.Evm.Hex;

namespace CredentialLedger.Evm.Crypto;

/// <summary>
/// A secp256k1 private key. The key bytes live in one array that <see cref="Dispose"/> zeroes; the type never
/// formats the key in <see cref="object.ToString"/>, so it cannot leak into logs by accident.
/// </summary>
public sealed class PrivateKey : IDisposable
{
    private readonly byte[] _key;
    private PublicKey? _publicKey;
    private bool _disposed;

    private PrivateKey(byte[] key) => _key = key;

    /// <summary>Copies a 32-byte big-endian scalar in [1, n-1].</summary>
    /// <exception cref="ArgumentException">Wrong length or out of range.</exception>
    public static PrivateKey FromBytes(ReadOnlySpan<byte> key)
    {
        if (key.Length != 32)
            throw new ArgumentException($"A private key is 32 bytes, but {key.Length} were given.", nameof(key));
        if (!Secp256k1.IsValidPrivateKey(key))
            throw new ArgumentException("A private key must be in [1, n-1] for secp256k1.", nameof(key));
        return new PrivateKey(key.ToArray());
    }

    /// <summary>Parses 64 hex digits, with or without <c>0x</c>.</summary>
    /// <exception cref="HexFormatException">Not 32 bytes of hex.</exception>
    /// <exception cref="ArgumentException">Out of range.</exception>
    public static PrivateKey Parse(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        Span<byte> bytes = stackalloc byte[32];
        try
        {
            HexConverter.ToBytes(hex, bytes);
            return FromBytes(bytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>Generates a new key from the operating system's CSPRNG.</summary>
    public static PrivateKey Generate()
    {
        Span<byte> bytes = stackalloc byte[32];
        try
        {
            do
            {
                RandomNumberGenerator.Fill(bytes);
            }
            while (!Secp256k1.IsValidPrivateKey(bytes));
            return FromBytes(bytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>The matching public key (computed once).</summary>
    public PublicKey PublicKey => _publicKey ??= Secp256k1.GetPublicKey(KeyBytes);

    /// <summary>The account address of this key.</summary>
    public Address Address => PublicKey.Address;

    /// <summary>Signs a 32-byte prehash with RFC 6979 deterministic nonces and a low s.</summary>
    public Signature Sign(Hash32 hash)
    {
        Span<byte> bytes = stackalloc byte[32];
        hash.CopyTo(bytes);
        return Secp256k1.Sign(bytes, KeyBytes);
    }

    /// <summary>Signs a 32-byte prehash with RFC 6979 deterministic nonces and a low s.</summary>
    public Signature Sign(ReadOnlySpan<byte> hash) => Secp256k1.Sign(hash, KeyBytes);

    /// <summary>Copies the key bytes out, for a keystore that encrypts them. The caller must zero the copy.</summary>
    public byte[] ExportBytes() => KeyBytes.ToArray();

    private ReadOnlySpan<byte> KeyBytes
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _key;
        }
    }

    /// <summary>Zeroes the key bytes.</summary>
    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_key);
        _disposed = true;
    }

    /// <summary>Never shows the key.</summary>
    public override string ToString() => _disposed ? "PrivateKey(disposed)" : $"PrivateKey({Address})";
}
