using CredentialLedger.Evm.Crypto;

namespace CredentialLedger.Evm.Abi;

/// <summary>
/// An event signature such as <c>Transfer(address indexed from, address indexed to, uint256 value)</c>, its canonical
/// form and <see cref="Topic0"/> = keccak256 of the canonical form, and log decoding (Solidity ABI specification,
/// "Events"). Anonymous events (no topic0) are not supported.
/// </summary>
public sealed class EventSignature
{
    private readonly AbiType[] _dataTypes;

    private EventSignature(string name, AbiParameter[] parameters)
    {
        Name = name;
        Parameters = parameters;
        _dataTypes = [.. parameters.Where(p => !p.Indexed).Select(p => p.Type)];
        IndexedCount = parameters.Count(p => p.Indexed);
        CanonicalSignature = AbiParameter.Canonical(name, parameters);
        Topic0 = Keccak256.HashUtf8(CanonicalSignature);
    }

    /// <summary>Parses an event signature (names, <c>indexed</c> and a leading <c>event</c> keyword are accepted).</summary>
    /// <exception cref="FormatException">The text is not a valid signature, or more than 3 parameters are indexed.</exception>
    public static EventSignature Parse(string signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        var (name, inputs, _) = AbiTypeParser.ParseSignature(signature, allowIndexed: true, allowOutputs: false, "event");
        var parameters = AbiParameter.From(inputs);
        // Non-anonymous events have topic0 plus at most three indexed parameters (LOG0..LOG4).
        if (parameters.Count(p => p.Indexed) > 3)
            throw new FormatException($"Invalid event signature '{signature}': at most 3 parameters can be indexed.");
        return new EventSignature(name, parameters);
    }

    /// <summary>The event name.</summary>
    public string Name { get; }

    /// <summary>The parameters in declaration order.</summary>
    public IReadOnlyList<AbiParameter> Parameters { get; }

    /// <summary>The number of indexed parameters (topics after topic0).</summary>
    public int IndexedCount { get; }

    /// <summary>The canonical signature, e.g. <c>Transfer(address,address,uint256)</c>.</summary>
    public string CanonicalSignature { get; }

    /// <summary>The first topic of every log of this (non-anonymous) event.</summary>
    public Hash32 Topic0 { get; }

    /// <summary>
    /// Decodes a log of this event. Indexed parameters come from <paramref name="topics"/>[1..]: static elementary
    /// types are decoded (strictly) from the topic word; strings, bytes, arrays and tuples are stored by the EVM as
    /// the keccak256 of their encoding and come back as <see cref="AbiValue.FixedBytes"/> of that 32-byte hash.
    /// Non-indexed parameters are decoded from <paramref name="data"/>.
    /// </summary>
    /// <exception cref="AbiDecodingException">Topic0 differs, the topic count is wrong, or a value is malformed.</exception>
    public DecodedEvent DecodeLog(IReadOnlyList<Hash32> topics, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(topics);
        if (topics.Count == 0 || topics[0] != Topic0)
            throw new AbiDecodingException($"The log's topic0 is not {CanonicalSignature} ({Topic0}).");
        if (topics.Count != IndexedCount + 1)
            throw new AbiDecodingException($"{CanonicalSignature} has {IndexedCount} indexed parameters, so the log needs {IndexedCount + 1} topics, not {topics.Count}.");
        var fromData = AbiDecoder.Decode(_dataTypes, data);
        var values = new AbiValue[Parameters.Count];
        var topic = 1;
        var dataIndex = 0;
        Span<byte> word = stackalloc byte[Hash32.Size];
        for (var i = 0; i < values.Length; i++)
        {
            var parameter = Parameters[i];
            if (!parameter.Indexed)
            {
                values[i] = fromData[dataIndex++];
                continue;
            }
            topics[topic++].CopyTo(word);
            if (IsHashedWhenIndexed(parameter.Type))
            {
                values[i] = AbiValue.FixedBytes(word);
                continue;
            }
            try
            {
                values[i] = AbiDecoder.DecodeWord(parameter.Type, word);
            }
            catch (AbiDecodingException e)
            {
                throw new AbiDecodingException($"Topic {topic - 1} ({parameter.Name}): {e.Message}", e);
            }
        }
        return new DecodedEvent(this, values);
    }

    /// <summary>The canonical signature.</summary>
    public override string ToString() => CanonicalSignature;

    // The spec stores "all complex types or types of dynamic length, including all arrays, string, bytes and
    // structs" as a keccak256 hash, even static arrays and tuples.
    private static bool IsHashedWhenIndexed(AbiType type) =>
        type is AbiBytesType or AbiStringType or AbiArrayType or AbiFixedArrayType or AbiTupleType;
}

/// <summary>A decoded event log: its signature and one value per parameter, in declaration order.</summary>
public sealed class DecodedEvent
{
    private readonly AbiValue[] _values;

    internal DecodedEvent(EventSignature signature, AbiValue[] values)
    {
        Signature = signature;
        _values = values;
    }

    /// <summary>The event.</summary>
    public EventSignature Signature { get; }

    /// <summary>The values, in parameter order.</summary>
    public IReadOnlyList<AbiValue> Values => _values;

    /// <summary>The value of the parameter with the given name.</summary>
    /// <exception cref="KeyNotFoundException">No parameter has that name.</exception>
    public AbiValue this[string name]
    {
        get
        {
            for (var i = 0; i < _values.Length; i++)
            {
                if (Signature.Parameters[i].Name == name)
                    return _values[i];
            }
            throw new KeyNotFoundException($"{Signature.Name} has no parameter '{name}'.");
        }
    }

    /// <summary>A readable form, e.g. <c>Transfer(from: 0xAb…, to: 0xCd…, value: 5)</c>.</summary>
    public override string ToString() =>
        Signature.Name + "(" + string.Join(", ", _values.Select((v, i) =>
            Signature.Parameters[i].Name is { Length: > 0 } n ? $"{n}: {v}" : v.ToString())) + ")";
}
