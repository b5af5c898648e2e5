using System.Numerics;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using CredentialLedger.Evm;
using CredentialLedger.Evm.Crypto;
using CredentialLedger.Evm.Transactions;

namespace CredentialLedger.Benchmarks;

/// <summary>
/// RLP-encoding a signed EIP-1559 transaction (with calldata and a one-entry access list), against
/// System.Text.Json serialising the same fields.
/// </summary>
public class RlpBenchmarks
{
    private readonly DynamicFeeTransaction _transaction;
    private readonly Signature _signature;
    private readonly object _json;

    public RlpBenchmarks()
    {
        using var key = PrivateKey.Parse("0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318");
        _transaction = new DynamicFeeTransaction
        {
            ChainId = 31337,
            Nonce = 42,
            MaxPriorityFeePerGas = 1_000_000_000,
            MaxFeePerGas = 30_000_000_000,
            GasLimit = 120_000,
            To = Address.Parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"),
            Value = BigInteger.Zero,
            Data = new byte[4 + 32 * 4],
            AccessList = [new AccessListEntry(Address.Parse("0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359"), [Hash32.Zero])],
        };
        _signature = TransactionSigner.Sign(_transaction, key).Signature;
        _json = new
        {
            chainId = 31337, nonce = 42, maxPriorityFeePerGas = 1_000_000_000L, maxFeePerGas = 30_000_000_000L,
            gas = 120_000, to = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", value = 0, data = new byte[4 + 32 * 4],
            accessList = new[] { new { address = "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359", storageKeys = new[] { Hash32.Zero.ToString() } } },
            yParity = _signature.YParity, r = _signature.R.ToString(), s = _signature.S.ToString(),
        };
    }

    [Benchmark(Baseline = true)]
    public byte[] Same_fields_as_json() => JsonSerializer.SerializeToUtf8Bytes(_json);

    [Benchmark]
    public byte[] Rlp_encode_signed_eip1559() => TransactionCodec.Encode(_transaction, _signature);
}
