namespace CredentialLedger.Evm.Rlp;

/// <summary>
/// Generic RLP encoding and strict decoding of <see cref="RlpItem"/> trees (Yellow Paper appendix B).
/// Named <c>RlpCodec</c>, not <c>Rlp</c>: a type named like its namespace cannot be reached by its short name
/// from code under <c>CredentialLedger.Evm</c>, where <c>Rlp</c> binds to the namespace.
/// </summary>
public static class RlpCodec
{
    /// <summary>
    /// Deepest list nesting <see cref="Decode"/> accepts. Decoding recurses once per level, and a stack overflow
    /// cannot be caught, so a hostile input of nested 0xc1 bytes must be refused instead.
    /// </summary>
    public const int MaxDepth = 256;

    /// <summary>Encodes an item.</summary>
    public static byte[] Encode(RlpItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var bytes = new byte[item.EncodedLength];
        var writer = new RlpWriter(bytes);
        item.WriteTo(ref writer);
        return bytes;
    }

    /// <summary>Decodes exactly one canonical item; trailing bytes are an error.</summary>
    /// <exception cref="RlpException">The input is empty, malformed, non-canonical, too deep or has trailing bytes.</exception>
    public static RlpItem Decode(ReadOnlySpan<byte> encoded)
    {
        var reader = new RlpReader(encoded);
        var item = ReadItem(ref reader, 0);
        reader.ReadEnd();
        return item;
    }

    private static RlpItem ReadItem(ref RlpReader reader, int depth)
    {
        if (!reader.PeekIsList())
            return new RlpBytes(reader.ReadBytes().ToArray());
        if (depth >= MaxDepth)
            RlpThrow.Malformed($"Lists nest deeper than {MaxDepth} levels", reader.Position);
        var listReader = reader.ReadList();
        var items = new List<RlpItem>();
        while (!listReader.IsAtEnd)
            items.Add(ReadItem(ref listReader, depth + 1));
        return new RlpList(items);
    }
}
