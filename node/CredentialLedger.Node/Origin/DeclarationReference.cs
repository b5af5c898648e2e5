using System.Text;
using CredentialLedger.Evm;

namespace CredentialLedger.Node.Origin;

/// <summary>
/// A declaration reference as OriginRegistry.markUsed takes it (<c>bytes32</c>): short text is written as its ASCII
/// bytes, left-aligned and zero-padded (as chamber ids are), so any member reading the chain sees the reference a
/// second use is refused with; a reference that must stay private is given as 0x and 64 hex digits (a hash of it).
/// </summary>
public static class DeclarationReference
{
    /// <summary>The <c>bytes32</c> of <paramref name="text"/>.</summary>
    /// <exception cref="ArgumentException">Empty, longer than 32, not printable ASCII, or zero.</exception>
    public static Hash32 Encode(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            throw new ArgumentException("declaration: required: the declaration reference, e.g. UZ-IMP-2026-000042.");
        text = text.Trim();
        if (text.Length == 66 && text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            if (!Hash32.TryParse(text, out var hash))
                throw new ArgumentException($"declaration: '{text}' starts with 0x but is not 64 hex digits.");
            return hash != default ? hash : throw new ArgumentException("declaration: the zero reference is not a reference.");
        }
        if (text.Length > Hash32.Size)
            throw new ArgumentException($"declaration: {text.Length} characters; a reference has at most {Hash32.Size} (or give 0x and 64 hex digits).");
        var bad = text.AsSpan().IndexOfAnyExceptInRange(' ', '~');
        if (bad >= 0)
            throw new ArgumentException($"declaration: character {bad} is not printable ASCII.");
        Span<byte> bytes = stackalloc byte[Hash32.Size];
        bytes.Clear();
        Encoding.ASCII.GetBytes(text, bytes);
        return new Hash32(bytes);
    }

    /// <summary>The reference as text when it is text (printable ASCII, then only zero bytes), else 0x-prefixed hex.</summary>
    public static string Decode(Hash32 reference)
    {
        Span<byte> bytes = stackalloc byte[Hash32.Size];
        reference.CopyTo(bytes);
        var length = bytes.IndexOf((byte)0);
        if (length < 0)
            length = Hash32.Size;
        var text = length > 0 && !bytes[length..].ContainsAnyExcept((byte)0) && !bytes[..length].ContainsAnyExceptInRange((byte)' ', (byte)'~');
        return text ? Encoding.ASCII.GetString(bytes[..length]) : reference.ToString();
    }
}
