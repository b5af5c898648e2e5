using Microsoft.IdentityModel.Tokens;

namespace CredentialLedger.Credentials.Jwt;

/// <summary>
/// base64url (RFC 4648 §5, no padding) read strictly: only the canonical encoding of the bytes is accepted, so one
/// JWS has one spelling. The alphabet check refuses whitespace and padding (which a lenient decoder skips); the
/// decoder itself refuses a set unused bit in the last character (checked by the tests).
/// </summary>
internal static class StrictBase64Url
{
    public static bool TryDecode(string segment, out byte[] bytes)
    {
        bytes = [];
        foreach (var c in segment)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
                return false;
        }
        try
        {
            bytes = Base64UrlEncoder.DecodeBytes(segment);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
