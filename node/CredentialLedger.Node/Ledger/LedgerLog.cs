namespace CredentialLedger.Node.Ledger;

/// <summary>The ledger follower's log messages (EventIds 2100-2199).</summary>
internal static partial class LedgerLog
{
    [LoggerMessage(2100, LogLevel.Information, "Ledger history synced to block {Block}: {Events} event(s)")]
    public static partial void Synced(ILogger logger, ulong block, long events);

    [LoggerMessage(2101, LogLevel.Warning, "The chain is unreachable for the ledger history ({Message}); verification answers from block {Block}")]
    public static partial void Unreachable(ILogger logger, string message, ulong block);

    [LoggerMessage(2102, LogLevel.Warning, "Block {Block} left the chain; the ledger history is rebuilt from the deployment block")]
    public static partial void Rebuilding(ILogger logger, ulong block);

    [LoggerMessage(2103, LogLevel.Error, "Ledger sync failed; retrying")]
    public static partial void Failed(ILogger logger, Exception exception);

    [LoggerMessage(2104, LogLevel.Information, "This member is admitted and its signing key {KeyId} is not registered yet: registering it")]
    public static partial void RegisteringKey(ILogger logger, string keyId);

    [LoggerMessage(2105, LogLevel.Warning, "Registering the signing key failed ({Message}); retrying")]
    public static partial void RegisteringKeyFailed(ILogger logger, string message);

    [LoggerMessage(2106, LogLevel.Information, "Ledger history loaded from {Path}: {Events} event(s) up to block {Block}")]
    public static partial void Loaded(ILogger logger, long events, ulong block, string path);

    [LoggerMessage(2107, LogLevel.Warning, "The ledger event file is damaged ({Message}); it is discarded and the history rebuilt from the chain")]
    public static partial void StoreDamaged(ILogger logger, string message);
}
