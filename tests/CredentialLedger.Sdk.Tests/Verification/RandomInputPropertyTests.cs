using CsCheck;
using static CredentialLedger.Sdk.Tests.LedgerScenario;

namespace CredentialLedger.Sdk.Tests.Verification;

/// <summary>Random and randomly altered tokens: the verifier answers, never throws, and never recognizes them.</summary>
public sealed class RandomInputPropertyTests : IDisposable
{
    private readonly LedgerScenario _s = LedgerScenario.Standard();
    private readonly Sdk.Verification.PresentedCredential _genuine;

    public RandomInputPropertyTests()
    {
        _genuine = _s.Anchor(Kr, Anchoring, _s.SignNew(Kr), _s.SignNew(Kr))[1];
        Assert.True(_s.Verify(_genuine, Uz).Recognized);
    }

    public void Dispose() => _s.Dispose();

    [Fact]
    public void Arbitrary_strings_are_answered_not_recognized_and_never_throw()
    {
        Gen.String.Sample(jws =>
        {
            var result = _s.Verify(_genuine with { Jws = jws }, Uz);

            Assert.False(result.Recognized);
            Assert.NotEmpty(result.Reasons);
        });
    }

    [Fact]
    public void A_genuine_token_with_one_character_replaced_is_never_recognized()
    {
        Gen.Select(Gen.Int[0, _genuine.Jws.Length - 1], Gen.Char['\0', '\u00ff']).Sample((position, c) =>
        {
            var chars = _genuine.Jws.ToCharArray();
            if (chars[position] == c)
                return;
            chars[position] = c;

            // Even where the change leaves the decoded signature bytes alone (the spare bits of the last base64url
            // character), the leaf commits to the exact text, so the proof fails.
            var result = _s.Verify(_genuine with { Jws = new string(chars) }, Uz);

            Assert.False(result.Recognized);
            Assert.NotEmpty(result.Reasons);
        });
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void A_genuine_token_with_one_byte_of_its_decoded_header_or_payload_replaced_is_never_recognized(int segment)
    {
        var parts = _genuine.Jws.Split('.');
        var decoded = System.Buffers.Text.Base64Url.DecodeFromChars(parts[segment]);
        Gen.Select(Gen.Int[0, decoded.Length - 1], Gen.Byte).Sample((position, b) =>
        {
            if (decoded[position] == b)
                return;
            var altered = decoded.ToArray();
            altered[position] = b;
            var tampered = (string[])parts.Clone();
            tampered[segment] = HandMadeTokens.B64(altered);

            var result = _s.Verify(_genuine with { Jws = string.Join('.', tampered) }, Uz);

            Assert.False(result.Recognized);
            Assert.True(result.Has(Sdk.Verification.VerificationFailure.ProofMismatch));
        });
    }

    [Fact]
    public void Random_indices_and_proofs_for_a_genuine_token_are_never_recognized()
    {
        Gen.Select(Gen.UInt, Gen.Byte.Array[32].Array[0, 4]).Sample((index, proof) =>
        {
            var presented = _genuine with { Index = index, Proof = [.. proof.Select(p => new Evm.Hash32(p))] };
            if (presented.Index == _genuine.Index && presented.Proof.SequenceEqual(_genuine.Proof))
                return;

            var result = _s.Verify(presented, Uz);

            Assert.False(result.Recognized);
            Assert.True(result.Has(Sdk.Verification.VerificationFailure.ProofMismatch));
        });
    }
}
