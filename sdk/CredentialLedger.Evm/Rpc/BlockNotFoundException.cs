namespace CredentialLedger.Evm.Rpc;

/// <summary>The node does not have the requested block (a number beyond the head, or a tag it does not support yet).</summary>
public sealed class BlockNotFoundException : Exception
{
    /// <summary>Creates the exception for a block parameter.</summary>
    public BlockNotFoundException(BlockParameter block) : base($"The node has no block '{block}'.") => Block = block;

    /// <summary>Creates the exception with a message.</summary>
    public BlockNotFoundException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and inner cause.</summary>
    public BlockNotFoundException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception with a generic message.</summary>
    public BlockNotFoundException() : base("The block was not found.") { }

    /// <summary>The block asked for.</summary>
    public BlockParameter Block { get; }
}
