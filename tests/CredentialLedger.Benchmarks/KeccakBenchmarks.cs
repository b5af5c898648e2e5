using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using CredentialLedger.Evm.Crypto;

namespace CredentialLedger.Benchmarks;

/// <summary>Keccak-256 of 64 bytes (a Merkle inner node), against the runtime's native SHA-256 of the same bytes.</summary>
public class KeccakBenchmarks
{
    private readonly byte[] _input = RandomNumberGenerator.GetBytes(64);
    private readonly byte[] _output = new byte[32];

    [Benchmark(Baseline = true)]
    public void Sha256_64_bytes_native() => SHA256.HashData(_input, _output);

    [Benchmark]
    public void Keccak256_64_bytes() => Keccak256.Hash(_input, _output);
}
