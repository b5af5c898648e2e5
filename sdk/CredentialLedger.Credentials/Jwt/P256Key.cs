using System.Buffers;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace CredentialLedger.Credentials.Jwt;

/// <summary>
/// A P-256 public key that verifies ES256 signatures from many threads: each verification rents an ECDsa from a
/// small pool (an ECDsa instance is not documented as safe for concurrent use; importing the key per call would
/// cost more than the verification).
/// </summary>
internal sealed class P256Key
{
    private readonly ECParameters _parameters;
    private readonly ConcurrentBag<ECDsa> _pool = [];

    private P256Key(ECParameters parameters) => _parameters = parameters;

    /// <summary>The key for a 65-byte uncompressed point, or null when it is not on the curve.</summary>
    public static P256Key? TryCreate(byte[] uncompressed)
    {
        var parameters = new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = uncompressed[1..33], Y = uncompressed[33..] },
        };
        try
        {
            var key = new P256Key(parameters);
            key._pool.Add(ECDsa.Create(parameters)); // validates the point now
            return key;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>Whether <paramref name="signature"/> (r ‖ s, 64 bytes) signs the ASCII <paramref name="signingInput"/> with SHA-256.</summary>
    public bool Verify(ReadOnlySpan<char> signingInput, ReadOnlySpan<byte> signature)
    {
        var bytes = ArrayPool<byte>.Shared.Rent(signingInput.Length);
        if (!_pool.TryTake(out var ecdsa))
            ecdsa = ECDsa.Create(_parameters);
        try
        {
            var length = Encoding.ASCII.GetBytes(signingInput, bytes);
            return ecdsa.VerifyData(bytes.AsSpan(0, length), signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
        finally
        {
            _pool.Add(ecdsa);
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }
}
