using System.ComponentModel.DataAnnotations;
using System.Numerics;
using CredentialLedger.Evm.Rpc;

namespace CredentialLedger.Evm.Accounts;

/// <summary>Fees for one transaction: EIP-1559 caps, or a legacy gas price when the chain has no base fee.</summary>
/// <param name="MaxFeePerGas">The EIP-1559 fee cap (null for legacy).</param>
/// <param name="MaxPriorityFeePerGas">The EIP-1559 tip cap (null for legacy).</param>
/// <param name="GasPrice">The legacy gas price (null for EIP-1559).</param>
public sealed record FeeEstimate(BigInteger? MaxFeePerGas, BigInteger? MaxPriorityFeePerGas, BigInteger? GasPrice)
{
    /// <summary>True when the estimate is for an EIP-1559 (type 2) transaction.</summary>
    public bool IsDynamic => MaxFeePerGas is not null;
}

/// <summary>Settings for <see cref="FeeEstimator"/>.</summary>
public sealed class FeeEstimatorOptions
{
    /// <summary>How many recent blocks of <c>eth_feeHistory</c> to sample. Default: 10.</summary>
    [Range(1, 1024)]
    public int HistoryBlocks { get; set; } = 10;

    /// <summary>The priority-fee percentile taken from each block. Default: 50.</summary>
    [Range(0.0, 100.0)]
    public double RewardPercentile { get; set; } = 50;

    /// <summary>The tip used when recent blocks paid none (empty blocks). Default: 1 gwei.</summary>
    public BigInteger MinPriorityFeePerGas { get; set; } = 1_000_000_000;

    /// <summary>The fee cap is <c>BaseFeeMultiplier · baseFee + tip</c>, absorbing base-fee rises. Default: 2.</summary>
    [Range(1, 100)]
    public int BaseFeeMultiplier { get; set; } = 2;

    /// <summary>The legacy gas price is the node's <c>eth_gasPrice</c> times this percentage. Default: 110.</summary>
    [Range(100, 1000)]
    public int LegacyGasPricePercent { get; set; } = 110;
}

/// <summary>
/// Suggests fees. On EIP-1559 chains (the latest block has a base fee) the tip is the median of recent blocks'
/// <see cref="FeeEstimatorOptions.RewardPercentile"/> rewards (at least <see cref="FeeEstimatorOptions.MinPriorityFeePerGas"/>)
/// and the cap is <c>multiplier · nextBaseFee + tip</c>; otherwise a legacy gas price from <c>eth_gasPrice</c>.
/// </summary>
public sealed class FeeEstimator
{
    private readonly EthClient _client;
    private readonly FeeEstimatorOptions _options;

    /// <summary>Creates an estimator.</summary>
    public FeeEstimator(EthClient client, FeeEstimatorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _options = options ?? new FeeEstimatorOptions();
        Validator.ValidateObject(_options, new ValidationContext(_options), validateAllProperties: true);
    }

    /// <summary>Estimates fees for a transaction sent now.</summary>
    public async Task<FeeEstimate> EstimateAsync(CancellationToken cancellationToken)
    {
        var latest = await _client.GetBlockByNumberAsync(BlockParameter.Latest, cancellationToken).ConfigureAwait(false);
        if (latest.BaseFeePerGas is null)
        {
            var gasPrice = await _client.GasPriceAsync(cancellationToken).ConfigureAwait(false);
            return new FeeEstimate(null, null, gasPrice * _options.LegacyGasPricePercent / 100);
        }

        var history = await _client.FeeHistoryAsync((ulong)_options.HistoryBlocks, BlockParameter.Latest,
            [_options.RewardPercentile], cancellationToken).ConfigureAwait(false);
        var rewards = history.Reward.Where(r => r.Count > 0).Select(r => r[0]).Where(r => !r.IsZero).Order().ToList();
        var tip = rewards.Count == 0 ? _options.MinPriorityFeePerGas : BigInteger.Max(rewards[rewards.Count / 2], _options.MinPriorityFeePerGas);
        // The last baseFeePerGas entry is the next block's base fee.
        var nextBaseFee = history.BaseFeePerGas.Count > 0 ? history.BaseFeePerGas[^1] : latest.BaseFeePerGas.Value;
        var cap = nextBaseFee * _options.BaseFeeMultiplier + tip;
        return new FeeEstimate(cap, tip, null);
    }
}
