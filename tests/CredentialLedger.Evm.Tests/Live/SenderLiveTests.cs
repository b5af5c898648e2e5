using System.Numerics;
using CredentialLedger.Evm.Accounts;
using CredentialLedger.Evm.Rpc;
using CredentialLedger.TestKit;

namespace CredentialLedger.Evm.Tests.Live;

[Trait("Category", "Live")]
public sealed class SenderLiveTests(AnvilFixture anvil) : IClassFixture<AnvilFixture>
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(90);

    private static TransactionSenderOptions SenderOptions() => new()
    {
        PollInterval = TimeSpan.FromMilliseconds(50),
        ReceiptTimeout = TimeSpan.FromSeconds(30),
        MineWhenStalled = true,
        StallThreshold = TimeSpan.FromMilliseconds(500),
    };

    internal static byte[] BumpCall(BigInteger amount, string note) => LiveProbe.BumpCall(amount, note);

    internal static async Task<Address> DeployProbeAsync(TransactionSender sender, BigInteger limit, CancellationToken ct)
    {
        var contract = await LiveProbe.ContractAsync();
        return await sender.DeployAsync(contract.Bytecode, LiveProbe.Constructor(limit), ct);
    }

    internal static async Task<BigInteger> CountAsync(EthClient client, Address probe, CancellationToken ct)
    {
        var output = await client.CallAsync(new CallRequest { To = probe, Data = LiveProbe.Count.EncodeCall() }, BlockParameter.Latest, ct);
        return LiveProbe.Count.DecodeOutput(output)[0].AsBigInteger();
    }

    [Fact]
    public async Task Eight_tasks_sending_through_one_sender_all_mine_in_order()
    {
        using var cts = new CancellationTokenSource(TestTimeout);
        var client = anvil.CreateEthClient(revertDecoder: LiveProbe.Decoder());
        using var key = anvil.CreateKey(1);
        using var sender = new TransactionSender(key, client, anvil.ChainId, SenderOptions());
        var probe = await DeployProbeAsync(sender, 1_000, cts.Token);

        const int Tasks = 8, PerTask = 3;
        var receipts = await Task.WhenAll(Enumerable.Range(0, Tasks).Select(t => Task.Run(async () =>
        {
            var mine = new List<TransactionReceipt>();
            for (var i = 0; i < PerTask; i++)
            {
                mine.Add(await sender.SendAndWaitAsync(
                    new TransactionRequest { To = probe, Data = BumpCall(t * 10 + i, $"task {t} #{i}") }, cts.Token));
            }
            return mine;
        }, cts.Token))).WaitAsync(cts.Token);

        var all = receipts.SelectMany(r => r).ToList();
        Assert.Equal(Tasks * PerTask, all.Count);
        Assert.All(all, r => Assert.True(r.Succeeded));
        Assert.Equal(all.Count, all.Select(r => r.TransactionHash).Distinct().Count());
        Assert.Equal(Tasks * PerTask, await CountAsync(client, probe, cts.Token));
        // deploy + 24 bumps, all from one account with no gaps
        Assert.Equal((ulong)(Tasks * PerTask + 1), await client.GetTransactionCountAsync(key.Address, BlockParameter.Latest, cts.Token));
    }

    [Fact]
    public async Task Concurrent_sends_without_waiting_get_distinct_nonces()
    {
        using var cts = new CancellationTokenSource(TestTimeout);
        var client = anvil.CreateEthClient(revertDecoder: LiveProbe.Decoder());
        using var key = anvil.CreateKey(2);
        using var sender = new TransactionSender(key, client, anvil.ChainId, SenderOptions());
        var probe = await DeployProbeAsync(sender, 1_000, cts.Token);

        var sent = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() =>
            sender.SendAsync(new TransactionRequest { To = probe, Data = BumpCall(i, "x") }, cts.Token), cts.Token)));
        var receipts = await Task.WhenAll(sent.Select(s => sender.WaitForReceiptAsync(s.Hash, cts.Token)));

        Assert.Equal(8, sent.Select(s => s.Transaction.Nonce).Distinct().Count());
        Assert.All(receipts, r => Assert.True(r.Succeeded));
        Assert.Equal(8, await CountAsync(client, probe, cts.Token));
    }

    [Fact]
    public async Task Mined_revert_throws_TransactionFailedException_with_the_replayed_reason()
    {
        using var cts = new CancellationTokenSource(TestTimeout);
        var client = anvil.CreateEthClient(revertDecoder: LiveProbe.Decoder());
        using var key = anvil.CreateKey(3);
        using var sender = new TransactionSender(key, client, anvil.ChainId, SenderOptions());
        var probe = await DeployProbeAsync(sender, 10, cts.Token);

        // An explicit gas limit skips eth_estimateGas, so the reverting transaction is mined with status 0.
        var error = await Assert.ThrowsAsync<TransactionFailedException>(() => sender.SendAndWaitAsync(
            new TransactionRequest { To = probe, Data = BumpCall(11, "too big"), GasLimit = 200_000 }, cts.Token));

        Assert.False(error.Receipt!.Succeeded);
        Assert.NotNull(error.RevertError);
        LiveAssert.IsTooLarge(error.RevertError, 11, 10, key.Address);
    }

    [Fact]
    public async Task Fees_are_eip1559_on_anvil()
    {
        var client = anvil.CreateEthClient(revertDecoder: LiveProbe.Decoder());
        var fees = await new FeeEstimator(client).EstimateAsync(CancellationToken.None);

        Assert.True(fees.IsDynamic);
        Assert.True(fees.MaxFeePerGas >= fees.MaxPriorityFeePerGas);
    }

    [Fact]
    public async Task A_deployed_contract_has_its_runtime_code_and_an_account_has_none()
    {
        using var cts = new CancellationTokenSource(TestTimeout);
        var client = anvil.CreateEthClient(revertDecoder: LiveProbe.Decoder());
        using var key = anvil.CreateKey(5);
        using var sender = new TransactionSender(key, client, anvil.ChainId, SenderOptions());
        var probe = await DeployProbeAsync(sender, 10, cts.Token);

        Assert.Same(client, sender.Client);
        // The probe's `limit` is immutable: each place the code reads it holds 10 instead of the compiler's zeros.
        var compiled = (await LiveProbe.ContractAsync()).DeployedBytecode;
        var code = await client.GetCodeAsync(probe, BlockParameter.Latest, cts.Token);
        Assert.Equal(compiled.Length, code.Length);
        var differences = compiled.Zip(code).Where(pair => pair.First != pair.Second).ToArray();
        Assert.NotEmpty(differences);
        Assert.All(differences, pair => Assert.Equal(((byte)0, (byte)10), pair));
        Assert.Empty(await client.GetCodeAsync(sender.Address, BlockParameter.Latest, cts.Token));
    }
}
