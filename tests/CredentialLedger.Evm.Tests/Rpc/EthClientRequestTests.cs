using System.Numerics;
using CredentialLedger.Evm.Rpc;

namespace CredentialLedger.Evm.Tests.Rpc;

public sealed class EthClientRequestTests
{
    private static readonly Address Account = Address.Parse("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");

    [Fact]
    public async Task Pending_transaction_count_sends_the_pending_tag()
    {
        var handler = FakeRpcHandler.Answering(_ => "\"0x2a\"");

        var nonce = await handler.CreateEthClient().GetTransactionCountAsync(Account, BlockParameter.Pending, CancellationToken.None);

        Assert.Equal(42UL, nonce);
        var request = Assert.Single(handler.Requests);
        Assert.Equal("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266", request.Params[0].GetString());
        Assert.Equal("pending", request.Params[1].GetString());
    }

    [Fact]
    public async Task Call_request_is_written_as_quantities_and_hex()
    {
        var handler = FakeRpcHandler.Answering(_ => "\"0x0102\"");
        var call = new CallRequest { From = Account, To = Account, Data = new byte[] { 0xab }, Value = new BigInteger(255) };

        var output = await handler.CreateEthClient().CallAsync(call, BlockParameter.FromNumber(16), CancellationToken.None);

        Assert.Equal(new byte[] { 1, 2 }, output);
        var request = Assert.Single(handler.Requests);
        var json = request.Params[0];
        Assert.Equal("0xff", json.GetProperty("value").GetString());
        Assert.Equal("0x10", request.Params[1].GetString());
        Assert.Contains(json.EnumerateObject(), p => p.Value.GetString() == "0xab");
    }

    [Fact]
    public async Task Fee_history_is_parsed()
    {
        var handler = FakeRpcHandler.Answering(_ =>
            """{"oldestBlock":"0x10","baseFeePerGas":["0x1","0x2"],"gasUsedRatio":[0.25],"reward":[["0x3","0x4"]]}""");

        var history = await handler.CreateEthClient().FeeHistoryAsync(1, BlockParameter.Latest, [25, 75], CancellationToken.None);

        Assert.Equal(16UL, history.OldestBlock);
        Assert.Equal([BigInteger.One, new BigInteger(2)], history.BaseFeePerGas);
        Assert.Equal(0.25, Assert.Single(history.GasUsedRatio));
        Assert.Equal([new BigInteger(3), new BigInteger(4)], Assert.Single(history.Reward));
    }

    private const string BlockFields =
        "\"number\":\"0x7\",\"hash\":\"0x" + "11" + "00000000000000000000000000000000000000000000000000000000000000" + "\",\"parentHash\":\"0x" + "0000000000000000000000000000000000000000000000000000000000000000" +
        "\",\"timestamp\":\"0x64\",\"gasLimit\":\"0x1c9c380\",\"gasUsed\":\"0x5208\"";

    [Fact]
    public async Task A_block_with_transactions_carries_each_senders_and_recipients()
    {
        const string from = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
        var tx1 = "0x" + new string('a', 64);
        var tx2 = "0x" + new string('b', 64);
        var handler = FakeRpcHandler.Answering(_ => "{" + BlockFields + ",\"transactions\":[" +
            $$"""{"hash":"{{tx1}}","transactionIndex":"0x0","from":"{{from}}","to":"{{from}}","input":"0x"},""" +
            $$"""{"hash":"{{tx2}}","transactionIndex":"0x1","from":"{{from}}","to":null,"input":"0x6080"}""" + "]}");

        var block = await handler.CreateEthClient().GetBlockWithTransactionsAsync(BlockParameter.FromNumber(7), CancellationToken.None);

        Assert.True(Assert.Single(handler.Requests).Params[1].GetBoolean());
        Assert.Equal([Hash32.Parse(tx1), Hash32.Parse(tx2)], block.TransactionHashes);
        Assert.Equal([(0UL, Account, (Address?)Account), (1UL, Account, null)], block.Transactions!.Select(t => (t.Index, t.From, t.To)));
    }

    [Fact]
    public async Task A_block_without_transactions_has_an_empty_list_and_hashes_only_are_refused()
    {
        var empty = FakeRpcHandler.Answering(_ => "{" + BlockFields + ",\"transactions\":[]}");
        Assert.Empty((await empty.CreateEthClient().GetBlockWithTransactionsAsync(BlockParameter.FromNumber(7), CancellationToken.None)).Transactions!);

        var hashesOnly = FakeRpcHandler.Answering(_ => "{" + BlockFields + ",\"transactions\":[\"0x" + new string('a', 64) + "\"]}");
        await Assert.ThrowsAsync<RpcResponseException>(() => hashesOnly.CreateEthClient().GetBlockWithTransactionsAsync(BlockParameter.FromNumber(7), CancellationToken.None));
        Assert.Null((await hashesOnly.CreateEthClient().GetBlockByNumberAsync(BlockParameter.FromNumber(7), CancellationToken.None)).Transactions);
    }
}
