using CredentialLedger.Contracts;
using CredentialLedger.Evm;
using CredentialLedger.Sdk.Audit;
using CredentialLedger.Sdk.Ledger;

namespace CredentialLedger.Node.Audit;

/// <summary>An anchored batch as one side records it: every credential or certificate in it shares these.</summary>
/// <param name="Issuer">The issuing member (an AEO batch) or the anchoring chamber (an origin batch).</param>
/// <param name="Member">The member: the issuer again for an AEO batch, the chamber's member for an origin batch.</param>
/// <param name="Size">How many credentials or certificates it holds.</param>
/// <param name="Block">The block that anchored it (null where the read model predates schema 0005, origin batches only).</param>
/// <param name="Transaction">The transaction that anchored it (null likewise).</param>
public sealed record ComparedBatch(string Issuer, string Member, uint Size, ulong? Block, Hash32? Transaction);

/// <summary>An AEO credential's status after its last change, as one side records it.</summary>
/// <param name="Status">The status.</param>
/// <param name="Block">The block that recorded the change.</param>
/// <param name="Reason">Its reason code (0..255 on chain; wider so a damaged read model shows what it holds).</param>
/// <param name="EffectiveAt">When it takes effect (unix seconds).</param>
/// <param name="SupersededBy">For a renewal, the new credential.</param>
public sealed record ComparedStatus(CredentialStatus Status, ulong Block, long Reason, ulong EffectiveAt, CredentialRef? SupersededBy);

/// <summary>A certificate of origin's revocation and first use, as one side records them.</summary>
/// <param name="RevokedAt">When its revocation takes effect (unix seconds), or null while not revoked.</param>
/// <param name="UsedBy">The member that used it for a declaration, or null.</param>
public sealed record ComparedOriginMarks(ulong? RevokedAt, string? UsedBy);

/// <summary>
/// What one side (a replay of the chain, or the node's read model) says of every AEO credential and certificate of
/// origin: the anchored batches (a credential that never changed is Active, anchored with its batch) and the
/// credentials and certificates that changed since. Kept per batch so that a batch of any size costs one entry.
/// </summary>
/// <param name="CredentialBatches">AEO batches by root.</param>
/// <param name="Statuses">AEO credentials whose status changed, by batch root and index.</param>
/// <param name="OriginBatches">Origin batches by root.</param>
/// <param name="OriginMarks">Certificates of origin revoked or used, by batch root and index.</param>
public sealed record ComparedState(
    IReadOnlyDictionary<Hash32, ComparedBatch> CredentialBatches,
    IReadOnlyDictionary<CredentialRef, ComparedStatus> Statuses,
    IReadOnlyDictionary<Hash32, ComparedBatch> OriginBatches,
    IReadOnlyDictionary<CredentialRef, ComparedOriginMarks> OriginMarks)
{
    /// <summary>What a replay of the chain says (<paramref name="report"/>'s batches and timelines).</summary>
    public static ComparedState FromReport(AuditReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var batches = report.CredentialBatches.ToDictionary(b => b.Root,
            b => new ComparedBatch(b.Issuer.ToString(), b.Issuer.ToString(), b.Size, b.Anchored.Block, b.Anchored.Transaction));
        var statuses = new Dictionary<CredentialRef, ComparedStatus>();
        foreach (var credential in report.Credentials.Where(c => c.Changes.Count > 0))
        {
            var last = credential.Changes[^1];
            statuses[credential.Credential] = new ComparedStatus(last.To, last.Recorded.Block, last.Reason, last.EffectiveAt, last.SupersededBy);
        }
        var originBatches = report.OriginBatches.ToDictionary(b => b.Root,
            b => new ComparedBatch(b.Chamber.ToString(), b.Member.ToString(), b.Size, b.Anchored.Block, b.Anchored.Transaction));
        var marks = new Dictionary<CredentialRef, ComparedOriginMarks>();
        foreach (var batch in report.OriginBatches)
        {
            // The registry refuses a second revocation or use; the replay keeps the first, as the chain's state does.
            foreach (var revocation in batch.Revocations)
            {
                var reference = new CredentialRef(batch.Root, revocation.Index);
                if (!marks.ContainsKey(reference))
                    marks[reference] = new ComparedOriginMarks(revocation.EffectiveAt, null);
            }
            foreach (var use in batch.Uses)
            {
                var reference = new CredentialRef(batch.Root, use.Index);
                var mark = marks.GetValueOrDefault(reference) ?? new ComparedOriginMarks(null, null);
                if (mark.UsedBy is null)
                    marks[reference] = mark with { UsedBy = use.Member.ToString() };
            }
        }
        return new ComparedState(batches, statuses, originBatches, marks);
    }
}
