using System.Numerics;

namespace CredentialLedger.Evm.Rpc;

/// <summary>The transaction object of <c>eth_call</c> and <c>eth_estimateGas</c>; unset members are omitted.</summary>
public sealed record CallRequest
{
    /// <summary>The sender (matters for <c>msg.sender</c> checks); omitted when null.</summary>
    public Address? From { get; init; }

    /// <summary>The contract called, or null for a creation.</summary>
    public Address? To { get; init; }

    /// <summary>The gas allowance; omitted when null (the node picks a cap).</summary>
    public ulong? Gas { get; init; }

    /// <summary>A legacy gas price; omitted when null.</summary>
    public BigInteger? GasPrice { get; init; }

    /// <summary>EIP-1559 fee cap; omitted when null.</summary>
    public BigInteger? MaxFeePerGas { get; init; }

    /// <summary>EIP-1559 tip cap; omitted when null.</summary>
    public BigInteger? MaxPriorityFeePerGas { get; init; }

    /// <summary>Wei sent with the call; omitted when null.</summary>
    public BigInteger? Value { get; init; }

    /// <summary>Call data (selector and arguments, or init code for a creation).</summary>
    public ReadOnlyMemory<byte> Data { get; init; }
}
