using System.Buffers.Binary;
using System.Security.Cryptography;
using CredentialLedger.Contracts;
using CredentialLedger.Evm;

namespace CredentialLedger.Sdk.Audit;

/// <summary>
/// Writes an audit event cache (<see cref="AuditCacheFormat"/>) next to its final path and moves it there only when
/// <see cref="Complete"/> has written the header: a replay that stops early leaves no cache behind.
/// </summary>
internal sealed class AuditCacheWriter : IDisposable
{
    private readonly string _path;
    private readonly string _partial;
    private readonly ulong _chainId;
    private readonly RegistryAddresses _registries;
    private readonly ulong _fromBlock;
    private readonly FileStream _stream;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private byte[] _scratch = new byte[64 * 1024];
    private long _blocks, _transactions, _logs, _bodyLength;
    private ulong? _lastBlock;
    private bool _done;

    public AuditCacheWriter(string path, ulong chainId, RegistryAddresses registries, ulong fromBlock)
    {
        _path = Path.GetFullPath(path);
        _partial = _path + ".partial";
        _chainId = chainId;
        _registries = registries;
        _fromBlock = fromBlock;
        var directory = Path.GetDirectoryName(_path);
        if (!string.IsNullOrEmpty(directory))
            Directory.CreateDirectory(directory);
        _stream = new FileStream(_partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        // An all-zero header reads as "not a cache" until Complete writes the real one.
        _stream.Write(new byte[AuditCacheFormat.HeaderSize]);
    }

    public void Write(AuditBlock block)
    {
        if (_lastBlock is { } last && block.Number <= last)
            throw new InvalidOperationException($"cache blocks must ascend: {block.Number} after {last}");
        _lastBlock = block.Number;
        var size = AuditCacheFormat.BlockHeadSize + block.Transactions.Count * AuditCacheFormat.TransactionSize;
        foreach (var (_, log) in block.Logs)
            size += AuditCacheFormat.LogHeadSize + log.Topics.Count * 32 + 4 + log.Data.Length;
        if (_scratch.Length < size)
            _scratch = new byte[Math.Max(size, _scratch.Length * 2)];
        var b = _scratch.AsSpan(0, size);
        BinaryPrimitives.WriteUInt64LittleEndian(b, block.Number);
        BinaryPrimitives.WriteUInt64LittleEndian(b[8..], block.Time);
        block.Hash.CopyTo(b[16..]);
        BinaryPrimitives.WriteInt32LittleEndian(b[48..], block.Transactions.Count);
        BinaryPrimitives.WriteInt32LittleEndian(b[52..], block.Logs.Count);
        var at = AuditCacheFormat.BlockHeadSize;
        foreach (var tx in block.Transactions)
        {
            tx.Hash.CopyTo(b[at..]);
            tx.From.CopyTo(b[(at + 32)..]);
            BinaryPrimitives.WriteUInt32LittleEndian(b[(at + 52)..], checked((uint)tx.Index));
            b[at + 56] = tx.To is null ? (byte)1 : (byte)0;
            at += AuditCacheFormat.TransactionSize;
        }
        foreach (var (transaction, log) in block.Logs)
        {
            var registry = AuditCacheFormat.RegistryIndex(_registries, log.Address);
            if (registry < 0 || log.Topics.Count is 0 or > AuditCacheFormat.MaxTopics || log.Data.Length > AuditCacheFormat.MaxLogData)
                throw new InvalidOperationException($"log {log.LogIndex} of block {block.Number} cannot be cached (not a registry log)");
            BinaryPrimitives.WriteUInt32LittleEndian(b[at..], checked((uint)log.LogIndex!.Value));
            BinaryPrimitives.WriteInt32LittleEndian(b[(at + 4)..], transaction);
            b[at + 8] = (byte)registry;
            b[at + 9] = (byte)log.Topics.Count;
            at += AuditCacheFormat.LogHeadSize;
            foreach (var topic in log.Topics)
            {
                topic.CopyTo(b[at..]);
                at += 32;
            }
            BinaryPrimitives.WriteInt32LittleEndian(b[at..], log.Data.Length);
            at += 4;
            log.Data.Span.CopyTo(b[at..]);
            at += log.Data.Length;
        }
        _stream.Write(b);
        _hash.AppendData(b);
        _bodyLength += size;
        _blocks++;
        _transactions += block.Transactions.Count;
        _logs += block.Logs.Count;
    }

    /// <summary>Writes the header covering blocks up to <paramref name="toBlock"/> and moves the file into place.</summary>
    public void Complete(ulong toBlock, Hash32 toBlockHash, ulong toBlockTime)
    {
        var header = new AuditCacheHeader(_chainId, _registries, _fromBlock, toBlock, toBlockHash, toBlockTime, _blocks, _logs);
        Span<byte> h = stackalloc byte[AuditCacheFormat.HeaderSize];
        AuditCacheFormat.WriteHeader(h, header, complete: true, _transactions, _bodyLength, _hash.GetHashAndReset());
        _stream.Flush();
        _stream.Position = 0;
        _stream.Write(h);
        _stream.Flush(flushToDisk: true);
        _stream.Dispose();
        File.Move(_partial, _path, overwrite: true);
        _done = true;
    }

    public void Dispose()
    {
        _hash.Dispose();
        if (_done)
            return;
        _stream.Dispose();
        try
        {
            File.Delete(_partial);
        }
        catch (IOException)
        {
            // Best effort: a partial file is never mistaken for a cache (its header is zero).
        }
    }
}
