using CredentialLedger.Contracts;
using CredentialLedger.Sdk.Ledger;

namespace CredentialLedger.Sdk.Audit;

// The report: every list in its canonical order, so the same chain always gives the same report.
public sealed partial class AuditState
{
    /// <summary>
    /// The report of everything replayed, with <paramref name="documents"/> checked against it. Completes the state
    /// first (see <see cref="Complete"/>). <paramref name="generatedAt"/> is written only when given.
    /// </summary>
    public AuditReport ToReport(ulong chainId, RegistryAddresses registries, AuditRange range, IEnumerable<AuditDocument>? documents = null,
        DateTimeOffset? generatedAt = null)
    {
        ArgumentNullException.ThrowIfNull(registries);
        ArgumentNullException.ThrowIfNull(range);
        Complete();
        var checks = CheckDocuments(documents ?? [])
            .OrderBy(c => c.Kind).ThenBy(c => c.DocumentId, StringComparer.Ordinal).ThenBy(c => c.Root).ThenBy(c => c.Index).ToList();
        var documentViolations = checks.Where(c => !c.Valid).Select(c => new AuditViolation(
            c.Anchored?.Block ?? 0, c.Anchored?.Transaction ?? default, c.Anchored?.LogIndex ?? 0, c.Rule!,
            $"{AuditJsonWriter.KindName(c.Kind)} document {c.DocumentId}: {c.Message}"));
        return new AuditReport
        {
            ChainId = chainId,
            Registries = registries,
            Range = range,
            GeneratedAt = generatedAt,
            EventCount = _eventCount,
            EventCounts = EventCounts,
            Members = [.. _members.Values.Where(m => m.Periods.Count > 0).OrderBy(m => m.Code)
                .Select(m => new AuditMember(m.Code, m.Status, [.. m.Periods], [.. m.Operators]))],
            Proposals = [.. _proposals.Values.OrderBy(p => p.Created.ProposalId).Select(p => new AuditProposal(
                p.Created.ProposalId, p.Created.Kind, p.Created.Subject, p.Created.Proposer, p.Created.FirstOperator, p.Created.ExpiresAt,
                p.Stamp, [.. p.Votes], p.Executed))],
            Keys = [.. _keys.Values.OrderBy(k => k.Registered.KeyId).Select(k => new AuditKey(
                k.Registered.KeyId, k.Registered.Member, k.Registered.Chamber, k.Registered.ValidFrom, k.Registered.ValidUntil, k.Stamp,
                [.. k.Revocations]))],
            Chambers = [.. _chambers.Values.OrderBy(c => c.Id).Select(c => new AuditChamber(
                c.Id, c.Member, c.MemberEpoch, c.Authorized, c.Status, [.. c.Changes], [.. c.Accounts]))],
            CredentialBatches = [.. _credentialBatchOrder.Select(b => b.Batch)],
            Credentials = ReportCredentials(checks),
            OriginBatches = [.. _originBatchOrder.Select(b => new AuditOriginBatch(
                b.Anchored.Root, b.Anchored.Chamber, b.Anchored.Member, b.Anchored.Size, b.Stamp, [.. b.Revocations], [.. b.Uses]))],
            Mras = [.. _mras.Values.OrderBy(m => m.Proposed.MraId).Select(m => new AuditMra(
                m.Proposed.MraId, [.. m.Parties], m.Proposed.Proposer, m.Stamp, m.Status, m.Concluded,
                [.. m.Versions.Select(v => new AuditMraVersion(v.Version, v.Proposer, v.Scope, v.Benefits, v.ValidFrom, v.ValidUntil, v.Opened,
                    [.. v.Acceptances], v.Concluded))],
                [.. m.StateChanges]))],
            MonthlyFigures = MonthlyFigures(range.ToBlockTime),
            // Stable: violations of one log keep the order they were found in.
            Violations = [.. _violations.OrderBy(v => v.Block).ThenBy(v => v.LogIndex), .. documentViolations],
            DocumentChecks = checks,
        };
    }

