using CredentialLedger.Evm;

namespace CredentialLedger.Contracts.Events;

/// <summary>
/// Where a log sits in the chain. Logs order by (<see cref="BlockNumber"/>, <see cref="LogIndex"/>): the log index
/// counts logs across the whole block.
/// </summary>
/// <param name="BlockNumber">The block that holds the log.</param>
/// <param name="TransactionHash">The transaction that emitted it.</param>
/// <param name="LogIndex">Its index among the logs of the block.</param>
public readonly record struct LogPosition(ulong BlockNumber, Hash32 TransactionHash, ulong LogIndex) : IComparable<LogPosition>
{
    /// <summary>Chain order: by block, then log index.</summary>
    public int CompareTo(LogPosition other) =>
        BlockNumber != other.BlockNumber ? BlockNumber.CompareTo(other.BlockNumber) : LogIndex.CompareTo(other.LogIndex);

    /// <summary>Chain order.</summary>
    public static bool operator <(LogPosition left, LogPosition right) => left.CompareTo(right) < 0;

    /// <summary>Chain order.</summary>
    public static bool operator >(LogPosition left, LogPosition right) => left.CompareTo(right) > 0;

    /// <summary>Chain order.</summary>
    public static bool operator <=(LogPosition left, LogPosition right) => left.CompareTo(right) <= 0;

    /// <summary>Chain order.</summary>
    public static bool operator >=(LogPosition left, LogPosition right) => left.CompareTo(right) >= 0;
}

/// <summary>
/// An event emitted by one of the registries, decoded by <see cref="RegistryEventDecoder"/>. Each registry event
/// carries everything needed to rebuild the registry's state from the events alone. Times are unix seconds; reason
/// codes are those of contracts/README.md.
/// </summary>
public abstract record RegistryEvent
{
    /// <summary>The contract that emitted the log.</summary>
    public required Address Contract { get; init; }

    /// <summary>Where the log sits in the chain.</summary>
    public required LogPosition Position { get; init; }
}
