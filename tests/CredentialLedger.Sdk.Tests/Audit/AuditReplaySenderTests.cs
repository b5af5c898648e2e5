using System.Net;
using System.Text;
using System.Text.Json;
using CredentialLedger.Evm.Rpc;
using CredentialLedger.Sdk.Audit;

namespace CredentialLedger.Sdk.Tests.Audit;

/// <summary>
/// Where a replay reads transaction senders: <c>trace_block</c> where the node offers it, full transactions where it
/// does not. Either way the same report.
/// </summary>
public sealed class AuditReplaySenderTests(AuditAnvilHistory history) : IClassFixture<AuditAnvilHistory>
{
    [Fact]
    public async Task Senders_from_traces_and_from_full_transactions_give_byte_identical_reports()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        var handler = new CountingHandler(refuseTraces: false) { InnerHandler = new HttpClientHandler() };
        using var http = new HttpClient(handler) { BaseAddress = history.Anvil.RpcUrl };

        var traced = await new AuditReplayer(new EthClient(new JsonRpcClient(http)), history.Registries, new AuditReplayOptions { ToBlock = history.Head })
            .ReplayAsync(null, cts.Token);
        var full = await new AuditReplayer(history.Client, history.Registries, new AuditReplayOptions { ToBlock = history.Head, SendersFromTraces = false })
            .ReplayAsync(null, cts.Token);

        Assert.True(handler.TraceRequests > 1, $"{handler.TraceRequests} trace_block requests");
        Assert.Equal(0, handler.FullBlockRequests);
        Assert.Empty(traced.State.Violations);
        Assert.Equal(AuditJsonWriter.ToBytes(full.ToReport()), AuditJsonWriter.ToBytes(traced.ToReport()));
    }

    [Fact]
    public async Task A_node_without_trace_block_is_asked_once_and_replayed_from_full_transactions()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var handler = new CountingHandler(refuseTraces: true) { InnerHandler = new HttpClientHandler() };
        using var http = new HttpClient(handler) { BaseAddress = history.Anvil.RpcUrl };
        var client = new EthClient(new JsonRpcClient(http));

        var replay = await new AuditReplayer(client, history.Registries, new AuditReplayOptions { ToBlock = history.Head, MaxParallelBlockFetches = 1 })
            .ReplayAsync(null, cts.Token);
        var expected = await new AuditReplayer(history.Client, history.Registries, new AuditReplayOptions { ToBlock = history.Head })
            .ReplayAsync(null, cts.Token);

        Assert.Equal(1, handler.TraceRequests);
        Assert.True(handler.FullBlockRequests > 1, $"{handler.FullBlockRequests} full blocks read");
        Assert.Equal(AuditJsonWriter.ToBytes(expected.ToReport()), AuditJsonWriter.ToBytes(replay.ToReport()));
    }

    // Counts trace_block and full-block reads; with refuseTraces, answers trace_block as geth does ("method not found").
    private sealed class CountingHandler(bool refuseTraces) : DelegatingHandler
    {
        private int _traceRequests, _fullBlockRequests;

        public int TraceRequests => Volatile.Read(ref _traceRequests);

        public int FullBlockRequests => Volatile.Read(ref _fullBlockRequests);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = await request.Content!.ReadAsByteArrayAsync(cancellationToken);
            using var json = JsonDocument.Parse(body);
            var method = json.RootElement.GetProperty("method").GetString();
            if (method == "eth_getBlockByNumber" && json.RootElement.GetProperty("params")[1].GetBoolean())
                Interlocked.Increment(ref _fullBlockRequests);
            if (method == "trace_block")
                Interlocked.Increment(ref _traceRequests);
            if (method != "trace_block" || !refuseTraces)
            {
                request.Content = new ByteArrayContent(body) { Headers = { ContentType = request.Content.Headers.ContentType } };
                return await base.SendAsync(request, cancellationToken);
            }
            var id = json.RootElement.GetProperty("id").GetRawText();
            return new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent($$$"""{"jsonrpc":"2.0","id":{{{id}}},"error":{"code":-32601,"message":"the method trace_block does not exist/is not available"}}""",
                    Encoding.UTF8, "application/json"),
            };
        }
    }
}
