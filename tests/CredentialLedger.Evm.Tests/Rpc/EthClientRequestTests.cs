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
}
