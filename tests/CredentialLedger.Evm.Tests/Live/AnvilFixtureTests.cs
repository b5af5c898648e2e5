using System.Diagnostics;
using CredentialLedger.Evm.Rpc;
using CredentialLedger.TestKit;

namespace CredentialLedger.Evm.Tests.Live;

[Trait("Category", "Live")]
public sealed class AnvilFixtureTests
{
    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    [Fact]
    public async Task Dispose_kills_anvil_and_deletes_its_directory()
    {
        var anvil = await AnvilFixture.StartAsync(new AnvilOptions());
        var pid = anvil.ProcessId!.Value;
        var client = anvil.CreateEthClient();

        Assert.Equal(31337UL, await client.ChainIdAsync(CancellationToken.None));
        Assert.Equal(10, anvil.PrivateKeys.Count);
        using (var key = anvil.CreateKey(0))
            Assert.Equal(anvil.Accounts[0], key.Address);
        Assert.DoesNotContain(anvil.PrivateKeys[0][2..], anvil.Output, StringComparison.OrdinalIgnoreCase);

        anvil.Dispose();

        Assert.False(IsAlive(pid));
        Assert.Null(anvil.ProcessId);
        await Assert.ThrowsAnyAsync<Exception>(() => new EthClient(new JsonRpcClient(
            new HttpClient { BaseAddress = anvil.RpcUrl }, new JsonRpcClientOptions { MaxRetries = 0 }))
            .ChainIdAsync(CancellationToken.None));
    }

    [Fact]
    public async Task State_file_survives_a_restart()
    {
        using var dir = new TempDirectory("anvil-state");
        var options = new AnvilOptions { StatePath = dir.File("state.json") };
        ulong blockAfterMining;
        using (var first = await AnvilFixture.StartAsync(options))
        {
            var client = first.CreateEthClient();
            for (var i = 0; i < 3; i++)
                await client.Rpc.SendAsync("evm_mine", null, static _ => true, CancellationToken.None);
            blockAfterMining = await client.BlockNumberAsync(CancellationToken.None);
        }
        Assert.True(File.Exists(options.StatePath), "anvil wrote no state file on shutdown");

        using var second = await AnvilFixture.StartAsync(options);
        Assert.Equal(blockAfterMining, await second.CreateEthClient().BlockNumberAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Startup_failure_is_reported_with_anvil_output_and_leaves_nothing_running()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            AnvilFixture.StartAsync(new AnvilOptions { ExtraArguments = ["--no-such-flag"], StartupTimeout = TimeSpan.FromSeconds(10) }));

        Assert.Contains("no-such-flag", error.InnerException!.Message);
    }

    [Fact]
    public async Task Solc_reports_compile_errors_clearly()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Solc.CompileSourceAsync("Broken.sol", "pragma solidity 0.8.30; contract Broken { function f( }"));
        Assert.Contains("solc failed", error.Message);
    }
}
