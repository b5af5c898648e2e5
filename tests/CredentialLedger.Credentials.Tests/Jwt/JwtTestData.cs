using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using CredentialLedger.Credentials.Jwt;
using CredentialLedger.Evm;
using Org.BouncyCastle.Crypto.Digests;

namespace CredentialLedger.Credentials.Tests.Jwt;

/// <summary>
/// Shared test data for the VC-JWT tests, and JOSE helpers written out with .NET and BouncyCastle only, so that they
/// do not lean on the code under test (no Microsoft.IdentityModel, no VcJwt, no Keccak256 of the Evm project).
/// </summary>
internal static class JwtTestData
{
    public static readonly Address Registry = Address.Parse("0x5FbDB2315678afecb367f032d93F642f64180aa3");

    /// <summary>A valid AEO certificate.</summary>
    public static AeoCertificate Certificate() => new()
    {
        Id = "urn:uuid:3f2b8c1e-5a7d-4e2f-9b1c-0d4e6f8a2b3c",
        IssuerMember = "KR",
        ValidFrom = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
        ValidUntil = new DateTimeOffset(2029, 1, 1, 0, 0, 0, TimeSpan.Zero),
        ReEvaluationDue = new DateOnly(2027, 6, 30),
        Subject = new AeoSubject
        {
            AeoNumber = "KRAEO-2026-0001",
            LegalName = "Hanbit Logistics Co., Ltd.",
            Tin = "123-45-67890",
            Country = "KR",
            Programmes = [AeoProgramme.AeoS, AeoProgramme.AeoC],
            Roles = [AeoRole.Exporter, AeoRole.CustomsBroker],
        },
        Status = new LedgerStatusReference(31337, Registry),
    };

    /// <summary>The same certificate as <see cref="Certificate"/>, as JSON written by hand.</summary>
    public const string CertificateJson =
        """
        {"@context":["https://www.w3.org/ns/credentials/v2","https://w3id.org/credentialledger/aeo/v1"],
         "id":"urn:uuid:3f2b8c1e-5a7d-4e2f-9b1c-0d4e6f8a2b3c",
         "type":["VerifiableCredential","AeoCertificate"],
         "issuer":"urn:credentialledger:member:KR",
         "validFrom":"2026-01-01T00:00:00Z","validUntil":"2029-01-01T00:00:00Z",
         "credentialSubject":{"aeoNumber":"KRAEO-2026-0001","legalName":"Hanbit Logistics Co., Ltd.","tin":"123-45-67890",
           "country":"KR","programmeTypes":["AEO-S","AEO-C"],"roles":["exporter","customs-broker"],"reEvaluationDue":"2027-06-30"},
         "credentialStatus":{"id":"urn:credentialledger:status:31337:0x5FbDB2315678afecb367f032d93F642f64180aa3",
           "type":"CredentialLedgerAnchor","chainId":31337,"credentialRegistry":"0x5FbDB2315678afecb367f032d93F642f64180aa3"}}
        """;

    /// <summary>A verifier that knows exactly <paramref name="keys"/>.</summary>
    public static VcJwtVerifier VerifierFor(params VcJwtSigningKey[] keys) =>
        new(kid => keys.FirstOrDefault(k => k.KeyId == kid)?.PublicKey);

    /// <summary>keccak-256 (BouncyCastle, original Keccak padding) as 0x + lowercase hex.</summary>
    public static string KeccakHex(ReadOnlySpan<byte> data)
    {
        var digest = new KeccakDigest(256);
        digest.BlockUpdate(data);
        var output = new byte[32];
        digest.DoFinal(output, 0);
        return "0x" + Convert.ToHexStringLower(output);
    }

    /// <summary>The public half of a project key as a .NET ECDsa (from the 65-byte encoding only).</summary>
    public static ECDsa PublicEcdsa(byte[] uncompressedPublicKey)
    {
        Assert.Equal(65, uncompressedPublicKey.Length);
        Assert.Equal(0x04, uncompressedPublicKey[0]);
        return ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = uncompressedPublicKey[1..33], Y = uncompressedPublicKey[33..] },
        });
    }

    /// <summary>A project key as a .NET ECDsa holding its private scalar, to sign by hand.</summary>
    public static ECDsa PrivateEcdsa(VcJwtSigningKey key) => ECDsa.Create(new ECParameters
    {
        Curve = ECCurve.NamedCurves.nistP256,
        D = key.ExportPrivateKey(),
        Q = new ECPoint { X = key.PublicKey[1..33], Y = key.PublicKey[33..] },
    });

    /// <summary>0x04 || X || Y of a .NET P-256 key.</summary>
    public static byte[] UncompressedPublicKey(ECDsa ecdsa)
    {
        var q = ecdsa.ExportParameters(false).Q;
        return [0x04, .. q.X!, .. q.Y!];
    }

    public static string B64(ReadOnlySpan<byte> bytes) => Base64Url.EncodeToString(bytes);

    public static string B64(string utf8) => B64(Encoding.UTF8.GetBytes(utf8));

    public static byte[] FromB64(string segment) => Base64Url.DecodeFromChars(segment);

    public static string FromB64Utf8(string segment) => Encoding.UTF8.GetString(FromB64(segment));

    public static string Header(string? kid, string alg = "ES256", string typ = "vc+jwt") =>
        kid is null ? $$"""{"alg":"{{alg}}","typ":"{{typ}}"}""" : $$"""{"alg":"{{alg}}","typ":"{{typ}}","kid":"{{kid}}"}""";

    /// <summary>header.payload.signature with an ES256 (r || s, 64 bytes) signature made by .NET.</summary>
    public static string SignEs256(ECDsa key, string headerJson, string payloadJson)
    {
        var signingInput = B64(headerJson) + "." + B64(payloadJson);
        var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256,
            DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return signingInput + "." + B64(signature);
    }

    /// <summary>The three segments of a compact JWS.</summary>
    public static (string Header, string Payload, string Signature) Split(string jws)
    {
        var parts = jws.Split('.');
        Assert.Equal(3, parts.Length);
        return (parts[0], parts[1], parts[2]);
    }
}
