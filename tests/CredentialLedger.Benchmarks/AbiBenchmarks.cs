using System.Numerics;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using CredentialLedger.Evm;
using CredentialLedger.Evm.Abi;
using CredentialLedger.Evm.Crypto;

namespace CredentialLedger.Benchmarks;

/// <summary>
/// ABI-encoding a 10-argument call shaped like an anchoring call (static words, bytes, string, arrays), against
/// System.Text.Json serialising the same values: a well-known encoder doing comparable work.
/// </summary>
public class AbiBenchmarks
{
    private static readonly FunctionSignature Function = FunctionSignature.Parse(
        "anchor(bytes32 root, address issuer, uint64 count, uint256 time, bool final, bytes2 member, string uri, bytes proof, uint256[] indices, bytes32[] leaves)");

    private readonly AbiValue[] _arguments;
    private readonly object[] _jsonArguments;

    public AbiBenchmarks()
    {
        var root = Keccak256.HashUtf8("root");
        var issuer = Address.Parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
        var indices = Enumerable.Range(0, 8).Select(i => (BigInteger)i).ToArray();
        var leaves = Enumerable.Range(0, 4).Select(i => Keccak256.HashUtf8(i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray();
        var proof = new byte[96];
        _arguments =
        [
            AbiValue.FixedBytes(root.ToArray()),
            AbiValue.Address(issuer),
            AbiValue.Uint(1000),
            AbiValue.Uint(1_700_000_000),
            AbiValue.Bool(true),
            AbiValue.FixedBytes("KZ"u8.ToArray()),
            AbiValue.String("https://ledger.example/credentials/status"),
            AbiValue.Bytes(proof),
            AbiValue.Array(indices.Select(AbiValue.Uint).ToArray()),
            AbiValue.Array(leaves.Select(l => AbiValue.FixedBytes(l.ToArray())).ToArray()),
        ];
        _jsonArguments =
        [
            root.ToString(), issuer.ToString(), 1000, 1_700_000_000, true, "KZ",
            "https://ledger.example/credentials/status", proof, indices.Select(i => (long)i).ToArray(),
            leaves.Select(l => l.ToString()).ToArray(),
        ];
    }

    [Benchmark(Baseline = true)]
    public byte[] Same_values_as_json() => JsonSerializer.SerializeToUtf8Bytes(_jsonArguments);

    [Benchmark]
    public byte[] Abi_encode_10_argument_call() => Function.EncodeCall(_arguments);
}
