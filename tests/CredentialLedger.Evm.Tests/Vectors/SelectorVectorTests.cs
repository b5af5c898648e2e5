using CredentialLedger.Evm.Abi;
using CredentialLedger.Evm.Hex;
using CredentialLedger.TestKit;

namespace CredentialLedger.Evm.Tests.Vectors;

public sealed class SelectorVectorTests
{
    public static TheoryData<VectorCase> Functions => TestVectors.Cases("cast", "selectors.json", "functions");
    public static TheoryData<VectorCase> Events => TestVectors.Cases("cast", "selectors.json", "events");

    [Theory, MemberData(nameof(Functions))]
    public void Function_selector_matches_cast_sig(VectorCase vector)
    {
        var c = vector.Element;
        var function = FunctionSignature.Parse(c.GetProperty("input").GetString()!);
        Assert.Equal(c.GetProperty("canonical").GetString(), function.CanonicalSignature);
        Assert.Equal(c.GetProperty("selector").GetString(), HexConverter.ToHex(function.Selector.Span));
    }

    [Theory, MemberData(nameof(Events))]
    public void Event_topic0_matches_cast_sig_event(VectorCase vector)
    {
        var c = vector.Element;
        var input = c.GetProperty("input").GetString()!;
        var @event = EventSignature.Parse(input);
        Assert.Equal(c.GetProperty("canonical").GetString(), @event.CanonicalSignature);
        Assert.Equal(Hash32.Parse(c.GetProperty("topic0").GetString()!), @event.Topic0);
        Assert.Equal(CountWord(input, "indexed"), @event.IndexedCount);
    }

    [Fact]
    public void Well_known_anchors()
    {
        Assert.Equal("0xa9059cbb", HexConverter.ToHex(FunctionSignature.Parse("transfer(address,uint256)").Selector.Span));
        Assert.Equal(Hash32.Parse("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef"),
            EventSignature.Parse("Transfer(address indexed from, address indexed to, uint256 value)").Topic0);
    }

    private static int CountWord(string text, string word) =>
        text.Split([' ', '(', ')', ','], StringSplitOptions.RemoveEmptyEntries).Count(t => t == word);
}
