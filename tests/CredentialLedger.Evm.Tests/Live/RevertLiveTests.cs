using CredentialLedger.Evm.Abi;
using CredentialLedger.Evm.Accounts;
using CredentialLedger.Evm.Rpc;
using CredentialLedger.TestKit;

namespace CredentialLedger.Evm.Tests.Live;

[Trait("Category", "Live")]
public sealed class RevertLiveTests(AnvilFixture anvil) : IClassFixture<AnvilFixture>
{
    [Fact]
    public async Task Custom_error_from_call_estimateGas_and_send_is_decoded_by_name_and_args()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var client = anvil.CreateEthClient(revertDecoder: LiveProbe.Decoder());
        using var key = anvil.CreateKey(5);
        using var sender = new TransactionSender(key, client, anvil.ChainId, new TransactionSenderOptions
        {
            PollInterval = TimeSpan.FromMilliseconds(50), ReceiptTimeout = TimeSpan.FromSeconds(30),
        });
        var probe = await SenderLiveTests.DeployProbeAsync(sender, 10, cts.Token);
        var call = new CallRequest { From = key.Address, To = probe, Data = LiveProbe.BumpCall(42, "nope") };

        var fromCall = await Record.ExceptionAsync(() => client.CallAsync(call, BlockParameter.Latest, cts.Token));
        var fromEstimate = await Record.ExceptionAsync(() => client.EstimateGasAsync(call, cts.Token));
        var fromSend = await Record.ExceptionAsync(() => sender.SendAsync(new TransactionRequest { To = probe, Data = call.Data }, cts.Token));
        var fromView = await Record.ExceptionAsync(() => client.CallAsync(
            call with { Data = LiveProbe.Fail.EncodeCall(AbiValue.Uint(7)) }, BlockParameter.Latest, cts.Token));

        LiveAssert.IsTooLarge(fromCall, 42, 10, key.Address);
        LiveAssert.IsTooLarge(fromEstimate, 42, 10, key.Address);
        LiveAssert.IsTooLarge(fromSend, 42, 10, key.Address);
        LiveAssert.IsTooLarge(fromView, 7, 10, key.Address);
        // The failed estimate took no nonce: only the deployment was sent.
        Assert.Equal(1UL, await client.GetTransactionCountAsync(key.Address, BlockParameter.Pending, cts.Token));
    }

    [Fact]
    public async Task Error_string_revert_is_decoded_even_without_known_errors()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var client = anvil.CreateEthClient();
        using var key = anvil.CreateKey(6);
        using var sender = new TransactionSender(key, client, anvil.ChainId, new TransactionSenderOptions
        {
            PollInterval = TimeSpan.FromMilliseconds(50), ReceiptTimeout = TimeSpan.FromSeconds(30),
        });
        var probe = await SenderLiveTests.DeployProbeAsync(sender, 10, cts.Token);

        var error = await Assert.ThrowsAsync<ContractRevertedException>(() => client.CallAsync(
            new CallRequest { To = probe, Data = LiveProbe.FailWithMessage.EncodeCall() }, BlockParameter.Latest, cts.Token));
        var unknown = await Assert.ThrowsAsync<ContractRevertedException>(() => client.CallAsync(
            new CallRequest { From = key.Address, To = probe, Data = LiveProbe.Fail.EncodeCall(AbiValue.Uint(1)) }, BlockParameter.Latest, cts.Token));

        Assert.Equal(RevertKind.Error, error.Reason.Kind);
        Assert.Equal("plain message", error.Reason.Message);
        Assert.Equal(RevertKind.Unknown, unknown.Reason.Kind);
        Assert.Equal(LiveProbe.TooLarge.Selector.ToArray(), unknown.Reason.Data[..4].ToArray());
    }
}
