using System.Numerics;

namespace CredentialLedger.Evm.Accounts;

/// <summary>What to send; <see cref="TransactionSender"/> fills the nonce, fees and gas limit that are not given.</summary>
public sealed record TransactionRequest
{
    /// <summary>The recipient; null to create a contract from <see cref="Data"/>.</summary>
    public Address? To { get; init; }

    /// <summary>Calldata, or init code for contract creation.</summary>
    public ReadOnlyMemory<byte> Data { get; init; }

    /// <summary>Wei to transfer.</summary>
    public BigInteger Value { get; init; }

    /// <summary>An explicit gas limit; null to use <c>eth_estimateGas</c> times the sender's margin.</summary>
    public ulong? GasLimit { get; init; }

    /// <summary>Explicit fees; null to ask the sender's <see cref="FeeEstimator"/>.</summary>
    public FeeEstimate? Fees { get; init; }
}
