using System.ComponentModel.DataAnnotations;

namespace CredentialLedger.Node.Exchange;

/// <summary>A partner node this node pulls certificates from under an MRA.</summary>
public sealed class PartnerNode
{
    /// <summary>The partner member (ISO 3166-1 alpha-2), whose certificates its node serves.</summary>
    [Required]
    [RegularExpression("^[A-Z]{2}$", ErrorMessage = "exchange.partners[].member: an ISO 3166-1 alpha-2 code such as KZ.")]
    public string Member { get; set; } = "";

    /// <summary>The partner node's gRPC endpoint (http://host:port, or https in production).</summary>
    [Required]
    public Uri? Endpoint { get; set; }
}

/// <summary>MRA data exchange: which partners to pull from, and how often.</summary>
public sealed class ExchangeOptions
{
    /// <summary>Partner nodes to pull from (none by default). Access needs an MRA in force with each.</summary>
    public List<PartnerNode> Partners { get; set; } = [];

    /// <summary>How often to pull new certificates when the partner's status stream is quiet. Default: 30 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00", ErrorMessage = "exchange.pullInterval: 50 ms to 1 hour.")]
    public TimeSpan PullInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Wait after a refused or failed exchange before trying again. Default: 10 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00", ErrorMessage = "exchange.retryDelay: 50 ms to 1 hour.")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Certificates per pull request (1 to 1,000). Default: 500.</summary>
    [Range(1, 1000, ErrorMessage = "exchange.pageSize: 1 to 1,000.")]
    public int PageSize { get; set; } = 500;
}
