using CredentialLedger.Evm.Abi;
using CredentialLedger.Evm.Hex;
using CredentialLedger.Evm.Rpc;

namespace CredentialLedger.Evm.Tests.Rpc;

public sealed class RevertTranslationTests
{
    private static readonly ErrorSignature NotIssuer = ErrorSignature.Parse("NotIssuer(address caller, uint256 code)");
    private static readonly Address Caller = Address.Parse("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");

    private static FakeRpcHandler Reverting(int code, string message, string? dataJson) =>
        new((r, _) => Task.FromResult(FakeRpcHandler.Json(FakeRpcHandler.Error(r.Id, code, message, dataJson))));

    [Fact]
    public async Task Custom_error_in_revert_data_is_decoded_by_name_and_args()
    {
        var data = HexConverter.ToHex(NotIssuer.Encode(AbiValue.Address(Caller), AbiValue.Uint(7)));
        var handler = Reverting(3, "execution reverted: custom error", $"\"{data}\"");
        var client = new EthClient(handler.CreateRpc(), revertDecoder: new RevertDecoder(NotIssuer));

        var error = await Assert.ThrowsAsync<ContractRevertedException>(() =>
            client.CallAsync(new CallRequest { To = Caller }, BlockParameter.Latest, CancellationToken.None));

        Assert.Equal(RevertKind.CustomError, error.Reason.Kind);
        Assert.Equal("NotIssuer", error.Reason.Error!.Name);
        Assert.Equal(Caller, error.Reason.Arguments[0].AsAddress());
        Assert.Equal(7, error.Reason.Arguments[1].AsBigInteger());
        Assert.Equal(3, Assert.IsType<JsonRpcException>(error.InnerException).Code);
        Assert.Equal(1, handler.Calls);
    }

    [Fact]
    public async Task Error_string_in_nested_data_is_decoded_on_estimateGas()
    {
        var data = HexConverter.ToHex(ErrorSignature.Parse("Error(string)").Encode(AbiValue.String("not allowed")));
        var handler = Reverting(-32000, "execution reverted", $$"""{"data":"{{data}}"}""");
        var client = handler.CreateEthClient();

        var error = await Assert.ThrowsAsync<ContractRevertedException>(() =>
            client.EstimateGasAsync(new CallRequest { To = Caller }, CancellationToken.None));

        Assert.Equal(RevertKind.Error, error.Reason.Kind);
        Assert.Equal("not allowed", error.Reason.Message);
    }

    [Fact]
    public async Task Code_3_without_data_is_an_empty_revert()
    {
        var client = Reverting(3, "execution reverted", null).CreateEthClient();

        var error = await Assert.ThrowsAsync<ContractRevertedException>(() =>
            client.CallAsync(new CallRequest { To = Caller }, BlockParameter.Latest, CancellationToken.None));

        Assert.Equal(RevertKind.Empty, error.Reason.Kind);
    }

    [Fact]
    public async Task Non_revert_errors_stay_json_rpc_errors()
    {
        var client = Reverting(-32000, "insufficient funds", "\"0x1234\"").CreateEthClient();

        var error = await Assert.ThrowsAsync<JsonRpcException>(() =>
            client.CallAsync(new CallRequest { To = Caller }, BlockParameter.Latest, CancellationToken.None));

        Assert.Equal(-32000, error.Code);
    }
}
