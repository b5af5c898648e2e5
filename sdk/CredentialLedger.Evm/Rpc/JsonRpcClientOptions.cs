using System.ComponentModel.DataAnnotations;

namespace CredentialLedger.Evm.Rpc;

/// <summary>
/// Transport settings of <see cref="JsonRpcClient"/>. JSON shape:
/// <c>"JsonRpc": { "Endpoint": "http://127.0.0.1:8545", "RequestTimeout": "00:00:30", "MaxRetries": 3, "BaseBackoff": "00:00:00.200" }</c>.
/// </summary>
public sealed class JsonRpcClientOptions
{
    /// <summary>The node's URL; null to use the HttpClient's BaseAddress. Default: null.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>How long one HTTP attempt may take before it counts as a transient timeout. Default: 30 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many times a transient transport failure is retried (0 = never). Default: 3.</summary>
    [Range(0, 20)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>
    /// The first retry's delay; retry n waits <c>BaseBackoff · 2^(n−1)</c> with random jitter, capped at
    /// <see cref="MaxBackoff"/>. Default: 200 milliseconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan BaseBackoff { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest single retry delay. Default: 10 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(10);
}
