using CredentialLedger.Evm.Hex;

namespace CredentialLedger.Evm.Crypto;

/// <summary>An uncompressed secp256k1 public key (X ‖ Y, 64 bytes), checked to lie on the curve.</summary>
public sealed class PublicKey : IEquatable<PublicKey>
{
    private readonly byte[] _xy;
    private Address? _address;

    internal PublicKey(byte[] xy) => _xy = xy;

    /// <summary>
    /// Reads a key in SEC1 form: 65 bytes uncompressed (<c>04 ‖ X ‖ Y</c>), 33 bytes compressed, or 64 bytes X ‖ Y.
    /// </summary>
    /// <exception cref="InvalidSignatureException">The bytes are not a point on secp256k1.</exception>
    public static PublicKey FromBytes(ReadOnlySpan<byte> bytes) => Secp256k1.DecodePublicKey(bytes);

    /// <summary>The 64 bytes X ‖ Y.</summary>
    public ReadOnlySpan<byte> XY => _xy;

    /// <summary>SEC1 uncompressed form: 0x04 ‖ X ‖ Y.</summary>
    public byte[] ToUncompressed()
    {
        var bytes = new byte[65];
        bytes[0] = 0x04;
        _xy.CopyTo(bytes, 1);
        return bytes;
    }

    /// <summary>The account address: the last 20 bytes of keccak256(X ‖ Y).</summary>
    public Address Address => _address ??= ComputeAddress();

    private Address ComputeAddress()
    {
        Span<byte> hash = stackalloc byte[32];
        Keccak256.Hash(_xy, hash);
        return new Address(hash[12..]);
    }

    /// <inheritdoc/>
    public bool Equals(PublicKey? other) => other is not null && _xy.AsSpan().SequenceEqual(other._xy);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as PublicKey);

    /// <inheritdoc/>
    public override int GetHashCode() => BitConverter.ToInt32(_xy, 0);

    /// <summary>The uncompressed form in hex.</summary>
    public override string ToString() => HexConverter.ToHex(ToUncompressed());
}
