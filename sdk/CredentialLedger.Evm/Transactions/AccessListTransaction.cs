using System.Numerics;

namespace CredentialLedger.Evm.Transactions;

/// <summary>
/// An EIP-2930 transaction (type 0x01): a legacy-style gas price plus an access list, with the chain id inside the
/// signed payload instead of folded into v.
/// </summary>
public sealed record AccessListTransaction : Transaction
{
    /// <inheritdoc/>
    public override TransactionType Type => TransactionType.AccessList;

    /// <summary>The chain id the signature is bound to.</summary>
    public required ulong ChainId { get; init; }

    /// <summary>Wei paid per unit of gas, in [0, 2^256-1].</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative or wider than 256 bits.</exception>
    public BigInteger GasPrice { get; init => field = Quantity.CheckUInt256(value, nameof(GasPrice)); }

    /// <summary>Accounts and storage slots to pre-warm (copied; empty by default).</summary>
    public IReadOnlyList<AccessListEntry> AccessList
    {
        get;
        init => field = Transactions.AccessList.Copy(value, nameof(AccessList));
    } = [];

    /// <inheritdoc/>
    public bool Equals(AccessListTransaction? other) =>
        other is not null && base.Equals(other)
        && ChainId == other.ChainId
        && GasPrice == other.GasPrice
        && Transactions.AccessList.SequenceEqual(AccessList, other.AccessList);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(base.GetHashCode(), ChainId, GasPrice, AccessList.Count);
}
