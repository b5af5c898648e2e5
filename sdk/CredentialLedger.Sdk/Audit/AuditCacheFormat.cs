using System.Buffers.Binary;
using System.Security.Cryptography;
using CredentialLedger.Contracts;
using CredentialLedger.Evm;

namespace CredentialLedger.Sdk.Audit;

/// <summary>
/// The audit event cache file, little-endian throughout:
/// <code>
/// header (256 bytes)
///   magic "CLAUDIT\0" | version u32 | flags u32 (bit 0: complete) | chain id u64
///   registries: members, credentials, mras, origins (4 × 20 bytes)
///   from block u64 | to block u64 | to block hash (32) | to block time u64
///   block count u64 | transaction count u64 | log count u64 | body length u64
///   SHA-256 of the body (32) | SHA-256 of the 224 header bytes before it (32)
/// body: blocks in ascending order, each
///   number u64 | time u64 | hash (32) | transaction count u32 | log count u32
///   transactions: hash (32) | sender (20) | index in block u32 | flags u8 (bit 0: contract creation)
///   logs, by ascending log index: log index u32 | transaction ordinal u32 | registry u8 (0 members, 1 credentials,
///        2 mras, 3 origins) | topic count u8 (1..4) | topics (32 each) | data length u32 | data
/// </code>
/// The writer fills the header last, so a file cut short or never finished is refused; both hashes make any changed
/// byte an error rather than a different replay.
/// </summary>
internal static class AuditCacheFormat
{
    public const int HeaderSize = 256;
    public const int HashedHeaderSize = 224;
    public const uint Version = 1;
    public const uint CompleteFlag = 1;
    public const int BlockHeadSize = 8 + 8 + 32 + 4 + 4;
    public const int TransactionSize = 32 + 20 + 4 + 1;
    public const int LogHeadSize = 4 + 4 + 1 + 1;
    public const int MaxTopics = 4;

    /// <summary>The most data bytes a log may carry here (a registry log is far smaller; this bounds a corrupt length).</summary>
    public const int MaxLogData = 16 * 1024 * 1024;

    public static ReadOnlySpan<byte> Magic => "CLAUDIT\0"u8;

    public static void WriteHeader(Span<byte> h, AuditCacheHeader header, bool complete, long transactionCount, long bodyLength, ReadOnlySpan<byte> bodySha256)
    {
        h.Clear();
        Magic.CopyTo(h);
        BinaryPrimitives.WriteUInt32LittleEndian(h[8..], Version);
        BinaryPrimitives.WriteUInt32LittleEndian(h[12..], complete ? CompleteFlag : 0);
        BinaryPrimitives.WriteUInt64LittleEndian(h[16..], header.ChainId);
        header.Registries.Members.CopyTo(h[24..]);
        header.Registries.Credentials.CopyTo(h[44..]);
        header.Registries.Mras.CopyTo(h[64..]);
        header.Registries.Origins.CopyTo(h[84..]);
        BinaryPrimitives.WriteUInt64LittleEndian(h[104..], header.FromBlock);
        BinaryPrimitives.WriteUInt64LittleEndian(h[112..], header.ToBlock);
        header.ToBlockHash.CopyTo(h[120..]);
        BinaryPrimitives.WriteUInt64LittleEndian(h[152..], header.ToBlockTime);
        BinaryPrimitives.WriteUInt64LittleEndian(h[160..], (ulong)header.BlockCount);
        BinaryPrimitives.WriteUInt64LittleEndian(h[168..], (ulong)transactionCount);
        BinaryPrimitives.WriteUInt64LittleEndian(h[176..], (ulong)header.LogCount);
        BinaryPrimitives.WriteUInt64LittleEndian(h[184..], (ulong)bodyLength);
        bodySha256.CopyTo(h[192..]);
        SHA256.HashData(h[..HashedHeaderSize], h[HashedHeaderSize..]);
    }

    /// <summary>Reads and checks a header; returns it with the body's expected length, SHA-256 and transaction count.</summary>
    public static (AuditCacheHeader Header, long BodyLength, byte[] BodySha256, long Transactions) ReadHeader(ReadOnlySpan<byte> h, string path)
    {
        if (h.Length < HeaderSize || !h[..8].SequenceEqual(Magic))
            throw new AuditCacheException($"{path} is not an audit event cache (no CLAUDIT header).");
        var version = BinaryPrimitives.ReadUInt32LittleEndian(h[8..]);
        if (version != Version)
            throw new AuditCacheException($"{path} is an audit event cache of version {version}; this reader reads version {Version}.");
        Span<byte> expected = stackalloc byte[32];
        SHA256.HashData(h[..HashedHeaderSize], expected);
        if (!expected.SequenceEqual(h[HashedHeaderSize..HeaderSize]))
            throw new AuditCacheException($"{path}: the cache header is corrupted (its checksum does not match).");
        if ((BinaryPrimitives.ReadUInt32LittleEndian(h[12..]) & CompleteFlag) == 0)
            throw new AuditCacheException($"{path}: the cache was never finished (the replay writing it stopped early).");
        var registries = new RegistryAddresses(new Address(h.Slice(24, 20)), new Address(h.Slice(44, 20)), new Address(h.Slice(64, 20)), new Address(h.Slice(84, 20)));
        var blocks = BinaryPrimitives.ReadUInt64LittleEndian(h[160..]);
        var transactions = BinaryPrimitives.ReadUInt64LittleEndian(h[168..]);
        var logs = BinaryPrimitives.ReadUInt64LittleEndian(h[176..]);
        var bodyLength = BinaryPrimitives.ReadUInt64LittleEndian(h[184..]);
        if (blocks > long.MaxValue || transactions > long.MaxValue || logs > long.MaxValue || bodyLength > long.MaxValue)
            throw new AuditCacheException($"{path}: the cache header's counts are out of range.");
        var header = new AuditCacheHeader(BinaryPrimitives.ReadUInt64LittleEndian(h[16..]), registries,
            BinaryPrimitives.ReadUInt64LittleEndian(h[104..]), BinaryPrimitives.ReadUInt64LittleEndian(h[112..]), new Hash32(h.Slice(120, 32)),
            BinaryPrimitives.ReadUInt64LittleEndian(h[152..]), (long)blocks, (long)logs);
        if (header.FromBlock > header.ToBlock)
            throw new AuditCacheException($"{path}: the cache covers blocks {header.FromBlock} to {header.ToBlock}, an empty range.");
        return (header, (long)bodyLength, h.Slice(192, 32).ToArray(), (long)transactions);
    }

    public static int RegistryIndex(RegistryAddresses registries, Address address) =>
        address == registries.Members ? 0
        : address == registries.Credentials ? 1
        : address == registries.Mras ? 2
        : address == registries.Origins ? 3
        : -1;

    public static Address RegistryAddress(RegistryAddresses registries, int index) => index switch
    {
        0 => registries.Members,
        1 => registries.Credentials,
        2 => registries.Mras,
        _ => registries.Origins,
    };
}
