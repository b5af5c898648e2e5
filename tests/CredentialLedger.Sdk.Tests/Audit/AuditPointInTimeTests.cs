using CredentialLedger.Contracts;
using CredentialLedger.Sdk.Audit;
using CredentialLedger.Sdk.Ledger;
using static CredentialLedger.Sdk.Tests.Audit.ForgedChain;

namespace CredentialLedger.Sdk.Tests.Audit;

/// <summary>Point-in-time answers at their edges: the second of a change, the second an MRA enters into force.</summary>
public sealed class AuditPointInTimeTests
{
    private const uint AeoS = 0b01, AeoC = 0b10;
    private static readonly CredentialRef First = new(KrBatch, 0);

    [Fact]
    public void A_suspension_is_in_force_from_its_blocks_second_and_not_one_second_before()
    {
        using var chain = Legal();
        var anchoredAt = chain.State.CredentialBatch(KrBatch)!.Anchored.Time;
        var suspendedAt = chain.Now + 12;
        var block = chain.Tx(KrOp, suspendedAt, Status(KrBatch, 0, CredentialStatus.Suspended, suspendedAt, reason: 4))[0].BlockNumber;

        var before = chain.State.StatusAt(First, suspendedAt - 1);
        Assert.Equal((true, CredentialStatus.Active, (AuditStatusChange?)null), (before.Anchored, before.Status, before.Change));
        var at = chain.State.StatusAt(First, suspendedAt);
        Assert.Equal(CredentialStatus.Suspended, at.Status);
        Assert.Equal((block, suspendedAt, (byte)4, CredentialStatus.Active), (at.Change!.Recorded.Block, at.Change.EffectiveAt, at.Change.Reason, at.Change.From));

        Assert.False(chain.State.StatusAt(First, anchoredAt - 1).Anchored);
        Assert.Null(chain.State.StatusAt(First, anchoredAt - 1).Status);
        Assert.Equal(CredentialStatus.Active, chain.State.StatusAt(First, anchoredAt).Status);
        Assert.False(chain.State.StatusAt(new CredentialRef(KrBatch, 4), suspendedAt).Anchored);
    }

    [Fact]
    public void A_back_dated_revocation_counts_from_its_effective_time_and_wins_over_later_changes()
    {
        using var chain = Legal();
        var suspended = chain.Tx(KrOp, Status(KrBatch, 0, CredentialStatus.Suspended, chain.Now + 12));
        var suspendedAt = chain.Now;
        chain.Tx(KrOp, chain.Now + 100, Status(KrBatch, 0, CredentialStatus.Revoked, suspendedAt + 50));
        Assert.Equal(CredentialStatus.Suspended, chain.State.StatusAt(First, suspendedAt + 49).Status);
        Assert.Equal(CredentialStatus.Revoked, chain.State.StatusAt(First, suspendedAt + 50).Status);
        Assert.Equal(CredentialStatus.Revoked, chain.State.StatusAt(First, chain.Now + 1_000_000).Status);
        Assert.NotEmpty(suspended);
    }

    [Fact]
    public void An_mra_is_in_force_from_the_second_of_its_concluding_block()
    {
        using var chain = Legal();
        // Legal() concludes MRA 1 in its 5th block, 12 s per block after Genesis.
        const ulong concludedAt = Genesis + 4 * 12;
        Assert.Null(chain.State.MraInForceAt(1, concludedAt - 1));
        Assert.Empty(chain.State.MrasInForce(UZ, KR, concludedAt - 1));
        var inForce = Assert.Single(chain.State.MrasInForce(UZ, KR, concludedAt));
        Assert.Equal((1ul, 1u, 0b11u, concludedAt), (inForce.MraId, inForce.Version, inForce.Scope, inForce.InForceSince));
        Assert.Empty(chain.State.MrasInForce(KZ, KR, concludedAt));
        Assert.Empty(chain.State.MrasInForce(KR, KR, concludedAt));
    }

    [Fact]
    public void An_mra_concluded_before_its_valid_from_enters_into_force_at_valid_from()
    {
        using var chain = Legal();
        var validFrom = chain.Now + 10_000;
        chain.Tx(KzOp, MraProposed(2, KZ, [KR, KZ], AeoS, validFrom, validFrom + 5_000), MraAccepted(2, 1, KZ));
        chain.Tx(KrOp, MraAccepted(2, 1, KR), MraConcluded(2, 1));
        Assert.Null(chain.State.MraInForceAt(2, validFrom - 1));
        Assert.Equal(validFrom, chain.State.MraInForceAt(2, validFrom)!.InForceSince);
        Assert.NotNull(chain.State.MraInForceAt(2, validFrom + 4_999));
        Assert.Null(chain.State.MraInForceAt(2, validFrom + 5_000));
    }

