using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using CredentialLedger.Credentials.Jwt;
using CredentialLedger.Evm;

namespace CredentialLedger.Sdk.Tests.Verification;

/// <summary>
/// Compact JWS made by hand with .NET only (no Microsoft.IdentityModel, no VcJwtIssuer), so forged and odd tokens do
/// not depend on the code under test to be built.
/// </summary>
internal static class HandMadeTokens
{
    public static string B64(ReadOnlySpan<byte> bytes) => Base64Url.EncodeToString(bytes);

    public static string B64(string utf8) => B64(Encoding.UTF8.GetBytes(utf8));

    public static string FromB64Utf8(string segment) => Encoding.UTF8.GetString(Base64Url.DecodeFromChars(segment));

    public static string Header(Hash32 kid, string alg = "ES256") =>
        $$"""{"alg":"{{alg}}","typ":"vc+jwt","cty":"vc","kid":"{{kid}}"}""";

    /// <summary>The three segments of a compact JWS.</summary>
    public static (string Header, string Payload, string Signature) Split(string jws)
    {
        var parts = jws.Split('.');
        Assert.Equal(3, parts.Length);
        return (parts[0], parts[1], parts[2]);
    }

    /// <summary>header.payload.signature, ES256 (r || s) by <paramref name="key"/>, whatever the header claims.</summary>
    public static string SignEs256(VcJwtSigningKey key, string headerJson, string payloadJson)
    {
        using var ecdsa = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            D = key.ExportPrivateKey(),
            Q = new ECPoint { X = key.PublicKey[1..33], Y = key.PublicKey[33..] },
        });
        var input = B64(headerJson) + "." + B64(payloadJson);
        var signature = ecdsa.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return input + "." + B64(signature);
    }

    /// <summary>header.payload.signature, HMAC-SHA256 under <paramref name="secret"/>.</summary>
    public static string SignHs256(byte[] secret, string headerJson, string payloadJson)
    {
        var input = B64(headerJson) + "." + B64(payloadJson);
        return input + "." + B64(HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(input)));
    }

    /// <summary>An <c>alg: none</c> token: header.payload. with the signature segment given (JWS leaves it empty).</summary>
    public static string Unsigned(Hash32 kid, string payloadJson, string signatureSegment) =>
        B64(Header(kid, "none")) + "." + B64(payloadJson) + "." + signatureSegment;
}
