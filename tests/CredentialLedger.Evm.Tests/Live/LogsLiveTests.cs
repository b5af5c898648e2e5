using CredentialLedger.Evm.Accounts;
using CredentialLedger.Evm.Rpc;
using CredentialLedger.TestKit;

namespace CredentialLedger.Evm.Tests.Live;

[Trait("Category", "Live")]
public sealed class LogsLiveTests(AnvilFixture anvil) : IClassFixture<AnvilFixture>
{
    [Fact]
    public async Task GetLogs_in_pages_of_two_blocks_returns_every_event_once()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var client = anvil.CreateEthClient(revertDecoder: LiveProbe.Decoder());
        using var key = anvil.CreateKey(4);
        using var sender = new TransactionSender(key, client, anvil.ChainId, new TransactionSenderOptions
        {
            PollInterval = TimeSpan.FromMilliseconds(50), ReceiptTimeout = TimeSpan.FromSeconds(30),
        });
        var probe = await SenderLiveTests.DeployProbeAsync(sender, 1_000, cts.Token);
        var first = await client.BlockNumberAsync(cts.Token);
        const int Bumps = 7;
        for (var i = 0; i < Bumps; i++)
            await sender.SendAndWaitAsync(new TransactionRequest { To = probe, Data = SenderLiveTests.BumpCall(100 + i, $"note {i}") }, cts.Token);
        var last = await client.BlockNumberAsync(cts.Token);

        var counting = new CountingHandler();
        using var http = new HttpClient(counting) { BaseAddress = anvil.RpcUrl };
        var paged = new EthClient(new JsonRpcClient(http), new EthClientOptions { MaxLogBlockRange = 2 });
        var logs = await paged.GetLogsAsync(new LogFilter
        {
            FromBlock = first,
            ToBlock = last,
            Addresses = [probe],
            Topics = [[LiveProbe.Bumped.Topic0]],
        }, cts.Token);

        Assert.Equal(Bumps, logs.Count);
        Assert.True(counting.Count("eth_getLogs") >= (int)((last - first + 1) / 2), $"{counting.Count("eth_getLogs")} pages");
        Assert.Equal(logs.OrderBy(l => l.BlockNumber).ThenBy(l => l.LogIndex), logs);
        for (var i = 0; i < Bumps; i++)
        {
            var log = logs[i];
            Assert.Equal(probe, log.Address);
            var decoded = LiveProbe.Bumped.DecodeLog(log.Topics, log.Data.Span);
            Assert.Equal(key.Address, decoded["caller"].AsAddress());
            Assert.Equal(i + 1, decoded["newCount"].AsBigInteger());
            Assert.Equal(100 + i, decoded["amount"].AsBigInteger());
            Assert.Equal($"note {i}", decoded["note"].AsString());
        }
    }
}
