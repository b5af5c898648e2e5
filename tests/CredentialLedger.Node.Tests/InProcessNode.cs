using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using V1 = CredentialLedger.Sdk.Node.V1;

namespace CredentialLedger.Node.Tests;

/// <summary>A node hosted in the test process (real Kestrel on loopback) with a gRPC client that sends the operator token.</summary>
internal sealed class InProcessNode : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly GrpcChannel _channel;
    private int _disposed;

    private InProcessNode(WebApplication app, NodeOptions options)
    {
        _app = app;
        Options = options;
        Endpoint = app.ListeningUrl();
        _channel = GrpcChannel.ForAddress(Endpoint);
        Client = new V1.AeoCertificates.AeoCertificatesClient(_channel);
        Mras = new V1.Mras.MrasClient(_channel);
        Token = File.ReadAllText(options.Resolve(options.OperatorTokenFile)).Trim();
    }

    public NodeOptions Options { get; }

    public Uri Endpoint { get; }

    public V1.AeoCertificates.AeoCertificatesClient Client { get; }

    public V1.Mras.MrasClient Mras { get; }

    public string Token { get; }

    public IServiceProvider Services => _app.Services;

    public Metadata Auth => new() { { "authorization", "Bearer " + Token } };

    public static async Task<InProcessNode> StartAsync(NodeOptions options, CancellationToken ct)
    {
        var app = await NodeApplication.CreateAsync(options, NodeTestbed.Passphrase, ct, logging => { });
        await app.StartAsync(ct);
        return new InProcessNode(app, options);
    }

    /// <summary>Polls Get until <paramref name="done"/> holds for the certificate.</summary>
    public async Task<V1.Certificate> WaitForAsync(string id, Func<V1.Certificate, bool> done, CancellationToken ct)
    {
        while (true)
        {
            var certificate = await Client.GetAsync(new V1.GetRequest { Id = id }, Auth, cancellationToken: ct);
            if (done(certificate))
                return certificate;
            await Task.Delay(50, ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
            return;
        _channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
