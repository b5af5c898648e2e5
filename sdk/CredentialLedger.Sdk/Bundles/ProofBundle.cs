using System.Text;
using CredentialLedger.Contracts;
using CredentialLedger.Sdk.Verification;

namespace CredentialLedger.Sdk.Bundles;

/// <summary>
/// Everything one verification depended on, in one file that re-checks offline (<see cref="ProofBundleVerifier"/>):
/// the presented credential, the verifier and time asked, the anchoring receipt, the raw registry logs that rebuild
/// the state the answer rests on, and the answer recorded at export. The JSON form (README.md beside this file) is
/// versioned and deterministic: the same bundle always gives the same bytes.
/// </summary>
/// <param name="ChainId">The EIP-155 chain id of the ledger.</param>
/// <param name="Registries">The registries whose logs these are.</param>
/// <param name="DeploymentBlock">A block at or before the registries' deployment: where a completeness check on chain starts.</param>
/// <param name="TakenAt">The chain head the bundle was taken at: no log is later.</param>
/// <param name="Verifier">The verifying member.</param>
/// <param name="At">The time t the verification was asked for.</param>
/// <param name="Credential">The credential as presented: JWS, root, index and Merkle proof.</param>
/// <param name="Anchor">The receipt of the transaction that anchored the root, or null when it was not anchored.</param>
/// <param name="Logs">The registry logs the answer depends on, in chain order.</param>
/// <param name="Recorded">The answer computed at export.</param>
public sealed record ProofBundle(
    ulong ChainId,
    RegistryAddresses Registries,
    ulong DeploymentBlock,
    BundleBlock TakenAt,
    MemberCode Verifier,
    DateTimeOffset At,
    PresentedCredential Credential,
    AnchorReceipt? Anchor,
    IReadOnlyList<BundleLog> Logs,
    RecordedVerification Recorded)
{
    /// <summary>The value of the JSON <c>format</c> field.</summary>
    public const string FormatName = "credentialledger.proof-bundle";

    /// <summary>The format version this SDK writes and reads.</summary>
    public const int FormatVersion = 1;

    /// <summary>The largest bundle text read (64 MiB): far above any real bundle, and a bound on what a file may cost.</summary>
    public const int MaxJsonLength = 64 * 1024 * 1024;

    /// <summary>The JSON text: indented, fields in a fixed order, ending with a newline.</summary>
    public string ToJson() => ProofBundleJsonWriter.Write(this);

    /// <summary>Reads a bundle's JSON text strictly: every field present and of its form, no unknown field.</summary>
    /// <exception cref="ProofBundleFormatException">Not a proof bundle of a known version; the message names the field.</exception>
    public static ProofBundle Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return ProofBundleJsonReader.Read(json);
    }

    /// <summary>Reads a bundle file.</summary>
    /// <exception cref="ProofBundleFormatException">The content is not a proof bundle (the message starts with the path).</exception>
    public static async Task<ProofBundle> LoadAsync(string path, CancellationToken cancellationToken)
    {
        var json = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        try
        {
            return Parse(json);
        }
        catch (ProofBundleFormatException e)
        {
            throw new ProofBundleFormatException($"{path}: {e.Message}", e.Kind);
        }
    }

    /// <summary>Writes the bundle (UTF-8, no BOM), replacing any file at <paramref name="path"/>.</summary>
    public Task SaveAsync(string path, CancellationToken cancellationToken) =>
        File.WriteAllTextAsync(path, ToJson(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), cancellationToken);
}
