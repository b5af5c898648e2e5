using System.Net;
using System.Text;
using System.Text.Json;
using CredentialLedger.Evm.Rpc;

namespace CredentialLedger.Evm.Tests.Rpc;

/// <summary>An in-memory JSON-RPC server: each request is answered by a callback that sees the parsed request.</summary>
internal sealed class FakeRpcHandler(Func<FakeRpcHandler.Request, CancellationToken, Task<HttpResponseMessage>> respond)
    : HttpMessageHandler
{
    private int _calls;
    private readonly List<Request> _requests = [];

    internal sealed record Request(long Id, string Method, JsonElement Params, int CallNumber);

    public int Calls => Volatile.Read(ref _calls);

    public IReadOnlyList<Request> Requests
    {
        get
        {
            lock (_requests)
                return [.. _requests];
        }
    }

    public static FakeRpcHandler Answering(Func<Request, string> resultJson) =>
        new((r, _) => Task.FromResult(Json(Result(r.Id, resultJson(r)))));

    public static string Result(long id, string resultJson) => $$"""{"jsonrpc":"2.0","id":{{id}},"result":{{resultJson}}}""";

    public static string Error(long id, int code, string message, string? dataJson = null) =>
        "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"error\":{\"code\":" + code + ",\"message\":" + JsonSerializer.Serialize(message)
        + (dataJson is null ? "" : ",\"data\":" + dataJson) + "}}";

    public static HttpResponseMessage Json(string body, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    public EthClient CreateEthClient(JsonRpcClientOptions? options = null, EthClientOptions? ethOptions = null) =>
        new(CreateRpc(options), ethOptions);

    public JsonRpcClient CreateRpc(JsonRpcClientOptions? options = null)
    {
        var http = new HttpClient(this) { BaseAddress = new Uri("http://127.0.0.1:1/") };
        return new JsonRpcClient(http, options ?? FastOptions());
    }

    public static JsonRpcClientOptions FastOptions(int maxRetries = 3) => new()
    {
        MaxRetries = maxRetries,
        BaseBackoff = TimeSpan.FromMilliseconds(1),
        MaxBackoff = TimeSpan.FromMilliseconds(5),
        RequestTimeout = TimeSpan.FromSeconds(5),
    };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var n = Interlocked.Increment(ref _calls);
        var body = await request.Content!.ReadAsStringAsync(cancellationToken);
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        var parsed = new Request(root.GetProperty("id").GetInt64(), root.GetProperty("method").GetString()!,
            root.GetProperty("params").Clone(), n);
        lock (_requests)
            _requests.Add(parsed);
        return await respond(parsed, cancellationToken);
    }
}
