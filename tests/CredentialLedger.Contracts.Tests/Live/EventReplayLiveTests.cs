using CredentialLedger.Contracts.Events;
using CredentialLedger.Evm;
using CredentialLedger.Evm.Rpc;
using CredentialLedger.TestKit;
using static CredentialLedger.Contracts.Tests.Live.RegistryTestbed;

namespace CredentialLedger.Contracts.Tests.Live;

/// <summary>
/// "Events are the audit log": after a random (seeded) history, the state rebuilt from the logs alone — no storage
/// reads — equals what the registries' views answer.
/// </summary>
[Trait("Category", "Live")]
public sealed class EventReplayLiveTests(AnvilFixture anvil) : IClassFixture<AnvilFixture>
{
    private sealed record Batch(MemberCode Issuer, uint Size);

    private sealed class Replayed
    {
        public Dictionary<Hash32, Batch> Batches { get; } = [];
        public Dictionary<(Hash32 Root, uint Index), CredentialStatus> Statuses { get; } = [];
        public Dictionary<MemberCode, HashSet<Address>> Operators { get; } = [];
        public Dictionary<ulong, (MraStatus Status, uint Latest, uint Concluded, int Parties)> Mras { get; } = [];
        public Dictionary<(ulong Id, uint Version), HashSet<MemberCode>> Acceptances { get; } = [];

        public void Apply(RegistryEvent e)
        {
            switch (e)
            {
                case OperatorAdded a: Operators.TryAdd(a.Member, []); Operators[a.Member].Add(a.Account); break;
                case OperatorRemoved r: Operators[r.Member].Remove(r.Account); break;
                case BatchAnchored b: Batches.Add(b.Root, new Batch(b.Issuer, b.Size)); break;
                case CredentialStatusChanged c: Statuses[(c.Root, c.Index)] = c.Status; break;
                case CredentialStatusesChanged m:
                    foreach (var i in m.Indices)
                        Statuses[(m.Root, i)] = m.Status;
                    break;
                case CredentialSuperseded s: Statuses[(s.Root, s.Index)] = CredentialStatus.Superseded; break;
                case MraProposed p: Mras[p.MraId] = (MraStatus.Active, 1, 0, p.Parties.Count); break;
                case MraAmended a: Mras[a.MraId] = Mras[a.MraId] with { Latest = a.Version }; break;
                case MraAccepted a:
                    Acceptances.TryAdd((a.MraId, a.Version), []);
                    Acceptances[(a.MraId, a.Version)].Add(a.Party);
                    break;
                case MraConcluded c: Mras[c.MraId] = Mras[c.MraId] with { Concluded = c.Version }; break;
                case MraSuspended s: Mras[s.MraId] = Mras[s.MraId] with { Status = MraStatus.Suspended }; break;
                case MraResumed r: Mras[r.MraId] = Mras[r.MraId] with { Status = MraStatus.Active }; break;
                case MraTerminated t: Mras[t.MraId] = Mras[t.MraId] with { Status = MraStatus.Terminated }; break;
                default: break;
            }
        }

        public CredentialStatus StatusOf(Hash32 root, uint index) =>
            Statuses.TryGetValue((root, index), out var status) ? status : CredentialStatus.Active;
    }

    [Fact]
    public async Task State_rebuilt_from_the_events_alone_equals_the_registries_views_after_a_random_history()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        using var testbed = await DeployAsync(anvil, cts.Token);
        var random = new Random(20261123);
        var issuers = new[] { (Actor: testbed.Kr, Code: KR), (Actor: testbed.Kz, Code: KZ) };
        var batches = new List<(Actor Issuer, MemberCode Code, Hash32 Root, uint Size)>();
        foreach (var (issuer, code) in issuers)
        {
            foreach (var size in new uint[] { 300, 37 })
            {
                var root = TestData.NewRoot();
                await issuer.Credentials.AnchorAsync(root, size, cts.Token);
                batches.Add((issuer, code, root, size));
            }
        }

