using System.Globalization;
using CredentialLedger.Evm;
using CredentialLedger.Sdk.Audit;
using CredentialLedger.Sdk.Ledger;

namespace CredentialLedger.Node.Audit;

/// <summary>What a difference is about.</summary>
public enum ComparedItemKind
{
    /// <summary>An anchored batch of AEO credentials (every credential in it).</summary>
    CredentialBatch,

    /// <summary>One AEO credential.</summary>
    Credential,

    /// <summary>An anchored batch of certificates of origin (every certificate in it).</summary>
    OriginBatch,

    /// <summary>One certificate of origin.</summary>
    OriginCertificate,
}

/// <summary>One thing the chain and the read model say differently, with what each says.</summary>
/// <param name="Kind">What it is about.</param>
/// <param name="Root">The batch root.</param>
/// <param name="Index">The credential's or certificate's index in its batch; null for a whole batch.</param>
/// <param name="Field">What differs: anchoring, issuer, chamber, member, size, block, transaction, status, revocation, use.</param>
/// <param name="Chain">What the replay of the chain says.</param>
/// <param name="ReadModel">What the node's read model says.</param>
public sealed record ReadModelDifference(ComparedItemKind Kind, Hash32 Root, uint? Index, string Field, string Chain, string ReadModel)
{
    /// <summary>The item as printed: <c>AEO credential 0x…#3</c>, <c>origin batch 0x…</c>.</summary>
    public string Item => Kind switch
    {
        ComparedItemKind.CredentialBatch => $"AEO batch {Root}",
        ComparedItemKind.Credential => $"AEO credential {Root}#{Index}",
        ComparedItemKind.OriginBatch => $"origin batch {Root}",
        _ => $"certificate of origin {Root}#{Index}",
    };

    /// <summary>One line: the item, the field, and what each side says.</summary>
    public override string ToString() => $"{Item}: {Field}: the chain says {Chain}; the read model says {ReadModel}";
}

/// <summary>The outcome of <see cref="ReadModelComparison.Compare"/>.</summary>
/// <param name="Credentials">How many AEO credentials were compared (every credential of every batch either side knows).</param>
/// <param name="OriginCertificates">How many certificates of origin were compared.</param>
/// <param name="Differences">Every difference, AEO first, then by root, index and field.</param>
public sealed record ReadModelComparisonResult(long Credentials, long OriginCertificates, IReadOnlyList<ReadModelDifference> Differences)
{
    /// <summary>True when the two sides agree on every credential and certificate.</summary>
    public bool Agrees => Differences.Count == 0;
}

