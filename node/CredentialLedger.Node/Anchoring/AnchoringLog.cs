using CredentialLedger.Evm;

namespace CredentialLedger.Node.Anchoring;

/// <summary>The anchoring pipeline's log messages (EventIds 1000-1099). Keys and certificate contents never appear.</summary>
internal static partial class AnchoringLog
{
    [LoggerMessage(1000, LogLevel.Information, "Anchoring batch of {Size} certificate(s), root {Root}, nonce {Nonce}, transaction {Hash}")]
    public static partial void BatchSent(ILogger logger, int size, Hash32 root, ulong nonce, Hash32 hash);

    [LoggerMessage(1001, LogLevel.Information, "Sending {Count} {Purpose} change(s) of batch {Root}, nonce {Nonce}, transaction {Hash}")]
    public static partial void ChangesSent(ILogger logger, int count, string purpose, Hash32 root, ulong nonce, Hash32 hash);

    [LoggerMessage(1002, LogLevel.Information, "Transaction {Hash} ({Purpose}) confirmed in block {Block}")]
    public static partial void Confirmed(ILogger logger, Hash32 hash, string purpose, ulong block);

    [LoggerMessage(1003, LogLevel.Error, "Transaction {Hash} ({Purpose}) failed on chain: {Reason}")]
    public static partial void FailedOnChain(ILogger logger, Hash32 hash, string purpose, string reason);

    [LoggerMessage(1004, LogLevel.Warning, "The chain is unreachable ({Message}); retrying in {Delay}. Requests are still accepted and queued.")]
    public static partial void ChainUnreachable(ILogger logger, string message, TimeSpan delay);

    [LoggerMessage(1005, LogLevel.Information, "Resuming {Count} transaction(s) signed before the last stop")]
    public static partial void Resuming(ILogger logger, int count);

    [LoggerMessage(1006, LogLevel.Information, "Broadcasting transaction {Hash} again (nonce {Nonce})")]
    public static partial void Rebroadcast(ILogger logger, Hash32 hash, ulong nonce);

    [LoggerMessage(1007, LogLevel.Error, "Anchoring step failed; retrying in {Delay}")]
    public static partial void StepFailed(ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(1008, LogLevel.Warning, "Transaction {Hash} can no longer be mined: nonce {Nonce} was used by another transaction; its work is queued again")]
    public static partial void Replaced(ILogger logger, Hash32 hash, ulong nonce);

    [LoggerMessage(1009, LogLevel.Warning, "The chain refused {Purpose} for now ({Reason}); retrying in {Delay}")]
    public static partial void Refused(ILogger logger, string purpose, string reason, TimeSpan delay);
}
