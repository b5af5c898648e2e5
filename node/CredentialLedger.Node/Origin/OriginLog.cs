using CredentialLedger.Evm;

namespace CredentialLedger.Node.Origin;

/// <summary>The certificate-of-origin pipeline's log messages (EventIds 1100-1199). Keys, tokens and certificate contents never appear.</summary>
internal static partial class OriginLog
{
    [LoggerMessage(1100, LogLevel.Information, "Anchoring a batch of {Size} certificate(s) of origin of chamber {Chamber}, root {Root}, nonce {Nonce}, transaction {Hash}")]
    public static partial void BatchSent(ILogger logger, int size, string chamber, Hash32 root, ulong nonce, Hash32 hash);

    [LoggerMessage(1101, LogLevel.Information, "Revoking {Count} certificate(s) of origin of chamber {Chamber} in batch {Root}, nonce {Nonce}, transaction {Hash}")]
    public static partial void RevocationsSent(ILogger logger, int count, string chamber, Hash32 root, ulong nonce, Hash32 hash);

    [LoggerMessage(1102, LogLevel.Information, "Transaction {Hash} ({Purpose} of chamber {Chamber}) confirmed in block {Block}")]
    public static partial void Confirmed(ILogger logger, Hash32 hash, string purpose, string chamber, ulong block);

    [LoggerMessage(1103, LogLevel.Error, "Transaction {Hash} ({Purpose} of chamber {Chamber}) failed on chain: {Reason}; its work is queued again")]
    public static partial void FailedOnChain(ILogger logger, Hash32 hash, string purpose, string chamber, string reason);

    [LoggerMessage(1104, LogLevel.Warning, "Chamber {Chamber} is not authorized on chain ({Status}): {Count} certificate(s) waiting for their batch are refused and will not be anchored")]
    public static partial void Refused(ILogger logger, string chamber, string status, int count);

    [LoggerMessage(1105, LogLevel.Warning, "The chain refused chamber {Chamber}'s {Purpose} for now ({Reason}); retrying in {Delay}")]
    public static partial void Deferred(ILogger logger, string chamber, string purpose, string reason, TimeSpan delay);

    [LoggerMessage(1106, LogLevel.Warning, "Chamber {Chamber} is withdrawn: {Count} revocation(s) it asked for can no longer reach the chain")]
    public static partial void RevocationsAbandoned(ILogger logger, string chamber, int count);

    [LoggerMessage(1107, LogLevel.Error, "Chamber {Chamber} has work for the chain but no keys in the keystore; it waits")]
    public static partial void NoKeys(ILogger logger, string chamber);

    [LoggerMessage(1108, LogLevel.Information, "Resuming {Count} chamber transaction(s) signed before the last stop")]
    public static partial void Resuming(ILogger logger, int count);

    [LoggerMessage(1109, LogLevel.Error, "Certificate-of-origin anchoring step failed; retrying in {Delay}")]
    public static partial void StepFailed(ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(1110, LogLevel.Information, "Batch {Root} of chamber {Chamber} was anchored on chain already (block {Block}): recorded")]
    public static partial void Reconciled(ILogger logger, Hash32 root, string chamber, ulong block);

    [LoggerMessage(1111, LogLevel.Warning, "Funding chamber {Chamber}'s account failed ({Message}); its transactions go on while its balance lasts")]
    public static partial void FundingFailed(ILogger logger, string chamber, string message);
}
