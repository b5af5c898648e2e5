using System.Globalization;
using System.Numerics;
using System.Text.Json;
using CredentialLedger.Evm.Crypto;
using CredentialLedger.Evm.Hex;
using CredentialLedger.Evm.Transactions;
using CredentialLedger.TestKit;

namespace CredentialLedger.Evm.Tests.Vectors;

/// <summary>
/// Transactions against ethereum/tests (TransactionTests, BlockchainTests, BasicTests) and cast.
/// Decode throws only <see cref="TransactionDecodingException"/>; sender recovery throws
/// <see cref="InvalidSignatureException"/>.
/// </summary>
public sealed class TransactionVectorTests
{
    public static TheoryData<VectorCase> TransactionTests => TestVectors.Cases("ethereum-tests", "transaction_tests.json", "cases");
    public static TheoryData<VectorCase> BlockchainTransactions => TestVectors.Cases("ethereum-tests", "blockchain_transactions.json", "cases");
    public static TheoryData<VectorCase> BasicTxTest => TestVectors.Cases("ethereum-tests", "basic_tests.json", "txtest");
    public static TheoryData<VectorCase> CastTransactions => TestVectors.Cases("cast", "transactions.json", "cases");

    [Theory, MemberData(nameof(TransactionTests))]
    public void Transaction_test_gets_the_outcome_a_codec_owes_it(VectorCase vector)
    {
        var c = vector.Element;
        var bytes = HexConverter.ToBytes(c.GetProperty("txbytes").GetString()!);
        var expect = c.GetProperty("expect");
        if (expect.GetProperty("valid").GetBoolean())
        {
            AssertValid(bytes, expect);
            return;
        }
        switch (expect.GetProperty("errorClass").GetString())
        {
            case "rlp" or "field-size" or "tx-type":
                Assert.Throws<TransactionDecodingException>(() => TransactionCodec.Decode(bytes));
                break;
            case "signature":
                // Impossible v/r/s values fail in Decode; a well-formed signature that names no key
                // (e.g. R would be the point at infinity) can only fail at recovery.
                var error = Record.Exception(() => TransactionCodec.Decode(bytes).RecoverSender());
                Assert.True(error is TransactionDecodingException or InvalidSignatureException, $"Unexpected {error?.GetType().Name ?? "success"}: {error?.Message}");
                break;
            case "chain-id":
                AssertNotValidOnChainOne(bytes);
                break;
            case "protocol-rule":
                AssertDecodesDespiteNodeRule(bytes, c);
                break;
            default:
                Assert.Fail($"Unknown errorClass in {vector.Name}.");
                break;
        }
    }

    private static void AssertValid(byte[] bytes, JsonElement expect)
    {
        var tx = TransactionCodec.Decode(bytes);
        Assert.Equal(Hash32.Parse(expect.GetProperty("hash").GetString()!), tx.Hash);
        Assert.Equal(Address.Parse(expect.GetProperty("sender").GetString()!), tx.RecoverSender());
        Assert.Equal(bytes, TransactionCodec.Encode(tx.Transaction, tx.Signature));
    }

    /// <summary>
    /// The Cancun fills run on chain 1, so they report INVALID_CHAINID for a v that is not chain 1's, and the
    /// older forks (before EIP-155) report a bad signature. No fork accepts them, so there is no sender to compare.
    /// A codec that is not told the chain must either refuse v outright (not 27/28 and not EIP-155 for a chain ≥ 1,
    /// a chain id past 2^64-1, or an impossible r/s) or decode it under some chain other than 1.
    /// </summary>
    private static void AssertNotValidOnChainOne(byte[] bytes)
    {
        SignedTransaction tx;
        try
        {
            tx = TransactionCodec.Decode(bytes);
        }
        catch (TransactionDecodingException)
        {
            return;
        }
        var legacy = Assert.IsType<LegacyTransaction>(tx.Transaction);
        Assert.NotNull(legacy.ChainId);
        Assert.NotEqual(1UL, legacy.ChainId);
        var error = Record.Exception(() => tx.RecoverSender());
        Assert.True(error is null or InvalidSignatureException, error?.ToString());
    }

