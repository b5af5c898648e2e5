using System.Collections.Concurrent;
using CredentialLedger.Contracts.Events;
using CredentialLedger.Evm.Crypto;
using CredentialLedger.Sdk.Verification;
using static CredentialLedger.Sdk.Tests.LedgerScenario;
using static CredentialLedger.Sdk.Tests.Origin.OriginWorld;

namespace CredentialLedger.Sdk.Tests.Origin;

/// <summary>
/// The one-writer, many-readers contract of the ledger's chamber and origin entries, as the origin verifier reads them:
/// a fixed number of parallel verifications while another thread revokes certificates and churns a chamber. Nothing is
/// timed; each answer must be one the ledger could give before or after some event, never a mix or an exception.
/// </summary>
public sealed class ConcurrentOriginVerificationTests : IDisposable
{
    private const int Verifications = 2_000;
    private readonly OriginWorld _w = new();

    public void Dispose() => _w.Dispose();

    [Fact]
    public async Task Parallel_verifications_while_chamber_and_origin_events_are_applied_never_throw_and_give_consistent_answers()
    {
        var stable = _w.IssueAndAnchor(4);
        var doomed = _w.IssueAndAnchor(4, anchoredAt: Anchored + 1);
        var time = Anchored + 100;
        var events = new List<(RegistryEvent, ulong)>();
        for (var i = 0; i < 4; i++)
        {
            // Revocations of the doomed, suspensions and reinstatements after the issue (which do not change the
            // answers), other batches, and a use of a stable certificate.
            events.Add((new CertificateRevoked(doomed[i].Root, doomed[i].Index, 7, time) { Contract = OriginRegistry, Position = _w.S.NextPosition() }, time));
            events.Add((new ChamberSuspended(Kcci, 4) { Contract = MemberRegistry, Position = _w.S.NextPosition() }, time));
            events.Add((new ChamberReinstated(Kcci) { Contract = MemberRegistry, Position = _w.S.NextPosition() }, time + 1));
            events.Add((new OriginBatchAnchored(Keccak256.HashUtf8($"noise {i}"), Kcci, Kr, 3, time + 1) { Contract = OriginRegistry, Position = _w.S.NextPosition() }, time + 1));
            events.Add((new CertificateUsed(stable[i].Root, stable[i].Index, Uz, Keccak256.HashUtf8($"declaration {i}")) { Contract = OriginRegistry, Position = _w.S.NextPosition() }, time + 1));
            time += 10;
        }
        var problems = new ConcurrentQueue<string>();

        var writer = Task.Run(() =>
        {
            foreach (var (e, blockTime) in events)
            {
                if (!_w.S.History.Apply(e, blockTime))
                    problems.Enqueue($"{e.GetType().Name} at {e.Position} was not applied");
            }
        });
        Parallel.For(0, Verifications, i =>
        {
            try
            {
                var isDoomed = i % 2 == 1;
                var origin = (isDoomed ? doomed : stable)[i / 2 % 4];
                var result = _w.Verify(origin);
                var revoked = result is { Recognized: false, Revocation: not null } && result.Reasons.Count == 1 && result.Reasons[0].Failure == VerificationFailure.Revoked;
                if (!isDoomed && !result.Recognized)
                    problems.Enqueue($"stable {origin.Index}: {string.Join("; ", result.Reasons)}");
                if (isDoomed && !(result.Recognized || revoked))
                    problems.Enqueue($"doomed {origin.Index}: {string.Join("; ", result.Reasons)}");
            }
            catch (Exception e)
            {
                problems.Enqueue(e.ToString());
            }
        });
        await writer;

        Assert.Empty(problems);
        Assert.All(doomed, d => Assert.True(_w.Verify(d).Has(VerificationFailure.Revoked)));
        Assert.All(stable, s => Assert.NotNull(_w.Verify(s).Use));
        Assert.Equal(9, _w.S.History.GetChamber(Kcci)!.Statuses.Length);
    }
}
