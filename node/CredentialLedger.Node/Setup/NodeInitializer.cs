using System.Security.Cryptography;
using CredentialLedger.Contracts;
using CredentialLedger.Contracts.Deployment;
using CredentialLedger.Contracts.Errors;
using CredentialLedger.Credentials.Jwt;
using CredentialLedger.Evm.Accounts;
using CredentialLedger.Evm.Crypto;
using CredentialLedger.Evm.Rpc;
using CredentialLedger.Node.Keys;

namespace CredentialLedger.Node.Setup;

/// <summary>What <see cref="NodeInitializer"/> needs to know.</summary>
public sealed record NodeInitialization
{
    /// <summary>The member code (ISO 3166-1 alpha-2).</summary>
    public required string Member { get; init; }

    /// <summary>The data directory to create.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>The chain's JSON-RPC endpoint.</summary>
    public required Uri RpcUrl { get; init; }

    /// <summary>Where the node's gRPC API will listen.</summary>
    public Uri ListenUrl { get; init; } = new("http://127.0.0.1:5080");

    /// <summary>The keystore passphrase.</summary>
    public required string Passphrase { get; init; }

    /// <summary>Argon2id cost; the default when null.</summary>
    public KdfParameters? Kdf { get; init; }

    /// <summary>The private key (hex) of a funded dev account that pays for deployment and funds the operator.</summary>
    public string? DevFunderKey { get; init; }
}

/// <summary>A node initialized to join a network: what its members need to admit it.</summary>
public sealed record JoiningNode(NodeOptions Options, string OperatorAccount, string SigningKeyId, string SigningPublicKey);

/// <summary>
/// Creates a node's data directory: keystore, operator token, node.json; on a dev chain also deploys the registries
/// with this member as the founding member and registers the signing key. <c>credledger init</c> calls this.
/// </summary>
public static class NodeInitializer
{
    /// <summary>The well-known first dev account of anvil/Hardhat (public test key; funded only on dev chains).</summary>
    public const string AnvilAccount0Key = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

    /// <summary>Initializes a node on a dev chain (anvil): everything, including deployment and key registration.</summary>
    /// <param name="init">The settings.</param>
    /// <param name="progress">Reports each step ("Deploying the registries" ...).</param>
    /// <param name="cancellationToken">Cancels the chain steps.</param>
    /// <returns>The node options written to node.json.</returns>
    /// <exception cref="InvalidOperationException">The data directory already holds a node.</exception>
    public static async Task<NodeOptions> InitializeDevAsync(NodeInitialization init, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(init);
        var options = CreateFiles(init, progress, out var keys);
        using var http = new HttpClient { BaseAddress = init.RpcUrl, Timeout = TimeSpan.FromSeconds(60) };
        var client = new EthClient(new JsonRpcClient(http), revertDecoder: RegistryErrors.CreateRevertDecoder());
        var chainId = await client.ChainIdAsync(cancellationToken).ConfigureAwait(false);
        var senderOptions = new TransactionSenderOptions
        {
            PollInterval = TimeSpan.FromMilliseconds(50),
            MineWhenStalled = true,
            StallThreshold = TimeSpan.FromMilliseconds(500),
        };
        using var operatorKey = PrivateKey.FromBytes(keys.OperatorKey);
        using (var funderKey = PrivateKey.Parse(init.DevFunderKey ?? AnvilAccount0Key))
        using (var funder = new TransactionSender(funderKey, client, chainId, senderOptions))
        {
            progress?.Report($"Funding the operator account {operatorKey.Address}");
            await funder.SendAndWaitAsync(new TransactionRequest { To = operatorKey.Address, Value = System.Numerics.BigInteger.Pow(10, 21) },
                cancellationToken).ConfigureAwait(false);
        }

        using var sender = new TransactionSender(operatorKey, client, chainId, senderOptions);
        progress?.Report("Deploying the registries");
        var member = MemberCode.Parse(init.Member);
        var deploymentBlock = await client.BlockNumberAsync(cancellationToken).ConfigureAwait(false);
        var addresses = await RegistryDeployer.DeployAsync(sender, [(member, operatorKey.Address)], TimeSpan.FromDays(1), cancellationToken)
            .ConfigureAwait(false);
        var network = new RegistryNetwork(chainId, addresses) { DeploymentBlock = deploymentBlock };
        await network.SaveAsync(options.Resolve(options.NetworkFile), cancellationToken).ConfigureAwait(false);

        progress?.Report("Registering the credential-signing key");
        using var signingKey = VcJwtSigningKey.FromPrivateKey(keys.CurrentSigningKey.PrivateKey);
        var members = new MemberRegistryClient(addresses.Members, client, sender);
        await members.RegisterKeyAsync(signingKey.PublicKey, (ulong)keys.CurrentSigningKey.ValidFrom.ToUnixTimeSeconds(), 0, cancellationToken)
            .ConfigureAwait(false);
        return options;
    }

    /// <summary>
    /// Initializes a node that joins an existing network: the files only. The members must admit this member with the
    /// returned operator account, which then registers the signing key.
    /// </summary>
    public static JoiningNode InitializeJoining(NodeInitialization init, string networkFile)
    {
        ArgumentNullException.ThrowIfNull(init);
        if (!File.Exists(networkFile))
            throw new FileNotFoundException($"The network file {networkFile} does not exist.", networkFile);
        var network = RegistryNetwork.Parse(File.ReadAllText(networkFile));
        var options = CreateFiles(init, null, out var keys);
        File.WriteAllText(options.Resolve(options.NetworkFile), network.ToJson());
        using var operatorKey = PrivateKey.FromBytes(keys.OperatorKey);
        using var signingKey = VcJwtSigningKey.FromPrivateKey(keys.CurrentSigningKey.PrivateKey);
        return new JoiningNode(options, operatorKey.Address.ToString(), signingKey.KeyId.ToString(), "0x" + Convert.ToHexStringLower(signingKey.PublicKey));
    }

    private static NodeOptions CreateFiles(NodeInitialization init, IProgress<string>? progress, out KeystoreContents keys)
    {
        var options = new NodeOptions
        {
            Member = init.Member,
            RpcUrl = init.RpcUrl,
            DataDirectory = Path.GetFullPath(init.DataDirectory),
            ListenUrl = init.ListenUrl,
        };
        options.Anchoring.MineWhenStalled = true;
        options.Validate();
        if (File.Exists(Path.Combine(options.DataDirectory, NodeOptions.FileName)) || File.Exists(options.Resolve(options.KeystoreFile)))
            throw new InvalidOperationException($"{options.DataDirectory} already holds a node (node.json or keystore.json); refusing to overwrite it.");
        Directory.CreateDirectory(options.DataDirectory);

        progress?.Report("Creating the keystore");
        keys = Keystore.Generate(TimeProvider.System);
        Keystore.Create(options.Resolve(options.KeystoreFile), init.Passphrase, keys, init.Kdf);
        var tokenPath = options.Resolve(options.OperatorTokenFile);
        // Created owner-only: the token never exists with wider permissions, even briefly.
        var streamOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            streamOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var token = new StreamWriter(new FileStream(tokenPath, streamOptions)))
            token.WriteLine(Base64Url(RandomNumberGenerator.GetBytes(32)));
        options.Save();
        return options;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
