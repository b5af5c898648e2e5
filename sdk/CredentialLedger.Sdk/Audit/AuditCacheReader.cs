using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using CredentialLedger.Evm;
using CredentialLedger.Evm.Rpc;

namespace CredentialLedger.Sdk.Audit;

/// <summary>
/// Reads an audit event cache strictly: the header must be complete and intact, the body exactly as long as the header
/// says with the SHA-256 it records (checked over the whole file before the first block is handed out), and every block,
/// transaction and log well formed and in order. Anything else is an <see cref="AuditCacheException"/>.
/// </summary>
internal sealed class AuditCacheReader : IDisposable
{
    private readonly string _path;
    private readonly FileStream _stream;
    private readonly long _bodyLength;
    private readonly long _transactions;
    private byte[] _buffer = new byte[1 << 20];
    private int _position, _length;
    private long _consumed;

    private AuditCacheReader(string path, FileStream stream, AuditCacheHeader header, long bodyLength, long transactions)
    {
        _path = path;
        _stream = stream;
        Header = header;
        _bodyLength = bodyLength;
        _transactions = transactions;
    }

    public AuditCacheHeader Header { get; }

    /// <summary>Opens the cache and checks its header, length and body checksum.</summary>
    /// <exception cref="AuditCacheException">The file is not a usable cache.</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    public static AuditCacheReader Open(string path, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        var stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        try
        {
            var (header, bodyLength, bodySha, transactions) = ReadHeader(stream, full);
            if (stream.Length - AuditCacheFormat.HeaderSize != bodyLength)
                throw new AuditCacheException(string.Create(CultureInfo.InvariantCulture,
                    $"{full}: the cache holds {stream.Length - AuditCacheFormat.HeaderSize} body bytes, its header says {bodyLength} (cut short or appended to)."));
            using (var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                var chunk = new byte[1 << 20];
                int read;
                while ((read = stream.Read(chunk)) > 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    sha.AppendData(chunk, 0, read);
                }
                if (!sha.GetHashAndReset().AsSpan().SequenceEqual(bodySha))
                    throw new AuditCacheException($"{full}: the cache body is corrupted (its SHA-256 does not match the header's).");
            }
            stream.Position = AuditCacheFormat.HeaderSize;
            return new AuditCacheReader(full, stream, header, bodyLength, transactions);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Reads and checks only the header.</summary>
    public static AuditCacheHeader ReadHeader(string path)
    {
        var full = Path.GetFullPath(path);
        using var stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read);
        return ReadHeader(stream, full).Header;
    }

    private static (AuditCacheHeader Header, long BodyLength, byte[] BodySha256, long Transactions) ReadHeader(FileStream stream, string path)
    {
        var header = new byte[AuditCacheFormat.HeaderSize];
        var read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        if (read < header.Length)
            throw new AuditCacheException($"{path} is not an audit event cache (shorter than its {AuditCacheFormat.HeaderSize}-byte header).");
        return AuditCacheFormat.ReadHeader(header, path);
    }

