using System.Collections.Concurrent;
using CredentialLedger.Contracts;
using CredentialLedger.Contracts.Events;
using CredentialLedger.Evm.Crypto;
using CredentialLedger.Sdk.Verification;
using static CredentialLedger.Sdk.Tests.LedgerScenario;

namespace CredentialLedger.Sdk.Tests.Verification;

/// <summary>
/// Smoke tests of the one-writer, many-readers contract of <c>LedgerHistory</c> as the verifier uses it: a fixed
/// number of parallel verifications while another thread applies a fixed list of events. Nothing is timed; each
/// answer must be one the ledger could give before or after some event, never a mix or an exception.
/// </summary>
public sealed class ConcurrentVerificationTests : IDisposable
{
    private const int Verifications = 3_000;
    private readonly LedgerScenario _s = LedgerScenario.Standard();

    public void Dispose() => _s.Dispose();

    /// <summary>Events for the writer, built up front on the test thread (positions continue the scenario's).</summary>
    private List<(RegistryEvent Event, ulong BlockTime)> WriterEvents(AnchoredDocuments doomed, AnchoredDocuments stable)
    {
        var events = new List<(RegistryEvent, ulong)>();
        var time = Unix(At) - 86_400;
        for (var i = 0; i < doomed.Credentials.Count; i++)
        {
            var c = doomed[i];
            events.Add((new CredentialStatusChanged(c.Root, c.Index, CredentialStatus.Suspended, 6, time) { Contract = CredentialRegistry, Position = _s.NextPosition() }, time));
            // Noise that touches the same dictionaries the readers use, without changing their answers at At:
            // batches, keys and MRAs of others, a second KR–UZ MRA (behind MRA 1), changes effective after At.
            events.Add((new BatchAnchored(Keccak256.HashUtf8($"noise {i}"), Kz, 4, time) { Contract = CredentialRegistry, Position = _s.NextPosition() }, time));
            var key = _s.NewKey();
            events.Add((new KeyRegistered(key.KeyId, Kz, null, time, 0, key.PublicKey) { Contract = MemberRegistry, Position = _s.NextPosition() }, time));
            events.Add((new MraProposed(100 + (ulong)i, Kz, [Kz, Uz], AeoSOnly, 1, 0, 0) { Contract = MraRegistry, Position = _s.NextPosition() }, time));
            events.Add((new MraConcluded(100 + (ulong)i, 1) { Contract = MraRegistry, Position = _s.NextPosition() }, time));
            var s = stable[i % stable.Credentials.Count];
            events.Add((new CredentialStatusChanged(s.Root, s.Index, CredentialStatus.Suspended, 6, Unix(At) + 86_400) { Contract = CredentialRegistry, Position = _s.NextPosition() }, time));
            time += 10;
        }
        events.Add((new MraProposed(200, Kr, [Kr, Uz], AeoCOnly, 0b10, 0, 0) { Contract = MraRegistry, Position = _s.NextPosition() }, time));
        events.Add((new MraConcluded(200, 1) { Contract = MraRegistry, Position = _s.NextPosition() }, time));
        return events;
    }

    [Fact]
    public async Task Parallel_verifications_while_events_are_applied_never_throw_and_give_consistent_answers()
    {
        var stable = _s.Anchor(Kr, Anchoring, [.. Enumerable.Range(0, 8).Select(_ => _s.SignNew(Kr))]);
        var doomed = _s.Anchor(Kr, Anchoring + 1, [.. Enumerable.Range(0, 8).Select(_ => _s.SignNew(Kr))]);
        var events = WriterEvents(doomed, stable);
        var countBefore = _s.History.EventCount;
        var problems = new ConcurrentQueue<string>();

        var writer = Task.Run(() =>
        {
            foreach (var (e, time) in events)
            {
                if (!_s.History.Apply(e, time))
                    problems.Enqueue($"{e.GetType().Name} at {e.Position} was not applied");
            }
        });
        Parallel.For(0, Verifications, () => new bool[doomed.Credentials.Count], (i, _, seenSuspended) =>
        {
            try
            {
                var isDoomed = i % 2 == 1;
                var n = i / 2 % 8;
                var batch = isDoomed ? doomed : stable;
                var result = _s.Verify(batch[n], Uz);
                var recognizedAsBefore = result is { Recognized: true, Status: CredentialStatus.Active, Mra: { MraId: 1, Version: 1 } }
                    && result.Anchor?.BlockNumber == batch.Position.BlockNumber && result.Reasons.Count == 0;
                var suspended = result is { Recognized: false, Status: CredentialStatus.Suspended }
                    && result.Reasons.Count == 1 && result.Reasons[0].Failure == VerificationFailure.Suspended;
                if (!isDoomed && !recognizedAsBefore)
                    problems.Enqueue($"stable {n}: {string.Join("; ", result.Reasons)}");
                if (isDoomed && !(recognizedAsBefore || suspended))
                    problems.Enqueue($"doomed {n}: {string.Join("; ", result.Reasons)}");
                // Within one worker, a suspension once seen stays seen: entries are swapped whole, never rolled back.
                if (isDoomed && seenSuspended[n] && !suspended)
                    problems.Enqueue($"doomed {n}: suspended, then not");
                if (suspended)
                    seenSuspended[n] = true;
            }
            catch (Exception e)
            {
                problems.Enqueue(e.ToString());
            }
            return seenSuspended;
        }, _ => { });
        await writer;

        Assert.Empty(problems);
        Assert.Equal(countBefore + events.Count, _s.History.EventCount);
        Assert.All(doomed.Credentials, c => Assert.Equal([VerificationFailure.Suspended], _s.Verify(c, Uz).Reasons.Select(r => r.Failure)));
        Assert.All(stable.Credentials, c => Assert.Equal(1UL, _s.Verify(c, Uz).Mra?.MraId));
    }

    [Fact]
    public async Task Mra_lookups_never_throw_while_mras_are_proposed_concluded_and_suspended()
    {
        var events = new List<(RegistryEvent, ulong)>();
        var time = Anchoring;
        for (ulong id = 10; id < 110; id++)
        {
            events.Add((new MraProposed(id, Kz, [Kr, Kz], AeoSOnly, 1, 0, 0) { Contract = MraRegistry, Position = _s.NextPosition() }, time));
            events.Add((new MraConcluded(id, 1) { Contract = MraRegistry, Position = _s.NextPosition() }, time));
            events.Add((new MraSuspended(id, Kr, 4) { Contract = MraRegistry, Position = _s.NextPosition() }, time + 1));
            time += 2;
        }
        var problems = new ConcurrentQueue<string>();

        var writer = Task.Run(() =>
        {
            foreach (var (e, t) in events)
                _s.History.Apply(e, t);
        });
        Parallel.For(0, Verifications, i =>
        {
            try
            {
                var mras = _s.History.MrasOf(Kz);
                if (mras.Any(m => !m.Parties.Contains(Kz)))
                    problems.Enqueue("MrasOf(KZ) returned an MRA without KZ");
                // Every MRA here is suspended one second after it is concluded: at most one is in force at any time.
                if (_s.History.MrasInForce(Kz, Kr, Anchoring + (ulong)(i % 200)).Count > 1)
                    problems.Enqueue("two MRAs in force at once");
                _ = _s.History.Mras.Count;
            }
            catch (Exception e)
            {
                problems.Enqueue(e.ToString());
            }
        });
        await writer;

        Assert.Empty(problems);
        Assert.Equal(100, _s.History.MrasOf(Kz).Count);
        Assert.Empty(_s.History.MrasInForce(Kz, Kr, time));
    }
}
