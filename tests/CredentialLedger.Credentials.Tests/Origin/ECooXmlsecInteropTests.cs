using System.Text;
using CredentialLedger.Credentials.Origin;
using CredentialLedger.TestKit;

namespace CredentialLedger.Credentials.Tests.Origin;

/// <summary>
/// The e-CoO against xmlsec1, an independent XMLDSig implementation: what ECooSigner signs, xmlsec1 verifies under
/// the public key (and refuses once changed); what xmlsec1 signs from a template with our algorithms and KeyName,
/// ECooVerifier verifies under the registered key.
/// </summary>
public sealed class ECooXmlsecInteropTests : IDisposable
{
    private readonly TempDirectory _directory = new("cl-ecoo-xmlsec");
    private readonly OriginTestData.Key _key = new();

    public void Dispose()
    {
        _key.Dispose();
        _directory.Dispose();
    }

    private static CertificateOfOrigin Third() => OriginTestData.Certificate() with
    {
        CertificateNumber = "JCCI/2026/77",
        IssuingMember = "JP",
        IssuingChamber = "JP-JCCI",
        IssuingChamberName = "日本商工会議所 (Japan Chamber of Commerce and Industry)",
        PlaceOfIssue = "東京",
        ExportingCountry = "JP",
        ImportingCountry = "VN",
        PreferentialRegime = "RCEP",
        Exporter = new OriginParty("株式会社サンプル", "1-1 Marunouchi, Chiyoda-ku, Tokyo", "JP", "T1234567890123"),
        Producer = null,
        Consignee = new OriginParty("Công ty TNHH Mẫu", "12 Lê Lợi, Quận 1, TP. Hồ Chí Minh", "VN"),
        Transport = new TransportDetails(TransportModes.Air, "NH 833", "NRT", "SGN", new DateOnly(2026, 3, 3)),
        Goods = [.. Enumerable.Range(1, 12).Select(i => new GoodsItem(i, "84713000", $"Laptop model {i} \"A&B\" <14in>", i * 2.5m, "NAR", "JP", "RVC40"))],
        Remarks = null,
    };

    public static TheoryData<string> Certificates => ["full", "minimal", "japanese, 12 lines"];

    private static CertificateOfOrigin Certificate(string name) => name switch
    {
        "full" => OriginTestData.Certificate(),
        "minimal" => OriginTestData.Minimal(),
        _ => Third(),
    };

    private string Write(string name, string text)
    {
        var path = _directory.File(name);
        File.WriteAllText(path, text);
        return path;
    }

    private string Write(string name, byte[] bytes)
    {
        var path = _directory.File(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Theory]
    [MemberData(nameof(Certificates))]
    public async Task Xmlsec1_verifies_what_ECooSigner_signed(string name)
    {
        var signed = Write("signed.xml", _key.Sign(Certificate(name)));
        var publicKey = Write("public.pem", _key.Ecdsa.ExportSubjectPublicKeyInfoPem());

        var (exitCode, output) = await Xmlsec1.RunAsync("--verify", $"--pubkey-pem:{_key.Id}", publicKey, signed);

        Assert.True(exitCode == 0, $"xmlsec1 refused the signed certificate: {output}");
        Assert.Contains("OK", output, StringComparison.Ordinal);
        Assert.Contains("SignedInfo References (ok/all): 1/1", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Xmlsec1_refuses_a_signed_certificate_once_a_quantity_is_changed()
    {
        var tampered = XmlDsigTestKit.Replace(_key.Sign(OriginTestData.Certificate()), "<Quantity>1250</Quantity>", "<Quantity>1251</Quantity>");
        var signed = Write("tampered.xml", tampered);
        var publicKey = Write("public.pem", _key.Ecdsa.ExportSubjectPublicKeyInfoPem());

        var (exitCode, output) = await Xmlsec1.RunAsync("--verify", $"--pubkey-pem:{_key.Id}", publicKey, signed);

        Assert.True(exitCode != 0, $"xmlsec1 accepted a changed certificate: {output}");
        Assert.Contains("FAIL", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Xmlsec1_refuses_a_signed_certificate_under_another_key()
    {
        using var other = new OriginTestData.Key();
        var signed = Write("signed.xml", _key.Sign(OriginTestData.Certificate()));
        var otherKey = Write("other.pem", other.Ecdsa.ExportSubjectPublicKeyInfoPem());

        var (exitCode, output) = await Xmlsec1.RunAsync("--verify", $"--pubkey-pem:{_key.Id}", otherKey, signed);

        Assert.True(exitCode != 0, $"xmlsec1 accepted the certificate under another key: {output}");
    }

    [Theory]
    [MemberData(nameof(Certificates))]
    public async Task ECooVerifier_verifies_what_xmlsec1_signed(string name)
    {
        var certificate = Certificate(name);
        var unsigned = Encoding.UTF8.GetString(ECooWriter.Write(certificate));
        var template = unsigned.Replace("</CertificateOfOrigin>", SignatureTemplate(_key.Id.ToString()) + "</CertificateOfOrigin>", StringComparison.Ordinal);
        var templatePath = Write("template.xml", template);
        var privateKey = Write("private.pem", _key.Ecdsa.ExportPkcs8PrivateKeyPem());
        var output = _directory.File("signed-by-xmlsec1.xml");

        var (exitCode, log) = await Xmlsec1.RunAsync("--sign", $"--privkey-pem:{_key.Id}", privateKey, "--output", output, templatePath);
        File.Delete(privateKey);
        Assert.True(exitCode == 0, $"xmlsec1 could not sign the template: {log}");
        var signed = await File.ReadAllBytesAsync(output);

        var result = ECooVerifier.Verify(signed, OriginTestData.Registered(_key));

        Assert.True(result.Valid, string.Join("; ", result.Problems));
        Assert.Equal(certificate, result.Certificate);
        Assert.Equal(_key.Id, result.KeyId);
        Assert.Contains("<ds:SignatureValue>", Encoding.UTF8.GetString(signed), StringComparison.Ordinal);

        // And what xmlsec1 signed is refused like ours once changed.
        var tampered = XmlDsigTestKit.Replace(signed, "<LineNumber>1</LineNumber>", "<LineNumber>1</LineNumber> ");
        Assert.Equal(ECooFailure.BadSignature, Assert.Single(ECooVerifier.Verify(tampered, OriginTestData.Registered(_key)).Problems).Failure);
    }

    /// <summary>An empty enveloped signature with the e-CoO's algorithms, the ds prefix and indentation (ours has neither).</summary>
    private static string SignatureTemplate(string keyId) =>
        $"""
          <ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#">
            <ds:SignedInfo>
              <ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>
              <ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"/>
              <ds:Reference URI="">
                <ds:Transforms>
                  <ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>
                  <ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>
                </ds:Transforms>
                <ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/>
                <ds:DigestValue/>
              </ds:Reference>
            </ds:SignedInfo>
            <ds:SignatureValue/>
            <ds:KeyInfo>
              <ds:KeyName>{keyId}</ds:KeyName>
            </ds:KeyInfo>
          </ds:Signature>

        """;
}
