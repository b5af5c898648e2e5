using System.Globalization;
using CredentialLedger.Credentials.Merkle;
using CredentialLedger.Evm;
using CredentialLedger.Evm.Crypto;
using CredentialLedger.TestKit;

namespace CredentialLedger.Credentials.Tests.Merkle;

public sealed class MerkleLeafTests
{
    [Theory]
    [InlineData("CredentialLedger.AeoCredential.v1")]
    [InlineData("CredentialLedger.CertificateOfOrigin.v1")]
    public async Task Tags_are_the_keccak_of_their_names_as_cast_computes_them(string name)
    {
        var expected = Hash32.Parse((await CastCli.RunAsync("keccak", name)).Trim());
        var actual = name.Contains("Aeo", StringComparison.Ordinal) ? MerkleLeaf.AeoCredentialTag : MerkleLeaf.CertificateOfOriginTag;
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData(0u, "0x0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData(1u, "0x1111111111111111111111111111111111111111111111111111111111111111")]
    [InlineData(127u, "0xfeedfacecafebeef000000000000000000000000000000000000000000000001")]
    [InlineData(4_294_967_295u, "0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff")]
    public async Task Leaf_is_the_double_keccak_of_the_abi_encoded_tag_index_and_document_as_cast_computes_it(
        uint index, string document)
    {
        var tag = MerkleLeaf.AeoCredentialTag;
        var encoded = (await CastCli.RunAsync(
            "abi-encode", "f(bytes32,uint256,bytes32)", tag.ToString(), index.ToString(CultureInfo.InvariantCulture), document)).Trim();
        var inner = (await CastCli.RunAsync("keccak", encoded)).Trim();
        var expected = Hash32.Parse((await CastCli.RunAsync("keccak", inner)).Trim());

        Assert.Equal(expected, MerkleLeaf.Compute(tag, index, Hash32.Parse(document)));
    }

    [Fact]
    public void Leaves_differ_by_registry_tag_and_by_index()
    {
        var document = Keccak256.HashUtf8("a credential");
        var aeo = MerkleLeaf.Compute(MerkleLeaf.AeoCredentialTag, 3, document);
        Assert.NotEqual(aeo, MerkleLeaf.Compute(MerkleLeaf.CertificateOfOriginTag, 3, document));
        Assert.NotEqual(aeo, MerkleLeaf.Compute(MerkleLeaf.AeoCredentialTag, 4, document));
    }
}
