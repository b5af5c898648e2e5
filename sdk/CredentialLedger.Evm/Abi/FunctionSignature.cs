using CredentialLedger.Evm.Crypto;

namespace CredentialLedger.Evm.Abi;

/// <summary>
/// A function signature such as <c>transfer(address to, uint256 amount)</c>, with its canonical form
/// (<c>transfer(address,uint256)</c>) and 4-byte selector: the first four bytes of keccak256 of the canonical form
/// (Solidity ABI specification, "Function Selector").
/// </summary>
public sealed class FunctionSignature
{
    private readonly byte[] _selector;
    private readonly AbiType[] _inputTypes;
    private readonly AbiType[] _outputTypes;

    private FunctionSignature(string name, AbiParameter[] inputs, AbiParameter[] outputs)
    {
        Name = name;
        Inputs = inputs;
        Outputs = outputs;
        _inputTypes = [.. inputs.Select(p => p.Type)];
        _outputTypes = [.. outputs.Select(p => p.Type)];
        CanonicalSignature = AbiParameter.Canonical(name, inputs);
        _selector = Keccak256.HashUtf8(CanonicalSignature).ToArray()[..4];
    }

    /// <summary>
    /// Parses a signature. Parameter names, <c>memory</c>/<c>calldata</c>, a leading <c>function</c> keyword, the
    /// <c>uint</c>/<c>int</c> aliases and tuples are accepted. Output types may follow, as <c>f(uint256)(bool)</c> or
    /// <c>f(uint256) returns (bool)</c>.
    /// </summary>
    /// <exception cref="FormatException">The text is not a valid signature.</exception>
    public static FunctionSignature Parse(string signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        var (name, inputs, outputs) = AbiTypeParser.ParseSignature(signature, allowIndexed: false, allowOutputs: true, "function");
        return new FunctionSignature(name, AbiParameter.From(inputs), outputs is null ? [] : AbiParameter.From(outputs));
    }

    /// <summary>The function name.</summary>
    public string Name { get; }

    /// <summary>The input parameters.</summary>
    public IReadOnlyList<AbiParameter> Inputs { get; }

    /// <summary>The output parameters (empty unless the signature declared them).</summary>
    public IReadOnlyList<AbiParameter> Outputs { get; }

    /// <summary>The input types.</summary>
    public IReadOnlyList<AbiType> InputTypes => _inputTypes;

    /// <summary>The output types.</summary>
    public IReadOnlyList<AbiType> OutputTypes => _outputTypes;

    /// <summary>The canonical signature that is hashed, e.g. <c>transfer(address,uint256)</c>.</summary>
    public string CanonicalSignature { get; }

    /// <summary>The 4-byte selector.</summary>
    public ReadOnlyMemory<byte> Selector => _selector;

    /// <summary>Encodes call data (selector and arguments).</summary>
    /// <exception cref="AbiEncodingException">An argument does not fit its type, or the counts differ.</exception>
    public byte[] EncodeCall(params IReadOnlyList<AbiValue> arguments) => AbiEncoder.EncodeCall(this, arguments);

    /// <summary>Decodes call data: checks the selector, then decodes the arguments.</summary>
    /// <exception cref="AbiDecodingException">The selector differs or the arguments are not canonically encoded.</exception>
    public IReadOnlyList<AbiValue> DecodeCall(ReadOnlySpan<byte> callData)
    {
        if (callData.Length < 4 || !callData[..4].SequenceEqual(_selector))
            throw new AbiDecodingException($"call data does not start with the selector of {CanonicalSignature}", 0);
        try
        {
            return AbiDecoder.Decode(_inputTypes, callData[4..]);
        }
        catch (AbiDecodingException e) when (e.Position >= 0)
        {
            throw new AbiDecodingException(e.Detail + " (in the arguments, after the 4-byte selector)", e.Position + 4);
        }
    }

    /// <summary>Decodes the function's return data with its declared output types.</summary>
    /// <exception cref="AbiDecodingException">The data is not the canonical encoding of the outputs.</exception>
    public IReadOnlyList<AbiValue> DecodeOutput(ReadOnlySpan<byte> returnData) => AbiDecoder.Decode(_outputTypes, returnData);

    /// <summary>The canonical signature.</summary>
    public override string ToString() => CanonicalSignature;
}
