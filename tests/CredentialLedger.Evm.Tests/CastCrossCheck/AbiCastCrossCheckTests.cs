using System.Text.Json;
using CredentialLedger.Evm.Abi;
using CredentialLedger.Evm.Hex;
using CredentialLedger.Evm.Tests.Abi;

namespace CredentialLedger.Evm.Tests.CastCrossCheck;

/// <summary>
/// Encodes generated signatures and values (fixed seed, nested up to three levels) with our encoder and with
/// Foundry's <c>cast abi-encode</c> / <c>cast calldata</c>, and requires identical bytes; our decoder must then
/// give the values back.
/// </summary>
public sealed class AbiCastCrossCheckTests
{
    private const int Cases = 200;

    [Fact]
    public async Task Parameter_encodings_are_byte_identical_to_cast()
    {
        var generator = new AbiCaseGenerator(seed: 20261122);
        var cases = Enumerable.Range(0, Cases).Select(_ => generator.Next()).ToList();

        var failures = await CastCrossCheckRunner.CompareAllAsync(cases,
            c => ["abi-encode", c.Signature, "--", .. c.CastArgs],
            (c, castEncoded) =>
            {
                var types = c.Types.Select(AbiType.Parse).ToList();
                var values = AbiJson.FromJson(types, JsonSerializer.SerializeToElement(c.Values));
                var ours = HexConverter.ToHex(AbiEncoder.Encode(types, values));
                if (ours != castEncoded)
                    return $"encoding differs: ours {ours}, cast {castEncoded}";
                var decoded = AbiDecoder.Decode(types, HexConverter.ToBytes(castEncoded));
                return decoded.SequenceEqual(values) ? null : "decoding cast's bytes gave other values";
            });

        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count} differ:\n{string.Join('\n', failures.Take(5))}");
    }

    [Fact]
    public async Task Call_data_is_byte_identical_to_cast()
    {
        var generator = new AbiCaseGenerator(seed: 4);
        var cases = Enumerable.Range(0, 50).Select(_ => generator.Next()).ToList();

        var failures = await CastCrossCheckRunner.CompareAllAsync(cases,
            c => ["calldata", c.Signature, "--", .. c.CastArgs],
            (c, castCalldata) =>
            {
                var function = FunctionSignature.Parse(c.Signature);
                var values = AbiJson.FromJson(function.InputTypes, JsonSerializer.SerializeToElement(c.Values));
                var ours = HexConverter.ToHex(function.EncodeCall(values));
                return ours == castCalldata ? null : $"calldata differs: ours {ours}, cast {castCalldata}";
            });

        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count} differ:\n{string.Join('\n', failures.Take(5))}");
    }
}
