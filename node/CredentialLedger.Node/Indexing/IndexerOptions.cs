using System.ComponentModel.DataAnnotations;

namespace CredentialLedger.Node.Indexing;

/// <summary>How the chain indexer follows the registries.</summary>
public sealed class IndexerOptions
{
    /// <summary>Blocks behind the head that are indexed (0 on dev chains and QBFT, which has finality). Default: 0.</summary>
    [Range(0, 1000)]
    public int Confirmations { get; set; }

    /// <summary>The largest block range per eth_getLogs request. Default: 2,000.</summary>
    [Range(1, 100_000)]
    public int MaxBlockRange { get; set; } = 2000;

    /// <summary>How long the indexer waits when it has caught up. Default: 1 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
}
