using System.Security.Cryptography;
using System.Text;
using System.Xml;
using CredentialLedger.Credentials.Origin;
using CredentialLedger.Evm;

namespace CredentialLedger.Credentials.Tests.Origin;

/// <summary>Signing and verifying with the project's own signer and verifier.</summary>
public sealed class ECooSignVerifyTests : IDisposable
{
    private readonly OriginTestData.Key _key = new();
    private readonly OriginTestData.Key _other = new();

    public void Dispose()
    {
        _key.Dispose();
        _other.Dispose();
    }

    private static ECooProblem Refused(ECooVerification result, ECooFailure failure)
    {
        Assert.False(result.Valid);
        Assert.Null(result.Certificate);
        var problem = Assert.Single(result.Problems);
        Assert.True(problem.Failure == failure, $"{failure} expected, got {problem.Failure}: {problem.Message}");
        return problem;
    }

    [Fact]
    public void Signed_certificate_verifies_and_gives_back_the_certificate()
    {
        var certificate = OriginTestData.Certificate();
        var signed = _key.Sign(certificate);

        var result = ECooVerifier.Verify(signed, OriginTestData.Registered(_key, _other));

        Assert.True(result.Valid, string.Join("; ", result.Problems));
        Assert.Empty(result.Problems);
        Assert.Equal(certificate, result.Certificate);
        Assert.Equal(_key.Id, result.KeyId);
        Assert.Equal(OriginTestData.Keccak(signed), result.DocumentHash.ToArray());
        Assert.Equal(result.DocumentHash, ECooDocument.HashOf(signed));
    }

    [Fact]
    public void The_minimal_certificate_signs_and_verifies()
    {
        var result = ECooVerifier.Verify(_key.Sign(OriginTestData.Minimal()), OriginTestData.Registered(_key));

        Assert.True(result.Valid);
        Assert.Equal(OriginTestData.Minimal(), result.Certificate);
    }

    [Fact]
    public void The_signature_has_the_documented_shape()
    {
        var document = XmlDsigTestKit.Load(_key.Sign(OriginTestData.Certificate()));
        var ns = XmlDsigTestKit.Namespaces(document);

        var root = document.DocumentElement!;
        var signature = XmlDsigTestKit.Signature(document);
        Assert.Same(root, signature.ParentNode);
        Assert.Same(signature, root.ChildNodes.OfType<XmlElement>().Last());
        Assert.Equal(ECooDocument.ExclusiveC14N, XmlDsigTestKit.Select(document, "//ds:SignedInfo/ds:CanonicalizationMethod").GetAttribute("Algorithm"));
        Assert.Equal(ECooDocument.EcdsaSha256, XmlDsigTestKit.Select(document, "//ds:SignedInfo/ds:SignatureMethod").GetAttribute("Algorithm"));
        var reference = Assert.Single(document.SelectNodes("//ds:Reference", ns)!.OfType<XmlElement>());
        Assert.Equal("", reference.GetAttribute("URI"));
        Assert.True(reference.HasAttribute("URI"));
        Assert.Equal(
            [ECooDocument.EnvelopedSignatureTransform, ECooDocument.ExclusiveC14N],
            document.SelectNodes("//ds:Transform", ns)!.OfType<XmlElement>().Select(t => t.GetAttribute("Algorithm")));
        Assert.Equal(ECooDocument.Sha256, XmlDsigTestKit.Select(document, "//ds:DigestMethod").GetAttribute("Algorithm"));
        Assert.Equal(64, Convert.FromBase64String(XmlDsigTestKit.Select(document, "//ds:SignatureValue").InnerText).Length);
        Assert.Equal(_key.Id.ToString(), XmlDsigTestKit.Select(document, "//ds:KeyInfo/ds:KeyName").InnerText);
        Assert.Matches("^0x[0-9a-f]{64}$", _key.Id.ToString());
        Assert.Empty(document.SelectNodes("//ds:Object", ns)!);
    }

