using System.Numerics;

namespace CredentialLedger.Evm.Rpc;

/// <summary>The answer of <c>eth_feeHistory</c>: base fees and priority-fee percentiles of recent blocks.</summary>
public sealed record FeeHistory
{
    /// <summary>The first block of the range.</summary>
    public required ulong OldestBlock { get; init; }

    /// <summary>
    /// Base fee per gas of each block of the range, plus one more entry: the base fee of the block after the newest.
    /// Zeros on chains without EIP-1559.
    /// </summary>
    public required IReadOnlyList<BigInteger> BaseFeePerGas { get; init; }

    /// <summary>Gas used over gas limit of each block of the range.</summary>
    public required IReadOnlyList<double> GasUsedRatio { get; init; }

    /// <summary>
    /// Per block, the effective priority fee at each requested percentile (weighted by gas used); empty when no
    /// percentiles were requested.
    /// </summary>
    public required IReadOnlyList<IReadOnlyList<BigInteger>> Reward { get; init; }

    /// <summary>The base fee of the next block (the last <see cref="BaseFeePerGas"/> entry), or zero when absent.</summary>
    public BigInteger NextBaseFeePerGas => BaseFeePerGas.Count > 0 ? BaseFeePerGas[^1] : BigInteger.Zero;
}
