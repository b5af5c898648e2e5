using CredentialLedger.Node;
using Grpc.Core;
using Grpc.Net.Client;
using V1 = CredentialLedger.Sdk.Node.V1;

namespace CredentialLedger.Cli.Commands;

/// <summary>A gRPC client for the node of a data directory, sending its operator token.</summary>
internal sealed class NodeConnection : IDisposable
{
    private readonly GrpcChannel _channel;

    private NodeConnection(Uri endpoint, string token)
    {
        Endpoint = endpoint;
        _channel = GrpcChannel.ForAddress(endpoint);
        Client = new V1.AeoCertificates.AeoCertificatesClient(_channel);
        Mras = new V1.Mras.MrasClient(_channel);
        Verification = new V1.Verification.VerificationClient(_channel);
        Auth = new Metadata { { "authorization", "Bearer " + token } };
    }

    public Uri Endpoint { get; }

    public V1.AeoCertificates.AeoCertificatesClient Client { get; }

    public V1.Mras.MrasClient Mras { get; }

    public V1.Verification.VerificationClient Verification { get; }

    public Metadata Auth { get; }

    public static NodeConnection Open(string dataDirectory, Uri? endpoint)
    {
        var options = NodeOptions.Load(dataDirectory);
        var tokenPath = options.Resolve(options.OperatorTokenFile);
        if (!File.Exists(tokenPath))
            throw new CliException($"{tokenPath} does not exist: run 'credledger init'.");
        return new NodeConnection(endpoint ?? options.ListenUrl, File.ReadAllText(tokenPath).Trim());
    }

    public void Dispose() => _channel.Dispose();
}
