using CredentialLedger.Evm.Crypto;
using CredentialLedger.Evm.Hex;
using CredentialLedger.TestKit;

namespace CredentialLedger.Evm.Tests.Vectors;

public sealed class AccountVectorTests
{
    public static TheoryData<VectorCase> Addresses => TestVectors.Cases("cast", "accounts.json", "addresses");
    public static TheoryData<VectorCase> Checksums => TestVectors.Cases("cast", "accounts.json", "checksum");
    public static TheoryData<VectorCase> KeyAddr => TestVectors.Cases("ethereum-tests", "basic_tests.json", "keyaddr");

    [Theory, MemberData(nameof(Addresses))]
    public void Private_key_derives_cast_public_key_and_address(VectorCase vector)
    {
        var c = vector.Element;
        using var key = PrivateKey.Parse(c.GetProperty("privateKey").GetString()!);
        Assert.Equal(c.GetProperty("publicKey").GetString(), HexConverter.ToHex(key.PublicKey.ToUncompressed()));
        // cast prints EIP-55, so the exact string must match, case included.
        Assert.Equal(c.GetProperty("address").GetString(), key.Address.ToString());
        Assert.Equal(key.Address, PublicKey.FromBytes(key.PublicKey.ToUncompressed()).Address);
    }

    [Theory, MemberData(nameof(Checksums))]
    public void Lowercase_address_formats_with_the_eip55_checksum(VectorCase vector)
    {
        var c = vector.Element;
        var lower = c.GetProperty("lower").GetString()!;
        var checksummed = c.GetProperty("checksummed").GetString()!;
        Assert.Equal(checksummed, Address.Parse(lower).ToChecksumString());
        Assert.Equal(Address.Parse(lower), Address.Parse(checksummed));
        Assert.Equal(lower.ToLowerInvariant(), Address.Parse(checksummed).ToLowerHex());
    }

    [Theory, MemberData(nameof(KeyAddr))]
    public void Ethereum_tests_key_derives_its_address(VectorCase vector)
    {
        var c = vector.Element;
        using var key = PrivateKey.Parse(c.GetProperty("key").GetString()!);
        Assert.Equal(Address.Parse(c.GetProperty("addr").GetString()!), key.Address);
    }
}