    [Fact]
    public void A_suspension_interrupts_force_and_an_amendment_keeps_it_without_a_break()
    {
        using var chain = Legal();
        var since = chain.State.MraInForceAt(1, chain.Now)!.InForceSince;
        chain.Tx(KrOp, MraAmended(1, 2, KR, AeoS), MraAccepted(1, 2, KR));
        var amendedAt = chain.Now;
        // Until UZ accepts version 2, version 1 governs.
        Assert.Equal((1u, since), (chain.State.MraInForceAt(1, amendedAt)!.Version, chain.State.MraInForceAt(1, amendedAt)!.InForceSince));
        chain.Tx(UzOp, MraAccepted(1, 2, UZ), MraConcluded(1, 2));
        var concluded = chain.State.MraInForceAt(1, chain.Now)!;
        Assert.Equal((2u, AeoS, since), (concluded.Version, concluded.Scope, concluded.InForceSince));
        chain.Tx(UzOp, MraSuspended(1, UZ));
        var suspendedAt = chain.Now;
        chain.Tx(KrOp, MraResumed(1, KR));
        var resumedAt = chain.Now;
        Assert.Null(chain.State.MraInForceAt(1, suspendedAt));
        Assert.Null(chain.State.MraInForceAt(1, resumedAt - 1));
        Assert.Equal(resumedAt, chain.State.MraInForceAt(1, resumedAt)!.InForceSince);
    }

    [Fact]
    public void Recognition_names_the_mra_and_turns_at_the_second_of_a_suspension()
    {
        using var chain = Legal();
        var t = chain.Now + 1;
        var recognized = chain.State.RecognitionAt(First, UZ, t, AeoC);
        Assert.True(recognized.Recognized, string.Join("; ", recognized.Reasons));
        Assert.Equal((KR, 1ul, 1u), (recognized.Issuer, recognized.Mra!.MraId, recognized.Mra.Version));

        // Without the programmes the answer lists what was in force and stays undecided.
        var undecided = chain.State.RecognitionAt(First, UZ, t);
        Assert.Null(undecided.Recognized);
        Assert.Equal(0b11u, Assert.Single(undecided.MrasInForce).Scope);

        // KZ has no MRA with KR; KR recognizes its own credential.
        Assert.False(chain.State.RecognitionAt(First, KZ, t, AeoC).Recognized);
        Assert.True(chain.State.RecognitionAt(First, KR, t, AeoC).Recognized);

        var suspendedAt = chain.Now + 12;
        chain.Tx(KrOp, suspendedAt, Status(KrBatch, 0, CredentialStatus.Suspended, suspendedAt));
        Assert.True(chain.State.RecognitionAt(First, UZ, suspendedAt - 1, AeoC).Recognized);
        var refused = chain.State.RecognitionAt(First, UZ, suspendedAt, AeoC);
        Assert.False(refused.Recognized);
        Assert.Contains(refused.Reasons, r => r.StartsWith("Suspended since", StringComparison.Ordinal));
    }

    [Fact]
    public void A_programme_outside_every_mra_in_force_is_not_recognized()
    {
        using var chain = Legal();
        chain.Tx(KrOp, MraAmended(1, 2, KR, AeoS), MraAccepted(1, 2, KR));
        chain.Tx(UzOp, MraAccepted(1, 2, UZ), MraConcluded(1, 2));
        var answer = chain.State.RecognitionAt(First, UZ, chain.Now, AeoC);
        Assert.False(answer.Recognized);
        Assert.Contains(answer.Reasons, r => r.Contains("none covers", StringComparison.Ordinal));
        Assert.True(chain.State.RecognitionAt(First, UZ, chain.Now, AeoS).Recognized);
    }

    [Fact]
    public void Changes_of_a_members_credentials_are_listed_over_a_half_open_period()
    {
        using var chain = Legal();
        chain.Tx(KrOp, Status(KrBatch, 0, CredentialStatus.Suspended, chain.Now + 12));
        var t1 = chain.Now;
        chain.Tx(KrOp, Statuses(KrBatch, CredentialStatus.Revoked, chain.Now + 12, 2, 1));
        var t2 = chain.Now;
        chain.Tx(KrOp, chain.Now + 100, Status(KrBatch, 0, CredentialStatus.Active, t2));   // back-dated to t2

        Assert.Equal([(0u, CredentialStatus.Suspended)], chain.State.ChangesOf(KR, t1, t2).Select(c => (c.Credential.Index, c.Change.To)));
        Assert.Equal([(2u, CredentialStatus.Revoked), (1u, CredentialStatus.Revoked), (0u, CredentialStatus.Active)],
            chain.State.ChangesOf(KR, t2, t2 + 1).Select(c => (c.Credential.Index, c.Change.To)));
        Assert.Equal(2, chain.State.ChangesOf(KR, t2, t2 + 1, AuditTimeBasis.Recorded).Count);
        Assert.Empty(chain.State.ChangesOf(UZ, 0, ulong.MaxValue));
    }
}
