using System.Numerics;
using CredentialLedger.Evm.Rlp;
using CsCheck;

namespace CredentialLedger.Evm.Tests.Rlp;

/// <summary>CsCheck round trips: whatever the writer produces, the strict reader accepts and gives back.</summary>
public sealed class RlpPropertyTests
{
    // Lengths straddle the 55/56-byte boundary between the short and long forms.
    private static readonly Gen<RlpItem> Leaf = Gen.OneOf(
        Gen.Byte.Array[0, 3].Select(b => (RlpItem)RlpItem.FromBytes(b)),
        Gen.Byte.Array[50, 60].Select(b => (RlpItem)RlpItem.FromBytes(b)),
        Gen.Byte.Array[250, 260].Select(b => (RlpItem)RlpItem.FromBytes(b)));

    private static readonly Gen<RlpItem> Tree = Nested(3);

    private static Gen<RlpItem> Nested(int depth) => depth == 0
        ? Leaf
        : Gen.OneOf(Leaf, Nested(depth - 1).Array[0, 6].Select(items => (RlpItem)RlpItem.FromList(items)));

    [Fact]
    public void Any_item_tree_survives_encode_then_decode() =>
        Tree.Sample(item =>
        {
            var encoded = RlpCodec.Encode(item);
            Assert.Equal(item.EncodedLength, encoded.Length);
            Assert.Equal(item, RlpCodec.Decode(encoded));
        });

    [Fact]
    public void Any_encoding_with_a_byte_appended_is_rejected() =>
        Gen.Select(Tree, Gen.Byte).Sample((item, extra) =>
        {
            byte[] encoded = [.. RlpCodec.Encode(item), extra];
            Assert.Throws<RlpException>(() => RlpCodec.Decode(encoded));
        });

    [Fact]
    public void Any_truncated_encoding_is_rejected() =>
        Tree.Sample(item =>
        {
            var encoded = RlpCodec.Encode(item);
            Assert.Throws<RlpException>(() => RlpCodec.Decode(encoded.AsSpan(0, encoded.Length - 1)));
        });

    [Fact]
    public void Any_ulong_survives_encode_then_decode() =>
        Gen.ULong.Sample(value =>
        {
            var bytes = new byte[RlpWriter.LengthOfInteger(value)];
            var writer = new RlpWriter(bytes);
            writer.WriteInteger(value);
            var reader = new RlpReader(bytes);
            Assert.Equal(value, reader.ReadUInt64());
            reader.ReadEnd();
        });

    [Fact]
    public void Any_256_bit_integer_survives_encode_then_decode() =>
        Gen.Byte.Array[0, 32].Select(b => new BigInteger(b, isUnsigned: true, isBigEndian: true)).Sample(value =>
        {
            var bytes = new byte[RlpWriter.LengthOfInteger(value)];
            var writer = new RlpWriter(bytes);
            writer.WriteInteger(value);
            var reader = new RlpReader(bytes);
            Assert.Equal(value, reader.ReadUInt256());
            reader.ReadEnd();
        });

    [Fact]
    public void Arbitrary_bytes_either_decode_canonically_or_throw_RlpException() =>
        Gen.Byte.Array[0, 40].Sample(bytes =>
        {
            RlpItem item;
            try
            {
                item = RlpCodec.Decode(bytes);
            }
            catch (RlpException)
            {
                return;
            }
            // Accepted input must be the one canonical encoding of what it decoded to.
            Assert.Equal(bytes, RlpCodec.Encode(item));
        });
}
