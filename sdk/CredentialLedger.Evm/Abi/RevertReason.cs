using System.Globalization;
using System.Numerics;
using CredentialLedger.Evm.Hex;

namespace CredentialLedger.Evm.Abi;

/// <summary>What kind of revert data a <see cref="RevertReason"/> holds.</summary>
public enum RevertKind
{
    /// <summary>No revert data (<c>revert()</c>, <c>require(cond)</c> without a message, or out of gas).</summary>
    Empty,

    /// <summary><c>Error(string)</c>, from <c>revert("…")</c> and <c>require(cond, "…")</c>.</summary>
    Error,

    /// <summary><c>Panic(uint256)</c>, from failed asserts and compiler-inserted checks.</summary>
    Panic,

    /// <summary>A custom error the decoder knows.</summary>
    CustomError,

    /// <summary>Data that matches no known shape; see <see cref="RevertReason.Data"/>.</summary>
    Unknown,
}

/// <summary>Decoded revert data. Build one with <see cref="RevertDecoder.Decode"/>.</summary>
public sealed class RevertReason
{
    private readonly byte[] _data;
    private readonly AbiValue[] _arguments;

    internal RevertReason(RevertKind kind, byte[] data, string? message = null, BigInteger? panicCode = null,
        ErrorSignature? error = null, AbiValue[]? arguments = null)
    {
        Kind = kind;
        _data = data;
        Message = message;
        PanicCode = panicCode;
        Error = error;
        _arguments = arguments ?? [];
    }

    /// <summary>The kind of revert.</summary>
    public RevertKind Kind { get; }

    /// <summary>The raw revert data.</summary>
    public ReadOnlyMemory<byte> Data => _data;

    /// <summary>The message of an <see cref="RevertKind.Error"/> revert, otherwise null.</summary>
    public string? Message { get; }

    /// <summary>The code of a <see cref="RevertKind.Panic"/> revert, otherwise null.</summary>
    public BigInteger? PanicCode { get; }

    /// <summary>What a panic code means (Solidity docs, "Panic via assert and Error via require"), or null.</summary>
    public string? PanicMeaning => PanicCode is { } code ? DescribePanic(code) : null;

    /// <summary>The custom error of a <see cref="RevertKind.CustomError"/> revert, otherwise null.</summary>
    public ErrorSignature? Error { get; }

    /// <summary>The decoded arguments of a custom error (empty otherwise).</summary>
    public IReadOnlyList<AbiValue> Arguments => _arguments;

    /// <summary>
    /// A readable description: <c>Error("not owner")</c>, <c>Panic(0x11: arithmetic overflow or underflow)</c>,
    /// <c>Unauthorized(0xAbc…, 42)</c>, <c>unknown revert data 0x…</c> or <c>no revert data</c>.
    /// </summary>
    public override string ToString() => Kind switch
    {
        RevertKind.Empty => "no revert data",
        RevertKind.Error => "Error(" + AbiValue.String(Message!) + ")",
        RevertKind.Panic => string.Create(CultureInfo.InvariantCulture, $"Panic(0x{PanicCode!.Value:x2}: {PanicMeaning})"),
        RevertKind.CustomError => Error!.Name + "(" + string.Join(", ", _arguments.Select(a => a.ToString())) + ")",
        _ => "unknown revert data " + HexConverter.ToHex(_data),
    };

    /// <summary>The meaning of a Solidity panic code.</summary>
    public static string DescribePanic(BigInteger code) => code switch
    {
        _ when code == 0x00 => "generic compiler panic",
        _ when code == 0x01 => "assertion failed",
        _ when code == 0x11 => "arithmetic overflow or underflow",
        _ when code == 0x12 => "division or modulo by zero",
        _ when code == 0x21 => "invalid enum value",
        _ when code == 0x22 => "incorrectly encoded storage byte array",
        _ when code == 0x31 => "pop() on an empty array",
        _ when code == 0x32 => "array index out of bounds",
        _ when code == 0x41 => "out of memory or array too large",
        _ when code == 0x51 => "call to an uninitialized internal function",
        _ => "unknown panic code",
    };
}

