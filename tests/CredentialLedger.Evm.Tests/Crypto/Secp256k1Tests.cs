using CredentialLedger.Evm.Crypto;
using CsCheck;

namespace CredentialLedger.Evm.Tests.Crypto;

public sealed class Secp256k1Tests
{
    [Fact]
    public void Signatures_recover_their_signer_and_are_low_s()
    {
        Gen.Select(Gen.Byte.Array[32], Gen.Byte.Array[32]).Where((k, _) => Secp256k1.IsValidPrivateKey(k)).Sample((keyBytes, hash) =>
        {
            using var key = PrivateKey.FromBytes(keyBytes);
            var signature = key.Sign(hash);
            return signature.IsLowS
                && Secp256k1.Recover(hash, signature).Equals(key.PublicKey)
                && Signature.FromBytes(signature.ToBytes()) == signature;
        }, iter: 200);
    }

    [Fact]
    public void Signing_is_deterministic()
    {
        using var key = PrivateKey.Parse("0x4646464646464646464646464646464646464646464646464646464646464646");
        var hash = Keccak256.HashUtf8("same message");
        Assert.Equal(key.Sign(hash), key.Sign(hash));
    }

    [Fact]
    public void Tampered_hash_recovers_a_different_key()
    {
        using var key = PrivateKey.Generate();
        var hash = Keccak256.HashUtf8("original").ToArray();
        var signature = key.Sign(hash);
        hash[0] ^= 1;
        Assert.False(Secp256k1.Verify(hash, signature, key.PublicKey));
    }

    [Theory]
    [InlineData("0x0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141")]
    [InlineData("0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff")]
    public void Private_keys_outside_the_group_are_rejected(string hex)
    {
        Assert.Throws<ArgumentException>(() => PrivateKey.Parse(hex));
    }

    [Fact]
    public void Disposed_key_cannot_sign_and_never_prints_its_secret()
    {
        var key = PrivateKey.Parse("0x4646464646464646464646464646464646464646464646464646464646464646");
        Assert.DoesNotContain("4646464646", key.ToString(), StringComparison.Ordinal);
        key.Dispose();
        Assert.Throws<ObjectDisposedException>(() => key.Sign(new byte[32]));
    }

    [Fact]
    public void Public_keys_off_the_curve_are_rejected()
    {
        var bytes = new byte[65];
        bytes[0] = 4;
        bytes[64] = 7;
        Assert.Throws<InvalidSignatureException>(() => PublicKey.FromBytes(bytes));
        Assert.Throws<InvalidSignatureException>(() => PublicKey.FromBytes(new byte[10]));
    }

    [Fact]
    public void R_that_is_no_curve_x_coordinate_does_not_recover()
    {
        // x = 5 has no point on secp256k1 (5³ + 7 = 132 is not a square mod p).
        var signature = new Signature(5, 1, 0);
        Assert.False(Secp256k1.TryRecover(new byte[32], signature, out _));
        Assert.Throws<InvalidSignatureException>(() => Secp256k1.Recover(new byte[32], signature));
    }
}
