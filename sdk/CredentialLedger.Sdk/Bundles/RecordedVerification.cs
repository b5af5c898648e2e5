using System.Globalization;
using CredentialLedger.Contracts;
using CredentialLedger.Sdk.Verification;

namespace CredentialLedger.Sdk.Bundles;

/// <summary>One reason, as recorded in a bundle.</summary>
/// <param name="Failure">The kind of failure.</param>
/// <param name="Message">The verifier's words at export time, for a person.</param>
public sealed record RecordedReason(VerificationFailure Failure, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Failure}: {Message}";
}

/// <summary>
/// The answer a bundle records, as computed when it was exported. A re-check compares the decision, not the wording:
/// <see cref="Recognized"/>, <see cref="Status"/>, <see cref="MraId"/> and the reason codes in order. Messages are kept
/// for a reader, and a later SDK may phrase them differently without the bundle ceasing to match.
/// </summary>
/// <param name="Recognized">Whether the credential was recognized.</param>
/// <param name="Status">Its status at t, when it was anchored and its proof held.</param>
/// <param name="MraId">The MRA that covered it, when one did.</param>
/// <param name="Reasons">Every reason it was not recognized.</param>
public sealed record RecordedVerification(bool Recognized, CredentialStatus? Status, ulong? MraId, IReadOnlyList<RecordedReason> Reasons)
{
    /// <summary>The record of <paramref name="verification"/>.</summary>
    public static RecordedVerification From(AeoVerification verification)
    {
        ArgumentNullException.ThrowIfNull(verification);
        return new RecordedVerification(verification.Recognized, verification.Status, verification.Mra?.MraId,
            [.. verification.Reasons.Select(r => new RecordedReason(r.Failure, r.Message))]);
    }

    /// <summary>How <paramref name="recomputed"/> differs in decision from this record (empty when it matches).</summary>
    public IReadOnlyList<string> DifferencesFrom(AeoVerification recomputed)
    {
        ArgumentNullException.ThrowIfNull(recomputed);
        var differences = new List<string>();
        if (Recognized != recomputed.Recognized)
            differences.Add($"recognized: recorded {Yes(Recognized)}, recomputed {Yes(recomputed.Recognized)}");
        if (Status != recomputed.Status)
            differences.Add($"status: recorded {Status?.ToString() ?? "none"}, recomputed {recomputed.Status?.ToString() ?? "none"}");
        if (MraId != recomputed.Mra?.MraId)
            differences.Add($"MRA: recorded {Id(MraId)}, recomputed {Id(recomputed.Mra?.MraId)}");
        var recorded = Reasons.Select(r => r.Failure).ToList();
        var now = recomputed.Reasons.Select(r => r.Failure).ToList();
        if (!recorded.SequenceEqual(now))
            differences.Add($"reasons: recorded [{string.Join(", ", recorded)}], recomputed [{string.Join(", ", now)}]");
        return differences;
    }

    private static string Yes(bool value) => value ? "yes" : "no";

    private static string Id(ulong? id) => id?.ToString(CultureInfo.InvariantCulture) ?? "none";
}
