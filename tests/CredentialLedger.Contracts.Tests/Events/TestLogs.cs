using System.Numerics;
using CredentialLedger.Evm;
using CredentialLedger.Evm.Abi;
using CredentialLedger.Evm.Crypto;
using CredentialLedger.Evm.Rpc;

namespace CredentialLedger.Contracts.Tests.Events;

/// <summary>Builds the log a contract would emit for an event: indexed values as topics, the rest ABI-encoded as data.</summary>
internal static class TestLogs
{
    public static readonly Address Contract = Address.Parse("0x5FbDB2315678afecb367f032d93F642f64180aa3");
    public static readonly Hash32 Transaction = Keccak256.HashUtf8("a transaction");

    public static Log Build(EventSignature signature, IReadOnlyList<AbiValue> values, Address? contract = null, ulong block = 7, ulong logIndex = 3)
    {
        var topics = new List<Hash32> { signature.Topic0 };
        var dataTypes = new List<AbiType>();
        var dataValues = new List<AbiValue>();
        for (var i = 0; i < values.Count; i++)
        {
            var parameter = signature.Parameters[i];
            if (parameter.Indexed)
                topics.Add(new Hash32(AbiEncoder.Encode(parameter.Type, values[i])));
            else
            {
                dataTypes.Add(parameter.Type);
                dataValues.Add(values[i]);
            }
        }
        return new Log
        {
            Address = contract ?? Contract,
            Topics = topics,
            Data = AbiEncoder.Encode(dataTypes, dataValues),
            BlockNumber = block,
            TransactionHash = Transaction,
            LogIndex = logIndex,
        };
    }

    /// <summary>A plausible value of each type the registries' events use.</summary>
    public static AbiValue Sample(AbiType type) => type.CanonicalName switch
    {
        "uint8" => AbiValue.Uint(1),
        "uint32" => AbiValue.Uint(4_000_000_000),
        "uint64" => AbiValue.Uint(1_700_000_123),
        "uint256" => AbiValue.Uint(new BigInteger(42)),
        "address" => AbiValue.Address(Address.Parse("0x70997970C51812dc3A010C7d01b50e0d17dc79C8")),
        "bytes2" => AbiValue.FixedBytes("KZ"u8),
        "bytes16" => AbiValue.FixedBytes(ChamberId.FromAscii("KZ-ATAMEKEN").ToArray()),
        "bytes32" => AbiValue.FixedBytes(Keccak256.HashUtf8("a root").ToArray()),
        "bytes" => AbiValue.Bytes([0x04, .. new byte[64]]),
        "uint32[]" => AbiValue.Array(AbiValue.Uint(5), AbiValue.Uint(1), AbiValue.Uint(9)),
        "bytes2[]" => AbiValue.Array(AbiValue.FixedBytes("KR"u8), AbiValue.FixedBytes("KZ"u8)),
        _ => throw new NotSupportedException($"No sample for {type}."),
    };
}
