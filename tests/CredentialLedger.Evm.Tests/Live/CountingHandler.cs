using System.Collections.Concurrent;
using System.Text.Json;

namespace CredentialLedger.Evm.Tests.Live;

/// <summary>Counts JSON-RPC calls by method on their way to a real node.</summary>
internal sealed class CountingHandler() : DelegatingHandler(new HttpClientHandler())
{
    private readonly ConcurrentDictionary<string, int> _counts = new();

    public int Count(string method) => _counts.GetValueOrDefault(method);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = await request.Content!.ReadAsByteArrayAsync(cancellationToken);
        using (var document = JsonDocument.Parse(body))
            _counts.AddOrUpdate(document.RootElement.GetProperty("method").GetString()!, 1, (_, n) => n + 1);
        return await base.SendAsync(request, cancellationToken);
    }
}
