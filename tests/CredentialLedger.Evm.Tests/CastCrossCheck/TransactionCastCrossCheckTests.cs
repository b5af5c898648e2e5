using System.Text.Json;
using CredentialLedger.Evm.Hex;
using CredentialLedger.Evm.Tests.Transactions;
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
            var fields = JsonDocument.Parse(c.Fields.ToJsonString()).RootElement;
            using var key = TransactionJson.KeyOf(fields);
            var signed = TransactionSigner.Sign(TransactionJson.FromCastCase(fields), key);
            var ours = HexConverter.ToHex(signed.RawBytes.Span);
            if (ours != castRaw)
                return $"raw differs: ours {ours}, cast {castRaw}";
            var decoded = TransactionCodec.Decode(HexConverter.ToBytes(castRaw));
            return decoded.RecoverSender() == key.Address ? null : "decoded cast transaction recovers another sender";
        });

        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count} differ:\n{string.Join('\n', failures.Take(5))}");
    }
}
