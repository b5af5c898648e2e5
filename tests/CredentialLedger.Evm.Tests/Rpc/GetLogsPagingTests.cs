using System.Text.Json;
using CredentialLedger.Evm.Hex;
using CredentialLedger.Evm.Rpc;

namespace CredentialLedger.Evm.Tests.Rpc;

public sealed class GetLogsPagingTests
{
    private static string LogJson(ulong block) => $$"""
        {"address":"0x5fbdb2315678afecb367f032d93f642f64180aa3","topics":["0x{{new string('a', 64)}}"],"data":"0x01",
         "blockNumber":"{{HexConverter.ToQuantity(block)}}","blockHash":"0x{{new string('b', 64)}}",
         "transactionHash":"0x{{new string('c', 64)}}","transactionIndex":"0x0","logIndex":"0x0","removed":false}
        """;

    private static (ulong From, ulong To) Range(JsonElement parameters)
    {
        var filter = parameters[0];
        return (HexConverter.ToUInt64(filter.GetProperty("fromBlock").GetString()),
            HexConverter.ToUInt64(filter.GetProperty("toBlock").GetString()));
    }

    // One log per block, so the result proves every block was covered exactly once.
    private static string LogsFor(ulong from, ulong to) =>
        "[" + string.Join(",", Enumerable.Range(0, (int)(to - from + 1)).Select(i => LogJson(from + (ulong)i))) + "]";

    [Fact]
    public async Task Range_is_split_into_pages_of_the_configured_size()
    {
        var handler = FakeRpcHandler.Answering(r =>
        {
            var (from, to) = Range(r.Params);
            Assert.True(to - from + 1 <= 4, $"page {from}..{to} is wider than 4 blocks");
            return LogsFor(from, to);
        });
        var client = handler.CreateEthClient(ethOptions: new EthClientOptions { MaxLogBlockRange = 4 });

        var logs = await client.GetLogsAsync(new LogFilter { FromBlock = 10, ToBlock = 20 }, CancellationToken.None);

        Assert.Equal(Enumerable.Range(10, 11).Select(i => (ulong?)i), logs.Select(l => l.BlockNumber));
        Assert.Equal(3, handler.Calls); // 10-13, 14-17, 18-20
    }

    [Theory]
    [InlineData(-32005, "query returned more than 10000 results")]
    [InlineData(-32000, "exceed maximum block range: 5")]
    [InlineData(-32602, "block range too large")]
    [InlineData(-32000, "range too large, max is 5")]
    public async Task Page_rejected_as_too_large_is_halved_and_retried(int code, string message)
    {
        var handler = new FakeRpcHandler((r, _) =>
        {
            var (from, to) = Range(r.Params);
            var body = to - from + 1 > 5
                ? FakeRpcHandler.Error(r.Id, code, message)
                : FakeRpcHandler.Result(r.Id, LogsFor(from, to));
            return Task.FromResult(FakeRpcHandler.Json(body));
        });
        var client = handler.CreateEthClient(ethOptions: new EthClientOptions { MaxLogBlockRange = 100 });

        var logs = await client.GetLogsAsync(new LogFilter { FromBlock = 0, ToBlock = 39 }, CancellationToken.None);

        Assert.Equal(Enumerable.Range(0, 40).Select(i => (ulong?)i), logs.Select(l => l.BlockNumber));
        Assert.All(handler.Requests.Where(r => r.CallNumber > 0), r => Assert.Equal("eth_getLogs", r.Method));
        Assert.True(handler.Calls < 40, $"{handler.Calls} calls");
    }

    [Fact]
    public async Task Other_errors_are_not_swallowed_by_paging()
    {
        var handler = new FakeRpcHandler((r, _) =>
            Task.FromResult(FakeRpcHandler.Json(FakeRpcHandler.Error(r.Id, -32601, "method not found"))));
        var client = handler.CreateEthClient();

        await Assert.ThrowsAsync<JsonRpcException>(() =>
            client.GetLogsAsync(new LogFilter { FromBlock = 0, ToBlock = 10 }, CancellationToken.None));
        Assert.Equal(1, handler.Calls);
    }

    [Fact]
    public async Task Single_block_still_too_large_surfaces_the_error()
    {
        var handler = new FakeRpcHandler((r, _) =>
            Task.FromResult(FakeRpcHandler.Json(FakeRpcHandler.Error(r.Id, -32005, "query returned more than 10000 results"))));
        var client = handler.CreateEthClient(ethOptions: new EthClientOptions { MaxLogBlockRange = 8 });

        await Assert.ThrowsAsync<JsonRpcException>(() =>
            client.GetLogsAsync(new LogFilter { FromBlock = 0, ToBlock = 7 }, CancellationToken.None));
        Assert.Equal(4, handler.Calls); // 8 → 4 → 2 → 1 blocks
    }
}
