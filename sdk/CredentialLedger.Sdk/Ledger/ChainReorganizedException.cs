namespace CredentialLedger.Sdk.Ledger;

/// <summary>
/// The block a <see cref="LedgerHistory"/> was synced to (or a node's read model indexed) is no longer on the chain:
/// a reorganization or a reset chain. Nothing was applied; rebuild from a block before <see cref="Block"/>.
/// </summary>
public sealed class ChainReorganizedException : Exception
{
    /// <summary>The synced block that changed.</summary>
    public ulong Block { get; }

    /// <summary>Creates the exception for <paramref name="block"/>.</summary>
    public ChainReorganizedException(ulong block)
        : base($"Block {block}, which was already synced, is no longer on the chain (a reorganization or a reset chain); rebuild from an earlier block.") => Block = block;

    /// <summary>Creates the exception.</summary>
    public ChainReorganizedException() : base("The chain was reorganized under what was synced.") { }

    /// <summary>Creates the exception with a message.</summary>
    public ChainReorganizedException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and cause.</summary>
    public ChainReorganizedException(string message, Exception innerException) : base(message, innerException) { }
}