    [Fact]
    public void The_signature_value_is_r_and_s_over_the_canonical_signed_info()
    {
        var document = XmlDsigTestKit.Load(_key.Sign(OriginTestData.Certificate()));
        var signedInfo = XmlDsigTestKit.Select(document, "//ds:SignedInfo");
        var c14n = new System.Security.Cryptography.Xml.XmlDsigExcC14NTransform();
        var standalone = new XmlDocument { PreserveWhitespace = true };
        standalone.AppendChild(standalone.ImportNode(signedInfo, true));
        c14n.LoadInput(standalone);
        var canonical = ((MemoryStream)c14n.GetOutput(typeof(Stream))).ToArray();
        var value = Convert.FromBase64String(XmlDsigTestKit.Select(document, "//ds:SignatureValue").InnerText);

        using var publicKey = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = _key.PublicKey[1..33], Y = _key.PublicKey[33..] },
        });
        Assert.StartsWith("<SignedInfo xmlns=\"http://www.w3.org/2000/09/xmldsig#\">", Encoding.UTF8.GetString(canonical), StringComparison.Ordinal);
        Assert.True(publicKey.VerifyData(canonical, value, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }

    [Theory]
    [InlineData("<Quantity>1250</Quantity>", "<Quantity>1251</Quantity>")]
    [InlineData("<Quantity>12.5</Quantity>", "<Quantity>125</Quantity>")]
    [InlineData("<HsCode>870899</HsCode>", "<HsCode>870890</HsCode>")]
    [InlineData("<ImportingCountry>UZ</ImportingCountry>", "<ImportingCountry>KZ</ImportingCountry>")]
    [InlineData("<Name>Toshkent Avto Savdo LLC</Name>", "<Name>Toshkent Avto Savdo LLP</Name>")]
    [InlineData("<OriginCriterion>CTH</OriginCriterion>", "<OriginCriterion>WO</OriginCriterion>")]
    public void Changed_content_does_not_verify(string find, string replace)
    {
        var tampered = XmlDsigTestKit.Replace(_key.Sign(OriginTestData.Certificate()), find, replace);

        var result = ECooVerifier.Verify(tampered, OriginTestData.Registered(_key));

        var problem = Refused(result, ECooFailure.BadSignature);
        Assert.Equal(_key.Id, result.KeyId);
        Assert.Contains("does not verify", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SignatureValue")]
    [InlineData("DigestValue")]
    public void A_changed_signature_or_digest_value_does_not_verify(string element)
    {
        var document = XmlDsigTestKit.Load(_key.Sign(OriginTestData.Certificate()));
        var node = XmlDsigTestKit.Select(document, "//ds:" + element);
        var bytes = Convert.FromBase64String(node.InnerText);
        bytes[5] ^= 0x01;
        node.InnerText = Convert.ToBase64String(bytes);

        Refused(ECooVerifier.Verify(XmlDsigTestKit.Save(document), OriginTestData.Registered(_key)), ECooFailure.BadSignature);
    }

    [Fact]
    public void A_key_id_nobody_registered_is_an_unknown_key()
    {
        var result = ECooVerifier.Verify(_key.Sign(OriginTestData.Certificate()), OriginTestData.Registered(_other));

        var problem = Refused(result, ECooFailure.UnknownKey);
        Assert.Equal(_key.Id, result.KeyId);
        Assert.Equal($"signature: no key is registered as {_key.Id}", problem.Message);
    }

    [Fact]
    public void A_signature_by_another_registered_key_does_not_verify()
    {
        // Signed by the other key, but the KeyName (outside SignedInfo, so not signed) names this one.
        var signed = _other.Sign(OriginTestData.Certificate());
        var claimed = XmlDsigTestKit.Replace(signed, _other.Id.ToString(), _key.Id.ToString());

        var result = ECooVerifier.Verify(claimed, OriginTestData.Registered(_key, _other));

        Refused(result, ECooFailure.BadSignature);
        Assert.Equal(_key.Id, result.KeyId);
    }

    [Fact]
    public void A_registry_answer_that_is_not_the_key_with_that_id_is_an_unknown_key()
    {
        var signed = _key.Sign(OriginTestData.Certificate());

        // The lookup answers with the other key: it would verify nothing, but it must not even be tried.
        Refused(ECooVerifier.Verify(signed, _ => _other.PublicKey), ECooFailure.UnknownKey);
        Refused(ECooVerifier.Verify(signed, _ => _key.PublicKey[..64]), ECooFailure.UnknownKey);
        Refused(ECooVerifier.Verify(signed, _ => [0x02, .. _key.PublicKey[1..]]), ECooFailure.UnknownKey);
    }

    [Fact]
    public void A_registered_key_that_is_not_a_curve_point_is_an_unknown_key()
    {
        byte[] notAPoint = [0x04, .. new byte[64]];
        var id = new Hash32(OriginTestData.Keccak(notAPoint));
        var signed = XmlDsigTestKit.Replace(_key.Sign(OriginTestData.Certificate()), _key.Id.ToString(), id.ToString());

        var problem = Refused(ECooVerifier.Verify(signed, k => k == id ? notAPoint : null), ECooFailure.UnknownKey);

        Assert.Contains("not a point on P-256", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unsigned_document_has_no_signature()
    {
        var result = ECooVerifier.Verify(ECooWriter.Write(OriginTestData.Certificate()), OriginTestData.Registered(_key));

        Refused(result, ECooFailure.SignatureMissing);
        Assert.Null(result.KeyId);
    }

    [Fact]
    public void A_failing_key_lookup_is_not_taken_for_bad_input()
    {
        var signed = _key.Sign(OriginTestData.Certificate());

        Assert.Throws<TimeoutException>(() => ECooVerifier.Verify(signed, _ => throw new TimeoutException("registry down")));
    }

    [Fact]
    public void Each_signature_is_new_but_each_verifies()
    {
        var first = _key.Sign(OriginTestData.Certificate());
        var second = _key.Sign(OriginTestData.Certificate());

        Assert.NotEqual(first, second); // ECDSA is randomized
        Assert.True(ECooVerifier.Verify(first, OriginTestData.Registered(_key)).Valid);
        Assert.True(ECooVerifier.Verify(second, OriginTestData.Registered(_key)).Valid);
    }

    [Fact]
    public void Verification_from_many_threads_gives_each_its_own_answer()
    {
        var certificates = Enumerable.Range(1, 16).Select(i => OriginTestData.Certificate() with { CertificateNumber = $"N-{i}" }).ToArray();
        var documents = certificates.Select(c => _key.Sign(c)).ToArray();
        var results = new ECooVerification[64];

        Parallel.For(0, results.Length, i => results[i] = ECooVerifier.Verify(documents[i % 16], OriginTestData.Registered(_key)));

        for (var i = 0; i < results.Length; i++)
        {
            Assert.True(results[i].Valid);
            Assert.Equal(certificates[i % 16], results[i].Certificate);
        }
    }

    [Fact]
    public void An_invalid_certificate_is_not_signed()
    {
        var e = Assert.Throws<CertificateOfOriginValidationException>(
            () => _key.Sign(OriginTestData.Certificate() with { Goods = [OriginTestData.Certificate().Goods[0] with { HsCode = "ABC" }] }));

        Assert.Equal(["goods[0].hsCode: 'ABC' is not 6, 8 or 10 digits"], e.Problems);
    }

    [Fact]
    public void The_largest_certificate_that_fits_the_limit_signs_and_verifies_and_one_line_more_is_refused()
    {
        static CertificateOfOrigin WithLines(int count) => OriginTestData.Minimal() with
        {
            Goods = [.. Enumerable.Range(1, count).Select(i => OriginTestData.Minimal().Goods[0] with { LineNumber = i, Description = new string('d', 100) })],
        };
        int low = 1, high = CertificateOfOriginValidator.MaxGoodsItems; // the most lines whose signed document fits
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (ECooWriter.Write(WithLines(middle)).Length <= ECooLimits.MaxDocumentBytes - 2048)
                low = middle;
            else
                high = middle - 1;
        }
        Assert.InRange(low, 500, 998);

        var signed = _key.Sign(WithLines(low));
        var result = ECooVerifier.Verify(signed, OriginTestData.Registered(_key));
        var e = Assert.Throws<CertificateOfOriginValidationException>(() => _key.Sign(WithLines(low + 1)));

        Assert.True(result.Valid, string.Join("; ", result.Problems));
        Assert.InRange(signed.Length, ECooLimits.MaxDocumentBytes - 2048, ECooLimits.MaxDocumentBytes);
        Assert.StartsWith("document: the certificate's XML is ", Assert.Single(e.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void The_signer_refuses_a_key_id_that_is_not_the_keys()
    {
        var e = Assert.Throws<ArgumentException>(() => ECooSigner.Sign(OriginTestData.Certificate(), _key.Ecdsa, _other.Id));

        Assert.Equal("keyId", e.ParamName);
    }

    [Fact]
    public void The_signer_refuses_a_key_on_another_curve()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);

        var e = Assert.Throws<ArgumentException>(() => ECooSigner.Sign(OriginTestData.Certificate(), p384, _key.Id));

        Assert.Equal("p256PrivateKey", e.ParamName);
    }

    [Fact]
    public void The_verifier_needs_a_key_lookup()
    {
        Assert.Throws<ArgumentNullException>(() => ECooVerifier.Verify(ECooWriter.Write(OriginTestData.Minimal()), null!));
    }
}
