using System.Buffers.Binary;
using System.Numerics;
using CredentialLedger.Evm.Crypto;
using CredentialLedger.Evm.Transactions;
using CsCheck;

namespace CredentialLedger.Evm.Tests.Transactions;

/// <summary>
/// CsCheck round trips per transaction type: sign, encode, decode gives back the same fields and signature,
/// the same bytes and hash, and recovers the signer.
/// </summary>
public sealed class TransactionPropertyTests
{
    private static readonly Gen<Address> AnAddress = Gen.Byte.Array[Address.Size].Select(b => new Address(b));
    private static readonly Gen<Hash32> AHash = Gen.Byte.Array[Hash32.Size].Select(b => new Hash32(b));
    private static readonly Gen<Address?> ATo = Gen.Bool.SelectMany(create => create ? Gen.Const((Address?)null) : AnAddress.Select(a => (Address?)a));

    // Edge values (0, small, 2^64-1, 2^256-1) mixed with random widths.
    private static readonly Gen<ulong> AUInt64 = Gen.OneOf(Gen.Const(0UL), Gen.Const(ulong.MaxValue), Gen.ULong[0, 127], Gen.ULong);

    private static readonly Gen<BigInteger> AUInt256 = Gen.OneOf(
        Gen.Const(BigInteger.Zero),
        Gen.Const((BigInteger.One << 256) - 1),
        Gen.Byte.Array[0, 32].Select(b => new BigInteger(b, isUnsigned: true, isBigEndian: true)));

    private static readonly Gen<byte[]> SomeData = Gen.OneOf(Gen.Byte.Array[0, 4], Gen.Byte.Array[50, 60], Gen.Byte.Array[0, 600]);

    private static readonly Gen<AccessListEntry[]> AnAccessList =
        Gen.Select(AnAddress, AHash.Array[0, 3], (address, keys) => new AccessListEntry(address, keys)).Array[0, 3];

    private static readonly Gen<ulong> AKeySeed = Gen.ULong[1, ulong.MaxValue];

    private static readonly Gen<LegacyTransaction> ALegacy =
        Gen.Select(Gen.OneOf(Gen.Const((ulong?)null), Gen.ULong[1, ulong.MaxValue].Select(c => (ulong?)c)), AUInt64, AUInt256, AUInt64, ATo, AUInt256, SomeData,
            (chainId, nonce, gasPrice, gasLimit, to, value, data) => new LegacyTransaction
            {
                ChainId = chainId,
                Nonce = nonce,
                GasPrice = gasPrice,
                GasLimit = gasLimit,
                To = to,
                Value = value,
                Data = data,
            });

    private static readonly Gen<AccessListTransaction> AnAccessListTx =
        Gen.Select(AUInt64, AUInt64, AUInt256, AUInt64, ATo, AUInt256, SomeData, AnAccessList,
            (chainId, nonce, gasPrice, gasLimit, to, value, data, accessList) => new AccessListTransaction
            {
                ChainId = chainId,
                Nonce = nonce,
                GasPrice = gasPrice,
                GasLimit = gasLimit,
                To = to,
                Value = value,
                Data = data,
                AccessList = accessList,
            });

    private static readonly Gen<DynamicFeeTransaction> ADynamicFee =
        Gen.Select(AUInt64, AUInt64, AUInt256, AUInt256, AUInt64, ATo, AUInt256, SomeData, AnAccessList,
            (chainId, nonce, tip, feeCap, gasLimit, to, value, data, accessList) => new DynamicFeeTransaction
            {
                ChainId = chainId,
                Nonce = nonce,
                MaxPriorityFeePerGas = tip,
                MaxFeePerGas = feeCap,
                GasLimit = gasLimit,
                To = to,
                Value = value,
                Data = data,
                AccessList = accessList,
            });

    [Fact]
    public void Any_legacy_transaction_survives_sign_encode_decode_recover() =>
        Gen.Select(ALegacy, AKeySeed).Sample((tx, seed) => AssertRoundTrip(tx, seed), iter: 60);

    [Fact]
    public void Any_access_list_transaction_survives_sign_encode_decode_recover() =>
        Gen.Select(AnAccessListTx, AKeySeed).Sample((tx, seed) => AssertRoundTrip(tx, seed), iter: 60);

    [Fact]
    public void Any_dynamic_fee_transaction_survives_sign_encode_decode_recover() =>
        Gen.Select(ADynamicFee, AKeySeed).Sample((tx, seed) => AssertRoundTrip(tx, seed), iter: 60);

    [Fact]
    public void Any_signed_encoding_with_one_byte_dropped_is_rejected() =>
        Gen.Select(ADynamicFee, Gen.Int[0, 1000]).Sample((tx, cut) =>
        {
            using var key = KeyFrom(7);
            var raw = TransactionSigner.Sign(tx, key).Encode();
            var index = cut % raw.Length;
            byte[] damaged = [.. raw.AsSpan(0, index), .. raw.AsSpan(index + 1)];
            Assert.ThrowsAny<TransactionDecodingException>(() => TransactionCodec.Decode(damaged));
        }, iter: 40);

    [Fact]
    public void Arbitrary_bytes_never_escape_as_anything_but_TransactionDecodingException() =>
        Gen.Byte.Array[0, 120].Sample(bytes =>
        {
            try
            {
                TransactionCodec.Decode(bytes);
            }
            catch (TransactionDecodingException)
            {
            }
        });

    private static void AssertRoundTrip(Transaction tx, ulong seed)
    {
        using var key = KeyFrom(seed);
        var signed = TransactionSigner.Sign(tx, key);
        var raw = signed.Encode();
        Assert.Equal(TransactionCodec.GetEncodedLength(tx, signed.Signature), raw.Length);

        var decoded = TransactionCodec.Decode(raw);

        Assert.Equal(tx, decoded.Transaction);
        Assert.Equal(signed.Signature, decoded.Signature);
        Assert.Equal(signed.V, decoded.V);
        Assert.Equal(signed.Hash, decoded.Hash);
        Assert.Equal(raw, TransactionCodec.Encode(decoded.Transaction, decoded.Signature));
        Assert.Equal(key.Address, decoded.RecoverSender());
    }

    private static PrivateKey KeyFrom(ulong seed)
    {
        Span<byte> bytes = stackalloc byte[32];
        BinaryPrimitives.WriteUInt64BigEndian(bytes[24..], seed);
        bytes[0] = 0x01; // keeps the key well inside [1, n-1] while varying the low bits
        return PrivateKey.FromBytes(bytes);
    }
}
