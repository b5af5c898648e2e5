using System.Globalization;
using System.Text;
using System.Text.Json;
using CredentialLedger.Contracts;
using CredentialLedger.Contracts.Events;
using CredentialLedger.Evm;
using CredentialLedger.Evm.Hex;
using CredentialLedger.Evm.Rpc;

namespace CredentialLedger.Sdk.Ledger;

/// <summary>
/// The registry logs a <see cref="LedgerSync"/> applied, kept in an append-only file (JSON lines), so that a ledger
/// history can be rebuilt without the chain: a partner verifying offline after a restart, or a replay from a local
/// cache. Each synced range adds its logs (with block times), then a marker of the block it reached; a restart
/// replays the file and syncs on from the last marker. A last line cut short by a crash is ignored; anything else
/// that does not read is an error naming the line.
/// </summary>
public sealed class LedgerEventStore
{
    private readonly string _path;
    private readonly RegistryEventDecoder _decoder;

    /// <summary>A store in <paramref name="path"/> for the logs of <paramref name="registries"/>.</summary>
    public LedgerEventStore(string path, RegistryAddresses registries)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(registries);
        _path = System.IO.Path.GetFullPath(path);
        _decoder = new RegistryEventDecoder(registries);
    }

    /// <summary>The file.</summary>
    public string Path => _path;

    /// <summary>Appends a synced range: its registry logs (each with its block's time), then the block reached. Flushed to disk.</summary>
    public void Append(IReadOnlyList<(Log Log, ulong BlockTime)> logs, LedgerFreshness reached)
    {
        ArgumentNullException.ThrowIfNull(logs);
        ArgumentNullException.ThrowIfNull(reached);
        var text = new StringBuilder();
        foreach (var (log, blockTime) in logs)
            text.Append(JsonSerializer.Serialize(new LogRecord(new LogLine(log.Address.ToString(), [.. log.Topics.Select(t => t.ToString())],
                HexConverter.ToHex(log.Data.Span), log.BlockNumber ?? 0, log.BlockHash?.ToString(), log.TransactionHash?.ToString() ?? "",
                log.LogIndex ?? 0, blockTime)), Json)).Append('\n');
        text.Append(JsonSerializer.Serialize(new SyncedRecord(new SyncedLine(reached.Block, reached.BlockHash.ToString(), reached.BlockTime,
            reached.SyncedAt.ToString("O", CultureInfo.InvariantCulture))), Json)).Append('\n');
        var directory = System.IO.Path.GetDirectoryName(_path);
        if (!string.IsNullOrEmpty(directory))
            Directory.CreateDirectory(directory);
        using var stream = new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.Read);
        stream.Write(Encoding.UTF8.GetBytes(text.ToString()));
        stream.Flush(flushToDisk: true);
    }

    /// <summary>
    /// Replays the file into <paramref name="history"/> (which should be new) and sets its freshness to the last
    /// marker. Returns the number of events applied; 0 when the file does not exist.
    /// </summary>
    /// <exception cref="InvalidDataException">A line (other than a cut-short last one) is not a stored log or marker.</exception>
    public long Load(LedgerHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (!File.Exists(_path))
            return 0;
        var text = File.ReadAllText(_path);
        var complete = text.EndsWith('\n');
        var lines = text.Split('\n');
        long applied = 0;
        LedgerFreshness? reached = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Length == 0)
                continue;
            try
            {
                using var document = JsonDocument.Parse(line);
                var root = document.RootElement;
                if (root.TryGetProperty("synced", out var synced))
                {
                    var marker = synced.Deserialize<SyncedLine>(Json) ?? throw new FormatException("empty marker");
                    reached = new LedgerFreshness(marker.Block, Hash32.Parse(marker.Hash), marker.Time, DateTimeOffset.ParseExact(marker.At, "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind));
                    continue;
                }
                var stored = root.GetProperty("log").Deserialize<LogLine>(Json) ?? throw new FormatException("empty log");
                var log = new Log
                {
                    Address = Address.Parse(stored.Address),
                    Topics = [.. stored.Topics.Select(Hash32.Parse)],
                    Data = HexConverter.ToBytes(stored.Data),
                    BlockNumber = stored.Block,
                    BlockHash = stored.BlockHash is null ? null : Hash32.Parse(stored.BlockHash),
                    TransactionHash = Hash32.Parse(stored.Transaction),
                    LogIndex = stored.Index,
                };
                if (_decoder.TryDecode(log, out var registryEvent) && history.Apply(registryEvent, stored.BlockTime))
                    applied++;
            }
            catch (Exception e) when (e is JsonException or FormatException or KeyNotFoundException or InvalidOperationException
                or ArgumentException or Evm.Abi.AbiDecodingException)
            {
                // A crash can leave the last line cut short (it was never followed by a marker): it is simply not there.
                if (i == lines.Length - 1 && !complete)
                    break;
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"{_path} line {i + 1} is not a stored registry log: {e.Message}"), e);
            }
        }
        if (reached is not null)
            history.MarkSynced(reached);
        return applied;
    }

    /// <summary>Deletes the file (a reorganization: the history is rebuilt from the chain).</summary>
    public void Reset()
    {
        if (File.Exists(_path))
            File.Delete(_path);
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // One line each: {"log": {...}} or {"synced": {...}}.
    private sealed record LogRecord(LogLine Log);

    private sealed record SyncedRecord(SyncedLine Synced);

    private sealed record LogLine(string Address, string[] Topics, string Data, ulong Block, string? BlockHash, string Transaction, ulong Index, ulong BlockTime);

    private sealed record SyncedLine(ulong Block, string Hash, ulong Time, string At);
}
