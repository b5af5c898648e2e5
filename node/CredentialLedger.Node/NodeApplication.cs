using System.Net;
using CredentialLedger.Contracts;
using CredentialLedger.Contracts.Errors;
using CredentialLedger.Contracts.Deployment;
using CredentialLedger.Credentials.Jwt;
using CredentialLedger.Evm.Crypto;
using CredentialLedger.Evm.Rpc;
using CredentialLedger.Node.Anchoring;
using CredentialLedger.Node.Grpc;
using CredentialLedger.Node.Exchange;
using CredentialLedger.Node.Indexing;
using CredentialLedger.Node.Issuance;
using CredentialLedger.Node.Keys;
using CredentialLedger.Node.Ledger;
using CredentialLedger.Node.Mras;
using CredentialLedger.Node.Origin;
using CredentialLedger.Node.Store;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace CredentialLedger.Node;

/// <summary>
/// Builds a member node: opens the keystore, database and network file named by <see cref="NodeOptions"/>, wires
/// the store, issuer, anchoring worker, chain indexer and gRPC API, and listens on <see cref="NodeOptions.ListenUrl"/>
/// (HTTP/2 without TLS; port 0 picks a free port, see <see cref="ListeningUrl"/>).
/// </summary>
public static class NodeApplication
{
    /// <summary>Creates the node (not started: call StartAsync or RunAsync).</summary>
    /// <exception cref="System.ComponentModel.DataAnnotations.ValidationException">A setting is invalid.</exception>
    /// <exception cref="KeystoreException">The keystore cannot be opened (wrong passphrase, missing file).</exception>
    /// <exception cref="FileNotFoundException">The network or token file is missing.</exception>
    public static async Task<WebApplication> CreateAsync(
        NodeOptions options, string passphrase, CancellationToken cancellationToken, Action<ILoggingBuilder>? logging = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var time = TimeProvider.System;
        var keys = Keystore.Open(options.Resolve(options.KeystoreFile), passphrase);
        var networkPath = options.Resolve(options.NetworkFile);
        if (!File.Exists(networkPath))
            throw new FileNotFoundException($"The network file {networkPath} does not exist.", networkPath);
        var network = await RegistryNetwork.LoadAsync(networkPath, cancellationToken).ConfigureAwait(false);
        var token = OperatorToken.Load(options.Resolve(options.OperatorTokenFile));
        var database = new NodeDatabase(options.Resolve(options.DatabaseFile), options.DurableCommits, time);
        database.Migrate();

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (logging is null)
        {
            builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
            // One line per request is noise at 2,000 requests a second; the node's own messages stay.
            builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
            builder.Logging.AddFilter("Grpc", LogLevel.Warning);
        }
        else
            logging(builder.Logging);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            var url = options.ListenUrl;
            var address = url.Host is "localhost" ? IPAddress.Loopback : IPAddress.Parse(url.Host);
            kestrel.Listen(address, url.Port, listen => listen.Protocols = HttpProtocols.Http2);
        });

        var services = builder.Services;
        services.AddSingleton(time);
        services.AddSingleton(options);
        services.AddSingleton(network);
        services.AddSingleton(network.Registries);
        services.AddSingleton(token);
        services.AddSingleton(database);
        services.AddSingleton(new KeystoreHandle(options.Resolve(options.KeystoreFile), passphrase, keys));
        services.AddSingleton(_ => new SigningKeyRing(VcJwtSigningKey.FromPrivateKey(keys.CurrentSigningKey.PrivateKey)));
        var operatorKey = PrivateKey.FromBytes(keys.OperatorKey);
        services.AddSingleton(operatorKey);
        services.AddSingleton(_ =>
        {
            var http = new HttpClient { BaseAddress = options.RpcUrl, Timeout = Timeout.InfiniteTimeSpan };
            return new EthClient(new JsonRpcClient(http, new JsonRpcClientOptions { RequestTimeout = TimeSpan.FromSeconds(10), MaxRetries = 1 }),
                revertDecoder: RegistryErrors.CreateRevertDecoder());
        });
        services.AddSingleton(sp => new StoreWriter(sp.GetRequiredService<NodeDatabase>()));
        services.AddSingleton(sp => new CertificateStore(database, sp.GetRequiredService<StoreWriter>(), time));
        services.AddSingleton(sp => new CertificateIssuer(sp.GetRequiredService<CertificateStore>(), sp.GetRequiredService<SigningKeyRing>(),
            options.Member, new LedgerStatusReference(network.ChainId, network.Registries.Credentials), time));
        services.AddSingleton(sp => new AnchoringWorker(database, sp.GetRequiredService<StoreWriter>(),
            new ChainSubmitter(sp.GetRequiredService<EthClient>(), operatorKey, network.ChainId, options.Anchoring,
                sp.GetRequiredService<ILogger<AnchoringWorker>>(), time),
            network.Registries.Credentials, options.Anchoring, sp.GetRequiredService<ILogger<AnchoringWorker>>(), time));
        services.AddHostedService(sp => sp.GetRequiredService<AnchoringWorker>());
        services.AddSingleton(sp => new ChainIndexer(database, sp.GetRequiredService<EthClient>(), network.Registries,
            network.DeploymentBlock, options.Indexer, sp.GetRequiredService<ILogger<ChainIndexer>>(), time));
        services.AddHostedService<ChainIndexerService>();
        services.AddSingleton(_ => new ReadModel(database));
        services.AddSingleton(sp => new KeyRotation(sp.GetRequiredService<AnchoringWorker>(), sp.GetRequiredService<SigningKeyRing>(),
            sp.GetRequiredService<KeystoreHandle>(), network.Registries, time));
        services.AddSingleton(sp => new MraReader(sp.GetRequiredService<EthClient>(), network.Registries, time));
        services.AddSingleton(sp => new MraWriter(sp.GetRequiredService<AnchoringWorker>(), sp.GetRequiredService<MraReader>(),
            sp.GetRequiredService<EthClient>(), network.Registries, MemberCode.Parse(options.Member)));
        services.AddSingleton(sp => new LedgerFollower(sp.GetRequiredService<EthClient>(), network, MemberCode.Parse(options.Member),
            options.Indexer, sp.GetRequiredService<ILogger<LedgerFollower>>(), time, options.Resolve(options.LedgerEventsFile)));
        services.AddHostedService(sp => sp.GetRequiredService<LedgerFollower>());
        services.AddHostedService(sp => new SigningKeyRegistrar(sp.GetRequiredService<LedgerFollower>(), sp.GetRequiredService<SigningKeyRing>(),
            sp.GetRequiredService<AnchoringWorker>(), network.Registries, MemberCode.Parse(options.Member), options.Indexer,
            sp.GetRequiredService<ILogger<SigningKeyRegistrar>>(), time));
        services.AddSingleton(sp => new PartnerCredentialStore(database, sp.GetRequiredService<StoreWriter>(), time));
        services.AddSingleton(sp => new PartnerPuller(options.Exchange, MemberCode.Parse(options.Member), sp.GetRequiredService<SigningKeyRing>(),
            sp.GetRequiredService<LedgerFollower>(), sp.GetRequiredService<PartnerCredentialStore>(), sp.GetRequiredService<ILogger<PartnerPuller>>(), time));
        services.AddHostedService(sp => sp.GetRequiredService<PartnerPuller>());
        services.AddSingleton(sp => new NodeInfoProvider(options, network, operatorKey.Address, sp.GetRequiredService<KeystoreHandle>(),
            sp.GetRequiredService<SigningKeyRing>(), sp.GetRequiredService<AnchoringWorker>(), sp.GetRequiredService<ReadModel>(),
            sp.GetRequiredService<OriginStore>()));
        AddCertificatesOfOrigin(services, options, network, keys, time);
        services.AddSingleton(sp => new OperatorTokenInterceptor(sp.GetRequiredService<OperatorToken>(), sp.GetRequiredService<ChamberTokens>()));
        services.AddGrpc(grpc =>
        {
            grpc.Interceptors.Add<ErrorMappingInterceptor>();
            grpc.Interceptors.Add<OperatorTokenInterceptor>();
            grpc.MaxReceiveMessageSize = 16 * 1024 * 1024;
            grpc.MaxSendMessageSize = 64 * 1024 * 1024;
        });

        var app = builder.Build();
        app.MapGrpcService<AeoCertificatesService>();
        app.MapGrpcService<VerificationService>();
        app.MapGrpcService<CredentialExchangeService>();
        app.MapGrpcService<MrasService>();
        app.MapGrpcService<ChambersService>();
        app.MapGrpcService<CertificatesOfOriginService>();
        // The writer flushes its queue before the host lets go of the database.
        app.Lifetime.ApplicationStopped.Register(() => app.Services.GetRequiredService<StoreWriter>().DisposeAsync().AsTask().GetAwaiter().GetResult());
        return app;
    }

    // Chambers served by this node and their certificates of origin: keys from the keystore, tokens from the store,
    // a second anchoring worker for the chambers' own accounts.
    private static void AddCertificatesOfOrigin(IServiceCollection services, NodeOptions options, RegistryNetwork network, KeystoreContents keys,
        TimeProvider time)
    {
        services.AddSingleton(sp => new ChamberStore(sp.GetRequiredService<NodeDatabase>(), sp.GetRequiredService<StoreWriter>(), time));
        services.AddSingleton(sp => new OriginStore(sp.GetRequiredService<NodeDatabase>(), sp.GetRequiredService<StoreWriter>(), time));
        services.AddSingleton(sp => ChamberTokens.Load(sp.GetRequiredService<ChamberStore>()));
        services.AddSingleton(sp => new ChamberKeyRing(keys, sp.GetRequiredService<EthClient>(), network.ChainId, options.Anchoring,
            sp.GetRequiredService<ILogger<OriginAnchoringWorker>>(), time));
        services.AddSingleton(sp => new ChamberFunding(sp.GetRequiredService<AnchoringWorker>(), sp.GetRequiredService<EthClient>(), options.Chambers));
        services.AddSingleton(sp => new ChamberViews(sp.GetRequiredService<ChamberStore>(), sp.GetRequiredService<OriginStore>(),
            sp.GetRequiredService<ChamberKeyRing>(), sp.GetRequiredService<LedgerFollower>(), sp.GetRequiredService<EthClient>(), options));
        services.AddSingleton(sp => new ChamberRegistrar(sp.GetRequiredService<AnchoringWorker>(), sp.GetRequiredService<KeystoreHandle>(),
            sp.GetRequiredService<ChamberStore>(), sp.GetRequiredService<ChamberTokens>(), sp.GetRequiredService<ChamberKeyRing>(),
            sp.GetRequiredService<ChamberFunding>(), sp.GetRequiredService<ChamberViews>(), sp.GetRequiredService<LedgerFollower>(),
            sp.GetRequiredService<EthClient>(), network.Registries, options, time));
        services.AddSingleton(sp => new OriginIssuer(sp.GetRequiredService<OriginStore>(), sp.GetRequiredService<ChamberStore>(),
            sp.GetRequiredService<ChamberKeyRing>(), sp.GetRequiredService<LedgerFollower>(), options, time));
        services.AddSingleton(sp => new OriginUsage(sp.GetRequiredService<AnchoringWorker>(), sp.GetRequiredService<LedgerFollower>(), network.Registries));
        services.AddSingleton(sp => new OriginVerifiers(sp.GetRequiredService<LedgerFollower>(), sp.GetRequiredService<CertificateStore>(),
            sp.GetRequiredService<PartnerCredentialStore>(), options));
        services.AddSingleton(sp => new OriginAnchoringWorker(sp.GetRequiredService<NodeDatabase>(), sp.GetRequiredService<StoreWriter>(),
            sp.GetRequiredService<ChamberKeyRing>(), sp.GetRequiredService<ChamberStore>(), sp.GetRequiredService<ChamberFunding>(),
            sp.GetRequiredService<LedgerFollower>(), sp.GetRequiredService<EthClient>(), network.Registries, options.Anchoring,
            sp.GetRequiredService<ILogger<OriginAnchoringWorker>>(), time));
        services.AddHostedService(sp => sp.GetRequiredService<OriginAnchoringWorker>());
        services.AddSingleton(sp => new ChambersService(sp.GetRequiredService<ChamberRegistrar>(), sp.GetRequiredService<ChamberViews>()));
        services.AddSingleton(sp => new CertificatesOfOriginService(sp.GetRequiredService<OriginIssuer>(), sp.GetRequiredService<OriginStore>(),
            sp.GetRequiredService<OriginUsage>(), sp.GetRequiredService<OriginVerifiers>(), sp.GetRequiredService<LedgerFollower>(), network, options, time));
    }

    /// <summary>The URL the started node listens on (with the real port when <see cref="NodeOptions.ListenUrl"/> had port 0).</summary>
    public static Uri ListeningUrl(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var first = addresses?.FirstOrDefault() ?? throw new InvalidOperationException("The node is not listening yet: start it first.");
        return new Uri(first.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
    }
}
