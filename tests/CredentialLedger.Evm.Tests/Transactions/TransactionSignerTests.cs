using System.Numerics;
using CredentialLedger.Evm.Crypto;
using CredentialLedger.Evm.Transactions;

namespace CredentialLedger.Evm.Tests.Transactions;

public sealed class TransactionSignerTests
{
    private const string KeyHex = "0x4646464646464646464646464646464646464646464646464646464646464646";

    [Theory]
    [InlineData(null, 27)]
    [InlineData(1UL, 37)]
    [InlineData(31337UL, 62709)]
    public void Legacy_v_follows_eip155_or_the_pre_eip155_rule(ulong? chainId, int vForParityZero)
    {
        using var key = PrivateKey.Parse(KeyHex);
        var signed = TransactionSigner.Sign(new LegacyTransaction { ChainId = chainId, GasLimit = 21_000 }, key);
        Assert.Equal(new BigInteger(vForParityZero) + signed.Signature.YParity, signed.V);
    }

    [Fact]
    public void Legacy_v_beyond_64_bits_round_trips()
    {
        using var key = PrivateKey.Parse(KeyHex);
        var tx = new LegacyTransaction { ChainId = ulong.MaxValue, Nonce = ulong.MaxValue - 1 };
        var signed = TransactionSigner.Sign(tx, key);
        Assert.Equal(new BigInteger(ulong.MaxValue) * 2 + 35 + signed.Signature.YParity, signed.V);
        Assert.True(signed.V > ulong.MaxValue);
        var decoded = TransactionCodec.Decode(signed.Encode());
        Assert.Equal(tx, decoded.Transaction);
        Assert.Equal(key.Address, decoded.RecoverSender());
    }

    [Fact]
    public void Typed_transaction_v_is_the_y_parity()
    {
        using var key = PrivateKey.Parse(KeyHex);
        var signed = TransactionSigner.Sign(new AccessListTransaction { ChainId = 1 }, key);
        Assert.Equal(new BigInteger(signed.Signature.YParity), signed.V);
        Assert.Equal(key.Address, signed.RecoverSender());
    }

    [Fact]
    public void Signing_is_deterministic()
    {
        using var key = PrivateKey.Parse(KeyHex);
        var tx = new DynamicFeeTransaction { ChainId = 1337, Nonce = 3, MaxFeePerGas = 2_000_000_000, GasLimit = 50_000 };
        Assert.Equal(TransactionSigner.Sign(tx, key).Encode(), TransactionSigner.Sign(tx, key).Encode());
    }

    [Fact]
    public void High_s_signature_is_refused_at_recovery_per_eip2()
    {
        using var key = PrivateKey.Parse(KeyHex);
        var tx = new DynamicFeeTransaction { ChainId = 1, GasLimit = 21_000 };
        var low = TransactionSigner.Sign(tx, key).Signature;
        var high = new Signature(low.R, Secp256k1.N - low.S, (byte)(low.YParity ^ 1));
        var signed = new SignedTransaction(tx, high);
        var ex = Assert.Throws<InvalidSignatureException>(() => signed.RecoverSender());
        Assert.Contains("EIP-2", ex.Message, StringComparison.Ordinal);
        // …and refused by the decoder, so it never reaches recovery from the wire.
        Assert.Throws<TransactionDecodingException>(() => TransactionCodec.Decode(signed.Encode()));
    }

    [Fact]
    public void Signature_for_other_fields_recovers_a_different_sender()
    {
        using var key = PrivateKey.Parse(KeyHex);
        var signed = TransactionSigner.Sign(new LegacyTransaction { ChainId = 1, Nonce = 1 }, key);
        var tampered = new SignedTransaction(new LegacyTransaction { ChainId = 1, Nonce = 2 }, signed.Signature);
        Assert.NotEqual(key.Address, tampered.RecoverSender());
    }

    [Fact]
    public void Default_signature_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new SignedTransaction(new LegacyTransaction(), default));
        Assert.Throws<InvalidSignatureException>(() => TransactionSigner.RecoverSender(new LegacyTransaction(), default));
    }
}
