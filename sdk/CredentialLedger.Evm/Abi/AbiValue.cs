using System.Globalization;
using System.Numerics;
using System.Text;
using CredentialLedger.Evm.Hex;

namespace CredentialLedger.Evm.Abi;

/// <summary>
/// A typed ABI value. Create values with the factory methods (<see cref="Uint"/>, <see cref="Address(Evm.Address)"/>,
/// <see cref="Array(IReadOnlyList{AbiValue})"/>, …) and read them with the accessors (<see cref="AsBigInteger"/>,
/// <see cref="AsAddress"/>, <see cref="Items"/>, …). Values are immutable and compare structurally. Whether a value
/// fits its <see cref="AbiType"/> (integer range, bytesN length, array length) is checked by <see cref="AbiEncoder"/>.
/// </summary>
public abstract class AbiValue : IEquatable<AbiValue>
{
    private protected AbiValue()
    {
    }

    /// <summary>An unsigned integer, for <c>uintN</c>.</summary>
    public static AbiValue Uint(BigInteger value) => new AbiIntegerValue(value, signed: false);

    /// <summary>A signed integer, for <c>intN</c>.</summary>
    public static AbiValue Int(BigInteger value) => new AbiIntegerValue(value, signed: true);

    /// <summary>An <c>address</c>.</summary>
    public static AbiValue Address(Address value) => new AbiAddressValue(value);

    /// <summary>A <c>bool</c>.</summary>
    public static AbiValue Bool(bool value) => value ? AbiBoolValue.True : AbiBoolValue.False;

    /// <summary>A <c>bytesN</c> value (the bytes are copied; the length must equal N at encode time).</summary>
    public static AbiValue FixedBytes(ReadOnlySpan<byte> value) => new AbiBytesValue(value.ToArray(), isFixed: true);

    /// <summary>A <c>bytes</c> value (the bytes are copied).</summary>
    public static AbiValue Bytes(ReadOnlySpan<byte> value) => new AbiBytesValue(value.ToArray(), isFixed: false);

    /// <summary>A <c>string</c> value.</summary>
    public static AbiValue String(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new AbiStringValue(value);
    }

    /// <summary>A <c>T[k]</c> or <c>T[]</c> value.</summary>
    public static AbiValue Array(IReadOnlyList<AbiValue> items) => new AbiArrayValue(Copy(items), isTuple: false);

    /// <summary>A <c>T[k]</c> or <c>T[]</c> value.</summary>
    public static AbiValue Array(params AbiValue[] items) => Array((IReadOnlyList<AbiValue>)items);

    /// <summary>A tuple value.</summary>
    public static AbiValue Tuple(IReadOnlyList<AbiValue> items) => new AbiArrayValue(Copy(items), isTuple: true);

    /// <summary>A tuple value.</summary>
    public static AbiValue Tuple(params AbiValue[] items) => Tuple((IReadOnlyList<AbiValue>)items);

    /// <summary>The kind of value.</summary>
    public abstract AbiValueKind Kind { get; }

    /// <summary>The integer of a <c>uintN</c>/<c>intN</c> value.</summary>
    /// <exception cref="InvalidOperationException">The value is not an integer.</exception>
    public virtual BigInteger AsBigInteger() => throw WrongKind("an integer");

    /// <summary>The address of an <c>address</c> value.</summary>
    /// <exception cref="InvalidOperationException">The value is not an address.</exception>
    public virtual Address AsAddress() => throw WrongKind("an address");

    /// <summary>The flag of a <c>bool</c> value.</summary>
    /// <exception cref="InvalidOperationException">The value is not a bool.</exception>
    public virtual bool AsBool() => throw WrongKind("a bool");

    /// <summary>The text of a <c>string</c> value.</summary>
    /// <exception cref="InvalidOperationException">The value is not a string.</exception>
    public virtual string AsString() => throw WrongKind("a string");

    /// <summary>A copy of the bytes of a <c>bytes</c> or <c>bytesN</c> value.</summary>
    /// <exception cref="InvalidOperationException">The value is not a byte string.</exception>
    public virtual byte[] AsBytes() => throw WrongKind("a byte string");

    /// <summary>The elements of an array or the components of a tuple.</summary>
    /// <exception cref="InvalidOperationException">The value is neither.</exception>
    public virtual IReadOnlyList<AbiValue> Items => throw WrongKind("an array or tuple");

    /// <inheritdoc/>
    public abstract bool Equals(AbiValue? other);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as AbiValue);

    /// <inheritdoc/>
    public abstract override int GetHashCode();

    /// <summary>A Solidity-like rendering: <c>42</c>, <c>0xAbC…</c> (checksummed), <c>true</c>, <c>"text"</c>, <c>[1, 2]</c>, <c>(1, "a")</c>.</summary>
    public abstract override string ToString();

    /// <summary>Structural equality.</summary>
    public static bool operator ==(AbiValue? left, AbiValue? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Structural inequality.</summary>
    public static bool operator !=(AbiValue? left, AbiValue? right) => !(left == right);

    private InvalidOperationException WrongKind(string wanted) => new($"The ABI value is {Kind}, not {wanted}.");

    private static AbiValue[] Copy(IReadOnlyList<AbiValue> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var copy = new AbiValue[items.Count];
        for (var i = 0; i < copy.Length; i++)
            copy[i] = items[i] ?? throw new ArgumentException($"Item {i} is null.", nameof(items));
        return copy;
    }
}

