using System.Globalization;
using System.Numerics;
using System.Text.Json;
using CredentialLedger.Evm.Crypto;
using CredentialLedger.Evm.Hex;
using CredentialLedger.Evm.Tests.Transactions;
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
                AssertNotValidOnChainOne(c.GetProperty("name").GetString()!, bytes);
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
    /// chain-id cases whose bytes have no reading as a signed transaction, so the codec must refuse them even though
    /// the fixtures file them under INVALID_CHAINID (the chain check simply runs first in the clients).
    /// </summary>
    private static readonly Dictionary<string, string> UndecodableChainIdCases = new()
    {
        ["RightVRSTestF0000000d"] = "v implies a chain id above 2^64-1",
        ["RightVRSTestF0000000e"] = "v implies a chain id above 2^64-1",
        ["RightVRSTestF0000000f"] = "v implies a chain id above 2^64-1",
        ["WrongVRSTestVOverflow"] = "high s (EIP-2)",
        ["ZeroSigTransaction3"] = "r = s = 0 and v = 2",
        ["ZeroSigTransaction4"] = "r = s = 0 and v = 3",
        ["ZeroSigTransaction5"] = "r = s = 0 and v = 4",
        ["InvalidChainID0ValidV1"] = "v = 36 is EIP-155 for chain 0, which is no chain",
        ["ValidChainID1InvalidV0"] = "v = 36 is EIP-155 for chain 0, which is no chain",
        ["WrongVRSTestVEqual36"] = "v = 36 is EIP-155 for chain 0, which is no chain",
        ["WrongVRSTestVEqual26"] = "v = 26 is neither 27/28 nor EIP-155, and s is high",
        ["V_overflow32bit"] = "high s (EIP-2)",
        ["V_overflow32bitSigned"] = "high s (EIP-2)",
        ["V_overflow64bitPlus27"] = "high s (EIP-2)",
    };

    /// <summary>
    /// The Cancun fills run on chain 1, so they report INVALID_CHAINID for a v that is not chain 1's, and the
    /// older forks (before EIP-155) report a bad signature. Which chain a transaction belongs to is a node rule, not
    /// a codec rule: the codec is not told the chain, so a well-formed EIP-155 transaction for chain 0x7a or
    /// 2^62-18 must decode (to a chain other than 1). Only the cases listed in
    /// <see cref="UndecodableChainIdCases"/>, whose v, r or s no transaction can carry, are refused.
    /// </summary>
    private static void AssertNotValidOnChainOne(string name, byte[] bytes)
    {
        if (UndecodableChainIdCases.ContainsKey(name))
        {
            Assert.Throws<TransactionDecodingException>(() => TransactionCodec.Decode(bytes));
            return;
        }
        var tx = TransactionCodec.Decode(bytes);
        var legacy = Assert.IsType<LegacyTransaction>(tx.Transaction);
        Assert.NotNull(legacy.ChainId);
        Assert.NotEqual(1UL, legacy.ChainId);
        Assert.Equal(bytes, tx.Encode());
        // Recovery may still fail (the r of a hand-made vector need not be an x coordinate on the curve), but only
        // with the signature exception.
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
                Assert.Equal(TransactionJson.AccessList(f), accessList.AccessList);
                break;
            case DynamicFeeTransaction dynamicFee:
                Assert.Equal(Quantity(f, "chainId"), dynamicFee.ChainId);
                Assert.Equal(BigQuantity(f, "maxFeePerGas"), dynamicFee.MaxFeePerGas);
                Assert.Equal(BigQuantity(f, "maxPriorityFeePerGas"), dynamicFee.MaxPriorityFeePerGas);
                Assert.Equal(TransactionJson.AccessList(f), dynamicFee.AccessList);
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
        using var key = TransactionJson.KeyOf(c);
        var tx = TransactionJson.FromCastCase(c);

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

    private static ulong Quantity(JsonElement e, string name) => HexConverter.ToUInt64(TrimQuantity(e.GetProperty(name).GetString()!));

    private static BigInteger BigQuantity(JsonElement e, string name) => HexConverter.ToBigInteger(TrimQuantity(e.GetProperty(name).GetString()!));

    // The fixtures pad quantities to whole bytes ("0x00", "0x0102"); JSON-RPC quantities have no leading zeros.
    private static string TrimQuantity(string hex)
    {
        var digits = hex[2..].TrimStart('0');
        return "0x" + (digits.Length == 0 ? "0" : digits);
    }
}
