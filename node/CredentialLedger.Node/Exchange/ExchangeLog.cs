namespace CredentialLedger.Node.Exchange;

/// <summary>The partner exchange's log messages (EventIds 2200-2299).</summary>
internal static partial class ExchangeLog
{
    [LoggerMessage(2200, LogLevel.Information, "Pulled {Added} new certificate(s) from {Partner} ({Rejected} rejected)")]
    public static partial void Pulled(ILogger logger, string partner, int added, int rejected);

    [LoggerMessage(2201, LogLevel.Warning, "Certificate {Id} from {Partner} is not genuine and was not stored: {Reasons}")]
    public static partial void Rejected(ILogger logger, string id, string partner, string reasons);

    [LoggerMessage(2202, LogLevel.Warning, "{Partner} refused the exchange ({Code}: {Message}); retrying in {Delay}")]
    public static partial void Refused(ILogger logger, string partner, string code, string message, TimeSpan delay);

    [LoggerMessage(2203, LogLevel.Warning, "The exchange with {Partner} failed ({Message}); retrying in {Delay}")]
    public static partial void Failed(ILogger logger, string partner, string message, TimeSpan delay);
}