/// <summary>
/// Compares what a replay of the chain says (<see cref="ComparedState.FromReport"/>) with the node's read model
/// (<see cref="ReadModelSnapshot"/>) for every AEO credential and certificate of origin either side knows: the issuer
/// (or chamber and member), the block and transaction that anchored it, and its current status (for a credential the
/// last change's status, reason, effective time, block and replacement; for a certificate of origin its revocation and
/// first use). Whole batches are compared once, so a batch of any size costs one comparison plus its changed members.
/// </summary>
public static class ReadModelComparison
{
    /// <summary>Compares <paramref name="chain"/> with <paramref name="readModel"/>; both should cover the same blocks.</summary>
    public static ReadModelComparisonResult Compare(ComparedState chain, ComparedState readModel)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(readModel);
        var differences = new List<ReadModelDifference>();
        var credentials = CompareBatches(ComparedItemKind.CredentialBatch, chain.CredentialBatches, readModel.CredentialBatches, differences);
        foreach (var reference in Union(chain.Statuses.Keys, readModel.Statuses.Keys))
        {
            if (!BothOrNeither(reference.Root, chain.CredentialBatches, readModel.CredentialBatches))
                continue; // the batch's own difference says it
            var onChain = Status(reference, chain);
            var inReadModel = Status(reference, readModel);
            if (onChain != inReadModel)
                differences.Add(new ReadModelDifference(ComparedItemKind.Credential, reference.Root, reference.Index, "status", onChain, inReadModel));
        }
        var certificates = CompareBatches(ComparedItemKind.OriginBatch, chain.OriginBatches, readModel.OriginBatches, differences);
        foreach (var reference in Union(chain.OriginMarks.Keys, readModel.OriginMarks.Keys))
        {
            if (!BothOrNeither(reference.Root, chain.OriginBatches, readModel.OriginBatches))
                continue;
            var onChain = chain.OriginMarks.GetValueOrDefault(reference);
            var inReadModel = readModel.OriginMarks.GetValueOrDefault(reference);
            Differ(differences, ComparedItemKind.OriginCertificate, reference.Root, reference.Index, "revocation",
                Revocation(reference, onChain, chain), Revocation(reference, inReadModel, readModel));
            Differ(differences, ComparedItemKind.OriginCertificate, reference.Root, reference.Index, "use",
                Use(reference, onChain, chain), Use(reference, inReadModel, readModel));
        }
        var ordered = differences
            .OrderBy(d => d.Kind is ComparedItemKind.OriginBatch or ComparedItemKind.OriginCertificate)
            .ThenBy(d => d.Root).ThenBy(d => d.Index ?? 0).ThenBy(d => d.Index is not null)
            .ToList();
        return new ReadModelComparisonResult(credentials, certificates, ordered);
    }

    private static long CompareBatches(ComparedItemKind kind, IReadOnlyDictionary<Hash32, ComparedBatch> chain,
        IReadOnlyDictionary<Hash32, ComparedBatch> readModel, List<ReadModelDifference> differences)
    {
        long items = 0;
        var origin = kind == ComparedItemKind.OriginBatch;
        foreach (var root in chain.Keys.Union(readModel.Keys).Order())
        {
            var onChain = chain.GetValueOrDefault(root);
            var inReadModel = readModel.GetValueOrDefault(root);
            items += Math.Max(onChain?.Size ?? 0, inReadModel?.Size ?? 0);
            if (onChain is null || inReadModel is null)
            {
                differences.Add(new ReadModelDifference(kind, root, null, "anchoring", Anchoring(onChain, origin), Anchoring(inReadModel, origin)));
                continue;
            }
            Differ(differences, kind, root, null, origin ? "chamber" : "issuer", onChain.Issuer, inReadModel.Issuer);
            if (origin)
                Differ(differences, kind, root, null, "member", onChain.Member, inReadModel.Member);
            Differ(differences, kind, root, null, "size", Text(onChain.Size), Text(inReadModel.Size));
            Differ(differences, kind, root, null, "block", Block(onChain.Block), Block(inReadModel.Block));
            Differ(differences, kind, root, null, "transaction", Transaction(onChain.Transaction), Transaction(inReadModel.Transaction));
        }
        return items;
    }

    private static void Differ(List<ReadModelDifference> differences, ComparedItemKind kind, Hash32 root, uint? index, string field, string chain, string readModel)
    {
        if (!string.Equals(chain, readModel, StringComparison.Ordinal))
            differences.Add(new ReadModelDifference(kind, root, index, field, chain, readModel));
    }

    private static IEnumerable<CredentialRef> Union(IEnumerable<CredentialRef> a, IEnumerable<CredentialRef> b) =>
        a.Union(b).OrderBy(r => r.Root).ThenBy(r => r.Index);

    private static bool BothOrNeither(Hash32 root, IReadOnlyDictionary<Hash32, ComparedBatch> chain, IReadOnlyDictionary<Hash32, ComparedBatch> readModel) =>
        chain.ContainsKey(root) == readModel.ContainsKey(root);

    private static bool InBatch(CredentialRef reference, IReadOnlyDictionary<Hash32, ComparedBatch> batches) =>
        batches.TryGetValue(reference.Root, out var batch) && reference.Index < batch.Size;

    private static string Status(CredentialRef reference, ComparedState side)
    {
        if (side.Statuses.TryGetValue(reference, out var s))
        {
            var text = string.Create(CultureInfo.InvariantCulture,
                $"{s.Status} (reason {s.Reason}, effective {AuditJsonWriter.FormatTime(s.EffectiveAt)}, block {s.Block}");
            return text + (s.SupersededBy is { } by ? $", superseded by {by.Root}#{by.Index})" : ")")
                + (InBatch(reference, side.CredentialBatches) ? "" : ", outside its batch");
        }
        return InBatch(reference, side.CredentialBatches) ? "Active (never changed)" : "nothing (outside its batch)";
    }

    private static string Revocation(CredentialRef reference, ComparedOriginMarks? marks, ComparedState side) =>
        !InBatch(reference, side.OriginBatches) && marks is null ? "nothing (outside its batch)"
        : marks?.RevokedAt is { } at ? $"revoked effective {AuditJsonWriter.FormatTime(at)}" : "not revoked";

    private static string Use(CredentialRef reference, ComparedOriginMarks? marks, ComparedState side) =>
        !InBatch(reference, side.OriginBatches) && marks is null ? "nothing (outside its batch)"
        : marks?.UsedBy is { } member ? $"used by {member}" : "not used";

    private static string Anchoring(ComparedBatch? batch, bool origin) => batch is null
        ? "no such batch"
        : string.Create(CultureInfo.InvariantCulture,
            $"a batch of {batch.Size} anchored by {(origin ? $"chamber {batch.Issuer} of {batch.Member}" : batch.Issuer)} in block {Block(batch.Block)}");

    private static string Block(ulong? block) => block is { } b ? Text(b) : "(not recorded)";

    private static string Transaction(Hash32? transaction) => transaction is { } t ? t.ToString() : "(not recorded)";

    private static string Text(ulong value) => value.ToString(CultureInfo.InvariantCulture);
}
