using System.Numerics;

namespace CredentialLedger.Evm.Transactions;

/// <summary>
/// An EIP-1559 transaction (type 0x02): the sender caps the total fee per gas and offers a tip on top of the
/// block's base fee. Whether the tip exceeds the cap is a node-level validity rule, not checked here.
/// </summary>
public sealed record DynamicFeeTransaction : Transaction
{
    /// <inheritdoc/>
    public override TransactionType Type => TransactionType.DynamicFee;

    /// <summary>The chain id the signature is bound to.</summary>
    public required ulong ChainId { get; init; }

    /// <summary>The tip per gas paid to the block producer, in [0, 2^256-1].</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative or wider than 256 bits.</exception>
    public BigInteger MaxPriorityFeePerGas { get; init => field = Quantity.CheckUInt256(value, nameof(MaxPriorityFeePerGas)); }

    /// <summary>The most the sender pays per gas, base fee included, in [0, 2^256-1].</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative or wider than 256 bits.</exception>
    public BigInteger MaxFeePerGas { get; init => field = Quantity.CheckUInt256(value, nameof(MaxFeePerGas)); }

    /// <summary>Accounts and storage slots to pre-warm (copied; empty by default).</summary>
    public IReadOnlyList<AccessListEntry> AccessList
    {
        get;
        init => field = Transactions.AccessList.Copy(value, nameof(AccessList));
    } = [];

    /// <inheritdoc/>
    public bool Equals(DynamicFeeTransaction? other) =>
        other is not null && base.Equals(other)
        && ChainId == other.ChainId
        && MaxPriorityFeePerGas == other.MaxPriorityFeePerGas
        && MaxFeePerGas == other.MaxFeePerGas
        && Transactions.AccessList.SequenceEqual(AccessList, other.AccessList);

    /// <inheritdoc/>
    public override int GetHashCode() =>
        HashCode.Combine(base.GetHashCode(), ChainId, MaxPriorityFeePerGas, MaxFeePerGas, AccessList.Count);
}
