using CredentialLedger.Contracts.Events;
using CredentialLedger.Evm.Rpc;
using CredentialLedger.TestKit;
using static CredentialLedger.Contracts.Tests.Live.RegistryTestbed;

namespace CredentialLedger.Contracts.Tests.Live;

[Trait("Category", "Live")]
public sealed class RegistryEventsLiveTests(AnvilFixture anvil) : IClassFixture<AnvilFixture>
{
    [Fact]
    public async Task The_history_of_every_registry_reads_back_from_the_logs_in_chain_order()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var testbed = await DeployAsync(anvil, cts.Token);
        var chamber = ChamberId.FromAscii("KZ-ATAMEKEN");
        var (credentials, origins) = (TestData.NewRoot(), TestData.NewRoot());
        var declaration = TestData.NewRoot();

        var receipts = new List<TransactionReceipt>
        {
            await testbed.Kr.Credentials.AnchorAsync(credentials, 10, cts.Token),
            await testbed.Kr.Credentials.RevokeManyAsync(credentials, [7, 2], 4, 0, cts.Token),
            await testbed.Kr.Credentials.SuspendAsync(credentials, 3, 1, 0, cts.Token),
            await testbed.Kz.Members.AuthorizeChamberAsync(chamber, anvil.Accounts[6], cts.Token),
            await testbed.Actor(6).Origins.AnchorAsync(origins, 2, cts.Token),
            await testbed.Uz.Origins.MarkUsedAsync(origins, 1, declaration, cts.Token),
            (await testbed.Kr.Mras.ProposeAsync([KR, UZ], 1, 2, 0, 0, cts.Token)).Receipt,
            await testbed.Uz.Mras.AcceptAsync(1, 1, cts.Token),
        };
        var decoder = new RegistryEventDecoder(testbed.Addresses);

        var logs = await testbed.Client.GetLogsAsync(decoder.CreateFilter(BlockParameter.Earliest, BlockParameter.Latest), cts.Token);
        var history = decoder.DecodeAll(logs);

        var (members, creds, mras, orig) = (testbed.Addresses.Members, testbed.Addresses.Credentials, testbed.Addresses.Mras, testbed.Addresses.Origins);
        var (a3, a6) = (anvil.Accounts[3], anvil.Accounts[6]);
        Assert.Equal(
        [
            nameof(MemberAdmitted), nameof(OperatorAdded), nameof(MemberAdmitted), nameof(OperatorAdded), nameof(MemberAdmitted),
            nameof(OperatorAdded), nameof(BatchAnchored), nameof(CredentialStatusesChanged), nameof(CredentialStatusChanged),
            nameof(ChamberAuthorized), nameof(ChamberAccountAdded), nameof(OriginBatchAnchored), nameof(CertificateUsed),
            nameof(MraProposed), nameof(MraAccepted), nameof(MraAccepted), nameof(MraConcluded),
        ], history.Select(e => e.GetType().Name));
        Assert.Equal(history.Select(e => e.Position).Order(), history.Select(e => e.Position));
        Assert.Equal(history.Count, history.Select(e => e.Position).Distinct().Count());

        // The founders, from the deployment's own logs.
        Assert.Equal(new MemberAdmitted(KR, 1, 0) { Contract = members, Position = history[0].Position }, history[0]);
        Assert.Equal(new OperatorAdded(UZ, a3) { Contract = members, Position = history[5].Position }, history[5]);
        // Then what the test did, each event equal to the one decoded from its transaction's receipt.
        var fromReceipts = decoder.DecodeAll(receipts.SelectMany(r => r.Logs));
        Assert.Equal(fromReceipts, history.Skip(6));
        var anchoredAt = (await testbed.Client.GetBlockByNumberAsync(receipts[0].BlockNumber, cts.Token)).Timestamp;
        var revokedAt = (await testbed.Client.GetBlockByNumberAsync(receipts[1].BlockNumber, cts.Token)).Timestamp;
        Assert.Equal(new BatchAnchored(credentials, KR, 10, anchoredAt) { Contract = creds, Position = history[6].Position }, history[6]);
        Assert.Equal(new CredentialStatusesChanged(credentials, CredentialStatus.Revoked, 4, revokedAt, [7, 2])
        {
            Contract = creds, Position = history[7].Position,
        }, history[7]);
        Assert.Equal(CredentialStatus.Suspended, Assert.IsType<CredentialStatusChanged>(history[8]).Status);
        Assert.Equal(new ChamberAuthorized(chamber, KZ, a6) { Contract = members, Position = history[9].Position }, history[9]);
        Assert.Equal(new CertificateUsed(origins, 1, UZ, declaration) { Contract = orig, Position = history[12].Position }, history[12]);
        Assert.Equal(new MraProposed(1, KR, [KR, UZ], 1, 2, 0, 0) { Contract = mras, Position = history[13].Position }, history[13]);
        Assert.Equal(new MraConcluded(1, 1) { Contract = mras, Position = history[16].Position }, history[16]);
        Assert.Equal(receipts[7].TransactionHash, history[16].Position.TransactionHash);
    }
}