/// <summary>
/// Decodes revert data: <c>Error(string)</c> (selector 0x08c379a0), <c>Panic(uint256)</c> (0x4e487b71), the custom
/// errors it was given, and otherwise reports the raw data. It never throws on malformed data: data whose selector
/// matches but whose arguments do not decode is reported as <see cref="RevertKind.Unknown"/>.
/// </summary>
public sealed class RevertDecoder
{
    private static readonly ErrorSignature ErrorString = ErrorSignature.Parse("Error(string)");
    private static readonly ErrorSignature PanicUint = ErrorSignature.Parse("Panic(uint256)");

    private readonly Dictionary<uint, ErrorSignature> _known = [];

    /// <summary>Creates a decoder that recognises the given custom errors.</summary>
    /// <exception cref="ArgumentException">Two errors share a selector.</exception>
    public RevertDecoder(params ErrorSignature[] known)
    {
        ArgumentNullException.ThrowIfNull(known);
        foreach (var error in known)
        {
            ArgumentNullException.ThrowIfNull(error, nameof(known));
            var key = Key(error.Selector.Span);
            if (_known.TryGetValue(key, out var existing) && existing.CanonicalSignature != error.CanonicalSignature)
                throw new ArgumentException($"{error} and {existing} share the selector 0x{key:x8}.", nameof(known));
            _known[key] = error;
        }
    }

    /// <summary>Decodes revert data.</summary>
    public RevertReason Decode(ReadOnlySpan<byte> revertData)
    {
        var data = revertData.ToArray();
        if (data.Length == 0)
            return new RevertReason(RevertKind.Empty, data);
        if (data.Length < 4)
            return new RevertReason(RevertKind.Unknown, data);
        var key = Key(data);
        try
        {
            if (key == Key(ErrorString.Selector.Span))
                return new RevertReason(RevertKind.Error, data, message: AbiDecoder.Decode(ErrorString.Types, data.AsSpan(4))[0].AsString());
            if (key == Key(PanicUint.Selector.Span))
                return new RevertReason(RevertKind.Panic, data, panicCode: AbiDecoder.Decode(PanicUint.Types, data.AsSpan(4))[0].AsBigInteger());
            if (_known.TryGetValue(key, out var error))
                return new RevertReason(RevertKind.CustomError, data, error: error, arguments: [.. AbiDecoder.Decode(error.Types, data.AsSpan(4))]);
        }
        catch (AbiDecodingException)
        {
            // A matching selector with malformed arguments is still a revert; report the raw data rather than throw
            // while handling another failure.
        }
        return new RevertReason(RevertKind.Unknown, data);
    }

    private static uint Key(ReadOnlySpan<byte> selector) => System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(selector);
}

/// <summary>A contract call or transaction reverted; <see cref="Reason"/> says why.</summary>
public sealed class ContractRevertedException : Exception
{
    /// <summary>Creates the exception for a decoded revert.</summary>
    public ContractRevertedException(RevertReason reason) : this(reason, null)
    {
    }

    /// <summary>Creates the exception for a decoded revert, with the error that carried it.</summary>
    public ContractRevertedException(RevertReason reason, Exception? innerException)
        : base(Describe(reason), innerException)
    {
        Reason = reason;
    }

    /// <summary>Creates the exception with a message and no decoded reason (<see cref="RevertKind.Empty"/>).</summary>
    public ContractRevertedException(string message) : base(message)
    {
        Reason = new RevertReason(RevertKind.Empty, []);
    }

    /// <summary>Creates the exception with a message and inner cause and no decoded reason.</summary>
    public ContractRevertedException(string message, Exception innerException) : base(message, innerException)
    {
        Reason = new RevertReason(RevertKind.Empty, []);
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public ContractRevertedException() : this("The contract reverted.")
    {
    }

    /// <summary>The decoded revert reason.</summary>
    public RevertReason Reason { get; }

    private static string Describe(RevertReason reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        return reason.Kind == RevertKind.Empty ? "The contract reverted without data." : $"The contract reverted with {reason}.";
    }
}
