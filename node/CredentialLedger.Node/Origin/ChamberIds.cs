using System.Buffers;
using CredentialLedger.Contracts;

namespace CredentialLedger.Node.Origin;

/// <summary>
/// Chamber ids as this node accepts them. The chain takes any non-zero <c>bytes16</c>; a chamber this node serves also
/// names a token file (<c>chamber-&lt;ID&gt;.token</c>), so its id is 1 to 16 letters, digits, '-', '_' or '.', not
/// starting with '.' or '-'.
/// </summary>
public static class ChamberIds
{
    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.");

    /// <summary>The id of a chamber this node is to serve.</summary>
    /// <exception cref="ArgumentException">Not such an id; the message names <paramref name="field"/>.</exception>
    public static ChamberId ParseServed(string? text, string field = "id")
    {
        if (string.IsNullOrEmpty(text))
            throw new ArgumentException($"{field}: required: the chamber id, e.g. KR-KCCI.");
        if (text.Length > ChamberId.Size)
            throw new ArgumentException($"{field}: '{Shorten(text)}' has {text.Length} characters; a chamber id has at most {ChamberId.Size} (bytes16 on chain).");
        if (text.AsSpan().IndexOfAnyExcept(Allowed) is var bad and >= 0)
            throw new ArgumentException($"{field}: '{text}' has '{text[bad]}' at position {bad}; a chamber id is letters, digits, '-', '_' and '.'.");
        if (text[0] is '.' or '-')
            throw new ArgumentException($"{field}: '{text}' starts with '{text[0]}'; a chamber id starts with a letter, a digit or '_'.");
        return ChamberId.FromAscii(text);
    }

    /// <summary>Any chamber id the chain may hold (ASCII text, or 0x and 32 hex digits).</summary>
    /// <exception cref="ArgumentException">Not a chamber id; the message names <paramref name="field"/>.</exception>
    public static ChamberId Parse(string? text, string field = "id")
    {
        if (string.IsNullOrEmpty(text))
            throw new ArgumentException($"{field}: required: the chamber id, e.g. KR-KCCI.");
        return ChamberId.TryParse(text, out var id) ? id : throw new ArgumentException($"{field}: {FormatError(text)}");
    }

    private static string FormatError(string text)
    {
        try
        {
            ChamberId.Parse(text);
            return $"'{text}' is not a chamber id.";
        }
        catch (FormatException e)
        {
            return e.Message;
        }
    }

    private static string Shorten(string text) => text.Length <= 24 ? text : text[..24] + "…";
}
