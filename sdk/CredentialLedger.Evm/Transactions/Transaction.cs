using System.Numerics;

namespace CredentialLedger.Evm.Transactions;

/// <summary>
/// The fields every transaction type shares. Instances are immutable; derive variants with <c>with</c>.
/// Equality is by value, <see cref="Data"/> compared byte by byte.
/// Concrete types: <see cref="LegacyTransaction"/>, <see cref="AccessListTransaction"/>, <see cref="DynamicFeeTransaction"/>.
/// </summary>
public abstract record Transaction
{
    private protected Transaction() { }

    /// <summary>The EIP-2718 type.</summary>
    public abstract TransactionType Type { get; }

    /// <summary>The sender's account nonce.</summary>
    public ulong Nonce { get; init; }

    /// <summary>The gas limit.</summary>
    public ulong GasLimit { get; init; }

    /// <summary>The recipient, or null for a contract creation (encoded as the empty string).</summary>
    public Address? To { get; init; }

    /// <summary>Wei transferred, in [0, 2^256-1].</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative or wider than 256 bits.</exception>
    public BigInteger Value { get; init => field = Quantity.CheckUInt256(value, nameof(Value)); }

    /// <summary>Call data, or the init code of a contract creation.</summary>
    public ReadOnlyMemory<byte> Data { get; init; }

    /// <summary>True when <see cref="To"/> is null.</summary>
    public bool IsContractCreation => To is null;

    /// <inheritdoc/>
    public virtual bool Equals(Transaction? other) =>
        other is not null
        && EqualityContract == other.EqualityContract
        && Nonce == other.Nonce
        && GasLimit == other.GasLimit
        && To == other.To
        && Value == other.Value
        && Data.Span.SequenceEqual(other.Data.Span);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(EqualityContract, Nonce, GasLimit, To, Value, Data.Length);
}
