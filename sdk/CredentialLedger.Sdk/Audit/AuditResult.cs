using CredentialLedger.Contracts;

namespace CredentialLedger.Sdk.Audit;

/// <summary>Where a replay read its events.</summary>
public enum AuditSource
{
    /// <summary>Everything from the RPC endpoint.</summary>
    Rpc,

    /// <summary>Everything from an event cache.</summary>
    Cache,

    /// <summary>An event cache, then the RPC endpoint for the blocks after it.</summary>
    CacheThenRpc,
}

/// <summary>A finished replay: the state it rebuilt (with its checks and point-in-time queries) and what it covered.</summary>
public sealed class AuditResult
{
    internal AuditResult(ulong chainId, RegistryAddresses registries, AuditRange range, AuditState state, AuditSource source, TimeSpan elapsed)
    {
        ChainId = chainId;
        Registries = registries;
        Range = range;
        State = state;
        Source = source;
        Elapsed = elapsed;
    }

    /// <summary>The EIP-155 chain id.</summary>
    public ulong ChainId { get; }

    /// <summary>The registries replayed.</summary>
    public RegistryAddresses Registries { get; }

    /// <summary>The blocks replayed.</summary>
    public AuditRange Range { get; }

    /// <summary>The rebuilt state: violations, point-in-time queries, document checks.</summary>
    public AuditState State { get; }

    /// <summary>Where the events came from.</summary>
    public AuditSource Source { get; }

    /// <summary>How long the replay took (wall time; never part of the report).</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>How many events were replayed.</summary>
    public long EventCount => State.EventCount;

    /// <summary>Events per second of <see cref="Elapsed"/>.</summary>
    public double EventsPerSecond => Elapsed > TimeSpan.Zero ? EventCount / Elapsed.TotalSeconds : 0;

    /// <summary>The report, with <paramref name="documents"/> checked; <paramref name="generatedAt"/> only when given.</summary>
    public AuditReport ToReport(IEnumerable<AuditDocument>? documents = null, DateTimeOffset? generatedAt = null) =>
        State.ToReport(ChainId, Registries, Range, documents, generatedAt);
}