/// <summary>The kinds of <see cref="AbiValue"/>.</summary>
public enum AbiValueKind
{
    /// <summary>An unsigned integer (<c>uintN</c>).</summary>
    Uint,

    /// <summary>A signed integer (<c>intN</c>).</summary>
    Int,

    /// <summary>An address.</summary>
    Address,

    /// <summary>A bool.</summary>
    Bool,

    /// <summary>A fixed-size byte string (<c>bytesN</c>).</summary>
    FixedBytes,

    /// <summary>A dynamic byte string (<c>bytes</c>).</summary>
    Bytes,

    /// <summary>A string.</summary>
    String,

    /// <summary>An array (<c>T[k]</c> or <c>T[]</c>).</summary>
    Array,

    /// <summary>A tuple.</summary>
    Tuple,
}

internal sealed class AbiIntegerValue(BigInteger value, bool signed) : AbiValue
{
    public BigInteger Value { get; } = value;

    public override AbiValueKind Kind => signed ? AbiValueKind.Int : AbiValueKind.Uint;

    public override BigInteger AsBigInteger() => Value;

    public override bool Equals(AbiValue? other) => other is AbiIntegerValue o && o.Kind == Kind && o.Value == Value;

    public override int GetHashCode() => HashCode.Combine(Kind, Value);

    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}

internal sealed class AbiAddressValue(Address value) : AbiValue
{
    public Address Value { get; } = value;

    public override AbiValueKind Kind => AbiValueKind.Address;

    public override Address AsAddress() => Value;

    public override bool Equals(AbiValue? other) => other is AbiAddressValue o && o.Value == Value;

    public override int GetHashCode() => Value.GetHashCode();

    public override string ToString() => Value.ToChecksumString();
}

internal sealed class AbiBoolValue(bool value) : AbiValue
{
    public static readonly AbiBoolValue True = new(true);
    public static readonly AbiBoolValue False = new(false);

    public bool Value { get; } = value;

    public override AbiValueKind Kind => AbiValueKind.Bool;

    public override bool AsBool() => Value;

    public override bool Equals(AbiValue? other) => other is AbiBoolValue o && o.Value == Value;

    public override int GetHashCode() => Value.GetHashCode();

    public override string ToString() => Value ? "true" : "false";
}

internal sealed class AbiBytesValue(byte[] value, bool isFixed) : AbiValue
{
    /// <summary>The bytes, owned by this value (never handed out without copying).</summary>
    public ReadOnlyMemory<byte> Value { get; } = value;

    public override AbiValueKind Kind => isFixed ? AbiValueKind.FixedBytes : AbiValueKind.Bytes;

    public override byte[] AsBytes() => Value.ToArray();

    public override bool Equals(AbiValue? other) =>
        other is AbiBytesValue o && o.Kind == Kind && o.Value.Span.SequenceEqual(Value.Span);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Kind);
        hash.AddBytes(Value.Span);
        return hash.ToHashCode();
    }

    public override string ToString() => HexConverter.ToHex(Value.Span);
}

internal sealed class AbiStringValue(string value) : AbiValue
{
    public string Value { get; } = value;

    public override AbiValueKind Kind => AbiValueKind.String;

    public override string AsString() => Value;

    public override bool Equals(AbiValue? other) => other is AbiStringValue o && string.Equals(o.Value, Value, StringComparison.Ordinal);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    public override string ToString()
    {
        var builder = new StringBuilder(Value.Length + 2).Append('"');
        foreach (var c in Value)
        {
            _ = c switch
            {
                '"' => builder.Append("\\\""),
                '\\' => builder.Append("\\\\"),
                '\n' => builder.Append("\\n"),
                _ when char.IsControl(c) => builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => builder.Append(c),
            };
        }
        return builder.Append('"').ToString();
    }
}

internal sealed class AbiArrayValue(AbiValue[] items, bool isTuple) : AbiValue
{
    private readonly AbiValue[] _items = items;

    public override AbiValueKind Kind => isTuple ? AbiValueKind.Tuple : AbiValueKind.Array;

    public override IReadOnlyList<AbiValue> Items => _items;

    public override bool Equals(AbiValue? other)
    {
        if (other is not AbiArrayValue o || o.Kind != Kind || o._items.Length != _items.Length)
            return false;
        for (var i = 0; i < _items.Length; i++)
        {
            if (!_items[i].Equals(o._items[i]))
                return false;
        }
        return true;
    }

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Kind);
        foreach (var item in _items)
            hash.Add(item);
        return hash.ToHashCode();
    }

    public override string ToString() =>
        (isTuple ? "(" : "[") + string.Join(", ", _items.Select(i => i.ToString())) + (isTuple ? ")" : "]");
}