    /// <summary>
    /// Intrinsic gas, init code size, gasLimit × price overflow, tip above fee cap and the EIP-2681 nonce cap are
    /// checked by nodes against state and fork rules, not by a codec: the bytes are a well-formed transaction.
    /// Where an older fork accepted the transaction, its hash and sender must match too.
    /// </summary>
    private static void AssertDecodesDespiteNodeRule(byte[] bytes, JsonElement c)
    {
        var tx = TransactionCodec.Decode(bytes);
        Assert.Equal(bytes, TransactionCodec.Encode(tx.Transaction, tx.Signature));
        foreach (var fork in c.GetProperty("byFork").EnumerateArray())
        {
            if (fork.GetProperty("valid").GetBoolean())
            {
                Assert.Equal(Hash32.Parse(fork.GetProperty("hash").GetString()!), tx.Hash);
                Assert.Equal(Address.Parse(fork.GetProperty("sender").GetString()!), tx.RecoverSender());
            }
        }
    }

    [Theory, MemberData(nameof(BlockchainTransactions))]
    public void Block_transaction_decodes_to_its_fields_and_re_encodes_byte_for_byte(VectorCase vector)
    {
        var c = vector.Element;
        var raw = HexConverter.ToBytes(c.GetProperty("rawTx").GetString()!);
        var f = c.GetProperty("fields");

        var signed = TransactionCodec.Decode(raw);
        var tx = signed.Transaction;

        Assert.Equal(c.GetProperty("type").GetInt32(), (int)tx.Type);
        Assert.Equal(Quantity(f, "nonce"), tx.Nonce);
        Assert.Equal(Quantity(f, "gasLimit"), tx.GasLimit);
        Assert.Equal(BigQuantity(f, "value"), tx.Value);
        Assert.Equal(HexConverter.ToBytes(f.GetProperty("data").GetString()!), tx.Data.ToArray());
        var to = f.GetProperty("to").GetString()!;
        Assert.Equal(to.Length == 0 ? null : Address.Parse(to), tx.To);
        Assert.Equal(BigQuantity(f, "v"), signed.V);
        Assert.Equal(BigQuantity(f, "r"), signed.Signature.R);
        Assert.Equal(BigQuantity(f, "s"), signed.Signature.S);
        switch (tx)
        {
            case LegacyTransaction legacy:
                Assert.Null(legacy.ChainId);
                Assert.Equal(BigQuantity(f, "gasPrice"), legacy.GasPrice);
                break;
            case AccessListTransaction accessList:
                Assert.Equal(Quantity(f, "chainId"), accessList.ChainId);
                Assert.Equal(BigQuantity(f, "gasPrice"), accessList.GasPrice);
                Assert.Equal(AccessList(f.GetProperty("accessList")), accessList.AccessList);
                break;
            case DynamicFeeTransaction dynamicFee:
                Assert.Equal(Quantity(f, "chainId"), dynamicFee.ChainId);
                Assert.Equal(BigQuantity(f, "maxFeePerGas"), dynamicFee.MaxFeePerGas);
                Assert.Equal(BigQuantity(f, "maxPriorityFeePerGas"), dynamicFee.MaxPriorityFeePerGas);
                Assert.Equal(AccessList(f.GetProperty("accessList")), dynamicFee.AccessList);
                break;
        }

        Assert.Equal(Hash32.Parse(c.GetProperty("signingHash").GetString()!), TransactionCodec.SigningHash(tx));
        Assert.Equal(Hash32.Parse(c.GetProperty("hash").GetString()!), signed.Hash);
        Assert.Equal(Address.Parse(c.GetProperty("sender").GetString()!), signed.RecoverSender());
        Assert.Equal(raw, TransactionCodec.Encode(tx, signed.Signature));
    }

    [Theory, MemberData(nameof(BasicTxTest))]
    public void Basic_txtest_signs_to_the_published_bytes(VectorCase vector)
    {
        var c = vector.Element;
        using var key = PrivateKey.Parse(c.GetProperty("key").GetString()!);
        var tx = new LegacyTransaction
        {
            Nonce = c.GetProperty("nonce").GetUInt64(),
            GasPrice = BigInteger.Parse(c.GetProperty("gasprice").GetString()!, CultureInfo.InvariantCulture),
            GasLimit = c.GetProperty("startgas").GetUInt64(),
            To = Address.Parse(c.GetProperty("to").GetString()!),
            Value = BigInteger.Parse(c.GetProperty("value").GetString()!, CultureInfo.InvariantCulture),
            Data = HexConverter.ToBytes(c.GetProperty("data").GetString()!),
        };

        var signed = TransactionSigner.Sign(tx, key);

        Assert.Equal(c.GetProperty("signed").GetString(), HexConverter.ToHex(signed.Encode()));
        Assert.Equal(Hash32.Parse(c.GetProperty("hash").GetString()!), signed.Hash);
        Assert.Equal(Address.Parse(c.GetProperty("sender").GetString()!), signed.RecoverSender());
        Assert.Equal(signed.Signature.IsLowS, !c.GetProperty("highS").GetBoolean());
    }

