namespace CredentialLedger.Sdk.Audit;

/// <summary>How far a replay is.</summary>
/// <param name="Block">The last block replayed.</param>
/// <param name="Target">The block the replay goes to.</param>
/// <param name="Events">Events replayed so far.</param>
/// <param name="EventsPerSecond">Events per second of wall time since the replay started.</param>
public sealed record AuditProgress(ulong Block, ulong Target, long Events, double EventsPerSecond);
