using System.Net;
using System.Net.Sockets;
using CredentialLedger.Evm.Rpc;

namespace CredentialLedger.Evm.Tests.Rpc;

public sealed class JsonRpcClientTests
{
    [Fact]
    public async Task Result_is_parsed_into_typed_value()
    {
        var handler = FakeRpcHandler.Answering(_ => "\"0x7a69\"");
        var client = handler.CreateEthClient();

        Assert.Equal(31337UL, await client.ChainIdAsync(CancellationToken.None));
        Assert.Equal("eth_chainId", Assert.Single(handler.Requests).Method);
    }

    [Fact]
    public async Task Json_rpc_error_becomes_typed_exception_and_is_not_retried()
    {
        var handler = new FakeRpcHandler((r, _) =>
            Task.FromResult(FakeRpcHandler.Json(FakeRpcHandler.Error(r.Id, -32000, "insufficient funds for gas * price + value"))));
        var client = handler.CreateEthClient();

        var error = await Assert.ThrowsAsync<JsonRpcException>(() => client.BlockNumberAsync(CancellationToken.None));

        Assert.Equal(-32000, error.Code);
        Assert.Contains("insufficient funds", error.RpcMessage);
        Assert.Equal("eth_blockNumber", error.Method);
        Assert.Equal(1, handler.Calls);
    }

    [Fact]
    public async Task Revert_data_is_exposed_on_code_3()
    {
        var handler = new FakeRpcHandler((r, _) => Task.FromResult(FakeRpcHandler.Json(
            FakeRpcHandler.Error(r.Id, 3, "execution reverted", "\"0x08c379a0\""))));
        var rpc = handler.CreateRpc();

        var error = await Assert.ThrowsAsync<JsonRpcException>(() =>
            rpc.SendAsync("eth_call", null, r => r.GetString(), CancellationToken.None));

        Assert.Equal(new byte[] { 0x08, 0xc3, 0x79, 0xa0 }, error.RevertData!.Value.ToArray());
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    public async Task Transient_http_status_is_retried_then_succeeds(HttpStatusCode status)
    {
        var handler = new FakeRpcHandler((r, _) => Task.FromResult(r.CallNumber <= 2
            ? new HttpResponseMessage(status)
            : FakeRpcHandler.Json(FakeRpcHandler.Result(r.Id, "\"0x10\""))));
        var client = handler.CreateEthClient();

        Assert.Equal(16UL, await client.BlockNumberAsync(CancellationToken.None));
        Assert.Equal(3, handler.Calls);
    }

    [Fact]
    public async Task Transient_failures_stop_after_max_retries()
    {
        var handler = new FakeRpcHandler((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.InternalServerError)));
        var client = handler.CreateEthClient(FakeRpcHandler.FastOptions(maxRetries: 2));

        var error = await Assert.ThrowsAsync<RpcTransportException>(() => client.BlockNumberAsync(CancellationToken.None));

        Assert.True(error.IsTransient);
        Assert.Equal(500, error.StatusCode);
        Assert.Equal(3, handler.Calls); // 1 attempt + 2 retries
    }

    [Fact]
    public async Task Connection_refused_is_transient_and_retried()
    {
        var handler = new FakeRpcHandler((r, _) => r.CallNumber == 1
            ? throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused",
                new SocketException((int)SocketError.ConnectionRefused))
            : Task.FromResult(FakeRpcHandler.Json(FakeRpcHandler.Result(r.Id, "\"0x1\""))));
        var client = handler.CreateEthClient();

        Assert.Equal(1UL, await client.BlockNumberAsync(CancellationToken.None));
        Assert.Equal(2, handler.Calls);
    }

    [Fact]
    public async Task Non_transient_http_status_is_not_retried()
    {
        var handler = new FakeRpcHandler((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.Unauthorized)));
        var client = handler.CreateEthClient();

        var error = await Assert.ThrowsAsync<RpcTransportException>(() => client.BlockNumberAsync(CancellationToken.None));

        Assert.False(error.IsTransient);
        Assert.Equal(1, handler.Calls);
    }

    [Fact]
    public async Task Request_timeout_is_a_transient_transport_error()
    {
        var handler = new FakeRpcHandler(async (_, ct) =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            throw new InvalidOperationException("unreachable");
        });
        var options = FakeRpcHandler.FastOptions(maxRetries: 1);
        options.RequestTimeout = TimeSpan.FromMilliseconds(100);
        var client = handler.CreateEthClient(options);

        var error = await Assert.ThrowsAsync<RpcTransportException>(() => client.BlockNumberAsync(CancellationToken.None))
            .WaitAsync(TimeSpan.FromSeconds(20));

        Assert.True(error.IsTransient);
        Assert.Equal(2, handler.Calls);
    }

    [Fact]
    public async Task Caller_cancellation_is_not_reported_as_timeout()
    {
        var handler = new FakeRpcHandler(async (_, ct) =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            throw new InvalidOperationException("unreachable");
        });
        var client = handler.CreateEthClient();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.BlockNumberAsync(cts.Token))
            .WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(1, handler.Calls);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("[1,2,3]")]
    [InlineData("""{"jsonrpc":"2.0","id":1}""")]
    [InlineData("""{"jsonrpc":"2.0","id":999,"result":"0x1"}""")]
    public async Task Malformed_response_becomes_typed_exception(string body)
    {
        var handler = new FakeRpcHandler((_, _) => Task.FromResult(FakeRpcHandler.Json(body)));
        var client = handler.CreateEthClient();

        await Assert.ThrowsAsync<RpcResponseException>(() => client.BlockNumberAsync(CancellationToken.None));
        Assert.Equal(1, handler.Calls);
    }

    [Fact]
    public async Task Result_of_wrong_shape_becomes_typed_exception()
    {
        var handler = FakeRpcHandler.Answering(_ => "\"banana\"");
        var client = handler.CreateEthClient();

        await Assert.ThrowsAsync<RpcResponseException>(() => client.BlockNumberAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Pending_receipt_is_null()
    {
        var handler = FakeRpcHandler.Answering(_ => "null");
        var client = handler.CreateEthClient();

        Assert.Null(await client.GetTransactionReceiptAsync(Hash32.Zero, CancellationToken.None));
    }
}