        // The model only picks legal moves, so every transaction succeeds; the replay is checked against the chain.
        var model = new Dictionary<(Hash32, uint), CredentialStatus>();
        CredentialStatus Status(Hash32 root, uint index) => model.TryGetValue((root, index), out var s) ? s : CredentialStatus.Active;
        for (var step = 0; step < 40; step++)
        {
            var (issuer, code, root, size) = batches[random.Next(batches.Count)];
            var picks = Enumerable.Range(0, random.Next(1, 12)).Select(_ => (uint)random.Next((int)size)).Distinct().Order().ToArray();
            var action = random.Next(4);
            var legal = picks.Where(i => action switch
            {
                0 => Status(root, i) == CredentialStatus.Active,
                1 => Status(root, i) == CredentialStatus.Suspended,
                2 => Status(root, i) is CredentialStatus.Active or CredentialStatus.Suspended,
                _ => Status(root, i) == CredentialStatus.Active,
            }).ToArray();
            if (legal.Length == 0)
                continue;
            var (to, reason) = action switch
            {
                0 => (CredentialStatus.Suspended, (byte)1),
                1 => (CredentialStatus.Active, (byte)6),
                2 => (CredentialStatus.Revoked, (byte)3),
                _ => (CredentialStatus.Superseded, (byte)9),
            };
            if (action == 3)
            {
                var renewed = TestData.NewRoot();
                await issuer.Credentials.AnchorAsync(renewed, (uint)legal.Length, cts.Token);
                batches.Add((issuer, code, renewed, (uint)legal.Length));
                var newIndices = Enumerable.Range(0, legal.Length).Select(i => (uint)i).ToArray();
                if (legal.Length == 1)
                    await issuer.Credentials.SupersedeAsync(root, legal[0], renewed, 0, reason, 0, cts.Token);
                else
                    await issuer.Credentials.SupersedeManyAsync(root, legal, renewed, newIndices, reason, 0, cts.Token);
            }
            else if (legal.Length == 1)
            {
                var single = action switch
                {
                    0 => issuer.Credentials.SuspendAsync(root, legal[0], reason, 0, cts.Token),
                    1 => issuer.Credentials.ReinstateAsync(root, legal[0], reason, 0, cts.Token),
                    _ => issuer.Credentials.RevokeAsync(root, legal[0], reason, 0, cts.Token),
                };
                await single;
            }
            else
            {
                var many = action switch
                {
                    0 => issuer.Credentials.SuspendManyAsync(root, legal, reason, 0, cts.Token),
                    1 => issuer.Credentials.ReinstateManyAsync(root, legal, reason, 0, cts.Token),
                    _ => issuer.Credentials.RevokeManyAsync(root, legal, reason, 0, cts.Token),
                };
                await many;
            }
            foreach (var i in legal)
                model[(root, i)] = to;
        }

        // Operators and MRAs change too.
        await testbed.Kr.Members.AddOperatorAsync(anvil.Accounts[7], cts.Token);
        await testbed.Kz.Members.AddOperatorAsync(anvil.Accounts[8], cts.Token);
        await testbed.Actor(7).Members.RemoveOperatorAsync(anvil.Accounts[1], cts.Token);
        var bilateral = (await testbed.Kz.Mras.ProposeAsync([KR, KZ], 3, 5, 0, 0, cts.Token)).Value;
        var regional = (await testbed.Uz.Mras.ProposeAsync([KR, KZ, UZ], 1, 1, 0, 0, cts.Token)).Value;
        await testbed.Actor(7).Mras.AcceptAsync(bilateral, 1, cts.Token);
        await testbed.Actor(7).Mras.AcceptAsync(regional, 1, cts.Token);
        await testbed.Kz.Mras.AcceptAsync(regional, 1, cts.Token);
        await testbed.Kz.Mras.AmendAsync(regional, 3, 7, 0, 0, cts.Token);
        await testbed.Uz.Mras.SuspendAsync(regional, 2, cts.Token);

        var decoder = new RegistryEventDecoder(testbed.Addresses);
        var logs = await testbed.Client.GetLogsAsync(decoder.CreateFilter(BlockParameter.Earliest, BlockParameter.Latest), 5, cts.Token);
        var replayed = new Replayed();
        foreach (var e in decoder.DecodeAll(logs))
            replayed.Apply(e);

        var changed = 0;
        foreach (var (issuer, code, root, size) in batches)
        {
            Assert.Equal(new Batch(code, size), replayed.Batches[root]);
            for (var word = 0u; word * 128 < size; word++)
            {
                var onChain = await issuer.Credentials.StatusWordAsync(root, word, cts.Token);
                for (var i = word * 128; i < Math.Min(size, (word + 1) * 128); i++)
                {
                    var expected = CredentialRegistryClient.StatusInWord(onChain, i);
                    Assert.Equal(expected, replayed.StatusOf(root, i));
                    Assert.Equal(Status(root, i), expected);
                    changed += expected == CredentialStatus.Active ? 0 : 1;
                }
            }
        }
        Assert.True(changed >= 40, $"the random history changed only {changed} credentials");

        foreach (var member in new[] { KR, KZ, UZ })
            Assert.Equal((await testbed.Kr.Members.OperatorsAsync(member, cts.Token)).ToHashSet(), replayed.Operators[member]);

        foreach (var id in new[] { bilateral, regional })
        {
            var mra = await testbed.Kr.Mras.GetMraAsync(id, cts.Token);
            Assert.NotNull(mra);
            var (status, latest, concluded, parties) = replayed.Mras[id];
            Assert.Equal((mra.Status, mra.LatestVersion, mra.ConcludedVersion, (int)mra.PartyCount), (status, latest, concluded, parties));
            for (var version = 1u; version <= latest; version++)
            {
                var terms = await testbed.Kr.Mras.TermsOfAsync(id, version, cts.Token);
                Assert.NotNull(terms);
                var accepted = replayed.Acceptances[(id, version)];
                Assert.Equal(System.Numerics.BitOperations.PopCount(terms.AcceptedMask), accepted.Count);
            }
        }
        Assert.Equal((MraStatus.Active, 1u, 1u), (replayed.Mras[bilateral].Status, replayed.Mras[bilateral].Latest, replayed.Mras[bilateral].Concluded));
        Assert.Equal((MraStatus.Suspended, 2u, 1u), (replayed.Mras[regional].Status, replayed.Mras[regional].Latest, replayed.Mras[regional].Concluded));
    }
}
