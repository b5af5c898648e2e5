using System.Globalization;
using System.Text;
using CredentialLedger.Sdk.Verification;

namespace CredentialLedger.Sdk.Bundles;

/// <summary>
/// The outcome of an offline <see cref="ProofBundleVerifier.Check(ProofBundle)"/>: whether the bundle is internally
/// consistent, the verification recomputed from its logs (every reason), and whether that matches the answer recorded
/// at export. It cannot say whether the logs are complete or on the canonical chain: see
/// <see cref="ProofBundleVerifier.ConfirmOnChainAsync"/>.
/// </summary>
/// <param name="Bundle">The bundle, or null when the file could not be read.</param>
/// <param name="Problems">Every inconsistency found (empty when consistent).</param>
/// <param name="Recomputed">The verification recomputed from the bundle's logs, or null when the file could not be read.</param>
/// <param name="Differences">How the recomputed decision differs from the recorded one (empty when they match).</param>
public sealed record ProofBundleCheck(
    ProofBundle? Bundle, IReadOnlyList<ProofBundleProblem> Problems, AeoVerification? Recomputed, IReadOnlyList<string> Differences)
{
    /// <summary>The file was read and no inconsistency was found.</summary>
    public bool IsConsistent => Bundle is not null && Problems.Count == 0;

    /// <summary>The recomputed decision is the recorded one (recognized, status, MRA, reason codes).</summary>
    public bool MatchesRecorded => Recomputed is not null && Differences.Count == 0;

    /// <summary>Consistent and matching: the bundle re-checks to its recorded answer.</summary>
    public bool Holds => IsConsistent && MatchesRecorded;

    /// <summary>Whether a problem of <paramref name="kind"/> was found.</summary>
    public bool Has(ProofBundleProblemKind kind) => Problems.Any(p => p.Kind == kind);

    /// <summary>A plain-text report for a person (the CLI prints it): what was asked, what the bundle shows, and what an offline check cannot show.</summary>
    public string ToSummary()
    {
        var text = new StringBuilder();
        if (Bundle is not { } bundle)
        {
            text.AppendLine("Not a readable proof bundle:");
            foreach (var problem in Problems)
                text.Append("  - ").AppendLine(problem.Message);
            return text.ToString();
        }
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"Proof bundle (format version {ProofBundle.FormatVersion}), chain {bundle.ChainId}, credential registry {bundle.Registries.Credentials}");
        text.AppendLine(c, $"Taken at block {bundle.TakenAt.Number} ({bundle.TakenAt.Hash}), {Time(bundle.TakenAt.Timestamp)}; {bundle.Logs.Count} registry logs");
        text.AppendLine(c, $"Question: does {bundle.Verifier} recognize credential {bundle.Credential.Root}#{bundle.Credential.Index} at {bundle.At:O}?");
        if (bundle.Anchor is { } anchor)
            text.AppendLine(c, $"Anchored by transaction {anchor.TransactionHash} in block {anchor.BlockNumber} ({anchor.BlockHash})");
        else
            text.AppendLine("No anchoring transaction in the bundle.");

        if (Problems.Count == 0)
            text.AppendLine("Consistency: OK (logs in chain order, all from the bundle's registries and relevant, blocks agree, receipt holds the anchoring).");
        else
        {
            text.AppendLine(c, $"Consistency: {Problems.Count} problem(s)");
            foreach (var problem in Problems)
                text.Append("  - ").AppendLine(problem.ToString());
        }

        if (Recomputed is { } v)
        {
            text.Append("Recomputed: ").AppendLine(v.Recognized ? "RECOGNIZED" : "NOT RECOGNIZED");
            if (v.Status is { } status)
                text.AppendLine(c, $"  status at t: {status}");
            if (v.Mra is { } mra)
                text.AppendLine(c, $"  under MRA {mra.MraId} version {mra.Version} (parties {string.Join(", ", mra.Parties)}; benefits 0x{mra.Benefits:x}; programmes {string.Join(", ", mra.Programmes)})");
            foreach (var reason in v.Reasons)
                text.Append("  - ").AppendLine(reason.ToString());
        }
        text.Append("Recorded at export: ").AppendLine(bundle.Recorded.Recognized ? "RECOGNIZED" : "NOT RECOGNIZED");
        if (MatchesRecorded)
            text.AppendLine("The recomputed answer matches the recorded one.");
        else
        {
            text.AppendLine("The recomputed answer DIFFERS from the recorded one:");
            foreach (var difference in Differences)
                text.Append("  - ").AppendLine(difference);
        }
        text.AppendLine("Offline, this shows the bundle agrees with itself. It cannot show that the logs are complete or on the canonical chain;");
        text.AppendLine("confirm the block hashes against the chain (or a block hash you trust) to establish that.");
        return text.ToString();
    }

    private static string Time(ulong unixSeconds) =>
        DateTimeOffset.FromUnixTimeSeconds((long)Math.Min(unixSeconds, 253_402_300_799UL)).ToString("O", CultureInfo.InvariantCulture);
}
