using System.Globalization;
using System.Text;

namespace CredentialLedger.Sdk.Bundles;

/// <summary>
/// The outcome of <see cref="ProofBundleVerifier.ConfirmOnChainAsync"/>: whether the chain holds the bundle's blocks,
/// receipt and logs, and no relevant log the bundle lacks up to its block.
/// </summary>
/// <param name="Problems">Every disagreement with the chain (empty when confirmed).</param>
/// <param name="BlocksChecked">How many distinct blocks were compared.</param>
/// <param name="ChainLogs">How many relevant logs the chain holds up to the bundle's block.</param>
public sealed record ProofBundleConfirmation(IReadOnlyList<ProofBundleProblem> Problems, int BlocksChecked, int ChainLogs)
{
    /// <summary>The chain agrees with the bundle in every respect checked.</summary>
    public bool IsConfirmed => Problems.Count == 0;

    /// <summary>A plain-text report for a person.</summary>
    public string ToSummary()
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        if (IsConfirmed)
            text.AppendLine(c, $"Confirmed on chain: {BlocksChecked} block(s), the receipt and all {ChainLogs} relevant log(s) agree with the bundle.");
        else
        {
            text.AppendLine(c, $"NOT confirmed on chain: {Problems.Count} problem(s)");
            foreach (var problem in Problems)
                text.Append("  - ").AppendLine(problem.ToString());
        }
        return text.ToString();
    }
}