    /// <summary>The blocks, in order; the last is followed by the end of the file exactly.</summary>
    public IEnumerable<AuditBlock> ReadBlocks(CancellationToken cancellationToken)
    {
        var registries = Header.Registries;
        ulong? previous = null;
        long blocks = 0, transactions = 0, logs = 0;
        while (_consumed < _bodyLength)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var head = Take(AuditCacheFormat.BlockHeadSize);
            var number = BinaryPrimitives.ReadUInt64LittleEndian(head);
            var time = BinaryPrimitives.ReadUInt64LittleEndian(head[8..]);
            var hash = new Hash32(head.Slice(16, 32));
            var txCount = BinaryPrimitives.ReadInt32LittleEndian(head[48..]);
            var logCount = BinaryPrimitives.ReadInt32LittleEndian(head[52..]);
            if (number < Header.FromBlock || number > Header.ToBlock || (previous is { } p && number <= p))
                Corrupt($"block {number} is out of order or outside the covered range {Header.FromBlock}..{Header.ToBlock}");
            if (txCount <= 0 || logCount <= 0 || logCount < txCount || (long)txCount * AuditCacheFormat.TransactionSize > _bodyLength - _consumed)
                Corrupt($"block {number} has {txCount} transaction(s) and {logCount} log(s)");
            previous = number;
            var txs = new List<BlockTransaction>(txCount);
            for (var i = 0; i < txCount; i++)
            {
                var t = Take(AuditCacheFormat.TransactionSize);
                var txHash = new Hash32(t[..32]);
                var sender = new Address(t.Slice(32, 20));
                var index = BinaryPrimitives.ReadUInt32LittleEndian(t[52..]);
                var flags = t[56];
                if (flags > 1 || (i > 0 && index <= txs[^1].Index))
                    Corrupt($"transaction {i} of block {number} is malformed or out of order");
                // The recipient itself is not kept: only whether the transaction created a contract.
                txs.Add(new BlockTransaction(txHash, index, sender, flags == 1 ? null : Address.Zero));
            }
            var blockLogs = new List<AuditBlockLog>(logCount);
            long lastIndex = -1;
            for (var i = 0; i < logCount; i++)
            {
                var l = Take(AuditCacheFormat.LogHeadSize);
                var logIndex = BinaryPrimitives.ReadUInt32LittleEndian(l);
                var ordinal = BinaryPrimitives.ReadInt32LittleEndian(l[4..]);
                var registry = l[8];
                var topicCount = l[9];
                if (logIndex <= lastIndex || ordinal < 0 || ordinal >= txCount || registry > 3 || topicCount is 0 or > AuditCacheFormat.MaxTopics)
                    Corrupt($"log {i} of block {number} is malformed or out of order");
                lastIndex = logIndex;
                var topics = new Hash32[topicCount];
                var topicBytes = Take(topicCount * 32);
                for (var t = 0; t < topicCount; t++)
                    topics[t] = new Hash32(topicBytes.Slice(t * 32, 32));
                var dataLength = BinaryPrimitives.ReadInt32LittleEndian(Take(4));
                if (dataLength < 0 || dataLength > AuditCacheFormat.MaxLogData || dataLength > _bodyLength - _consumed)
                    Corrupt($"log {logIndex} of block {number} claims {dataLength} data bytes");
                var data = Take(dataLength).ToArray();
                var tx = txs[ordinal];
                blockLogs.Add(new AuditBlockLog(ordinal, new Log
                {
                    Address = AuditCacheFormat.RegistryAddress(registries, registry),
                    Topics = topics,
                    Data = data,
                    BlockNumber = number,
                    BlockHash = hash,
                    TransactionHash = tx.Hash,
                    TransactionIndex = tx.Index,
                    LogIndex = logIndex,
                }));
            }
            blocks++;
            transactions += txCount;
            logs += logCount;
            yield return new AuditBlock(number, hash, time, txs, blockLogs);
        }
        if (blocks != Header.BlockCount || logs != Header.LogCount || transactions != _transactions)
            Corrupt($"it holds {blocks} blocks, {transactions} transactions and {logs} logs; its header says {Header.BlockCount}, {_transactions} and {Header.LogCount}");
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > _bodyLength - _consumed)
            Corrupt($"a record runs past the end of the body at byte {AuditCacheFormat.HeaderSize + _consumed}");
        if (_length - _position < count)
            Fill(count);
        var span = _buffer.AsSpan(_position, count);
        _position += count;
        _consumed += count;
        return span;
    }

    private void Fill(int count)
    {
        var remaining = _length - _position;
        if (count > _buffer.Length)
        {
            var bigger = new byte[Math.Max(count, _buffer.Length * 2)];
            _buffer.AsSpan(_position, remaining).CopyTo(bigger);
            _buffer = bigger;
        }
        else
        {
            _buffer.AsSpan(_position, remaining).CopyTo(_buffer);
        }
        _position = 0;
        _length = remaining;
        while (_length < count)
        {
            var read = _stream.Read(_buffer, _length, _buffer.Length - _length);
            if (read == 0)
                Corrupt($"the file ends inside a record at byte {AuditCacheFormat.HeaderSize + _consumed + _length}");
            _length += read;
        }
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private void Corrupt(string what) => throw new AuditCacheException($"{_path}: the cache is corrupted: {what}.");

    public void Dispose() => _stream.Dispose();
}
