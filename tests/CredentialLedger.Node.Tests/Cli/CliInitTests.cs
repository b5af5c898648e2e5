using CredentialLedger.Contracts;
using CredentialLedger.Contracts.Deployment;
using CredentialLedger.Evm.Crypto;
using CredentialLedger.Node.Keys;
using CredentialLedger.TestKit;

namespace CredentialLedger.Node.Tests.Cli;

/// <summary><c>credledger init</c> against a private anvil, in process.</summary>
public sealed class CliInitTests(AnvilFixture anvil) : IClassFixture<AnvilFixture>, IDisposable
{
    private const string Passphrase = "cli test passphrase, not a secret";
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(90);
    private readonly TempDirectory _directory = new("cli-init");

    private static IReadOnlyDictionary<string, string?> WithPassphrase => Credledger.Environment(("CREDLEDGER_PASSPHRASE", Passphrase));

    private Task<CliResult> InitDevAsync(string data, CancellationToken ct, string member = "KR") =>
        Credledger.RunAsync(WithPassphrase, ct,
            "init", "--dev", "--member", member, "--data", data, "--rpc", anvil.RpcUrl.ToString(), "--listen", "http://127.0.0.1:5999");

    [Fact]
    public async Task Init_dev_writes_owner_only_keystore_and_token_node_json_and_network_json_and_registers_the_member_and_its_key_on_chain()
    {
        using var cts = new CancellationTokenSource(TestTimeout);
        var data = _directory.File("node");
        var before = TimeProvider.System.GetUtcNow();

        var result = await InitDevAsync(data, cts.Token);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("", result.Error);
        Assert.Contains($"credledger node run --data {data}", result.Out, StringComparison.Ordinal);

        Assert.Equal(OwnerOnly, ModeOf(Path.Combine(data, "keystore.json")));
        Assert.Equal(OwnerOnly, ModeOf(Path.Combine(data, "operator.token")));
        var token = File.ReadAllText(Path.Combine(data, "operator.token")).Trim();
        Assert.Equal(32, Convert.FromBase64String(token.Replace('-', '+').Replace('_', '/') + "=").Length);

        var options = NodeOptions.Load(data);
        Assert.Equal("KR", options.Member);
        Assert.Equal(anvil.RpcUrl, options.RpcUrl);
        Assert.Equal(new Uri("http://127.0.0.1:5999"), options.ListenUrl);
        Assert.True(options.Anchoring.MineWhenStalled);
        options.Validate();

        var network = await RegistryNetwork.LoadAsync(options.Resolve(options.NetworkFile), cts.Token);
        Assert.Equal(anvil.ChainId, network.ChainId);

        var keys = Keystore.Open(options.Resolve(options.KeystoreFile), Passphrase);
        using var operatorKey = PrivateKey.FromBytes(keys.OperatorKey);
        var members = new MemberRegistryClient(network.Registries.Members, anvil.CreateEthClient());
        var kr = MemberCode.Parse("KR");
        var member = await members.GetMemberAsync(kr, cts.Token);
        Assert.Equal(MemberStatus.Active, member.Status);
        Assert.Equal([operatorKey.Address], await members.OperatorsAsync(kr, cts.Token));

        var key = await members.GetKeyAsync(keys.CurrentSigningKey.KeyId, cts.Token);
        Assert.NotNull(key);
        Assert.Equal(kr, key.Member);
        Assert.Equal(0ul, key.ValidUntil);
        // Asked for a minute before init; the registry moves a start in the past up to the block time.
        Assert.InRange((long)key.ValidFrom, before.AddSeconds(-65).ToUnixTimeSeconds(), TimeProvider.System.GetUtcNow().AddSeconds(5).ToUnixTimeSeconds());
        Assert.True(key.IsValidAt((ulong)TimeProvider.System.GetUtcNow().AddSeconds(5).ToUnixTimeSeconds()));

        // Nothing secret reaches the terminal.
        Assert.DoesNotContain(token, result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToHexStringLower(keys.OperatorKey), result.Out, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Convert.ToHexStringLower(keys.CurrentSigningKey.PrivateKey), result.Out, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Init_refuses_to_overwrite_an_existing_node_and_changes_nothing()
    {
        using var cts = new CancellationTokenSource(TestTimeout);
        var data = _directory.File("node");
        var first = await InitDevAsync(data, cts.Token);
        Assert.True(first.ExitCode == 0, first.ToString());
        var files = Snapshot(data);

        var again = await InitDevAsync(data, cts.Token);

        Assert.True(again.ExitCode == 1, again.ToString());
        var line = Assert.Single(again.ErrorLines);
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains("refusing to overwrite", line, StringComparison.Ordinal);
        Assert.Equal(files, Snapshot(data));
    }

    [Fact]
    public async Task Init_refuses_a_directory_that_holds_a_keystore_without_node_json()
    {
        using var cts = new CancellationTokenSource(TestTimeout);
        var data = _directory.File("node");
        Directory.CreateDirectory(data);
        File.WriteAllText(Path.Combine(data, "keystore.json"), "{}");

        var result = await InitDevAsync(data, cts.Token);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("refusing to overwrite", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.Equal("{}", File.ReadAllText(Path.Combine(data, "keystore.json")));
        Assert.Equal(["keystore.json"], Directory.GetFiles(data).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Init_without_a_passphrase_fails_in_one_line_and_writes_nothing()
    {
        var data = _directory.File("node");

        var result = await Credledger.RunAsync(Credledger.Environment(), CancellationToken.None,
            "init", "--dev", "--member", "KR", "--data", data, "--rpc", anvil.RpcUrl.ToString());

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal("error: No keystore passphrase: set CREDLEDGER_PASSPHRASE, or CREDLEDGER_PASSPHRASE_FILE to a file that holds it.\n", result.Error);
        Assert.False(Directory.Exists(data));
    }

    [Fact]
    public async Task Init_dev_with_the_chain_down_fails_in_one_line_and_leaves_nothing_so_a_retry_works()
    {
        var data = _directory.File("node");
        var nowhere = new Uri($"http://127.0.0.1:{FreePort.Get()}");

        var result = await Credledger.RunAsync(WithPassphrase, CancellationToken.None,
            "init", "--dev", "--member", "KR", "--data", data, "--rpc", nowhere.ToString());

        Assert.True(result.ExitCode == 1, result.ToString());
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith($"error: the chain at {nowhere} is not reachable", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(data));
    }

    [Fact]
    public async Task Init_network_copies_the_network_file_registers_nothing_and_prints_the_operator_account_and_signing_key_to_admit()
    {
        using var cts = new CancellationTokenSource(TestTimeout);
        var founder = _directory.File("kr");
        Assert.Equal(0, (await InitDevAsync(founder, cts.Token)).ExitCode);
        var networkFile = Path.Combine(founder, "network.json");
        var joining = _directory.File("jp");

        var result = await Credledger.RunAsync(WithPassphrase, cts.Token,
            "init", "--member", "jp", "--network", networkFile, "--data", joining, "--rpc", anvil.RpcUrl.ToString());

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("", result.Error);
        Assert.Equal(File.ReadAllText(networkFile), File.ReadAllText(Path.Combine(joining, "network.json")));
        var options = NodeOptions.Load(joining);
        Assert.Equal("JP", options.Member);
        Assert.Equal(OwnerOnly, ModeOf(Path.Combine(joining, "keystore.json")));
        Assert.Equal(OwnerOnly, ModeOf(Path.Combine(joining, "operator.token")));

        var keys = Keystore.Open(options.Resolve(options.KeystoreFile), Passphrase);
        using var operatorKey = PrivateKey.FromBytes(keys.OperatorKey);
        Assert.Contains(operatorKey.Address.ToString(), result.Out, StringComparison.Ordinal);
        Assert.Contains(keys.CurrentSigningKey.KeyId.ToString(), result.Out, StringComparison.Ordinal);
        Assert.Matches("public key 0x04[0-9a-f]{128}", result.Out);

        var network = await RegistryNetwork.LoadAsync(networkFile, cts.Token);
        var members = new MemberRegistryClient(network.Registries.Members, anvil.CreateEthClient());
        Assert.Null(await members.OperatorMemberAsync(operatorKey.Address, cts.Token));
        Assert.Null(await members.GetKeyAsync(keys.CurrentSigningKey.KeyId, cts.Token));
        Assert.Equal(MemberStatus.None, (await members.GetMemberAsync(MemberCode.Parse("JP"), cts.Token)).Status);
    }

    [Fact]
    public async Task Init_network_with_a_missing_network_file_fails_in_one_line_and_writes_nothing()
    {
        var data = _directory.File("jp");

        var result = await Credledger.RunAsync(WithPassphrase, CancellationToken.None,
            "init", "--member", "JP", "--network", _directory.File("no-network.json"), "--data", data);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("no-network.json does not exist", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.False(Directory.Exists(data));
    }

    private static Dictionary<string, string> Snapshot(string directory) =>
        Directory.GetFiles(directory).ToDictionary(f => Path.GetFileName(f), f => Convert.ToHexString(File.ReadAllBytes(f)));

    // Windows has no Unix modes; the keystore and token are owner-only there through the profile directory's ACL.
    private static UnixFileMode ModeOf(string path) => OperatingSystem.IsWindows() ? OwnerOnly : File.GetUnixFileMode(path);

    public void Dispose() => _directory.Dispose();
}
