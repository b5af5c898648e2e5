using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using CredentialLedger.Evm.Crypto;
using CredentialLedger.Evm.Hex;
using CredentialLedger.Evm.Transactions;

namespace CredentialLedger.Evm.Tests.CastCrossCheck;

/// <summary>
/// Signs generated transactions (fixed seed) with our signer and with Foundry's cast, and requires the raw signed
/// bytes to be identical: RLP layout, EIP-155 v, RFC 6979 nonces and low-s all have to agree for that.
/// </summary>
public sealed class TransactionCastCrossCheckTests
{
    private const int CasesPerKind = 120;

    [Theory]
    [InlineData("legacy", 155)]
    [InlineData("eip1559", 1559)]
    public async Task Signed_transactions_are_byte_identical_to_cast(string kind, int seed)
    {
        var generator = new TransactionCaseGenerator(seed);
        var cases = Enumerable.Range(0, CasesPerKind).Select(_ => generator.Next(kind)).ToList();

        var failures = await CastCrossCheckRunner.CompareAllAsync(cases, c => c.CastArgs, (c, castRaw) =>
        {
            using var key = PrivateKey.Parse((string)c.Fields["privateKey"]!);
            var signed = TransactionSigner.Sign(Build(c.Fields), key);
            var ours = HexConverter.ToHex(signed.RawBytes.Span);
            if (ours != castRaw)
                return $"raw differs: ours {ours}, cast {castRaw}";
            var decoded = TransactionCodec.Decode(HexConverter.ToBytes(castRaw));
            return decoded.RecoverSender() == key.Address ? null : "decoded cast transaction recovers another sender";
        });

        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count} differ:\n{string.Join('\n', failures.Take(5))}");
    }

    private static Transaction Build(JsonObject f)
    {
        var to = f["to"] is { } t ? Address.Parse((string)t!) : (Address?)null;
        var chainId = ULong(f, "chainId");
        var data = HexConverter.ToBytes((string)f["data"]!);
        if ((string)f["kind"]! == "legacy")
        {
            return new LegacyTransaction
            {
                ChainId = chainId,
                Nonce = ULong(f, "nonce"),
                GasLimit = ULong(f, "gasLimit"),
                GasPrice = Big(f, "gasPrice"),
                To = to,
                Value = Big(f, "value"),
                Data = data,
            };
        }
        return new DynamicFeeTransaction
        {
            ChainId = chainId,
            Nonce = ULong(f, "nonce"),
            GasLimit = ULong(f, "gasLimit"),
            MaxFeePerGas = Big(f, "maxFeePerGas"),
            MaxPriorityFeePerGas = Big(f, "maxPriorityFeePerGas"),
            To = to,
            Value = Big(f, "value"),
            Data = data,
            AccessList = f["accessList"]!.AsArray().Select(e => new AccessListEntry(
                Address.Parse((string)e!["address"]!),
                e["storageKeys"]!.AsArray().Select(k => Hash32.Parse((string)k!)).ToList())).ToList(),
        };
    }

    private static ulong ULong(JsonObject f, string name) => ulong.Parse((string)f[name]!, CultureInfo.InvariantCulture);

    private static BigInteger Big(JsonObject f, string name) => BigInteger.Parse((string)f[name]!, CultureInfo.InvariantCulture);
}
