using System.Globalization;
using System.Text;

namespace CredentialLedger.Evm.Crypto;

/// <summary>
/// EIP-191 version 0x45 ("personal_sign"): keccak256("\x19Ethereum Signed Message:\n" ‖ decimal byte length ‖ message).
/// The prefix keeps a signed message from ever being a valid transaction.
/// </summary>
public static class PersonalMessage
{
    private static readonly byte[] Prefix = Encoding.ASCII.GetBytes("\u0019Ethereum Signed Message:\n");

    /// <summary>The EIP-191 hash of <paramref name="message"/>.</summary>
    public static Hash32 Hash(ReadOnlySpan<byte> message)
    {
        var length = Encoding.ASCII.GetBytes(message.Length.ToString(CultureInfo.InvariantCulture));
        var buffer = new byte[Prefix.Length + length.Length + message.Length];
        Prefix.CopyTo(buffer, 0);
        length.CopyTo(buffer, Prefix.Length);
        message.CopyTo(buffer.AsSpan(Prefix.Length + length.Length));
        return Keccak256.Hash(buffer);
    }

    /// <summary>Signs <paramref name="message"/> as personal_sign does.</summary>
    public static Signature Sign(ReadOnlySpan<byte> message, PrivateKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Sign(Hash(message));
    }

    /// <summary>Recovers the address that personal-signed <paramref name="message"/>.</summary>
    /// <exception cref="InvalidSignatureException">The signature does not recover.</exception>
    public static Address RecoverSigner(ReadOnlySpan<byte> message, Signature signature)
    {
        Span<byte> hash = stackalloc byte[32];
        Hash(message).CopyTo(hash);
        return Secp256k1.Recover(hash, signature).Address;
    }
}
