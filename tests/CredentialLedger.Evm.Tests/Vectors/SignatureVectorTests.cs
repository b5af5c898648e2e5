using System.Numerics;
using System.Text;
using CredentialLedger.Evm.Crypto;
using CredentialLedger.Evm.Hex;
using CredentialLedger.TestKit;

namespace CredentialLedger.Evm.Tests.Vectors;

public sealed class SignatureVectorTests
{
    public static TheoryData<VectorCase> SignHash => TestVectors.Cases("cast", "signatures.json", "signHash");
    public static TheoryData<VectorCase> PersonalSign => TestVectors.Cases("cast", "signatures.json", "personalSign");

    [Theory, MemberData(nameof(SignHash))]
    public void Signing_a_prehash_reproduces_cast_byte_for_byte(VectorCase vector)
    {
        var c = vector.Element;
        using var key = PrivateKey.Parse(c.GetProperty("privateKey").GetString()!);
        var hash = Hash32.Parse(c.GetProperty("hash").GetString()!);

        var signature = key.Sign(hash);

        // Our RFC 6979 feeds the unreduced hash, as libsecp256k1 and cast do, so even the two hash ≥ n cases match.
        Assert.Equal(c.GetProperty("signature").GetString(), HexConverter.ToHex(signature.ToBytes()));
        Assert.Equal(c.GetProperty("yParity").GetInt32(), signature.YParity);
        Assert.True(signature.IsLowS);
        var recovered = Secp256k1.Recover(hash.ToArray(), signature).Address;
        Assert.Equal(Address.Parse(c.GetProperty("address").GetString()!), recovered);
    }

    [Theory, MemberData(nameof(SignHash))]
    public void Cast_signature_recovers_to_its_address(VectorCase vector)
    {
        var c = vector.Element;
        var signature = Signature.FromBytes(HexConverter.ToBytes(c.GetProperty("signature").GetString()!));
        Assert.Equal(HexConverter.ToBigInteger("0x" + c.GetProperty("r").GetString()![2..].TrimStart('0')), signature.R);
        var recovered = Secp256k1.Recover(HexConverter.ToBytes(c.GetProperty("hash").GetString()!), signature).Address;
        Assert.Equal(Address.Parse(c.GetProperty("address").GetString()!), recovered);
    }

    [Theory, MemberData(nameof(PersonalSign))]
    public void Personal_sign_matches_cast(VectorCase vector)
    {
        var c = vector.Element;
        var message = HexConverter.ToBytes(c.GetProperty("messageHex").GetString()!);
        Assert.Equal(Encoding.UTF8.GetBytes(c.GetProperty("messageUtf8").GetString()!), message);
        Assert.Equal(Hash32.Parse(c.GetProperty("eip191Hash").GetString()!), PersonalMessage.Hash(message));

        using var key = PrivateKey.Parse(c.GetProperty("privateKey").GetString()!);
        var signature = PersonalMessage.Sign(message, key);
        Assert.Equal(c.GetProperty("signature").GetString(), HexConverter.ToHex(signature.ToBytes()));
        Assert.Equal(Address.Parse(c.GetProperty("address").GetString()!), PersonalMessage.RecoverSigner(message, signature));
    }

    [Fact]
    public void High_s_form_of_a_signature_recovers_the_same_key_with_flipped_parity()
    {
        using var key = PrivateKey.Parse("0x4646464646464646464646464646464646464646464646464646464646464646");
        var hash = Keccak256.HashUtf8("high-s");
        var low = key.Sign(hash);
        var high = new Signature(low.R, Secp256k1.N - low.S, (byte)(low.YParity ^ 1));
        Assert.False(high.IsLowS);
        Assert.Equal(key.Address, Secp256k1.Recover(hash.ToArray(), high).Address);
    }

    [Fact]
    public void Signature_components_out_of_range_are_rejected()
    {
        Assert.Throws<InvalidSignatureException>(() => new Signature(BigInteger.Zero, BigInteger.One, 0));
        Assert.Throws<InvalidSignatureException>(() => new Signature(BigInteger.One, Secp256k1.N, 0));
        Assert.Throws<InvalidSignatureException>(() => new Signature(BigInteger.One, BigInteger.One, 2));
        Assert.Throws<InvalidSignatureException>(() => Signature.FromBytes(new byte[64]));
        var bytes = new byte[65];
        bytes[31] = 1;
        bytes[63] = 1;
        bytes[64] = 29;
        Assert.Throws<InvalidSignatureException>(() => Signature.FromBytes(bytes));
    }
}
