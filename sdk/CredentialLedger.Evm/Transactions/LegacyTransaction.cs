using System.Numerics;

namespace CredentialLedger.Evm.Transactions;

/// <summary>
/// An untyped transaction. With a <see cref="ChainId"/> it is signed per EIP-155 (the chain id is hashed in and
/// v = chainId·2 + 35 + yParity); with a null chain id it is a pre-EIP-155 transaction (v = 27 + yParity) that any
/// chain would accept, which is why nodes increasingly refuse it.
/// </summary>
public sealed record LegacyTransaction : Transaction
{
    /// <inheritdoc/>
    public override TransactionType Type => TransactionType.Legacy;

    /// <summary>Wei paid per unit of gas, in [0, 2^256-1].</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative or wider than 256 bits.</exception>
    public BigInteger GasPrice { get; init => field = Quantity.CheckUInt256(value, nameof(GasPrice)); }

    /// <summary>
    /// The EIP-155 chain id, or null for a pre-EIP-155 transaction. Zero is refused: EIP-155 v = 35/36 would
    /// name chain 0, which geth rejects as an invalid chain id, and null already means "no chain".
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Zero.</exception>
    public ulong? ChainId
    {
        get;
        init => field = value == 0
            ? throw new ArgumentOutOfRangeException(nameof(ChainId), "An EIP-155 chain id is at least 1; use null for a pre-EIP-155 transaction.")
            : value;
    }
}
