namespace CredentialLedger.Evm.Abi;

/// <summary>
/// A Solidity ABI type (Solidity ABI specification, "Types"): elementary types, fixed and dynamic arrays, and tuples.
/// Instances are immutable and compare by <see cref="CanonicalName"/>.
/// </summary>
public abstract class AbiType : IEquatable<AbiType>
{
    /// <summary>Deepest type nesting <see cref="Parse"/> accepts; bounds the decoder's recursion as well.</summary>
    public const int MaxNestingDepth = 32;

    private protected AbiType()
    {
    }

    /// <summary>
    /// The canonical type name used in signatures (<c>uint256</c>, never <c>uint</c>; tuples as <c>(t1,t2)</c>).
    /// </summary>
    public abstract string CanonicalName { get; }

    /// <summary>
    /// Whether the type is dynamic in the ABI sense: <c>bytes</c>, <c>string</c>, <c>T[]</c>, and any array or tuple
    /// that contains a dynamic type. Dynamic values are encoded in the tail and referenced by an offset.
    /// </summary>
    public abstract bool IsDynamic { get; }

    /// <summary>
    /// Bytes the type occupies in the head of an enclosing tuple: 32 for dynamic types (the offset word), the full
    /// encoded size for static ones.
    /// </summary>
    internal abstract int HeadSize { get; }

    /// <summary>Nesting depth (1 for elementary types).</summary>
    internal abstract int Depth { get; }

    /// <summary>The <c>uint256</c> type.</summary>
    public static AbiType UInt256 { get; } = new AbiUIntType(256);

    /// <summary>The <c>int256</c> type.</summary>
    public static AbiType Int256 { get; } = new AbiIntType(256);

    /// <summary>The <c>address</c> type.</summary>
    public static AbiType Address { get; } = new AbiAddressType();

    /// <summary>The <c>bool</c> type.</summary>
    public static AbiType Bool { get; } = new AbiBoolType();

    /// <summary>The dynamic <c>bytes</c> type.</summary>
    public static AbiType Bytes { get; } = new AbiBytesType();

    /// <summary>The <c>string</c> type.</summary>
    public static AbiType String { get; } = new AbiStringType();

    /// <summary>The <c>bytes32</c> type.</summary>
    public static AbiType Bytes32 { get; } = new AbiFixedBytesType(32);

