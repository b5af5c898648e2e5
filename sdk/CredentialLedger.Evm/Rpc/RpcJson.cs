using System.Numerics;
using System.Text.Json;
using CredentialLedger.Evm.Hex;

namespace CredentialLedger.Evm.Rpc;

/// <summary>
/// Reading and writing the JSON-RPC encodings at the edge. Readers throw <see cref="FormatException"/> naming the
/// member, which <see cref="JsonRpcClient"/> turns into <see cref="RpcResponseException"/>.
/// </summary>
internal static class RpcJson
{
    public static JsonElement Required(JsonElement obj, string name)
    {
        if (obj.ValueKind != JsonValueKind.Object)
            throw new FormatException($"expected an object holding \"{name}\" but found {obj.ValueKind}.");
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            throw new FormatException($"\"{name}\" is missing.");
        return value;
    }

    public static JsonElement? Optional(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public static string String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.String
            ? element.GetString()!
            : throw new FormatException($"\"{name}\" must be a string but is {element.ValueKind}.");

    public static ulong UInt64(JsonElement element, string name)
    {
        try
        {
            return HexConverter.ToUInt64(String(element, name));
        }
        catch (HexFormatException e)
        {
            throw new FormatException($"\"{name}\": {e.Message}", e);
        }
    }

    public static BigInteger BigInt(JsonElement element, string name)
    {
        try
        {
            return HexConverter.ToBigInteger(String(element, name));
        }
        catch (HexFormatException e)
        {
            throw new FormatException($"\"{name}\": {e.Message}", e);
        }
    }

    public static byte[] Bytes(JsonElement element, string name)
    {
        try
        {
            return HexConverter.ToBytes(String(element, name));
        }
        catch (HexFormatException e)
        {
            throw new FormatException($"\"{name}\": {e.Message}", e);
        }
    }

    public static Address Address(JsonElement element, string name) =>
        Evm.Address.TryParse(String(element, name), out var address)
            ? address
            : throw new FormatException($"\"{name}\" is not a 20-byte address.");

    public static Hash32 Hash(JsonElement element, string name) =>
        Hash32.TryParse(String(element, name), out var hash)
            ? hash
            : throw new FormatException($"\"{name}\" is not a 32-byte hash.");

    public static ulong? OptionalUInt64(JsonElement obj, string name) =>
        Optional(obj, name) is { } e ? UInt64(e, name) : null;

    public static Hash32? OptionalHash(JsonElement obj, string name) =>
        Optional(obj, name) is { } e ? Hash(e, name) : null;

    public static Address? OptionalAddress(JsonElement obj, string name) =>
        Optional(obj, name) is { } e ? Address(e, name) : null;

    public static Log ReadLog(JsonElement obj)
    {
        var topicsElement = Required(obj, "topics");
        if (topicsElement.ValueKind != JsonValueKind.Array)
            throw new FormatException("\"topics\" must be an array.");
        var topics = new Hash32[topicsElement.GetArrayLength()];
        var i = 0;
        foreach (var topic in topicsElement.EnumerateArray())
            topics[i++] = Hash(topic, "topics");
        return new Log
        {
            Address = Address(Required(obj, "address"), "address"),
            Topics = topics,
            Data = Bytes(Required(obj, "data"), "data"),
            BlockNumber = OptionalUInt64(obj, "blockNumber"),
            BlockHash = OptionalHash(obj, "blockHash"),
            TransactionHash = OptionalHash(obj, "transactionHash"),
            TransactionIndex = OptionalUInt64(obj, "transactionIndex"),
            LogIndex = OptionalUInt64(obj, "logIndex"),
            Removed = Optional(obj, "removed") is { ValueKind: JsonValueKind.True },
        };
    }

    public static IReadOnlyList<Log> ReadLogs(JsonElement array)
    {
        if (array.ValueKind != JsonValueKind.Array)
            throw new FormatException($"expected an array of logs but found {array.ValueKind}.");
        var logs = new List<Log>(array.GetArrayLength());
        foreach (var item in array.EnumerateArray())
            logs.Add(ReadLog(item));
        return logs;
    }

    public static TransactionReceipt ReadReceipt(JsonElement obj)
    {
        // Pre-Byzantium receipts have a state root instead of a status; every chain we target has EIP-658 status.
        var status = UInt64(Required(obj, "status"), "status");
        if (status > 1)
            throw new FormatException($"\"status\" must be 0x0 or 0x1 but is {status}.");
        return new TransactionReceipt
        {
            TransactionHash = Hash(Required(obj, "transactionHash"), "transactionHash"),
            TransactionIndex = UInt64(Required(obj, "transactionIndex"), "transactionIndex"),
            BlockNumber = UInt64(Required(obj, "blockNumber"), "blockNumber"),
            BlockHash = Hash(Required(obj, "blockHash"), "blockHash"),
            From = Address(Required(obj, "from"), "from"),
            To = OptionalAddress(obj, "to"),
            Succeeded = status == 1,
            GasUsed = UInt64(Required(obj, "gasUsed"), "gasUsed"),
            CumulativeGasUsed = UInt64(Required(obj, "cumulativeGasUsed"), "cumulativeGasUsed"),
            // Older nodes omit effectiveGasPrice; zero says "unknown" without inventing a price.
            EffectiveGasPrice = Optional(obj, "effectiveGasPrice") is { } price ? BigInt(price, "effectiveGasPrice") : BigInteger.Zero,
            ContractAddress = OptionalAddress(obj, "contractAddress"),
            Logs = ReadLogs(Required(obj, "logs")),
            Type = Optional(obj, "type") is { } type ? checked((byte)UInt64(type, "type")) : (byte)0,
        };
    }

    public static Block ReadBlock(JsonElement obj, bool fullTransactions = false)
    {
        var txs = Required(obj, "transactions");
        if (txs.ValueKind != JsonValueKind.Array)
            throw new FormatException("\"transactions\" must be an array.");
        var hashes = new List<Hash32>(txs.GetArrayLength());
        List<BlockTransaction>? full = null;
        foreach (var tx in txs.EnumerateArray())
        {
            if (tx.ValueKind != JsonValueKind.Object)
            {
                hashes.Add(Hash(tx, "transactions"));
                continue;
            }
            var hash = Hash(Required(tx, "hash"), "hash");
            hashes.Add(hash);
            full ??= new List<BlockTransaction>(txs.GetArrayLength());
            full.Add(new BlockTransaction(hash, UInt64(Required(tx, "transactionIndex"), "transactionIndex"),
                Address(Required(tx, "from"), "from"), OptionalAddress(tx, "to")));
        }
        return new Block
        {
            Number = UInt64(Required(obj, "number"), "number"),
            Hash = Hash(Required(obj, "hash"), "hash"),
            ParentHash = Hash(Required(obj, "parentHash"), "parentHash"),
            Timestamp = UInt64(Required(obj, "timestamp"), "timestamp"),
            GasLimit = UInt64(Required(obj, "gasLimit"), "gasLimit"),
            GasUsed = UInt64(Required(obj, "gasUsed"), "gasUsed"),
            BaseFeePerGas = Optional(obj, "baseFeePerGas") is { } fee ? BigInt(fee, "baseFeePerGas") : null,
            Miner = OptionalAddress(obj, "miner") ?? Evm.Address.Zero,
            TransactionHashes = hashes,
            Transactions = full ?? (hashes.Count == 0 && fullTransactions ? [] : null),
        };
    }

    public static FeeHistory ReadFeeHistory(JsonElement obj)
    {
        var baseFees = new List<BigInteger>();
        foreach (var fee in Required(obj, "baseFeePerGas").EnumerateArray())
            baseFees.Add(BigInt(fee, "baseFeePerGas"));
        var ratios = new List<double>();
        foreach (var ratio in Required(obj, "gasUsedRatio").EnumerateArray())
            ratios.Add(ratio.GetDouble());
        var rewards = new List<IReadOnlyList<BigInteger>>();
        if (Optional(obj, "reward") is { } rewardArray)
        {
            foreach (var block in rewardArray.EnumerateArray())
            {
                var row = new List<BigInteger>();
                foreach (var reward in block.EnumerateArray())
                    row.Add(BigInt(reward, "reward"));
                rewards.Add(row);
            }
        }
        return new FeeHistory
        {
            OldestBlock = UInt64(Required(obj, "oldestBlock"), "oldestBlock"),
            BaseFeePerGas = baseFees,
            GasUsedRatio = ratios,
            Reward = rewards,
        };
    }

    public static void WriteCallRequest(Utf8JsonWriter writer, CallRequest call)
    {
        writer.WriteStartObject();
        if (call.From is { } from)
            writer.WriteString("from", from.ToLowerHex());
        if (call.To is { } to)
            writer.WriteString("to", to.ToLowerHex());
        if (call.Gas is { } gas)
            writer.WriteString("gas", HexConverter.ToQuantity(gas));
        if (call.GasPrice is { } gasPrice)
            writer.WriteString("gasPrice", HexConverter.ToQuantity(gasPrice));
        if (call.MaxFeePerGas is { } maxFee)
            writer.WriteString("maxFeePerGas", HexConverter.ToQuantity(maxFee));
        if (call.MaxPriorityFeePerGas is { } tip)
            writer.WriteString("maxPriorityFeePerGas", HexConverter.ToQuantity(tip));
        if (call.Value is { } value)
            writer.WriteString("value", HexConverter.ToQuantity(value));
        // "input" is the spec's name; geth and anvil also read "data", which older nodes need.
        var data = HexConverter.ToHex(call.Data.Span);
        writer.WriteString("input", data);
        writer.WriteString("data", data);
        writer.WriteEndObject();
    }
}
