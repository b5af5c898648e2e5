using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json.Nodes;

namespace CredentialLedger.Evm.Tests.CastCrossCheck;

/// <summary>
/// Random ABI signatures and values from a fixed seed, written three ways: the Solidity type list, the exact
/// command-line arguments <c>cast abi-encode</c> takes, and the JSON value form of ../shared/test-vectors
/// (integers as decimal strings, bytes and addresses as hex, arrays and tuples as arrays).
/// </summary>
internal sealed class AbiCaseGenerator(int seed)
{
    private static readonly string[] Letters = ["a", "b", "z", "Q", "0", "7", "é", "日", "🙂", "-", "_", "."];
    private readonly Random _random = new(seed);

    public sealed record Case(string Signature, IReadOnlyList<string> Types, IReadOnlyList<string> CastArgs, JsonArray Values);

    public Case Next()
    {
        var count = _random.Next(1, 6);
        var types = new List<string>();
        var args = new List<string>();
        var values = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            var type = NextType(depth: 0);
            var (json, arg) = NextValue(type, topLevel: true);
            types.Add(type);
            args.Add(arg);
            values.Add(json);
        }
        return new Case($"f({string.Join(',', types)})", types, args, values);
    }

    private string NextType(int depth)
    {
        var roll = _random.Next(depth >= 2 ? 10 : 14);
        return roll switch
        {
            0 => $"uint{8 * _random.Next(1, 33)}",
            1 => $"int{8 * _random.Next(1, 33)}",
            2 => "address",
            3 => "bool",
            4 => $"bytes{_random.Next(1, 33)}",
            5 => "bytes",
            6 => "string",
            7 => "uint256",
            8 => "bytes32",
            9 => "int256",
            10 => NextType(depth + 1) + "[]",
            11 => NextType(depth + 1) + $"[{_random.Next(1, 4)}]",
            _ => "(" + string.Join(',', Enumerable.Range(0, _random.Next(1, 4)).Select(_ => NextType(depth + 1))) + ")",
        };
    }

    private (JsonNode? Json, string CastArg) NextValue(string type, bool topLevel)
    {
        if (type.EndsWith(']'))
        {
            var open = type.LastIndexOf('[');
            var element = type[..open];
            var fixedLength = type[(open + 1)..^1];
            var length = fixedLength.Length == 0 ? _random.Next(0, 4) : int.Parse(fixedLength, CultureInfo.InvariantCulture);
            var items = Enumerable.Range(0, length).Select(_ => NextValue(element, topLevel: false)).ToList();
            return (new JsonArray(items.Select(i => i.Json).ToArray()), "[" + string.Join(',', items.Select(i => i.CastArg)) + "]");
        }
        if (type.StartsWith('('))
        {
            var components = SplitTuple(type);
            var items = components.Select(c => NextValue(c, topLevel: false)).ToList();
            return (new JsonArray(items.Select(i => i.Json).ToArray()), "(" + string.Join(',', items.Select(i => i.CastArg)) + ")");
        }
        switch (type)
        {
            case "address":
            {
                var hex = "0x" + Convert.ToHexStringLower(NextBytes(20));
                return (JsonValue.Create(hex), hex);
            }
            case "bool":
            {
                var value = _random.Next(2) == 1;
                return (JsonValue.Create(value), value ? "true" : "false");
            }
            case "string":
            {
                var text = NextString();
                return (JsonValue.Create(text), topLevel ? text : $"\"{text}\"");
            }
            case "bytes":
            {
                var hex = "0x" + Convert.ToHexStringLower(NextBytes(NextLength()));
                return (JsonValue.Create(hex), hex);
            }
        }
        if (type.StartsWith("bytes", StringComparison.Ordinal))
        {
            var hex = "0x" + Convert.ToHexStringLower(NextBytes(int.Parse(type[5..], CultureInfo.InvariantCulture)));
            return (JsonValue.Create(hex), hex);
        }
        var signed = type.StartsWith("int", StringComparison.Ordinal);
        var bits = int.Parse(type[(signed ? 3 : 4)..], CultureInfo.InvariantCulture);
        var integer = NextInteger(bits, signed).ToString(CultureInfo.InvariantCulture);
        return (JsonValue.Create(integer), integer);
    }

    private BigInteger NextInteger(int bits, bool signed)
    {
        var max = signed ? (BigInteger.One << (bits - 1)) - 1 : (BigInteger.One << bits) - 1;
        var min = signed ? -(BigInteger.One << (bits - 1)) : BigInteger.Zero;
        return _random.Next(6) switch
        {
            0 => max,
            1 => min,
            2 => BigInteger.Zero,
            3 => BigInteger.One,
            _ => Clamp(new BigInteger(NextBytes((bits + 7) / 8), isUnsigned: !signed, isBigEndian: true) >> _random.Next(0, 8), min, max),
        };
    }

    private static BigInteger Clamp(BigInteger value, BigInteger min, BigInteger max) =>
        value > max ? max : value < min ? min : value;

    private int NextLength() => _random.Next(5) switch
    {
        0 => 0,
        1 => 32,
        2 => 33,
        _ => _random.Next(1, 70),
    };

    private byte[] NextBytes(int length)
    {
        var bytes = new byte[length];
        _random.NextBytes(bytes);
        return bytes;
    }

    private string NextString()
    {
        var length = _random.Next(0, 12);
        var builder = new StringBuilder();
        for (var i = 0; i < length; i++)
            builder.Append(Letters[_random.Next(Letters.Length)]);
        return builder.ToString();
    }

    internal static List<string> SplitTuple(string tuple)
    {
        var parts = new List<string>();
        var depth = 0;
        var start = 1;
        for (var i = 1; i < tuple.Length - 1; i++)
        {
            switch (tuple[i])
            {
                case '(': depth++; break;
                case ')': depth--; break;
                case ',' when depth == 0:
                    parts.Add(tuple[start..i]);
                    start = i + 1;
                    break;
            }
        }
        parts.Add(tuple[start..^1]);
        return parts;
    }
}
