using CredentialLedger.Evm.Accounts;
using CredentialLedger.Evm.Crypto;
using CredentialLedger.Evm.Rpc;

namespace CredentialLedger.Evm.Tests.Accounts;

public sealed class TransactionSenderTests
{
    // A throwaway test key (anvil's well-known dev account 0).
    private const string DevKey = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    private static readonly Address Target = Address.Parse("0x5fbdb2315678afecb367f032d93f642f64180aa3");

    private static FakeNode Node(ulong? baseFee = 1_000_000_000) => new FakeNode()
        .On("eth_getBlockByNumber", FakeNode.BlockJson(5, baseFee))
        .On("eth_feeHistory", """{"oldestBlock":"0x1","baseFeePerGas":["0x3b9aca00","0x3b9aca00"],"gasUsedRatio":[0.5],"reward":[["0x77359400"]]}""")
        .On("eth_gasPrice", "\"0x64\"")
        .On("eth_estimateGas", "\"0x5208\"")
        .On("eth_getTransactionCount", "\"0x7\"")
        .On("eth_sendRawTransaction", r => FakeNode.Answer.Ok($"\"{FakeNode.Zero32}\""));

    private static TransactionSender Sender(FakeNode node, PrivateKey key, TransactionSenderOptions? options = null) =>
        new(key, node.Handler.CreateEthClient(), 31337, options ?? new TransactionSenderOptions
        {
            PollInterval = TimeSpan.FromMilliseconds(10),
            ReceiptTimeout = TimeSpan.FromSeconds(10),
        });

    [Fact]
    public async Task Send_fills_nonce_eip1559_fees_and_gas_with_margin()
    {
        var node = Node();
        using var key = PrivateKey.Parse(DevKey);
        using var sender = Sender(node, key);

        var signed = await sender.SendAsync(new TransactionRequest { To = Target, Data = new byte[] { 1, 2 } }, CancellationToken.None);

        var tx = Assert.IsType<Evm.Transactions.DynamicFeeTransaction>(signed.Transaction);
        Assert.Equal(7UL, tx.Nonce);
        Assert.Equal(31337UL, tx.ChainId);
        Assert.Equal(21000UL * 120 / 100, tx.GasLimit);
        Assert.Equal(2_000_000_000, tx.MaxPriorityFeePerGas);
        Assert.Equal(2 * 1_000_000_000 + 2_000_000_000L, tx.MaxFeePerGas);
        Assert.Equal(key.Address, signed.RecoverSender());
    }

    [Fact]
    public async Task Legacy_gas_price_is_used_without_base_fee()
    {
        var node = Node(baseFee: null);
        using var key = PrivateKey.Parse(DevKey);
        using var sender = Sender(node, key);

        var signed = await sender.SendAsync(new TransactionRequest { To = Target, GasLimit = 50_000 }, CancellationToken.None);

        var tx = Assert.IsType<Evm.Transactions.LegacyTransaction>(signed.Transaction);
        Assert.Equal(110, tx.GasPrice);
        Assert.Equal(50_000UL, tx.GasLimit);
        Assert.Equal(0, node.Count("eth_estimateGas"));
    }

    [Fact]
    public async Task Nonce_too_low_resyncs_and_resends_with_the_node_nonce()
    {
        var sends = 0;
        var counts = 0;
        var node = Node()
            .On("eth_getTransactionCount", _ => FakeNode.Answer.Ok(Interlocked.Increment(ref counts) == 1 ? "\"0x3\"" : "\"0x9\""))
            .On("eth_sendRawTransaction", _ => Interlocked.Increment(ref sends) == 1
                ? FakeNode.Answer.Fail(-32000, "nonce too low: next nonce 9, tx nonce 3")
                : FakeNode.Answer.Ok($"\"{FakeNode.Zero32}\""));
        using var key = PrivateKey.Parse(DevKey);
        using var sender = Sender(node, key);

        var signed = await sender.SendAsync(new TransactionRequest { To = Target }, CancellationToken.None);

        Assert.Equal(9UL, signed.Transaction.Nonce);
        Assert.Equal(2, sends);
    }

