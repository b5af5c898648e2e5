namespace CredentialLedger.Evm.Rlp;

/// <summary>
/// A decoded RLP value: a byte string (<see cref="RlpBytes"/>) or a list of items (<see cref="RlpList"/>).
/// Meant for generic tooling and tests; typed codecs such as the transaction codec use
/// <see cref="RlpReader"/> and <see cref="RlpWriter"/> directly and never build a tree.
/// Equality is structural.
/// </summary>
public abstract class RlpItem : IEquatable<RlpItem>
{
    private protected RlpItem() { }

    /// <summary>True for a list, false for a byte string.</summary>
    public abstract bool IsList { get; }

    /// <summary>Length of the item's encoding, header included.</summary>
    public abstract int EncodedLength { get; }

    /// <summary>A byte string item (copies <paramref name="value"/>).</summary>
    public static RlpBytes FromBytes(ReadOnlySpan<byte> value) => new(value.ToArray());

    /// <summary>A list item.</summary>
    public static RlpList FromList(params IEnumerable<RlpItem> items) => new(items);

    /// <summary>An integer as its minimal big-endian byte string (zero is empty).</summary>
    public static RlpBytes FromUInt64(ulong value)
    {
        Span<byte> buffer = stackalloc byte[9];
        var writer = new RlpWriter(buffer);
        writer.WriteInteger(value);
        return new RlpBytes(new RlpReader(writer.Written).ReadBytes().ToArray());
    }

    /// <inheritdoc/>
    public abstract bool Equals(RlpItem? other);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as RlpItem);

    /// <inheritdoc/>
    public abstract override int GetHashCode();

    internal abstract void WriteTo(ref RlpWriter writer);
}
