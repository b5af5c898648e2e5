using CredentialLedger.Evm.Accounts;
using CredentialLedger.Evm.Rpc;
using CredentialLedger.Evm.Tests.Rpc;

namespace CredentialLedger.Evm.Tests.Accounts;

public sealed class NonceManagerTests
{
    private static readonly Address Account = Address.Parse("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");

    [Fact]
    public async Task Concurrent_allocations_are_unique_and_contiguous_with_one_fetch()
    {
        var handler = FakeRpcHandler.Answering(r =>
        {
            Assert.Equal("eth_getTransactionCount", r.Method);
            Assert.Equal("pending", r.Params[1].GetString());
            return "\"0x5\"";
        });
        using var nonces = new NonceManager(handler.CreateEthClient(), Account);

        var tasks = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            var mine = new List<ulong>();
            for (var i = 0; i < 25; i++)
                mine.Add(await nonces.NextAsync(CancellationToken.None));
            return mine;
        }));
        var all = (await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(30))).SelectMany(x => x).ToList();

        Assert.Equal(200, all.Distinct().Count());
        Assert.Equal(Enumerable.Range(5, 200).Select(i => (ulong)i), all.Order());
        Assert.Equal(1, handler.Calls);
    }

    [Fact]
    public async Task Resync_fetches_the_pending_nonce_again()
    {
        var count = 0;
        var handler = FakeRpcHandler.Answering(_ => Interlocked.Increment(ref count) == 1 ? "\"0x0\"" : "\"0x9\"");
        using var nonces = new NonceManager(handler.CreateEthClient(), Account);

        Assert.Equal(0UL, await nonces.NextAsync(CancellationToken.None));
        Assert.Equal(1UL, await nonces.NextAsync(CancellationToken.None));
        nonces.Resync();
        Assert.Equal(9UL, await nonces.NextAsync(CancellationToken.None));
        Assert.Equal(2, handler.Calls);
    }

    [Theory]
    [InlineData("nonce too low: next nonce 5, tx nonce 3", true)]
    [InlineData("already known", true)]
    [InlineData("replacement transaction underpriced", true)]
    [InlineData("insufficient funds", false)]
    public void Nonce_conflicts_are_recognised(string message, bool conflict) =>
        Assert.Equal(conflict, NonceManager.IsNonceConflict(new JsonRpcException("eth_sendRawTransaction", -32000, message)));
}
