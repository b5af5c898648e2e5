using System.Globalization;

namespace CredentialLedger.Evm.Abi;

/// <summary>One parsed parameter: its type, optional name, and (events only) whether it is indexed.</summary>
internal readonly record struct ParsedParameter(AbiType Type, string? Name, bool Indexed);

/// <summary>
/// Recursive-descent parser for ABI types and parameter lists as written in Solidity signatures
/// (Solidity ABI specification, "Types" and "Function Selector"). Depth is bounded by
/// <see cref="AbiType.MaxNestingDepth"/> so hostile input cannot exhaust the stack.
/// </summary>
internal ref struct AbiTypeParser
{
    private readonly string _text;
    private int _pos;

    private AbiTypeParser(string text)
    {
        _text = text;
        _pos = 0;
    }

    public static AbiType ParseType(string text)
    {
        var parser = new AbiTypeParser(text);
        parser.SkipSpace();
        var type = parser.ReadType(0);
        parser.SkipSpace();
        if (parser._pos != text.Length)
            throw parser.Error($"unexpected '{text[parser._pos]}'");
        return type;
    }

    /// <summary>
    /// Parses <c>name(params)</c>, optionally followed by an output list <c>(outputs)</c> or <c>returns (outputs)</c>
    /// when <paramref name="allowOutputs"/> is set.
    /// </summary>
    public static (string Name, List<ParsedParameter> Inputs, List<ParsedParameter>? Outputs) ParseSignature(
        string text, bool allowIndexed, bool allowOutputs, string kind)
    {
        var parser = new AbiTypeParser(text);
        parser.SkipSpace();
        if (parser.TryReadIdentifier() is { } keyword && keyword == kind)
            parser.SkipSpace();
        else
            parser._pos = 0;
        parser.SkipSpace();
        var name = parser.TryReadIdentifier() ?? throw parser.Error($"expected a {kind} name");
        parser.SkipSpace();
        if (!parser.TryConsume('('))
            throw parser.Error("expected '('");
        var inputs = parser.ReadParameterList(0, allowIndexed, allowNames: true);
        parser.SkipSpace();
        List<ParsedParameter>? outputs = null;
        if (allowOutputs && parser._pos < text.Length)
        {
            var save = parser._pos;
            if (parser.TryReadIdentifier() is not "returns")
                parser._pos = save;
            parser.SkipSpace();
            if (!parser.TryConsume('('))
                throw parser.Error("expected '(' before the output types");
            outputs = parser.ReadParameterList(0, allowIndexed: false, allowNames: true);
            parser.SkipSpace();
        }
        if (parser._pos != text.Length)
            throw parser.Error($"unexpected '{text[parser._pos]}'");
        return (name, inputs, outputs);
    }

    private AbiType ReadType(int depth)
    {
        if (depth >= AbiType.MaxNestingDepth)
            throw Error($"nesting deeper than {AbiType.MaxNestingDepth}");
        var start = _pos;
        AbiType type;
        if (TryConsume('('))
        {
            type = ReadTuple(depth, start);
        }
        else
        {
            var word = TryReadIdentifier() ?? throw Error("expected a type");
            if (word == "tuple" && Peek() == '(')
            {
                _pos++;
                type = ReadTuple(depth, start);
            }
            else
            {
                type = Elementary(word, start);
            }
        }
        var levels = 1;
        while (Peek() == '[')
        {
            if (depth + ++levels > AbiType.MaxNestingDepth)
                throw Error($"nesting deeper than {AbiType.MaxNestingDepth}");
            if (type.Depth >= AbiType.MaxNestingDepth)
                throw Error($"nesting deeper than {AbiType.MaxNestingDepth}");
            var bracket = _pos++;
            var digitsStart = _pos;
            while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos]))
                _pos++;
            if (!TryConsume(']'))
                throw Error("expected ']'");
            if (_pos - 1 == digitsStart)
            {
                type = new AbiArrayType(type);
                continue;
            }
            var digits = _text.AsSpan(digitsStart, _pos - 1 - digitsStart);
            if (digits.Length > 1 && digits[0] == '0')
                throw Error("array length with a leading zero", bracket);
            if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var length) || length == 0)
                throw Error($"array length must be 1..{int.MaxValue}", bracket);
            try
            {
                type = new AbiFixedArrayType(type, length);
            }
            catch (ArgumentOutOfRangeException)
            {
                throw Error("fixed array larger than 2^31 bytes", bracket);
            }
        }
        return type;
    }

    private AbiTupleType ReadTuple(int depth, int start)
    {
        var components = ReadParameterList(depth + 1, allowIndexed: false, allowNames: true);
        if (components.Count == 0)
            throw Error("empty tuple", start);
        if (components.Any(c => c.Type.Depth >= AbiType.MaxNestingDepth))
            throw Error($"nesting deeper than {AbiType.MaxNestingDepth}", start);
        try
        {
            return new AbiTupleType([.. components.Select(c => c.Type)]);
        }
        catch (ArgumentException)
        {
            throw Error("tuple larger than 2^31 bytes", start);
        }
    }

    /// <summary>Reads parameters up to and including the closing ')'; the '(' was consumed.</summary>
    private List<ParsedParameter> ReadParameterList(int depth, bool allowIndexed, bool allowNames)
    {
        var list = new List<ParsedParameter>();
        SkipSpace();
        if (TryConsume(')'))
            return list;
        while (true)
        {
            SkipSpace();
            var type = ReadType(depth);
            var indexed = false;
            string? name = null;
            while (true)
            {
                var hadSpace = SkipSpace();
                var save = _pos;
                var word = TryReadIdentifier();
                if (word is null)
                    break;
                if (!hadSpace)
                    throw Error("expected a space before the parameter name", save);
                if (word == "indexed" && allowIndexed && !indexed && name is null)
                {
                    indexed = true;
                }
                else if (word is "memory" or "calldata" or "storage" && name is null)
                {
                    // Solidity data locations are not part of the ABI; accept pasted declarations.
                }
                else if (name is null && allowNames)
                {
                    name = word;
                }
                else
                {
                    throw Error($"unexpected '{word}'", save);
                }
            }
            list.Add(new ParsedParameter(type, name, indexed));
            SkipSpace();
            if (TryConsume(')'))
                return list;
            if (!TryConsume(','))
                throw _pos >= _text.Length ? Error("missing ')'") : Error($"expected ',' or ')' but found '{_text[_pos]}'");
        }
    }

    private AbiType Elementary(string word, int start)
    {
        switch (word)
        {
            case "uint": return AbiType.UInt256;
            case "int": return AbiType.Int256;
            case "address": return AbiType.Address;
            case "bool": return AbiType.Bool;
            case "bytes": return AbiType.Bytes;
            case "string": return AbiType.String;
        }
        if (word.StartsWith("uint", StringComparison.Ordinal) && TrySize(word.AsSpan(4), out var ubits))
        {
            return ubits is >= 8 and <= 256 && ubits % 8 == 0
                ? new AbiUIntType(ubits)
                : throw Error($"'{word}': uintN needs N a multiple of 8 in 8..256", start);
        }
        if (word.StartsWith("int", StringComparison.Ordinal) && TrySize(word.AsSpan(3), out var ibits))
        {
            return ibits is >= 8 and <= 256 && ibits % 8 == 0
                ? new AbiIntType(ibits)
                : throw Error($"'{word}': intN needs N a multiple of 8 in 8..256", start);
        }
        if (word.StartsWith("bytes", StringComparison.Ordinal) && TrySize(word.AsSpan(5), out var size))
        {
            return size is >= 1 and <= 32
                ? new AbiFixedBytesType(size)
                : throw Error($"'{word}': bytesN needs N in 1..32", start);
        }
        if (word.StartsWith("fixed", StringComparison.Ordinal) || word.StartsWith("ufixed", StringComparison.Ordinal))
            throw Error($"'{word}': fixed-point types are not supported", start);
        throw Error($"unknown type '{word}'", start);
    }

    private static bool TrySize(ReadOnlySpan<char> digits, out int value)
    {
        value = 0;
        if (digits.IsEmpty || digits.Length > 4 || (digits[0] == '0'))
            return false;
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
                return false;
        }
        value = int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        return true;
    }

    private string? TryReadIdentifier()
    {
        var start = _pos;
        if (_pos < _text.Length && (char.IsAsciiLetter(_text[_pos]) || _text[_pos] is '_' or '$'))
        {
            _pos++;
            while (_pos < _text.Length && (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] is '_' or '$'))
                _pos++;
            return _text[start.._pos];
        }
        return null;
    }

    private readonly char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

    private bool TryConsume(char c)
    {
        if (Peek() != c)
            return false;
        _pos++;
        return true;
    }

    private bool SkipSpace()
    {
        var start = _pos;
        while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos]))
            _pos++;
        return _pos != start;
    }

    private readonly FormatException Error(string reason) => Error(reason, _pos);

    private readonly FormatException Error(string reason, int position) =>
        new($"Invalid ABI type or signature '{_text}': {reason} (at position {position}).");
}