    private List<AuditCredential> ReportCredentials(IReadOnlyList<AuditDocumentCheck> checks)
    {
        var documented = checks.Where(c => c.Kind == AuditDocumentKind.Aeo).Select(c => new CredentialRef(c.Root, c.Index)).ToHashSet();
        var credentials = new List<AuditCredential>();
        foreach (var batch in _credentialBatchOrder)
        {
            var indices = batch.Credentials.Keys.Concat(documented.Where(c => c.Root == batch.Batch.Root && c.Index < batch.Batch.Size).Select(c => c.Index))
                .Distinct().Order();
            foreach (var index in indices)
            {
                var entry = batch.Credentials.GetValueOrDefault(index);
                credentials.Add(new AuditCredential(new CredentialRef(batch.Batch.Root, index), batch.Batch.Issuer, batch.Batch.Anchored,
                    entry?.Status ?? CredentialStatus.Active, entry is null ? [] : [.. entry.Changes]));
            }
        }
        return credentials;
    }

    // ---------------------------------------------------------------- monthly figures

    private sealed class Figures
    {
        public long Issued, Suspended, Reinstated, Revoked, Superseded, OriginIssued, OriginRevoked;
    }

    /// <summary>Unix seconds → (year, month) in UTC; times past year 9999 count in December 9999.</summary>
    private static (int Year, int Month) MonthOf(ulong unixSeconds)
    {
        var time = DateTimeOffset.FromUnixTimeSeconds((long)Math.Min(unixSeconds, 253_402_300_799UL));
        return (time.Year, time.Month);
    }

    private static ulong LastSecondOf((int Year, int Month) month)
    {
        if (month is (9999, 12))
            return 253_402_300_799UL;
        var next = month.Month == 12
            ? new DateTimeOffset(month.Year + 1, 1, 1, 0, 0, 0, TimeSpan.Zero)
            : new DateTimeOffset(month.Year, month.Month + 1, 1, 0, 0, 0, TimeSpan.Zero);
        return (ulong)next.ToUnixTimeSeconds() - 1;
    }

    private List<AuditMonthlyFigures> MonthlyFigures(ulong endTime)
    {
        var figures = new Dictionary<(MemberCode Member, (int, int) Month), Figures>();
        Figures At(MemberCode member, ulong time)
        {
            var key = (member, MonthOf(time));
            if (!figures.TryGetValue(key, out var f))
                figures[key] = f = new Figures();
            return f;
        }

        foreach (var batch in _credentialBatchOrder)
        {
            At(batch.Batch.Issuer, batch.Batch.Anchored.Time).Issued += batch.Batch.Size;
            foreach (var credential in batch.Credentials.Values)
            {
                foreach (var change in credential.Changes)
                {
                    var f = At(batch.Batch.Issuer, change.EffectiveAt);
                    switch (change.To)
                    {
                        case CredentialStatus.Suspended: f.Suspended++; break;
                        case CredentialStatus.Active: f.Reinstated++; break;
                        case CredentialStatus.Revoked: f.Revoked++; break;
                        case CredentialStatus.Superseded: f.Superseded++; break;
                    }
                }
            }
        }
        foreach (var batch in _originBatchOrder)
        {
            At(batch.Anchored.Member, batch.Stamp.Time).OriginIssued += batch.Anchored.Size;
            foreach (var revocation in batch.Revocations)
                At(batch.Anchored.Member, revocation.EffectiveAt).OriginRevoked++;
        }
        // Every month of every membership up to the end of the replay has a row, with or without activity.
        var endMonth = MonthOf(endTime);
        foreach (var member in _members.Values.Where(m => m.Periods.Count > 0))
        {
            var month = MonthOf(member.Periods[0].Admitted.Time);
            while (month.CompareTo(endMonth) <= 0)
            {
                At(member.Code, LastSecondOf(month));
                month = month.Month == 12 ? (month.Year + 1, 1) : (month.Year, month.Month + 1);
            }
        }

        var rows = new List<AuditMonthlyFigures>(figures.Count);
        foreach (var ((member, month), f) in figures.OrderBy(f => f.Key.Member).ThenBy(f => f.Key.Month))
        {
            var at = Math.Min(LastSecondOf(month), endTime);
            var inForce = _mrasByMember.TryGetValue(member, out var ids) ? ids.Distinct().Count(id => InForce(_mras[id], at) is not null) : 0;
            rows.Add(new AuditMonthlyFigures(member, month.Item1, month.Item2, f.Issued, f.Suspended, f.Reinstated, f.Revoked, f.Superseded,
                f.OriginIssued, f.OriginRevoked, inForce));
        }
        return rows;
    }
}
