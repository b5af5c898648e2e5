using System.Globalization;
using CredentialLedger.Evm.Hex;

namespace CredentialLedger.Evm.Rpc;

/// <summary>
/// Which block a query reads: a number or one of the tags of the Ethereum JSON-RPC spec
/// (<c>latest</c>, <c>pending</c>, <c>safe</c>, <c>finalized</c>, <c>earliest</c>). The default value is <see cref="Latest"/>.
/// </summary>
public readonly struct BlockParameter : IEquatable<BlockParameter>
{
    private enum Kind : byte
    {
        Latest = 0,
        Number,
        Pending,
        Safe,
        Finalized,
        Earliest,
    }

    private readonly Kind _kind;
    private readonly ulong _number;

    private BlockParameter(Kind kind, ulong number)
    {
        _kind = kind;
        _number = number;
    }

    /// <summary>The most recent block the node has.</summary>
    public static BlockParameter Latest => new(Kind.Latest, 0);

    /// <summary>The latest block plus the node's pending transactions (for nonces: counts transactions in the pool).</summary>
    public static BlockParameter Pending => new(Kind.Pending, 0);

    /// <summary>The latest block the consensus layer considers safe from reorgs under honest majority.</summary>
    public static BlockParameter Safe => new(Kind.Safe, 0);

    /// <summary>The latest finalized block.</summary>
    public static BlockParameter Finalized => new(Kind.Finalized, 0);

    /// <summary>The genesis block.</summary>
    public static BlockParameter Earliest => new(Kind.Earliest, 0);

    /// <summary>A block by number.</summary>
    public static BlockParameter FromNumber(ulong number) => new(Kind.Number, number);

    /// <summary>A block by number.</summary>
    public static implicit operator BlockParameter(ulong number) => FromNumber(number);

    /// <summary>The block number, or null for a tag.</summary>
    public ulong? Number => _kind == Kind.Number ? _number : null;

    /// <summary>True for a block number, false for a tag.</summary>
    public bool IsNumber => _kind == Kind.Number;

    /// <summary>The JSON-RPC form: a quantity or a tag name.</summary>
    public string ToRpcString() => _kind switch
    {
        Kind.Number => HexConverter.ToQuantity(_number),
        Kind.Pending => "pending",
        Kind.Safe => "safe",
        Kind.Finalized => "finalized",
        Kind.Earliest => "earliest",
        _ => "latest",
    };

    /// <inheritdoc/>
    public override string ToString() =>
        _kind == Kind.Number ? _number.ToString(CultureInfo.InvariantCulture) : ToRpcString();

    /// <inheritdoc/>
    public bool Equals(BlockParameter other) => _kind == other._kind && _number == other._number;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is BlockParameter other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_kind, _number);

    /// <summary>Equality.</summary>
    public static bool operator ==(BlockParameter left, BlockParameter right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(BlockParameter left, BlockParameter right) => !left.Equals(right);
}
