using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using CredentialLedger.Evm.Crypto;

namespace CredentialLedger.Evm.Tests.CastCrossCheck;

/// <summary>
/// Random signed-transaction inputs from a fixed seed, in the JSON form of ../shared/test-vectors/cast/transactions.json
/// (quantities as decimal strings), plus the <c>cast mktx</c> arguments that sign the same transaction.
/// </summary>
internal sealed class TransactionCaseGenerator(int seed)
{
    private static readonly ulong[] ChainIds = [1, 10, 56, 137, 1337, 31337, 11155111, 9007199254740991];
    private readonly Random _random = new(seed);

    public sealed record Case(string Kind, JsonObject Fields, IReadOnlyList<string> CastArgs);

    public Case Next(string kind)
    {
        using var key = NextKey();
        var keyHex = "0x" + Convert.ToHexStringLower(key.ExportBytes());
        var chainId = _random.Next(3) == 0 ? (ulong)_random.NextInt64(1, 1L << 53) : ChainIds[_random.Next(ChainIds.Length)];
        var nonce = _random.Next(5) switch
        {
            0 => 0UL,
            1 => ulong.MaxValue - 1, // EIP-2681 caps nonces at 2^64 − 1 (exclusive).
            2 => (ulong)_random.NextInt64(0, uint.MaxValue),
            _ => (ulong)_random.Next(0, 1000),
        };
        var gasLimit = _random.Next(4) switch
        {
            0 => 21000UL,
            1 => (ulong)long.MaxValue,
            _ => (ulong)_random.Next(21000, 30_000_000),
        };
        var value = NextQuantity(104);
        var creation = _random.Next(8) == 0;
        var to = creation ? null : "0x" + Convert.ToHexStringLower(NextBytes(20));
        var data = _random.Next(3) == 0 && !creation ? [] : NextBytes(_random.Next(1, 120));
        var dataHex = "0x" + Convert.ToHexStringLower(data);

        var fields = new JsonObject
        {
            ["kind"] = kind,
            ["privateKey"] = keyHex,
            ["chainId"] = Text(chainId),
            ["nonce"] = Text(nonce),
            ["gasLimit"] = Text(gasLimit),
            ["to"] = to,
            ["value"] = Text(value),
            ["data"] = dataHex,
        };
        var args = new List<string>
        {
            "mktx", "--private-key", keyHex, "--nonce", Text(nonce), "--gas-limit", Text(gasLimit),
            "--chain", Text(chainId), "--value", Text(value),
        };

        if (kind == "legacy")
        {
            var gasPrice = NextQuantity(72);
            fields["gasPrice"] = Text(gasPrice);
            args.AddRange(["--legacy", "--gas-price", Text(gasPrice)]);
        }
        else
        {
            var maxFee = NextQuantity(72);
            var tip = maxFee.IsZero ? BigInteger.Zero : NextQuantity(64) % (maxFee + 1);
            var accessList = NextAccessList();
            fields["maxFeePerGas"] = Text(maxFee);
            fields["maxPriorityFeePerGas"] = Text(tip);
            fields["accessList"] = accessList;
            args.AddRange(["--gas-price", Text(maxFee), "--priority-gas-price", Text(tip)]);
            if (accessList.Count > 0)
                args.AddRange(["--access-list", accessList.ToJsonString()]);
        }

        if (creation)
            args.AddRange(["--create", dataHex]);
        else
        {
            args.Add(to!);
            if (data.Length > 0)
                args.Add(dataHex);
        }
        return new Case(kind, fields, args);
    }

    private JsonArray NextAccessList()
    {
        var list = new JsonArray();
        var entries = _random.Next(3) == 0 ? 0 : _random.Next(1, 4);
        for (var i = 0; i < entries; i++)
        {
            var keys = new JsonArray();
            for (var k = _random.Next(0, 4); k > 0; k--)
                keys.Add("0x" + Convert.ToHexStringLower(NextBytes(32)));
            list.Add(new JsonObject
            {
                ["address"] = "0x" + Convert.ToHexStringLower(NextBytes(20)),
                ["storageKeys"] = keys,
            });
        }
        return list;
    }

    private PrivateKey NextKey()
    {
        while (true)
        {
            var bytes = NextBytes(32);
            if (Secp256k1.IsValidPrivateKey(bytes))
                return PrivateKey.FromBytes(bytes);
        }
    }

    private BigInteger NextQuantity(int maxBits) => _random.Next(5) switch
    {
        0 => BigInteger.Zero,
        1 => BigInteger.One,
        _ => new BigInteger(NextBytes(_random.Next(1, maxBits / 8 + 1)), isUnsigned: true, isBigEndian: true),
    };

    private byte[] NextBytes(int length)
    {
        var bytes = new byte[length];
        _random.NextBytes(bytes);
        return bytes;
    }

    private static string Text(ulong value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Text(BigInteger value) => value.ToString(CultureInfo.InvariantCulture);
}
