using CredentialLedger.Contracts;
using CredentialLedger.Evm;
using CredentialLedger.Node.Origin;

namespace CredentialLedger.Node.Tests.Origin;

/// <summary>Chamber ids a node serves and declaration references as markUsed writes them: what is accepted, and the one-line refusals.</summary>
public sealed class OriginInputTests
{
    [Theory]
    [InlineData("KR-KCCI")]
    [InlineData("KZ_ATAMEKEN.2026")]
    [InlineData("0123456789ABCDEF")]
    [InlineData("_x")]
    public void A_served_chamber_id_is_1_to_16_file_name_safe_characters(string id) =>
        Assert.Equal(ChamberId.FromAscii(id), ChamberIds.ParseServed(id));

    [Theory]
    [InlineData("", "id: required: the chamber id, e.g. KR-KCCI.")]
    [InlineData("KR-KCCI-SEOUL-HQ-2", "id: 'KR-KCCI-SEOUL-HQ-2' has 18 characters; a chamber id has at most 16 (bytes16 on chain).")]
    [InlineData("KR/KCCI", "id: 'KR/KCCI' has '/' at position 2; a chamber id is letters, digits, '-', '_' and '.'.")]
    [InlineData("../x", "id: '../x' has '/' at position 2; a chamber id is letters, digits, '-', '_' and '.'.")]
    [InlineData("KR KCCI", "id: 'KR KCCI' has ' ' at position 2; a chamber id is letters, digits, '-', '_' and '.'.")]
    [InlineData("ÜBER", "id: 'ÜBER' has 'Ü' at position 0; a chamber id is letters, digits, '-', '_' and '.'.")]
    [InlineData("-KCCI", "id: '-KCCI' starts with '-'; a chamber id starts with a letter, a digit or '_'.")]
    [InlineData(".", "id: '.' starts with '.'; a chamber id starts with a letter, a digit or '_'.")]
    public void A_served_chamber_id_that_could_not_name_its_token_file_is_refused(string id, string message) =>
        Assert.Equal(message, Assert.Throws<ArgumentException>(() => ChamberIds.ParseServed(id)).Message);

    [Fact]
    public void Any_chamber_id_the_chain_holds_can_be_named_for_member_acts()
    {
        Assert.Equal(ChamberId.FromAscii("KR/ODD"), ChamberIds.Parse("KR/ODD"));
        Assert.Equal("id: required: the chamber id, e.g. KR-KCCI.", Assert.Throws<ArgumentException>(() => ChamberIds.Parse("")).Message);
        Assert.StartsWith("id: A chamber id has at most 16", Assert.Throws<ArgumentException>(() => ChamberIds.Parse(new string('K', 17))).Message,
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("UZ-IMP-2026-000042")]
    [InlineData("a")]
    [InlineData("12345678901234567890123456789012")]
    [InlineData("with spaces and ~!@#")]
    public void A_short_text_reference_is_written_as_itself_and_read_back(string text)
    {
        var encoded = DeclarationReference.Encode(text);

        Assert.Equal(text, DeclarationReference.Decode(encoded));
        Assert.Equal(System.Text.Encoding.ASCII.GetBytes(text), encoded.ToArray()[..text.Length]);
        Assert.All(encoded.ToArray()[text.Length..], b => Assert.Equal(0, b));
    }

    [Fact]
    public void A_hex_reference_is_written_as_given_and_read_back_as_hex_when_it_is_not_text()
    {
        const string hash = "0x9c22ff5f21f0b81b113e63f7db6da94fedef11b2119b4088b89664fb9a3cb658";

        var encoded = DeclarationReference.Encode(hash);

        Assert.Equal(Hash32.Parse(hash), encoded);
        Assert.Equal(hash, DeclarationReference.Decode(encoded));
    }

    [Theory]
    [InlineData("", "declaration: required: the declaration reference, e.g. UZ-IMP-2026-000042.")]
    [InlineData("   ", "declaration: required: the declaration reference, e.g. UZ-IMP-2026-000042.")]
    [InlineData("123456789012345678901234567890123", "declaration: 33 characters; a reference has at most 32 (or give 0x and 64 hex digits).")]
    [InlineData("déclaration", "declaration: character 1 is not printable ASCII.")]
    [InlineData("line\nbreak", "declaration: character 4 is not printable ASCII.")]
    [InlineData("0x9c22ff5f21f0b81b113e63f7db6da94fedef11b2119b4088b89664fb9a3cb65z", "declaration: '0x9c22ff5f21f0b81b113e63f7db6da94fedef11b2119b4088b89664fb9a3cb65z' starts with 0x but is not 64 hex digits.")]
    [InlineData("0x0000000000000000000000000000000000000000000000000000000000000000", "declaration: the zero reference is not a reference.")]
    public void A_reference_the_registry_could_not_show_is_refused(string text, string message) =>
        Assert.Equal(message, Assert.Throws<ArgumentException>(() => DeclarationReference.Encode(text)).Message);
}
