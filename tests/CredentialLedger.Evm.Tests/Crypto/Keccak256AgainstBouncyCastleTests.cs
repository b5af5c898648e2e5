using CredentialLedger.Evm.Crypto;
using CsCheck;
using Org.BouncyCastle.Crypto.Digests;

namespace CredentialLedger.Evm.Tests.Crypto;

/// <summary>
/// Our Keccak-f[1600] sponge against BouncyCastle's KeccakDigest (an independent implementation) on every length
/// around the 136-byte rate boundaries and on random inputs up to several blocks.
/// </summary>
public sealed class Keccak256AgainstBouncyCastleTests
{
    private static byte[] Reference(byte[] data)
    {
        var digest = new KeccakDigest(256);
        digest.BlockUpdate(data, 0, data.Length);
        var output = new byte[32];
        digest.DoFinal(output, 0);
        return output;
    }

    public static TheoryData<int> Lengths => [0, 1, 31, 32, 33, 64, 134, 135, 136, 137, 200, 271, 272, 273, 407, 408, 409, 1000, 4096];

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Every_length_around_the_rate_boundaries_matches(int length)
    {
        var data = new byte[length];
        for (var i = 0; i < length; i++)
            data[i] = (byte)(i * 31 + 7);

        Assert.Equal(Reference(data), Keccak256.Hash(data).ToArray());
    }

    [Fact]
    public void Random_inputs_match()
    {
        Gen.Byte.Array[0, 1200].Sample(data => Assert.Equal(Reference(data), Keccak256.Hash(data).ToArray()), iter: 2000);
    }
}
