using System.ComponentModel.DataAnnotations;

namespace CredentialLedger.Evm.Accounts;

/// <summary>Settings for <see cref="TransactionSender"/>.</summary>
public sealed class TransactionSenderOptions
{
    /// <summary>The gas limit is <c>eth_estimateGas · GasMarginPercent / 100</c>. Default: 120.</summary>
    [Range(100, 1000)]
    public int GasMarginPercent { get; set; } = 120;

    /// <summary>How many blocks (the receipt's included) must exist before a receipt counts. Default: 1.</summary>
    [Range(1, 10_000)]
    public int Confirmations { get; set; } = 1;

    /// <summary>The delay between receipt polls. Default: 250 milliseconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How long to wait for a receipt (and its confirmations) before giving up. Default: 2 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan ReceiptTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Dev chains only (anvil, Hardhat): when a receipt or confirmation lags by <see cref="StallThreshold"/>, call
    /// <c>evm_mine</c>. Anvil's automine can leave transactions pending under concurrent sends. Default: false.
    /// </summary>
    public bool MineWhenStalled { get; set; }

    /// <summary>How long a receipt may lag before <see cref="MineWhenStalled"/> mines a block. Default: 1 second.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan StallThreshold { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many times a send is retried with a fresh nonce after a nonce conflict. Default: 3.</summary>
    [Range(0, 20)]
    public int MaxNonceRetries { get; set; } = 3;
}
