using System.Numerics;
using CredentialLedger.Evm.Crypto;
using CredentialLedger.Evm.Hex;
using CredentialLedger.Evm.Transactions;

namespace CredentialLedger.Evm.Tests.Transactions;

public sealed class TransactionCodecTests
{
    // The worked example in EIP-155's specification.
    private static readonly LegacyTransaction Eip155Example = new()
    {
        ChainId = 1,
        Nonce = 9,
        GasPrice = 20_000_000_000,
        GasLimit = 21_000,
        To = Address.Parse("0x3535353535353535353535353535353535353535"),
        Value = BigInteger.Pow(10, 18),
    };

    [Fact]
    public void Eip155_example_has_the_published_signing_data_and_hash()
    {
        Assert.Equal(
            "0xec098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a764000080018080",
            HexConverter.ToHex(TransactionCodec.EncodeForSigning(Eip155Example)));
        Assert.Equal(
            Hash32.Parse("0xdaf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53"),
            TransactionCodec.SigningHash(Eip155Example));
    }

    [Fact]
    public void Eip155_example_signs_to_the_published_bytes()
    {
        using var key = PrivateKey.Parse("0x4646464646464646464646464646464646464646464646464646464646464646");
        var signed = TransactionSigner.Sign(Eip155Example, key);
        Assert.Equal(
            "0xf86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a76400008025a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83",
            HexConverter.ToHex(signed.Encode()));
        Assert.Equal(new BigInteger(37), signed.V);
        Assert.Equal(Address.Parse("0x9d8a62f656a8d1615c1294fd71e9cfb3e4855a4f"), signed.RecoverSender());
    }

    [Fact]
    public void Pre_eip155_signing_payload_has_six_fields()
    {
        var tx = Eip155Example with { ChainId = null };
        Assert.Equal(
            "0xe9098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a764000080",
            HexConverter.ToHex(TransactionCodec.EncodeForSigning(tx)));
    }

    [Fact]
    public void Contract_creation_encodes_to_as_the_empty_string()
    {
        var tx = new DynamicFeeTransaction { ChainId = 1, Data = new byte[] { 0x60, 0x00 } };
        Assert.True(tx.IsContractCreation);
        // 02 || [chainId=1, nonce=0, tip=0, fee=0, gas=0, to=80, value=0, data=826000, accessList=c0]
        Assert.Equal("0x02cb01808080808080826000c0", HexConverter.ToHex(TransactionCodec.EncodeForSigning(tx)));
    }

    [Fact]
    public void Access_list_transaction_payload_starts_with_type_1()
    {
        var tx = new AccessListTransaction
        {
            ChainId = 1,
            AccessList = [new AccessListEntry(Address.Zero, [Hash32.Zero])],
        };
        var payload = TransactionCodec.EncodeForSigning(tx);
        Assert.Equal(0x01, payload[0]);
        // [address, [key]] = d7+… : 21 bytes of address, 34 bytes of key list.
        Assert.EndsWith("f838f7940000000000000000000000000000000000000000e1a0" + new string('0', 64), HexConverter.ToHex(payload));
    }

    [Fact]
    public void Span_encoding_matches_array_encoding_and_checks_room()
    {
        using var key = PrivateKey.Parse("0x4646464646464646464646464646464646464646464646464646464646464646");
        var signed = TransactionSigner.Sign(Eip155Example, key);
        var length = TransactionCodec.GetEncodedLength(signed.Transaction, signed.Signature);
        var buffer = new byte[length + 3];
        Assert.Equal(length, TransactionCodec.Encode(signed.Transaction, signed.Signature, buffer));
        Assert.Equal(signed.Encode(), buffer[..length]);
        Assert.Equal(signed.Encode(), TransactionCodec.Encode(signed));
        Assert.Throws<ArgumentException>(() => TransactionCodec.Encode(signed.Transaction, signed.Signature, new byte[length - 1]));
    }

    [Fact]
    public void Decoded_transaction_keeps_its_raw_bytes_and_hash()
    {
        using var key = PrivateKey.Parse("0x4646464646464646464646464646464646464646464646464646464646464646");
        var raw = TransactionSigner.Sign(Eip155Example, key).Encode();
        var decoded = TransactionCodec.Decode(raw);
        Assert.Equal(raw, decoded.RawBytes.ToArray());
        Assert.Equal(Keccak256.Hash(raw), decoded.Hash);
        Assert.Equal(Eip155Example, decoded.Transaction);
        Assert.Equal(TransactionType.Legacy, decoded.Type);
    }

    [Fact]
    public void Encoding_a_signed_dynamic_fee_transaction_allocates_only_the_result()
    {
        using var key = PrivateKey.Parse("0x4646464646464646464646464646464646464646464646464646464646464646");
        var tx = new DynamicFeeTransaction
        {
            ChainId = 1337,
            Nonce = 42,
            MaxPriorityFeePerGas = 1_500_000_000,
            MaxFeePerGas = BigInteger.Parse("30000000000000000000", System.Globalization.CultureInfo.InvariantCulture),
            GasLimit = 100_000,
            To = Address.Parse("0x3535353535353535353535353535353535353535"),
            Value = BigInteger.Pow(10, 18),
            Data = new byte[68],
            AccessList = [new AccessListEntry(Address.Zero, [Hash32.Zero])],
        };
        var signature = TransactionSigner.Sign(tx, key).Signature;
        var length = TransactionCodec.Encode(tx, signature).Length; // warm up

        var before = GC.GetAllocatedBytesForCurrentThread();
        var raw = TransactionCodec.Encode(tx, signature);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(length, raw.Length);
        Assert.True(allocated <= raw.Length + 32, $"Allocated {allocated} bytes for a {raw.Length}-byte result.");
    }
}
