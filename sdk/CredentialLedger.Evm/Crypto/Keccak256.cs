namespace CredentialLedger.Evm.Crypto;

/// <summary>
/// Ethereum's Keccak-256: the original Keccak submission (padding byte 0x01), not FIPS 202 SHA3-256 (0x06).
/// </summary>
public static class Keccak256
{
    /// <summary>Length of a digest in bytes.</summary>
    public const int Size = 32;

    /// <summary>Hashes <paramref name="data"/>.</summary>
    public static Hash32 Hash(ReadOnlySpan<byte> data)
    {
        Span<byte> output = stackalloc byte[Size];
        Hash(data, output);
        return new Hash32(output);
    }

    /// <summary>Hashes <paramref name="data"/> into <paramref name="destination"/> (at least 32 bytes).</summary>
    public static void Hash(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        if (destination.Length < Size)
            throw new ArgumentException($"Destination must hold {Size} bytes but holds {destination.Length}.", nameof(destination));
        KeccakF1600.Keccak256(data, destination);
    }

    /// <summary>Hashes the UTF-8 bytes of <paramref name="text"/>, as Solidity does for signatures.</summary>
    public static Hash32 HashUtf8(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Hash(System.Text.Encoding.UTF8.GetBytes(text));
    }
}
