using CredentialLedger.Evm.Crypto;
using CredentialLedger.Evm.Hex;
using CredentialLedger.Evm.Rlp;
using CredentialLedger.Evm.Transactions;

namespace CredentialLedger.Evm.Tests.Transactions;

/// <summary>
/// Malformed transactions, each built by editing one field of a valid encoding and refused with a
/// <see cref="TransactionDecodingException"/> whose message names the problem.
/// </summary>
public sealed class TransactionMalformedInputTests
{
    private const string R = "a0" + "28ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276";
    private const string S = "a0" + "67cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83";
    private const string HighS = "a0" + "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140"; // n - 1
    private const string N = "a0" + "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141";
    private const string To = "94" + "3535353535353535353535353535353535353535";

    // Legacy fields after the list header: nonce, gasPrice, gas, to, value, data, v, r, s.
    private static string Legacy(string nonce = "09", string to = To, string v = "25", string r = R, string s = S, string extra = "") =>
        List(nonce + "8504a817c800" + "825208" + to + "880de0b6b3a7640000" + "80" + v + r + s + extra);

    // EIP-1559 fields: chainId, nonce, tip, fee, gas, to, value, data, accessList, yParity, r, s.
    private static string DynamicFee(string chainId = "01", string accessList = "c0", string yParity = "80", string s = S, string value = "80") =>
        "02" + List(chainId + "80" + "01" + "02" + "825208" + To + value + "80" + accessList + yParity + R + s);

    private static string List(string payloadHex)
    {
        var length = payloadHex.Length / 2;
        return (length < 56 ? $"{0xc0 + length:x2}" : length < 256 ? $"f8{length:x2}" : $"f9{length:x4}") + payloadHex;
    }

    public static TheoryData<string, string> Strange_transaction_cases => new()
    {
        { "", "empty" },
        { "03" + List("01"), "type 0x03 is not supported" },             // EIP-4844 blob: not supported here
        { "7f" + List("01"), "type 0x7f is not supported" },
        { "83010203", "neither a typed transaction" },                    // an RLP string is not a transaction
        { "02", "payload" },                                              // type byte without payload
        { DynamicFee() + "00", "trailing" },                              // trailing byte after the payload
        { Legacy() + "80", "trailing" },
        { Legacy(extra: "80"), "field list" },                            // a tenth field
        { List("09" + "8504a817c800"), "gasLimit" },                      // too few fields
        { Legacy(nonce: "890100000000000000" + "00"), "nonce" },          // nonce = 2^64
        { Legacy(nonce: "00"), "leading zero" },                          // zero must be 0x80
        { Legacy(to: "93" + new string('3', 38)), "to" },                 // 19-byte address
        { Legacy(to: "95" + "00" + To[2..]), "to" },                      // 21-byte address
        { Legacy(to: "c0"), "to" },                                       // a list for an address
        { Legacy(v: "1a"), "v = 26" },                                    // neither 27/28 nor EIP-155
        { Legacy(v: "23"), "v = 35" },                                    // EIP-155 chain 0
        { Legacy(v: "8a" + "02000000000000000023"), "v = " },             // chain id ≥ 2^64
        { Legacy(r: "80"), "r is outside" },
        { Legacy(s: "80"), "s is outside" },
        { Legacy(s: N), "s is outside" },
        { Legacy(s: HighS), "EIP-2" },
        { Legacy(r: "a1" + "00" + R[2..]), "r" },                         // 33-byte r
        { DynamicFee(yParity: "02"), "yParity must be 0 or 1" },
        { DynamicFee(yParity: "1b"), "yParity must be 0 or 1" },          // a legacy v in a typed transaction
        { DynamicFee(chainId: "890100000000000000" + "00"), "chainId" },  // chain id ≥ 2^64
        { DynamicFee(value: "a1" + "01" + new string('0', 64)), "value" }, // value = 2^256
        { DynamicFee(accessList: List(List("93" + new string('c', 38) + "c0"))), "accessList" },    // 19-byte address
        { DynamicFee(accessList: List(List(To + List("9f" + new string('0', 62))))), "accessList" }, // 31-byte key
        { DynamicFee(accessList: List(List(To + "c0" + "80"))), "accessList" },                     // extra entry field
        { DynamicFee(accessList: "80"), "accessList" },                                              // string, not list
    };

    [Theory, MemberData(nameof(Strange_transaction_cases))]
    public void Strange_transaction_cases_are_rejected(string hex, string reason)
    {
        var bytes = HexConverter.ToBytes("0x" + hex);
        var ex = Assert.Throws<TransactionDecodingException>(() => TransactionCodec.Decode(bytes));
        Assert.Contains(reason, ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.InRange(ex.Position, 0, bytes.Length);
        Assert.IsAssignableFrom<RlpException>(ex);
    }

    [Fact]
    public void The_unmodified_templates_decode()
    {
        var legacy = TransactionCodec.Decode(HexConverter.ToBytes("0x" + Legacy()));
        Assert.Equal(Address.Parse("0x9d8a62f656a8d1615c1294fd71e9cfb3e4855a4f"), legacy.RecoverSender());
        var typed = TransactionCodec.Decode(HexConverter.ToBytes("0x" + DynamicFee()));
        Assert.IsType<DynamicFeeTransaction>(typed.Transaction);
    }

    [Fact]
    public void Error_position_points_at_the_offending_field()
    {
        var hex = Legacy(s: HighS);
        var bytes = HexConverter.ToBytes("0x" + hex);
        var ex = Assert.Throws<TransactionDecodingException>(() => TransactionCodec.Decode(bytes));
        Assert.Equal(bytes.Length - 33, ex.Position);
    }

    [Fact]
    public void Rlp_level_cause_is_kept_as_the_inner_exception()
    {
        var bytes = HexConverter.ToBytes("0x" + Legacy(nonce: "8100"));
        var ex = Assert.Throws<TransactionDecodingException>(() => TransactionCodec.Decode(bytes));
        Assert.IsType<RlpException>(ex.InnerException);
        Assert.Contains("Invalid nonce", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, ex.Position);
    }

    [Fact]
    public void Signature_that_recovers_no_key_fails_at_recovery()
    {
        // r = 5 is not the x-coordinate of a secp256k1 point (5³ + 7 = 132 is not a square mod p).
        var bytes = HexConverter.ToBytes("0x" + Legacy(v: "1b", r: "05"));
        var tx = TransactionCodec.Decode(bytes);
        Assert.Throws<InvalidSignatureException>(() => tx.RecoverSender());
    }
}
