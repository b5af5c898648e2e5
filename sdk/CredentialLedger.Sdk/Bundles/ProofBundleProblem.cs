namespace CredentialLedger.Sdk.Bundles;

/// <summary>What kind of fault a bundle check found.</summary>
public enum ProofBundleProblemKind
{
    /// <summary>Not a proof bundle: not JSON, a field missing, unknown or of the wrong form.</summary>
    Malformed = 1,

    /// <summary>A proof bundle of a format version this reader does not know.</summary>
    UnsupportedVersion,

    /// <summary>Logs out of chain order, or the same log twice.</summary>
    LogOrder,

    /// <summary>A log that is not an event of the bundle's registries, or that does not decode as one.</summary>
    ForeignLog,

    /// <summary>A registry event that the verification does not depend on (the exporter never includes one).</summary>
    UnrelatedLog,

    /// <summary>Blocks that contradict each other or the block the bundle was taken at (hash, time, number).</summary>
    BlockMismatch,

    /// <summary>The anchoring receipt is missing, failed, or does not hold the credential's BatchAnchored log.</summary>
    Anchor,

    /// <summary>An event breaks a rule the registries enforce, so no chain can have emitted it (for example a batch anchored at another time than its block's).</summary>
    ContractRule,

    /// <summary>The verification could not be recomputed: the SDK failed on the bundle's content (the message says how).</summary>
    NotRecomputable,

    /// <summary>On chain: the chain is another, or a block, its time or the receipt differs from the bundle's.</summary>
    NotOnChain,

    /// <summary>On chain: the chain holds relevant logs the bundle lacks, or lacks logs the bundle holds.</summary>
    Incomplete,
}

/// <summary>One fault found in a bundle.</summary>
/// <param name="Kind">The kind of fault.</param>
/// <param name="Message">What exactly is wrong, with the log or field concerned.</param>
public sealed record ProofBundleProblem(ProofBundleProblemKind Kind, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Kind}: {Message}";
}

/// <summary>A proof bundle file that cannot be read; the message names the field (a JSON path).</summary>
public sealed class ProofBundleFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public ProofBundleFormatException() : base("Not a proof bundle.") => Kind = ProofBundleProblemKind.Malformed;

    /// <summary>Creates the exception with a message.</summary>
    public ProofBundleFormatException(string message) : base(message) => Kind = ProofBundleProblemKind.Malformed;

    /// <summary>Creates the exception with a message and cause.</summary>
    public ProofBundleFormatException(string message, Exception innerException) : base(message, innerException) =>
        Kind = ProofBundleProblemKind.Malformed;

    /// <summary>Creates the exception with a message and kind.</summary>
    public ProofBundleFormatException(string message, ProofBundleProblemKind kind) : base(message) => Kind = kind;

    /// <summary><see cref="ProofBundleProblemKind.Malformed"/> or <see cref="ProofBundleProblemKind.UnsupportedVersion"/>.</summary>
    public ProofBundleProblemKind Kind { get; }
}
