using CredentialLedger.Credentials.Jwt;

namespace CredentialLedger.Node.Issuance;

/// <summary>What an AEO office asks to issue.</summary>
/// <param name="Subject">The operator certified.</param>
/// <param name="ValidFrom">Start of validity (whole seconds).</param>
/// <param name="ValidUntil">End of validity.</param>
/// <param name="ReEvaluationDue">When the operator must be re-evaluated.</param>
/// <param name="IdempotencyKey">Optional: a retried request with the same key returns the first certificate.</param>
public sealed record IssueInput(
    AeoSubject Subject, DateTimeOffset ValidFrom, DateTimeOffset ValidUntil, DateOnly ReEvaluationDue, string? IdempotencyKey = null);