    [Fact]
    public async Task Other_send_errors_are_not_retried()
    {
        var node = Node().On("eth_sendRawTransaction", _ => FakeNode.Answer.Fail(-32000, "insufficient funds for gas * price + value"));
        using var key = PrivateKey.Parse(DevKey);
        using var sender = Sender(node, key);

        await Assert.ThrowsAsync<JsonRpcException>(() => sender.SendAsync(new TransactionRequest { To = Target }, CancellationToken.None));
        Assert.Equal(1, node.Count("eth_sendRawTransaction"));
    }

    [Fact]
    public async Task Receipt_wait_times_out_with_a_bounded_number_of_polls()
    {
        var node = Node().On("eth_getTransactionReceipt", "null");
        using var key = PrivateKey.Parse(DevKey);
        using var sender = Sender(node, key, new TransactionSenderOptions
        {
            PollInterval = TimeSpan.FromMilliseconds(20),
            ReceiptTimeout = TimeSpan.FromMilliseconds(300),
        });

        await Assert.ThrowsAsync<TimeoutException>(() => sender.WaitForReceiptAsync(Hash32.Zero, CancellationToken.None))
            .WaitAsync(TimeSpan.FromSeconds(20));
        Assert.InRange(node.Count("eth_getTransactionReceipt"), 2, 30);
        Assert.Equal(0, node.Count("evm_mine"));
    }

    [Fact]
    public async Task Stalled_receipt_triggers_evm_mine_when_enabled()
    {
        var mined = 0;
        var node = Node()
            .On("evm_mine", _ => { Interlocked.Increment(ref mined); return FakeNode.Answer.Ok("\"0x0\""); })
            .On("eth_getTransactionReceipt", r => FakeNode.Answer.Ok(Volatile.Read(ref mined) == 0
                ? "null"
                : FakeNode.ReceiptJson(FakeNode.Zero32, 6, success: true)));
        using var key = PrivateKey.Parse(DevKey);
        using var sender = Sender(node, key, new TransactionSenderOptions
        {
            PollInterval = TimeSpan.FromMilliseconds(10),
            ReceiptTimeout = TimeSpan.FromSeconds(10),
            MineWhenStalled = true,
            StallThreshold = TimeSpan.FromMilliseconds(50),
        });

        var receipt = await sender.WaitForReceiptAsync(Hash32.Zero, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.True(receipt.Succeeded);
        Assert.Equal(1, mined);
    }

    [Fact]
    public async Task Confirmations_wait_for_later_blocks()
    {
        var head = 6UL;
        var node = Node()
            .On("eth_getTransactionReceipt", FakeNode.ReceiptJson(FakeNode.Zero32, 6, success: true))
            .On("eth_blockNumber", _ => FakeNode.Answer.Ok(FakeNode.Quantity(Interlocked.Increment(ref head))));
        using var key = PrivateKey.Parse(DevKey);
        using var sender = Sender(node, key, new TransactionSenderOptions
        {
            PollInterval = TimeSpan.FromMilliseconds(5),
            ReceiptTimeout = TimeSpan.FromSeconds(10),
            Confirmations = 4,
        });

        await sender.WaitForReceiptAsync(Hash32.Zero, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.True(Interlocked.Read(ref head) >= 9);
    }

    [Fact]
    public async Task Status_zero_receipt_throws_with_the_replayed_revert()
    {
        var node = Node()
            .On("eth_call", _ => FakeNode.Answer.Fail(3, "execution reverted", "\"0xdeadbeef\""));
        node.On("eth_getTransactionReceipt", r => FakeNode.Answer.Ok(FakeNode.ReceiptJson(r.Params[0].GetString()!, 6, success: false)));
        using var key = PrivateKey.Parse(DevKey);
        using var sender = Sender(node, key);

        var error = await Assert.ThrowsAsync<TransactionFailedException>(() =>
            sender.SendAndWaitAsync(new TransactionRequest { To = Target, GasLimit = 100_000 }, CancellationToken.None));

        Assert.False(error.Receipt!.Succeeded);
        Assert.NotNull(error.RevertError);
        var call = Assert.Single(node.Handler.Requests, r => r.Method == "eth_call");
        Assert.Equal("0x6", call.Params[1].GetString());
    }
}
