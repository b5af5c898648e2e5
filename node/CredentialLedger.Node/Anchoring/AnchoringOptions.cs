using System.ComponentModel.DataAnnotations;

namespace CredentialLedger.Node.Anchoring;

/// <summary>How the anchoring pipeline batches work and sends it to the chain.</summary>
public sealed class AnchoringOptions
{
    /// <summary>At most this many certificates per Merkle batch (one transaction). Default: 2,000.</summary>
    [Range(1, 100_000)]
    public int MaxBatchSize { get; set; } = 2_000;

    /// <summary>
    /// A batch is sent once its oldest certificate has waited this long, even if not full. Default: 250 ms. Lower
    /// means faster anchoring, more transactions.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan MaxBatchDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>At most this many status changes per transaction (suspendMany, revokeMany ...). Default: 500.</summary>
    [Range(1, 5_000)]
    public int MaxChangesPerTransaction { get; set; } = 500;

    /// <summary>How often a sent transaction's receipt is polled. Default: 50 ms.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan ReceiptPollInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// A transaction with no receipt after this long is broadcast again (the same signed bytes: it cannot be mined
    /// twice). Default: 10 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan RebroadcastAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest wait between retries while the chain is unreachable. Default: 5 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gas limit = estimate × this percentage. Default: 130.</summary>
    [Range(100, 1000)]
    public int GasMarginPercent { get; set; } = 130;

    /// <summary>
    /// Dev chains only (anvil): call <c>evm_mine</c> when a receipt lags by <see cref="StallThreshold"/> (anvil's
    /// automine can leave a transaction pending). Default: false.
    /// </summary>
    public bool MineWhenStalled { get; set; }

    /// <summary>How long a receipt may lag before <see cref="MineWhenStalled"/> mines. Default: 1 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan StallThreshold { get; set; } = TimeSpan.FromSeconds(1);
}
