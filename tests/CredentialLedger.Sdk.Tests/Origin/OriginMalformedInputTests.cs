using System.Text;
using CredentialLedger.Credentials.Origin;
using CredentialLedger.Evm;
using CredentialLedger.Evm.Crypto;
using CredentialLedger.Sdk.Origin;
using CredentialLedger.Sdk.Verification;
using CsCheck;
using static CredentialLedger.Sdk.Tests.LedgerScenario;
using static CredentialLedger.Sdk.Tests.Origin.OriginAssert;

namespace CredentialLedger.Sdk.Tests.Origin;

/// <summary>
/// Malformed, oversized and hostile certificates of origin, presented with a genuine one's anchoring: never an
/// exception, always a result that names what is wrong (DESIGN.md "Security").
/// </summary>
public sealed class OriginMalformedInputTests : IDisposable
{
    private readonly OriginWorld _w = new();
    private readonly PresentedOrigin _genuine;
    private readonly string _xml;

    public OriginMalformedInputTests()
    {
        _genuine = _w.IssueAndAnchor(2)[1];
        _xml = Encoding.UTF8.GetString(_genuine.Xml.Span);
        IsRecognized(_w.Verify(_genuine));
    }

    public void Dispose() => _w.Dispose();

    private byte[] Document(string name) => name switch
    {
        "empty" => [],
        "whitespace" => "   "u8.ToArray(),
        "not xml" => "certificate of origin"u8.ToArray(),
        "truncated" => Encoding.UTF8.GetBytes(_xml[..(_xml.Length / 2)]),
        "not utf-8" => [0x3c, 0xff, 0xfe, 0x3e],
        "utf-16" => Encoding.Unicode.GetBytes(_xml),
        "doctype with entity" => Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>" + _xml[_xml.IndexOf('<', 1)..]),
        "billion laughs" => Encoding.UTF8.GetBytes("<!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><l>&b;</l>"),
        "deeply nested" => Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("<a>", 10_000)) + string.Concat(Enumerable.Repeat("</a>", 10_000))),
        "oversized" => Encoding.UTF8.GetBytes(_xml.Replace("</CertificateOfOrigin>", new string(' ', ECooLimits.MaxDocumentBytes) + "</CertificateOfOrigin>", StringComparison.Ordinal)),
        "signature removed" => Encoding.UTF8.GetBytes(_xml[.._xml.IndexOf("<Signature", StringComparison.Ordinal)] + "</CertificateOfOrigin>"),
        "two signatures" => Encoding.UTF8.GetBytes(_xml.Replace("</CertificateOfOrigin>", SignatureElement() + "</CertificateOfOrigin>", StringComparison.Ordinal)),
        "comment added" => Encoding.UTF8.GetBytes(_xml.Replace("</CertificateOfOrigin>", "<!-- x --></CertificateOfOrigin>", StringComparison.Ordinal)),
        "nul byte" => [.. _genuine.Xml.ToArray(), 0],
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such case"),
    };

    private string SignatureElement()
    {
        var start = _xml.IndexOf("<Signature", StringComparison.Ordinal);
        var end = _xml.IndexOf("</Signature>", StringComparison.Ordinal) + "</Signature>".Length;
        return _xml[start..end];
    }

    [Theory]
    [InlineData("empty")]
    [InlineData("whitespace")]
    [InlineData("not xml")]
    [InlineData("truncated")]
    [InlineData("not utf-8")]
    [InlineData("utf-16")]
    [InlineData("doctype with entity")]
    [InlineData("billion laughs")]
    [InlineData("deeply nested")]
    [InlineData("oversized")]
    [InlineData("signature removed")]
    [InlineData("two signatures")]
    [InlineData("comment added")]
    [InlineData("nul byte")]
    public void A_bad_document_is_refused_with_a_reason_and_its_proof_no_longer_holds(string name)
    {
        var result = _w.Verify(_genuine with { Xml = Document(name) });

        Assert.False(result.Recognized);
        Assert.Contains(VerificationFailure.ProofMismatch, result.Reasons.Select(r => r.Failure));
        Assert.Contains(result.Reasons, r => r.Failure is VerificationFailure.Malformed or VerificationFailure.BadSignature);
        Assert.All(result.Reasons, r => Assert.False(string.IsNullOrWhiteSpace(r.Message)));
        Assert.Null(result.Certificate);
        Assert.Null(result.Anchor);
    }

    [Theory]
    [InlineData("empty")]
    [InlineData("not xml")]
    [InlineData("billion laughs")]
    [InlineData("oversized")]
    public void A_bad_document_anchored_by_the_chamber_is_refused_for_the_document_alone(string name)
    {
        var anchored = _w.S.AnchorDocuments(Kcci, Kr, OriginWorld.Anchored + 1, Document(name))[0];

        var result = _w.Verify(anchored);

        Assert.False(result.Recognized);
        Assert.All(result.Reasons, r => Assert.Equal(VerificationFailure.Malformed, r.Failure));
        Assert.NotEmpty(result.Reasons);
    }

    [Fact]
    public void No_certificate_at_all_is_malformed()
    {
        FailsWith(_w.Verify(null), VerificationFailure.Malformed);
    }

    [Fact]
    public void A_missing_proof_an_index_out_of_range_a_huge_proof_and_the_zero_root_are_answered()
    {
        FailsWith(_w.Verify(_genuine with { Proof = null! }), VerificationFailure.ProofMismatch);
        FailsWith(_w.Verify(_genuine with { Index = uint.MaxValue }), VerificationFailure.ProofMismatch);
        FailsWith(_w.Verify(_genuine with { Proof = [.. Enumerable.Repeat(Keccak256.HashUtf8("x"), 10_000)] }), VerificationFailure.ProofMismatch);
        FailsWith(_w.Verify(_genuine with { Root = Hash32.Zero }), VerificationFailure.NotAnchored);
    }

    [Fact]
    public void Chain_times_beyond_the_calendar_are_answered()
    {
        var late = _w.S.AnchorDocuments(Kcci, Kr, ulong.MaxValue, _w.Sign())[0];

        var result = _w.Verify(late, at: DateTimeOffset.MaxValue);

        FailsWith(result, VerificationFailure.NotAnchored);
        Assert.Equal(DateTimeOffset.MaxValue.ToUnixTimeSeconds(), result.Anchor!.AnchoredAt.ToUnixTimeSeconds());
    }

    [Fact]
    public void Times_at_the_ends_of_the_calendar_are_answered()
    {
        FailsWith(_w.Verify(_genuine, at: DateTimeOffset.MinValue), VerificationFailure.NotAnchored, VerificationFailure.VerifierNotMember);
        IsRecognized(_w.Verify(_genuine, at: DateTimeOffset.MaxValue));
    }

    [Fact]
    public void A_genuine_document_with_one_byte_replaced_is_never_recognized_and_never_throws()
    {
        var bytes = _genuine.Xml.ToArray();
        Gen.Select(Gen.Int[0, bytes.Length - 1], Gen.Byte).Sample((position, b) =>
        {
            if (bytes[position] == b)
                return;
            var altered = (byte[])bytes.Clone();
            altered[position] = b;

            var result = _w.Verify(_genuine with { Xml = altered });

            Assert.False(result.Recognized);
            Assert.NotEmpty(result.Reasons);
        }, iter: 300);
    }

    [Fact]
    public void Arbitrary_bytes_are_answered_not_recognized_and_never_throw()
    {
        Gen.Byte.Array[0, 2_000].Sample(bytes =>
        {
            var result = _w.Verify(_genuine with { Xml = bytes });

            Assert.False(result.Recognized);
            Assert.NotEmpty(result.Reasons);
        }, iter: 300);
    }
}
