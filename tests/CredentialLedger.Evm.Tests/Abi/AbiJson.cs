using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using CredentialLedger.Evm.Abi;
using CredentialLedger.Evm.Hex;

namespace CredentialLedger.Evm.Tests.Abi;

/// <summary>
/// Converts between <see cref="AbiValue"/> and the JSON value form of <c>cast/abi_encode.json</c> (which the cast
/// cross-check's generated cases share): integers as decimal strings (negative with '-'), address/bytesN/bytes as
/// hex, bool as a JSON boolean, string as a JSON string, arrays and tuples as JSON arrays. Addresses are parsed, so
/// comparisons ignore their hex case.
/// </summary>
internal static class AbiJson
{
    /// <summary>The typed value a JSON value denotes for <paramref name="type"/>.</summary>
    /// <exception cref="InvalidDataException">The JSON does not have the shape the type needs.</exception>
    public static AbiValue FromJson(AbiType type, JsonElement value) => type switch
    {
        AbiUIntType => AbiValue.Uint(Integer(value)),
        AbiIntType => AbiValue.Int(Integer(value)),
        AbiAddressType => AbiValue.Address(Address.Parse(Text(value))),
        AbiBoolType => AbiValue.Bool(value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Shape(type, value),
        }),
        AbiFixedBytesType => AbiValue.FixedBytes(HexConverter.ToBytes(Text(value))),
        AbiBytesType => AbiValue.Bytes(HexConverter.ToBytes(Text(value))),
        AbiStringType => AbiValue.String(Text(value)),
        AbiFixedArrayType fixedArray => AbiValue.Array(Elements(value, _ => fixedArray.Element)),
        AbiArrayType array => AbiValue.Array(Elements(value, _ => array.Element)),
        AbiTupleType tuple => AbiValue.Tuple(Elements(value, i => tuple.Components[i])),
        _ => throw Shape(type, value),
    };

    /// <summary>The typed value a <see cref="JsonNode"/> denotes (for generated cases built as nodes).</summary>
    public static AbiValue FromJson(AbiType type, JsonNode? value) => FromJson(type, JsonSerializer.SerializeToElement(value));

    /// <summary>The typed values of a JSON array of parameter values.</summary>
    public static IReadOnlyList<AbiValue> FromJson(IReadOnlyList<AbiType> types, JsonElement values)
    {
        var items = values.EnumerateArray().ToArray();
        if (items.Length != types.Count)
            throw new InvalidDataException($"{types.Count} types but {items.Length} JSON values.");
        return [.. items.Select((v, i) => FromJson(types[i], v))];
    }

    /// <summary>The JSON form of a value (addresses lowercase), the reverse of <see cref="FromJson(AbiType, JsonElement)"/>.</summary>
    public static JsonNode ToJson(AbiValue value) => value.Kind switch
    {
        AbiValueKind.Uint or AbiValueKind.Int => JsonValue.Create(value.AsBigInteger().ToString(CultureInfo.InvariantCulture)),
        AbiValueKind.Address => JsonValue.Create(value.AsAddress().ToLowerHex()),
        AbiValueKind.Bool => JsonValue.Create(value.AsBool()),
        AbiValueKind.FixedBytes or AbiValueKind.Bytes => JsonValue.Create(HexConverter.ToHex(value.AsBytes())),
        AbiValueKind.String => JsonValue.Create(value.AsString()),
        _ => new JsonArray([.. value.Items.Select(ToJson)]),
    };

    /// <summary>Asserts that decoded values equal the JSON values (structurally; address case ignored).</summary>
    public static void AssertEqual(IReadOnlyList<AbiType> types, JsonElement expected, IReadOnlyList<AbiValue> actual)
    {
        var wanted = FromJson(types, expected);
        Assert.Equal(wanted.Count, actual.Count);
        for (var i = 0; i < wanted.Count; i++)
            Assert.True(wanted[i].Equals(actual[i]), $"parameter {i} ({types[i]}): expected {wanted[i]}, got {actual[i]}");
    }

    private static BigInteger Integer(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => BigInteger.Parse(value.GetString()!, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture),
        JsonValueKind.Number => BigInteger.Parse(value.GetRawText(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture),
        _ => throw new InvalidDataException($"Expected an integer, got {value.ValueKind}."),
    };

    private static string Text(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw new InvalidDataException($"Expected a string, got {value.ValueKind}.");

    private static AbiValue[] Elements(JsonElement value, Func<int, AbiType> typeAt) =>
        value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray().Select((v, i) => FromJson(typeAt(i), v))]
            : throw new InvalidDataException($"Expected a JSON array, got {value.ValueKind}.");

    private static InvalidDataException Shape(AbiType type, JsonElement value) =>
        new($"JSON {value.ValueKind} is not a {type} value.");
}
