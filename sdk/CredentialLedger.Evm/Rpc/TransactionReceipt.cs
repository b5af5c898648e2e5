using System.Numerics;

namespace CredentialLedger.Evm.Rpc;

/// <summary>The receipt of a mined transaction (<c>eth_getTransactionReceipt</c>).</summary>
public sealed record TransactionReceipt
{
    /// <summary>The transaction hash.</summary>
    public required Hash32 TransactionHash { get; init; }

    /// <summary>The transaction's index in its block.</summary>
    public required ulong TransactionIndex { get; init; }

    /// <summary>The block that includes the transaction.</summary>
    public required ulong BlockNumber { get; init; }

    /// <summary>That block's hash.</summary>
    public required Hash32 BlockHash { get; init; }

    /// <summary>The sender.</summary>
    public required Address From { get; init; }

    /// <summary>The recipient, or null for a contract creation.</summary>
    public Address? To { get; init; }

    /// <summary>True when execution succeeded (EIP-658 status 1), false when it reverted (status 0).</summary>
    public required bool Succeeded { get; init; }

    /// <summary>Gas used by this transaction.</summary>
    public required ulong GasUsed { get; init; }

    /// <summary>Gas used by this and all earlier transactions of the block.</summary>
    public required ulong CumulativeGasUsed { get; init; }

    /// <summary>The price per gas actually paid (base fee plus the tip actually given, for EIP-1559).</summary>
    public required BigInteger EffectiveGasPrice { get; init; }

    /// <summary>The created contract's address for a creation, else null.</summary>
    public Address? ContractAddress { get; init; }

    /// <summary>The logs the transaction emitted.</summary>
    public required IReadOnlyList<Log> Logs { get; init; }

    /// <summary>The EIP-2718 transaction type (0 legacy, 1 access list, 2 dynamic fee).</summary>
    public byte Type { get; init; }
}
