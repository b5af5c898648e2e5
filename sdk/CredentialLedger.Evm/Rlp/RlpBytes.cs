using CredentialLedger.Evm.Hex;

namespace CredentialLedger.Evm.Rlp;

/// <summary>An RLP byte string.</summary>
public sealed class RlpBytes : RlpItem
{
    private readonly byte[] _value;

    internal RlpBytes(byte[] value) => _value = value;

    /// <summary>The payload bytes.</summary>
    public ReadOnlyMemory<byte> Value => _value;

    /// <inheritdoc/>
    public override bool IsList => false;

    /// <inheritdoc/>
    public override int EncodedLength => RlpWriter.LengthOfBytes(_value);

    /// <inheritdoc/>
    public override bool Equals(RlpItem? other) => other is RlpBytes bytes && _value.AsSpan().SequenceEqual(bytes._value);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(_value);
        return hash.ToHashCode();
    }

    /// <summary>The payload as <c>0x</c> hex.</summary>
    public override string ToString() => HexConverter.ToHex(_value);

    internal override void WriteTo(ref RlpWriter writer) => writer.WriteBytes(_value);
}