    [Theory, MemberData(nameof(CastTransactions))]
    public void Cast_transaction_is_reproduced_byte_for_byte(VectorCase vector)
    {
        var c = vector.Element;
        using var key = PrivateKey.Parse(c.GetProperty("privateKey").GetString()!);
        var tx = BuildCastTransaction(c);

        var signed = TransactionSigner.Sign(tx, key);

        Assert.Equal(c.GetProperty("unsignedTx").GetString(), HexConverter.ToHex(TransactionCodec.EncodeForSigning(tx)));
        Assert.Equal(Hash32.Parse(c.GetProperty("signingHash").GetString()!), TransactionCodec.SigningHash(tx));
        Assert.Equal(c.GetProperty("rawTx").GetString(), HexConverter.ToHex(signed.Encode()));
        Assert.Equal(Hash32.Parse(c.GetProperty("hash").GetString()!), signed.Hash);
        Assert.Equal(c.GetProperty("sender").GetString()!, signed.RecoverSender().ToString(), StringComparer.OrdinalIgnoreCase);

        var decoded = TransactionCodec.Decode(HexConverter.ToBytes(c.GetProperty("rawTx").GetString()!));
        Assert.Equal(tx, decoded.Transaction);
        Assert.Equal(signed.Signature, decoded.Signature);
    }

    private static Transaction BuildCastTransaction(JsonElement c)
    {
        var to = c.GetProperty("to");
        var chainId = Decimal(c, "chainId");
        var nonce = Decimal(c, "nonce");
        var gasLimit = Decimal(c, "gasLimit");
        var toAddress = to.ValueKind == JsonValueKind.Null ? (Address?)null : Address.Parse(to.GetString()!);
        var value = BigDecimal(c, "value");
        var data = HexConverter.ToBytes(c.GetProperty("data").GetString()!);
        return c.GetProperty("kind").GetString() switch
        {
            "legacy" => new LegacyTransaction
            {
                ChainId = chainId,
                Nonce = nonce,
                GasPrice = BigDecimal(c, "gasPrice"),
                GasLimit = gasLimit,
                To = toAddress,
                Value = value,
                Data = data,
            },
            "eip1559" => new DynamicFeeTransaction
            {
                ChainId = chainId,
                Nonce = nonce,
                MaxPriorityFeePerGas = BigDecimal(c, "maxPriorityFeePerGas"),
                MaxFeePerGas = BigDecimal(c, "maxFeePerGas"),
                GasLimit = gasLimit,
                To = toAddress,
                Value = value,
                Data = data,
                AccessList = AccessList(c.GetProperty("accessList")),
            },
            var kind => throw new InvalidDataException($"Unknown kind {kind}."),
        };
    }

    private static List<AccessListEntry> AccessList(JsonElement list)
    {
        var entries = new List<AccessListEntry>();
        foreach (var entry in list.EnumerateArray())
        {
            var keys = new List<Hash32>();
            foreach (var key in entry.GetProperty("storageKeys").EnumerateArray())
                keys.Add(Hash32.Parse(key.GetString()!));
            entries.Add(new AccessListEntry(Address.Parse(entry.GetProperty("address").GetString()!), keys));
        }
        return entries;
    }

    private static ulong Quantity(JsonElement e, string name) => HexConverter.ToUInt64(TrimQuantity(e.GetProperty(name).GetString()!));

    private static BigInteger BigQuantity(JsonElement e, string name) => HexConverter.ToBigInteger(TrimQuantity(e.GetProperty(name).GetString()!));

    // The fixtures pad quantities to whole bytes ("0x00", "0x0102"); JSON-RPC quantities have no leading zeros.
    private static string TrimQuantity(string hex)
    {
        var digits = hex[2..].TrimStart('0');
        return "0x" + (digits.Length == 0 ? "0" : digits);
    }

    private static ulong Decimal(JsonElement e, string name) => ulong.Parse(e.GetProperty(name).GetString()!, CultureInfo.InvariantCulture);

    private static BigInteger BigDecimal(JsonElement e, string name) => BigInteger.Parse(e.GetProperty(name).GetString()!, CultureInfo.InvariantCulture);
}
