using CredentialLedger.Contracts;
using CredentialLedger.Contracts.Deployment;
using CredentialLedger.Contracts.Errors;
using CredentialLedger.Evm.Accounts;
using CredentialLedger.Evm.Crypto;
using CredentialLedger.Sdk.Audit;
using CredentialLedger.TestKit;

namespace CredentialLedger.Sdk.Tests.Audit;

/// <summary>A cache written by one replay is read, and extended, by the next one as the chain grows.</summary>
[Trait("Category", "Live")]
public sealed class AuditCacheExtensionLiveTests(AnvilFixture anvil) : IClassFixture<AnvilFixture>
{
    [Fact]
    public async Task A_replay_extends_its_cache_with_the_new_blocks_and_matches_a_fresh_replay()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var ct = cts.Token;
        var client = anvil.CreateEthClient(revertDecoder: RegistryErrors.CreateRevertDecoder());
        using var key0 = anvil.CreateKey(0);
        using var key1 = anvil.CreateKey(1);
        var options = new TransactionSenderOptions { PollInterval = TimeSpan.FromMilliseconds(20), MineWhenStalled = true, StallThreshold = TimeSpan.FromMilliseconds(500) };
        using var deployer = new TransactionSender(key0, client, anvil.ChainId, options);
        using var kr = new TransactionSender(key1, client, anvil.ChainId, options);
        var kode = MemberCode.Parse("KR");
        var registries = await RegistryDeployer.DeployAsync(deployer, [(kode, anvil.Accounts[1]), (MemberCode.Parse("UZ"), anvil.Accounts[2])], TimeSpan.FromDays(7), ct);
        var credentials = new CredentialRegistryClient(registries.Credentials, client, kr);
        var root = Keccak256.HashUtf8("extension batch");
        await credentials.AnchorAsync(root, 10, ct);
        await credentials.SuspendManyAsync(root, [1, 2, 3], 1, 0, ct);

        using var directory = new TempDirectory("audit-extend");
        var path = directory.File("events.claudit");
        var first = await new AuditReplayer(client, registries, new AuditReplayOptions { CachePath = path }).ReplayAsync(null, ct);
        var firstHeader = AuditReplayer.ReadCacheHeader(path);

        await credentials.RevokeManyAsync(root, [2, 4], 3, 0, ct);
        await credentials.ReinstateAsync(root, 1, 6, 0, ct);

        var extended = await new AuditReplayer(client, registries, new AuditReplayOptions { CachePath = path }).ReplayAsync(null, ct);
        var fresh = await new AuditReplayer(client, registries).ReplayAsync(null, ct);
        Assert.Equal((AuditSource.CacheThenRpc, AuditSource.Rpc), (extended.Source, fresh.Source));
        Assert.Equal(first.EventCount + 2, extended.EventCount);
        Assert.Equal(AuditJsonWriter.ToBytes(fresh.ToReport()), AuditJsonWriter.ToBytes(extended.ToReport()));
        Assert.Empty(extended.State.Violations);

        var header = AuditReplayer.ReadCacheHeader(path);
        Assert.Equal((firstHeader.FromBlock, fresh.Range.ToBlock, fresh.Range.ToBlockHash, extended.EventCount),
            (header.FromBlock, header.ToBlock, header.ToBlockHash, header.LogCount));
        var fromCache = AuditReplayer.ReplayCache(path, anvil.ChainId, registries, null, ct);
        Assert.Equal(AuditJsonWriter.ToBytes(fresh.ToReport()), AuditJsonWriter.ToBytes(fromCache.ToReport()));
    }
}
