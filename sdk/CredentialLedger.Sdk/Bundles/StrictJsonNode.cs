using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using CredentialLedger.Contracts;
using CredentialLedger.Evm;
using CredentialLedger.Evm.Hex;

namespace CredentialLedger.Sdk.Bundles;

/// <summary>
/// A JSON value with its path, read strictly: every accessor checks the kind and form and throws a
/// <see cref="ProofBundleFormatException"/> naming the path, so a malformed file never surfaces as a
/// <see cref="KeyNotFoundException"/> or <see cref="InvalidOperationException"/> from System.Text.Json.
/// </summary>
internal readonly struct StrictJsonNode
{
    private readonly JsonElement _element;
    private readonly string _path;

    public StrictJsonNode(JsonElement element, string path)
    {
        _element = element;
        _path = path;
    }

    public string Path => _path;

    public bool IsNull => _element.ValueKind == JsonValueKind.Null;

    /// <summary>
    /// This object's properties, which must be exactly <paramref name="names"/>: a missing one, an unknown one (a
    /// typo, or a field of a later version) and a repeated one (which a lenient reader would silently take the last of)
    /// are all refused.
    /// </summary>
    public IReadOnlyDictionary<string, StrictJsonNode> Object(params string[] names)
    {
        if (_element.ValueKind != JsonValueKind.Object)
            Fail($"expected a JSON object, found {Describe(_element.ValueKind)}");
        var properties = new Dictionary<string, StrictJsonNode>(StringComparer.Ordinal);
        foreach (var property in _element.EnumerateObject())
        {
            if (!names.Contains(property.Name, StringComparer.Ordinal))
                Fail($"unknown field \"{property.Name}\" (expected {string.Join(", ", names)})");
            if (!properties.TryAdd(property.Name, new StrictJsonNode(property.Value, $"{_path}.{property.Name}")))
                Fail($"field \"{property.Name}\" appears twice");
        }
        foreach (var name in names)
        {
            if (!properties.ContainsKey(name))
                Fail($"missing field \"{name}\"");
        }
        return properties;
    }

    /// <summary>The property <paramref name="name"/> if this is an object that has it (for the version check before strict reading).</summary>
    public StrictJsonNode? Peek(string name) =>
        _element.ValueKind == JsonValueKind.Object && _element.TryGetProperty(name, out var value) ? new StrictJsonNode(value, $"{_path}.{name}") : null;

    public IReadOnlyList<StrictJsonNode> Array()
    {
        if (_element.ValueKind != JsonValueKind.Array)
            Fail($"expected a JSON array, found {Describe(_element.ValueKind)}");
        var path = _path;
        return [.. _element.EnumerateArray().Select((e, i) => new StrictJsonNode(e, $"{path}[{i}]"))];
    }

    public string String()
    {
        if (_element.ValueKind != JsonValueKind.String)
            Fail($"expected a string, found {Describe(_element.ValueKind)}");
        return _element.GetString()!;
    }

    public ulong UInt64()
    {
        ulong value = 0;
        if (_element.ValueKind != JsonValueKind.Number || !_element.TryGetUInt64(out value) || !IsPlainInteger(_element.GetRawText()))
            Fail($"expected an unsigned 64-bit integer, found {Show()}");
        return value;
    }

    public uint UInt32()
    {
        var value = UInt64();
        if (value > uint.MaxValue)
            Fail($"expected an unsigned 32-bit integer, found {value}");
        return (uint)value;
    }

    public bool Boolean()
    {
        if (_element.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            Fail($"expected true or false, found {Show()}");
        return _element.GetBoolean();
    }

    public Hash32 Hash()
    {
        var text = String();
        var hash = default(Hash32);
        if (!text.StartsWith("0x", StringComparison.Ordinal) || !Hash32.TryParse(text, out hash))
            Fail($"expected 0x and 64 hex digits, found {Quote(text)}");
        return hash;
    }

    public byte[] Bytes()
    {
        var text = String();
        byte[]? bytes = null;
        if (!text.StartsWith("0x", StringComparison.Ordinal) || !HexConverter.TryToBytes(text, out bytes))
            Fail($"expected 0x and an even number of hex digits, found {Quote(text)}");
        return bytes;
    }

    public Address Address()
    {
        var text = String();
        var address = default(Address);
        if (!text.StartsWith("0x", StringComparison.Ordinal) || !Evm.Address.TryParse(text, out address))
            Fail($"expected an address (0x and 40 hex digits, EIP-55 checksum when mixed case), found {Quote(text)}");
        return address;
    }

    public MemberCode Member()
    {
        var text = String();
        if (!MemberCode.TryParse(text, out var code))
            Fail($"expected a member code (two upper-case letters), found {Quote(text)}");
        return code;
    }

    public DateTimeOffset Time()
    {
        var text = String();
        if (!DateTimeOffset.TryParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            Fail($"expected an ISO 8601 round-trip time such as 2026-01-01T00:00:00.0000000+00:00, found {Quote(text)}");
        return time;
    }

    public T EnumName<T>() where T : struct, Enum
    {
        var text = String();
        // Names only: Enum.TryParse would also take "1" or "Active, Revoked".
        if (!Enum.GetNames<T>().Contains(text, StringComparer.Ordinal))
            Fail($"expected one of {string.Join(", ", Enum.GetNames<T>())}, found {Quote(text)}");
        return Enum.Parse<T>(text);
    }

    [DoesNotReturn, StackTraceHidden]
    public void Fail(string message) => throw new ProofBundleFormatException($"{_path}: {message}.");

    // JSON allows 1.0 and 1e3 for integers; a canonical file writes plain digits, and strict reading keeps it so.
    private static bool IsPlainInteger(string raw) => raw.Length > 0 && raw.All(char.IsAsciiDigit) && (raw.Length == 1 || raw[0] != '0');

    private string Show() => _element.ValueKind == JsonValueKind.String ? Quote(_element.GetString()!) : Truncate(_element.GetRawText());

    private static string Quote(string text) => "\"" + Truncate(text) + "\"";

    private static string Truncate(string text) => text.Length <= 80 ? text : text[..77] + "...";

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