    /// <summary>
    /// Parses a type as written in Solidity signatures: <c>uint8</c>…<c>uint256</c>, <c>int8</c>…<c>int256</c>,
    /// <c>uint</c>/<c>int</c> (aliases of the 256-bit types), <c>address</c>, <c>bool</c>, <c>bytes1</c>…<c>bytes32</c>,
    /// <c>bytes</c>, <c>string</c>, <c>T[k]</c>, <c>T[]</c>, and tuples <c>(T1,T2,…)</c> (optionally spelled
    /// <c>tuple(…)</c>, components may carry names). Whitespace around tokens is ignored.
    /// </summary>
    /// <param name="text">The type.</param>
    /// <exception cref="FormatException">The text is not a valid ABI type; the message says why and where.</exception>
    public static AbiType Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return AbiTypeParser.ParseType(text);
    }

    /// <summary>Parses a type, returning <see langword="false"/> instead of throwing.</summary>
    public static bool TryParse(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out AbiType? type)
    {
        type = null;
        if (text is null)
            return false;
        try
        {
            type = AbiTypeParser.ParseType(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    // Encoder and decoder recurse along the type, so its depth is bounded wherever a type is built.
    private protected static int CheckDepth(int depth) => depth <= MaxNestingDepth
        ? depth
        : throw new ArgumentException($"ABI types nest at most {MaxNestingDepth} levels deep.");

    /// <inheritdoc/>
    public bool Equals(AbiType? other) => other is not null && other.CanonicalName == CanonicalName;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as AbiType);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(CanonicalName);

    /// <summary>The canonical name.</summary>
    public override string ToString() => CanonicalName;

    /// <summary>Compares two types by canonical name.</summary>
    public static bool operator ==(AbiType? left, AbiType? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Compares two types by canonical name.</summary>
    public static bool operator !=(AbiType? left, AbiType? right) => !(left == right);
}

/// <summary><c>uintN</c>: an unsigned integer of N bits, 8 ≤ N ≤ 256, N a multiple of 8.</summary>
public sealed class AbiUIntType : AbiType
{
    /// <summary>Creates <c>uint{bits}</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Bits is not a multiple of 8 in 8..256.</exception>
    public AbiUIntType(int bits)
    {
        if (bits is < 8 or > 256 || bits % 8 != 0)
            throw new ArgumentOutOfRangeException(nameof(bits), bits, "uintN needs N a multiple of 8 in 8..256.");
        Bits = bits;
        CanonicalName = "uint" + bits.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The bit width N.</summary>
    public int Bits { get; }

    /// <inheritdoc/>
    public override string CanonicalName { get; }

    /// <inheritdoc/>
    public override bool IsDynamic => false;

    internal override int HeadSize => 32;

    internal override int Depth => 1;
}

/// <summary><c>intN</c>: a two's complement signed integer of N bits, 8 ≤ N ≤ 256, N a multiple of 8.</summary>
public sealed class AbiIntType : AbiType
{
    /// <summary>Creates <c>int{bits}</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Bits is not a multiple of 8 in 8..256.</exception>
    public AbiIntType(int bits)
    {
        if (bits is < 8 or > 256 || bits % 8 != 0)
            throw new ArgumentOutOfRangeException(nameof(bits), bits, "intN needs N a multiple of 8 in 8..256.");
        Bits = bits;
        CanonicalName = "int" + bits.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The bit width N.</summary>
    public int Bits { get; }

    /// <inheritdoc/>
    public override string CanonicalName { get; }

    /// <inheritdoc/>
    public override bool IsDynamic => false;

    internal override int HeadSize => 32;

    internal override int Depth => 1;
}

/// <summary><c>address</c>: 20 bytes, encoded like <c>uint160</c>.</summary>
public sealed class AbiAddressType : AbiType
{
    /// <summary>Creates the type (prefer <see cref="AbiType.Address"/>).</summary>
    public AbiAddressType()
    {
    }

    /// <inheritdoc/>
    public override string CanonicalName => "address";

    /// <inheritdoc/>
    public override bool IsDynamic => false;

    internal override int HeadSize => 32;

    internal override int Depth => 1;
}

/// <summary><c>bool</c>: encoded like <c>uint8</c> restricted to 0 and 1.</summary>
public sealed class AbiBoolType : AbiType
{
    /// <summary>Creates the type (prefer <see cref="AbiType.Bool"/>).</summary>
    public AbiBoolType()
    {
    }

    /// <inheritdoc/>
    public override string CanonicalName => "bool";

    /// <inheritdoc/>
    public override bool IsDynamic => false;

    internal override int HeadSize => 32;

    internal override int Depth => 1;
}

/// <summary><c>bytesN</c>: N bytes, 1 ≤ N ≤ 32, left-aligned and zero-padded on the right.</summary>
public sealed class AbiFixedBytesType : AbiType
{
    /// <summary>Creates <c>bytes{size}</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Size is outside 1..32.</exception>
    public AbiFixedBytesType(int size)
    {
        if (size is < 1 or > 32)
            throw new ArgumentOutOfRangeException(nameof(size), size, "bytesN needs N in 1..32.");
        Size = size;
        CanonicalName = "bytes" + size.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The byte count N.</summary>
    public int Size { get; }

    /// <inheritdoc/>
    public override string CanonicalName { get; }

    /// <inheritdoc/>
    public override bool IsDynamic => false;

    internal override int HeadSize => 32;

    internal override int Depth => 1;
}

/// <summary><c>bytes</c>: a dynamic byte string (length word, then the bytes zero-padded to a multiple of 32).</summary>
public sealed class AbiBytesType : AbiType
{
    /// <summary>Creates the type (prefer <see cref="AbiType.Bytes"/>).</summary>
    public AbiBytesType()
    {
    }

    /// <inheritdoc/>
    public override string CanonicalName => "bytes";

    /// <inheritdoc/>
    public override bool IsDynamic => true;

    internal override int HeadSize => 32;

    internal override int Depth => 1;
}

/// <summary><c>string</c>: UTF-8 text, encoded like <c>bytes</c>.</summary>
public sealed class AbiStringType : AbiType
{
    /// <summary>Creates the type (prefer <see cref="AbiType.String"/>).</summary>
    public AbiStringType()
    {
    }

    /// <inheritdoc/>
    public override string CanonicalName => "string";

    /// <inheritdoc/>
    public override bool IsDynamic => true;

    internal override int HeadSize => 32;

    internal override int Depth => 1;
}

/// <summary><c>T[k]</c>: exactly k elements, encoded as a k-tuple of T; dynamic iff T is.</summary>
public sealed class AbiFixedArrayType : AbiType
{
    /// <summary>Creates <c>{element}[{length}]</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Length is not positive, or the static size exceeds 2^31 bytes.</exception>
    public AbiFixedArrayType(AbiType element, int length)
    {
        ArgumentNullException.ThrowIfNull(element);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        Element = element;
        Length = length;
        IsDynamic = element.IsDynamic;
        var head = IsDynamic ? 32L : (long)element.HeadSize * length;
        if (head > int.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(length), length, "The array's encoded size exceeds 2^31 bytes.");
        HeadSize = (int)head;
        Depth = CheckDepth(element.Depth + 1);
        CanonicalName = element.CanonicalName + "[" + length.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";
    }

    /// <summary>The element type T.</summary>
    public AbiType Element { get; }

    /// <summary>The element count k.</summary>
    public int Length { get; }

    /// <inheritdoc/>
    public override string CanonicalName { get; }

    /// <inheritdoc/>
    public override bool IsDynamic { get; }

    internal override int HeadSize { get; }

    internal override int Depth { get; }
}

/// <summary><c>T[]</c>: a length word followed by the elements encoded as a tuple; always dynamic.</summary>
public sealed class AbiArrayType : AbiType
{
    /// <summary>Creates <c>{element}[]</c>.</summary>
    /// <exception cref="ArgumentException">The type would nest deeper than <see cref="AbiType.MaxNestingDepth"/>.</exception>
    public AbiArrayType(AbiType element)
    {
        ArgumentNullException.ThrowIfNull(element);
        Element = element;
        Depth = CheckDepth(element.Depth + 1);
        CanonicalName = element.CanonicalName + "[]";
    }

    /// <summary>The element type T.</summary>
    public AbiType Element { get; }

    /// <inheritdoc/>
    public override string CanonicalName { get; }

    /// <inheritdoc/>
    public override bool IsDynamic => true;

    internal override int HeadSize => 32;

    internal override int Depth { get; }
}

/// <summary><c>(T1,…,Tn)</c>: heads of all components, then the tails of the dynamic ones; dynamic iff any component is.</summary>
public sealed class AbiTupleType : AbiType
{
    private readonly AbiType[] _components;

    /// <summary>Creates a tuple of the given component types (at least one).</summary>
    /// <exception cref="ArgumentException">No components, or the static size exceeds 2^31 bytes.</exception>
    public AbiTupleType(params IReadOnlyList<AbiType> components)
    {
        ArgumentNullException.ThrowIfNull(components);
        if (components.Count == 0)
            throw new ArgumentException("A tuple type needs at least one component.", nameof(components));
        _components = [.. components];
        long head = 0;
        var depth = 0;
        foreach (var component in _components)
        {
            ArgumentNullException.ThrowIfNull(component, nameof(components));
            IsDynamic |= component.IsDynamic;
            head += component.HeadSize;
            depth = Math.Max(depth, component.Depth);
        }
        if (!IsDynamic && head > int.MaxValue)
            throw new ArgumentException("The tuple's encoded size exceeds 2^31 bytes.", nameof(components));
        HeadSize = IsDynamic ? 32 : (int)head;
        Depth = CheckDepth(depth + 1);
        CanonicalName = "(" + string.Join(",", _components.Select(c => c.CanonicalName)) + ")";
    }

    /// <summary>The component types, in order.</summary>
    public IReadOnlyList<AbiType> Components => _components;

    /// <inheritdoc/>
    public override string CanonicalName { get; }

    /// <inheritdoc/>
    public override bool IsDynamic { get; }

    internal override int HeadSize { get; }

    internal override int Depth { get; }

    /// <summary>Sum of the components' head sizes: where the tail starts inside the tuple's own encoding.</summary>
    internal long ComponentsHeadSize => _components.Sum(c => (long)c.HeadSize);
}
