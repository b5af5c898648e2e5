using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization;
using CredentialLedger.Node.Anchoring;
using CredentialLedger.Node.Exchange;
using CredentialLedger.Node.Indexing;
using CredentialLedger.Node.Origin;

namespace CredentialLedger.Node;

/// <summary>
/// A member node's settings, bound from the "Node" configuration section or read from <c>node.json</c> in the data
/// directory (written by <c>credledger init</c>). Relative paths are resolved against <see cref="DataDirectory"/>.
/// </summary>
/// <example>
/// <code>
/// {
///   "member": "KR",
///   "rpcUrl": "http://127.0.0.1:8545/",
///   "networkFile": "network.json",
///   "dataDirectory": "/var/lib/credledger",
///   "listenUrl": "http://127.0.0.1:5080",
///   "anchoring": { "maxBatchSize": 2000, "maxBatchDelay": "00:00:00.250" },
///   "indexer": { "confirmations": 0 }
/// }
/// </code>
/// </example>
public sealed class NodeOptions
{
    /// <summary>The node file's name inside the data directory.</summary>
    public const string FileName = "node.json";

    /// <summary>This node's member: an ISO 3166-1 alpha-2 code, e.g. "KR".</summary>
    [Required, RegularExpression("^[A-Z]{2}$", ErrorMessage = "member must be two capital letters (ISO 3166-1 alpha-2), e.g. KR.")]
    public string Member { get; set; } = "";

    /// <summary>The chain's JSON-RPC endpoint.</summary>
    [Required]
    public Uri? RpcUrl { get; set; }

    /// <summary>The network file (chain id and registry addresses). Default: network.json in the data directory.</summary>
    public string NetworkFile { get; set; } = "network.json";

    /// <summary>Where the database, keystore and operator token live.</summary>
    [Required]
    public string DataDirectory { get; set; } = "";

    /// <summary>The keystore file. Default: keystore.json in the data directory.</summary>
    public string KeystoreFile { get; set; } = "keystore.json";

    /// <summary>The operator token file (a random bearer token for operator calls). Default: operator.token.</summary>
    public string OperatorTokenFile { get; set; } = "operator.token";

    /// <summary>The database file. Default: node.db in the data directory.</summary>
    public string DatabaseFile { get; set; } = "node.db";

    /// <summary>The registry logs the node's ledger history applied (JSON lines), replayed at start. Default: ledger-events.jsonl.</summary>
    public string LedgerEventsFile { get; set; } = "ledger-events.jsonl";

    /// <summary>Where the gRPC API listens (HTTP/2 without TLS on loopback; put TLS in front in production).</summary>
    [Required]
    public Uri ListenUrl { get; set; } = new("http://127.0.0.1:5080");

    /// <summary>
    /// True (the default) makes every accepted request durable across power loss (SQLite synchronous=FULL);
    /// false survives process crashes only.
    /// </summary>
    public bool DurableCommits { get; set; } = true;

    /// <summary>Batching and chain-transaction settings.</summary>
    public AnchoringOptions Anchoring { get; set; } = new();

    /// <summary>Chain indexer settings.</summary>
    public IndexerOptions Indexer { get; set; } = new();

    /// <summary>MRA data exchange with partner nodes.</summary>
    public ExchangeOptions Exchange { get; set; } = new();

    /// <summary>The chambers of commerce this node serves.</summary>
    public ChamberOptions Chambers { get; set; } = new();

    /// <summary>Resolves <paramref name="path"/> against the data directory.</summary>
    public string Resolve(string path) => Path.GetFullPath(Path.Combine(DataDirectory, path));

    /// <summary>Checks every setting (nested ones too); throws one error listing every problem.</summary>
    /// <exception cref="ValidationException">A setting is missing or out of range.</exception>
    public void Validate()
    {
        var errors = new List<ValidationResult>();
        Validator.TryValidateObject(this, new ValidationContext(this), errors, validateAllProperties: true);
        Validator.TryValidateObject(Anchoring, new ValidationContext(Anchoring), errors, validateAllProperties: true);
        Validator.TryValidateObject(Indexer, new ValidationContext(Indexer), errors, validateAllProperties: true);
        Validator.TryValidateObject(Exchange, new ValidationContext(Exchange), errors, validateAllProperties: true);
        Validator.TryValidateObject(Chambers, new ValidationContext(Chambers), errors, validateAllProperties: true);
        foreach (var partner in Exchange.Partners)
            Validator.TryValidateObject(partner, new ValidationContext(partner), errors, validateAllProperties: true);
        if (Exchange.Partners.Any(p => p.Member == Member))
            errors.Add(new ValidationResult("exchange.partners: a node does not pull from its own member."));
        if (errors.Count > 0)
            throw new ValidationException("Invalid node settings: " + string.Join("; ", errors.Select(e => e.ErrorMessage)));
    }

    /// <summary>JSON settings for node.json (camelCase, indented, TimeSpans as "hh:mm:ss.fff").</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>Reads node.json from <paramref name="dataDirectory"/>; the data directory is set to it.</summary>
    /// <exception cref="FileNotFoundException">The data directory has no node.json (run <c>credledger init</c>).</exception>
    public static NodeOptions Load(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, FileName);
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path} does not exist: run 'credledger init' first, or pass --data.", path);
        NodeOptions options;
        try
        {
            options = JsonSerializer.Deserialize<NodeOptions>(File.ReadAllText(path), Json)
                ?? throw new InvalidDataException($"{path} is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not valid node settings: {e.Message}", e);
        }
        options.DataDirectory = Path.GetFullPath(dataDirectory);
        return options;
    }

    /// <summary>Writes node.json into the data directory.</summary>
    public void Save()
    {
        Directory.CreateDirectory(DataDirectory);
        File.WriteAllText(Path.Combine(DataDirectory, FileName), JsonSerializer.Serialize(this, Json));
    }
}
