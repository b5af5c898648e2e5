using CredentialLedger.Node;
using CredentialLedger.Node.Origin;
using Grpc.Core;
using Grpc.Net.Client;
using V1 = CredentialLedger.Sdk.Node.V1;

namespace CredentialLedger.Cli.Commands;

/// <summary>A gRPC client for the node of a data directory, sending its operator token (or a chamber's).</summary>
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
        Chambers = new V1.Chambers.ChambersClient(_channel);
        Origins = new V1.CertificatesOfOrigin.CertificatesOfOriginClient(_channel);
        Auth = new Metadata { { "authorization", "Bearer " + token } };
    }

    public Uri Endpoint { get; }

    public V1.AeoCertificates.AeoCertificatesClient Client { get; }

    public V1.Mras.MrasClient Mras { get; }

    public V1.Verification.VerificationClient Verification { get; }

    public V1.Chambers.ChambersClient Chambers { get; }

    public V1.CertificatesOfOrigin.CertificatesOfOriginClient Origins { get; }

    public Metadata Auth { get; }

    public static NodeConnection Open(string dataDirectory, Uri? endpoint)
    {
        var options = NodeOptions.Load(dataDirectory);
        var tokenPath = options.Resolve(options.OperatorTokenFile);
        if (!File.Exists(tokenPath))
            throw new CliException($"{tokenPath} does not exist: run 'credledger init'.");
        return new NodeConnection(endpoint ?? options.ListenUrl, File.ReadAllText(tokenPath).Trim());
    }

    /// <summary>
    /// A connection carrying a chamber's token: from <paramref name="tokenFile"/> when given, else the chamber's file
    /// in the data directory; with neither chamber nor file, the operator token.
    /// </summary>
    public static NodeConnection OpenAs(string dataDirectory, Uri? endpoint, string? chamber, FileInfo? tokenFile)
    {
        if (chamber is null && tokenFile is null)
            return Open(dataDirectory, endpoint);
        var options = NodeOptions.Load(dataDirectory);
        var path = tokenFile?.FullName ?? options.Resolve(ChamberTokens.FileName(chamber!));
        if (!File.Exists(path))
        {
            throw new CliException(tokenFile is not null
                ? $"{path} does not exist."
                : $"{path} does not exist: is chamber {chamber} onboarded on this node? (see 'credledger chamber list', or pass --token-file)");
        }
        var token = File.ReadAllText(path).Trim();
        if (token.Length == 0)
            throw new CliException($"{path} is empty: not a token file.");
        return new NodeConnection(endpoint ?? options.ListenUrl, token);
    }

    public void Dispose() => _channel.Dispose();
}
