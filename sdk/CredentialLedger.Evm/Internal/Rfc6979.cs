using System.Security.Cryptography;
using Org.BouncyCastle.Math;

namespace CredentialLedger.Evm.Internal;

/// <summary>
/// Deterministic ECDSA nonces per RFC 6979 section 3.2, with HMAC-SHA256 and 256-bit curves.
/// </summary>
/// <remarks>
/// The 32-byte message is fed to the DRBG as it is, without the "bits2octets" reduction mod n. That is what
/// libsecp256k1 (geth) and RustCrypto k256 (Foundry cast) do; BouncyCastle's HMacDsaKCalculator reduces first,
/// which gives a different (equally valid) signature for the 2^-128 of hashes that are ≥ n.
/// </remarks>
internal static class Rfc6979
{
    public static BigInteger GenerateK(ReadOnlySpan<byte> privateKey32, ReadOnlySpan<byte> hash32, BigInteger n)
    {
        Span<byte> v = stackalloc byte[32];
        Span<byte> k = stackalloc byte[32];
        Span<byte> seed = stackalloc byte[32 + 1 + 32 + 32];
        v.Fill(0x01);
        k.Clear();
        try
        {
            v.CopyTo(seed);
            privateKey32.CopyTo(seed[33..]);
            hash32.CopyTo(seed[65..]);

            seed[32] = 0x00;
            HMACSHA256.HashData(k, seed, k);
            HMACSHA256.HashData(k, v, v);
            v.CopyTo(seed);
            seed[32] = 0x01;
            HMACSHA256.HashData(k, seed, k);
            HMACSHA256.HashData(k, v, v);

            Span<byte> retry = stackalloc byte[33];
            while (true)
            {
                HMACSHA256.HashData(k, v, v);
                var candidate = new BigInteger(1, v);
                if (candidate.SignValue > 0 && candidate.CompareTo(n) < 0)
                    return candidate;
                v.CopyTo(retry);
                retry[32] = 0x00;
                HMACSHA256.HashData(k, retry, k);
                HMACSHA256.HashData(k, v, v);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
            CryptographicOperations.ZeroMemory(k);
        }
    }
}
