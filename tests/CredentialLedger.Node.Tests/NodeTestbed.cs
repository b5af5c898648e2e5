using CredentialLedger.Node.Keys;
using CredentialLedger.Node.Setup;
using CredentialLedger.TestKit;
using Google.Protobuf.WellKnownTypes;
using Grpc.Net.Client;
using V1 = CredentialLedger.Sdk.Node.V1;

namespace CredentialLedger.Node.Tests;

/// <summary>Makes node data directories on an anvil, and requests to send to the node.</summary>
internal static class NodeTestbed
{
    public const string Passphrase = "test passphrase, not a secret";

    /// <summary>
    /// Initializes a KR node on <paramref name="anvil"/> (registries deployed, signing key registered) listening on a
    /// free loopback port, with fast test settings; <paramref name="configure"/> adjusts node.json.
    /// </summary>
    public static async Task<NodeOptions> InitializeAsync(
        AnvilFixture anvil, string dataDirectory, CancellationToken ct, Action<NodeOptions>? configure = null, string member = "KR")
    {
        var options = await NodeInitializer.InitializeDevAsync(new NodeInitialization
        {
            Member = member,
            DataDirectory = dataDirectory,
            RpcUrl = anvil.RpcUrl,
            ListenUrl = new Uri($"http://127.0.0.1:{FreePort.Get()}"),
            Passphrase = Passphrase,
            Kdf = KdfParameters.FastForTests,
            DevFunderKey = anvil.PrivateKeys[0],
        }, null, ct);
        options.DurableCommits = false;
        options.Anchoring.MaxBatchDelay = TimeSpan.FromMilliseconds(50);
        options.Anchoring.ReceiptPollInterval = TimeSpan.FromMilliseconds(20);
        options.Anchoring.StallThreshold = TimeSpan.FromMilliseconds(500);
        options.Anchoring.MaxRetryDelay = TimeSpan.FromMilliseconds(500);
        options.Indexer.PollInterval = TimeSpan.FromMilliseconds(100);
        configure?.Invoke(options);
        options.Save();
        return options;
    }

    /// <summary>A valid issue request for operator number <paramref name="n"/>.</summary>
    public static V1.IssueRequest IssueRequest(int n, string? idempotencyKey = null)
    {
        var request = new V1.IssueRequest
        {
            Subject = new V1.AeoSubject
            {
                AeoNumber = $"KR-AEO-{n:D6}",
                LegalName = $"Trader {n} Co., Ltd.",
                Tin = $"{100_000_000 + n}",
                Country = "KR",
                ProgrammeTypes = { V1.ProgrammeType.AeoS, V1.ProgrammeType.AeoC },
                Roles = { V1.OperatorRole.Importer, V1.OperatorRole.Exporter },
            },
            ValidFrom = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)),
            ValidUntil = Timestamp.FromDateTimeOffset(new DateTimeOffset(2029, 1, 1, 0, 0, 0, TimeSpan.Zero)),
            ReEvaluationDue = Timestamp.FromDateTimeOffset(new DateTimeOffset(2027, 6, 30, 0, 0, 0, TimeSpan.Zero)),
        };
        if (idempotencyKey is not null)
            request.IdempotencyKey = idempotencyKey;
        return request;
    }

    /// <summary>A gRPC client for the node at <paramref name="endpoint"/>.</summary>
    public static (GrpcChannel Channel, V1.AeoCertificates.AeoCertificatesClient Client) Connect(Uri endpoint)
    {
        var channel = GrpcChannel.ForAddress(endpoint);
        return (channel, new V1.AeoCertificates.AeoCertificatesClient(channel));
    }
}
