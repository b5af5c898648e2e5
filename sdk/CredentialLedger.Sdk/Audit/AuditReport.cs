using CredentialLedger.Contracts;
using CredentialLedger.Evm;

namespace CredentialLedger.Sdk.Audit;

/// <summary>
/// Everything a replay of the registries found, in a stable order (each list sorted as its property says), so that
/// <see cref="AuditJsonWriter"/> writes the same bytes for the same chain. Holds no wall-clock time unless one was
/// passed in (<see cref="GeneratedAt"/>).
/// </summary>
public sealed record AuditReport
{
    /// <summary>The EIP-155 chain id.</summary>
    public required ulong ChainId { get; init; }

    /// <summary>The four registries replayed.</summary>
    public required RegistryAddresses Registries { get; init; }

    /// <summary>The blocks replayed and the hash of the last.</summary>
    public required AuditRange Range { get; init; }

    /// <summary>When the report was made, only when the caller passed it (never read from a clock here).</summary>
    public DateTimeOffset? GeneratedAt { get; init; }

    /// <summary>How many registry events were replayed.</summary>
    public required long EventCount { get; init; }

    /// <summary>Events by kind (the event's name, e.g. <c>BatchAnchored</c>), ordinal order of the name.</summary>
    public required IReadOnlyList<AuditEventCount> EventCounts { get; init; }

    /// <summary>Every member ever admitted, by code.</summary>
    public required IReadOnlyList<AuditMember> Members { get; init; }

    /// <summary>Every governance proposal, by id.</summary>
    public required IReadOnlyList<AuditProposal> Proposals { get; init; }

    /// <summary>Every signing key, by key id.</summary>
    public required IReadOnlyList<AuditKey> Keys { get; init; }

    /// <summary>Every chamber of commerce ever authorized, by id (its bytes16 value).</summary>
    public required IReadOnlyList<AuditChamber> Chambers { get; init; }

    /// <summary>Every anchored AEO credential batch, in chain order of anchoring.</summary>
    public required IReadOnlyList<AuditCredentialBatch> CredentialBatches { get; init; }

    /// <summary>
    /// Every AEO credential with at least one status change or a checked off-chain document, by (batch anchoring
    /// order, index). Every other index of an anchored batch has been Active since its anchoring.
    /// </summary>
    public required IReadOnlyList<AuditCredential> Credentials { get; init; }

    /// <summary>Every anchored certificate-of-origin batch with its revocations and uses, in chain order of anchoring.</summary>
    public required IReadOnlyList<AuditOriginBatch> OriginBatches { get; init; }

    /// <summary>Every MRA, by id.</summary>
    public required IReadOnlyList<AuditMra> Mras { get; init; }

    /// <summary>Per member and calendar month (UTC), by member then month.</summary>
    public required IReadOnlyList<AuditMonthlyFigures> MonthlyFigures { get; init; }

    /// <summary>Every rule broken, in chain order (documents' violations last, by document id).</summary>
    public required IReadOnlyList<AuditViolation> Violations { get; init; }

    /// <summary>The off-chain documents checked, by kind then document id.</summary>
    public required IReadOnlyList<AuditDocumentCheck> DocumentChecks { get; init; }
}

/// <summary>The blocks a replay covered.</summary>
/// <param name="FromBlock">The first block replayed.</param>
/// <param name="ToBlock">The last block replayed.</param>
/// <param name="ToBlockHash">The last block's hash.</param>
/// <param name="ToBlockTime">The last block's unix time.</param>
public sealed record AuditRange(ulong FromBlock, ulong ToBlock, Hash32 ToBlockHash, ulong ToBlockTime);

/// <summary>How many events of one kind were replayed.</summary>
/// <param name="Kind">The event's name (<c>CredentialStatusChanged</c>).</param>
/// <param name="Count">How many.</param>
public sealed record AuditEventCount(string Kind, long Count);
