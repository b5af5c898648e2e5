using CredentialLedger.Evm;

namespace CredentialLedger.Node.Indexing;

/// <summary>The indexer's log messages (EventIds 2000-2099).</summary>
internal static partial class IndexingLog
{
    [LoggerMessage(2000, LogLevel.Debug, "Indexed blocks {From}..{To}: {Events} event(s)")]
    public static partial void Indexed(ILogger logger, ulong from, ulong to, int events);

    [LoggerMessage(2001, LogLevel.Warning, "The chain is unreachable ({Message}); the indexer retries in {Delay}")]
    public static partial void Unreachable(ILogger logger, string message, TimeSpan delay);

    [LoggerMessage(2002, LogLevel.Error, "Block {Block} changed on chain (was {Stored}, now {Current}); indexing stopped: the read model needs a rebuild")]
    public static partial void Reorganized(ILogger logger, ulong block, Hash32 stored, Hash32 current);

    [LoggerMessage(2003, LogLevel.Warning, "A log of registry {Contract} at block {Block} index {Index} is not a known event; stored as unknown")]
    public static partial void UnknownLog(ILogger logger, Address contract, ulong block, ulong index);

    [LoggerMessage(2004, LogLevel.Error, "Indexing step failed; retrying in {Delay}")]
    public static partial void StepFailed(ILogger logger, Exception exception, TimeSpan delay);
}
