namespace CredentialLedger.Evm.Rlp;

/// <summary>An RLP list.</summary>
public sealed class RlpList : RlpItem
{
    private readonly RlpItem[] _items;
    private int _payloadLength = -1;

    internal RlpList(IEnumerable<RlpItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        _items = [.. items];
        foreach (var item in _items)
            ArgumentNullException.ThrowIfNull(item, nameof(items));
    }

    /// <summary>The items, in order.</summary>
    public IReadOnlyList<RlpItem> Items => _items;

    /// <summary>Total encoded length of the items (the list's payload), computed once.</summary>
    public int PayloadLength
    {
        get
        {
            // The tree is immutable, so caching is safe; a racing recomputation writes the same int.
            if (_payloadLength < 0)
            {
                var total = 0;
                foreach (var item in _items)
                    total = checked(total + item.EncodedLength);
                _payloadLength = total;
            }
            return _payloadLength;
        }
    }

    /// <inheritdoc/>
    public override bool IsList => true;

    /// <inheritdoc/>
    public override int EncodedLength => RlpWriter.LengthOfList(PayloadLength);

    /// <inheritdoc/>
    public override bool Equals(RlpItem? other)
    {
        if (other is not RlpList list || list._items.Length != _items.Length)
            return false;
        for (var i = 0; i < _items.Length; i++)
        {
            if (!_items[i].Equals(list._items[i]))
                return false;
        }
        return true;
    }

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(_items.Length);
        foreach (var item in _items)
            hash.Add(item.GetHashCode());
        return hash.ToHashCode();
    }

    /// <summary>The items as <c>[a, b, …]</c>.</summary>
    public override string ToString() => "[" + string.Join(", ", (IEnumerable<RlpItem>)_items) + "]";

    internal override void WriteTo(ref RlpWriter writer)
    {
        writer.WriteListHeader(PayloadLength);
        foreach (var item in _items)
            item.WriteTo(ref writer);
    }
}
