using CredentialLedger.Contracts;
using CredentialLedger.Evm.Accounts;
using CredentialLedger.Evm.Crypto;
using CredentialLedger.Evm.Rpc;
using CredentialLedger.Node.Tests.Indexing;
using CredentialLedger.TestKit;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using V1 = CredentialLedger.Sdk.Node.V1;

namespace CredentialLedger.Node.Tests.Mras;

/// <summary>
/// Three members on one anvil chain: KR (founder; its node runs in the test process) and UZ and KZ (admitted by
/// KR's operator before the node starts, since the node sends from that account; UZ votes for KZ). UZ and KZ act
/// straight on the registry with their own operator keys (anvil's funded accounts 7 and 8), as their own nodes would.
/// </summary>
internal sealed class MraTestbed : IAsyncDisposable
{
    public static readonly MemberCode Kr = MemberCode.Parse("KR");
    public static readonly MemberCode Uz = MemberCode.Parse("UZ");
    public static readonly MemberCode Kz = MemberCode.Parse("KZ");

    /// <summary>A start long past, so that concluded MRAs are in force now.</summary>
    public static readonly DateTimeOffset Since = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly IndexingTestbed _chain;
    private readonly PrivateKey _uzKey;
    private readonly PrivateKey _kzKey;
    private readonly TransactionSender _uzSender;
    private readonly TransactionSender _kzSender;

    private MraTestbed(IndexingTestbed chain, PrivateKey uzKey, PrivateKey kzKey, InProcessNode node)
    {
        _chain = chain;
        _uzKey = uzKey;
        _kzKey = kzKey;
        _uzSender = chain.OperatorSender(uzKey);
        _kzSender = chain.OperatorSender(kzKey);
        Node = node;
        Registry = new MraRegistryClient(chain.Network.Registries.Mras, chain.Eth);
        AsUz = new MraRegistryClient(chain.Network.Registries.Mras, chain.Eth, _uzSender);
        AsKz = new MraRegistryClient(chain.Network.Registries.Mras, chain.Eth, _kzSender);
    }

    /// <summary>The KR node.</summary>
    public InProcessNode Node { get; }

    /// <summary>The node's Mras client; <see cref="Auth"/> is its operator token.</summary>
    public V1.Mras.MrasClient Client => Node.Mras;

    public Metadata Auth => Node.Auth;

    public NodeOptions Options => _chain.Options;

    /// <summary>The registry, read-only.</summary>
    public MraRegistryClient Registry { get; }

    /// <summary>The registry as UZ's operator.</summary>
    public MraRegistryClient AsUz { get; }

    /// <summary>The registry as KZ's operator.</summary>
    public MraRegistryClient AsKz { get; }

    public EthClient Eth => _chain.Eth;

    public static async Task<MraTestbed> CreateAsync(AnvilFixture anvil, CancellationToken ct)
    {
        var chain = await IndexingTestbed.CreateAsync(anvil, ct);
        var uzKey = PrivateKey.Parse(anvil.PrivateKeys[7]);
        var kzKey = PrivateKey.Parse(anvil.PrivateKeys[8]);
        try
        {
            var registries = chain.Network.Registries;
            using (var krKey = chain.OperatorKey())
            using (var kr = chain.OperatorSender(krKey))
            using (var uz = chain.OperatorSender(uzKey))
            {
                var krMembers = new MemberRegistryClient(registries.Members, chain.Eth, kr);
                var admitUz = await krMembers.ProposeAsync(ProposalKind.Admit, Uz, uzKey.Address, ct);
                await krMembers.ExecuteAsync(admitUz.Value, ct);
                var admitKz = await krMembers.ProposeAsync(ProposalKind.Admit, Kz, kzKey.Address, ct);
                await new MemberRegistryClient(registries.Members, chain.Eth, uz).VoteAsync(admitKz.Value, ct);
                await krMembers.ExecuteAsync(admitKz.Value, ct);
            }
            var node = await InProcessNode.StartAsync(chain.Options, ct);
            return new MraTestbed(chain, uzKey, kzKey, node);
        }
        catch
        {
            uzKey.Dispose();
            kzKey.Dispose();
            chain.Dispose();
            throw;
        }
    }

    /// <summary>Terms for a request: the programmes, some benefits, valid from <see cref="Since"/> with no end.</summary>
    public static V1.MraTermsInput Terms(params V1.ProgrammeType[] scope)
    {
        var terms = new V1.MraTermsInput { ValidFrom = Timestamp.FromDateTimeOffset(Since) };
        terms.Scope.AddRange(scope);
        terms.Benefits.Add(V1.MraBenefit.FewerDocumentaryChecks);
        terms.Benefits.Add(V1.MraBenefit.PriorityRelease);
        return terms;
    }

    /// <summary>The benefits mask of <see cref="Terms"/>: bits 0 and 2.</summary>
    public const uint Benefits = 0b101;

    /// <summary>KR's node proposes an MRA.</summary>
    public async Task<V1.MraChange> ProposeAsync(IEnumerable<string> parties, V1.MraTermsInput terms, CancellationToken ct)
    {
        var request = new V1.ProposeMraRequest { Terms = terms };
        request.Parties.AddRange(parties);
        return await Client.ProposeAsync(request, Auth, cancellationToken: ct);
    }

    public Task<V1.Mra> GetAsync(ulong id, CancellationToken ct) =>
        Client.GetAsync(new V1.GetMraRequest { MraId = id }, Auth, cancellationToken: ct).ResponseAsync;

    /// <summary>The KR operator account's next nonce, counting the pool: unchanged means nothing was sent.</summary>
    public async Task<ulong> OperatorNonceAsync(CancellationToken ct)
    {
        using var key = _chain.OperatorKey();
        return await Eth.GetTransactionCountAsync(key.Address, BlockParameter.Pending, ct);
    }

    public static ulong Seconds(Timestamp time) => (ulong)time.ToDateTimeOffset().ToUnixTimeSeconds();

    public async ValueTask DisposeAsync()
    {
        await Node.DisposeAsync();
        _uzSender.Dispose();
        _kzSender.Dispose();
        _uzKey.Dispose();
        _kzKey.Dispose();
        _chain.Dispose();
    }
}
