using CredentialLedger.Evm.Crypto;

namespace CredentialLedger.Evm.Abi;

/// <summary>
/// A Solidity custom error such as <c>Unauthorized(address caller, uint256 code)</c>. Revert data for it is the
/// 4-byte selector of the canonical form followed by the ABI-encoded arguments, exactly like a function call
/// (Solidity ABI specification, "Errors").
/// </summary>
public sealed class ErrorSignature
{
    private readonly byte[] _selector;
    private readonly AbiType[] _types;

    private ErrorSignature(string name, AbiParameter[] parameters)
    {
        Name = name;
        Parameters = parameters;
        _types = [.. parameters.Select(p => p.Type)];
        CanonicalSignature = AbiParameter.Canonical(name, parameters);
        _selector = Keccak256.HashUtf8(CanonicalSignature).ToArray()[..4];
    }

    /// <summary>Parses an error signature (parameter names and a leading <c>error</c> keyword are accepted).</summary>
    /// <exception cref="FormatException">The text is not a valid signature.</exception>
    public static ErrorSignature Parse(string signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        var (name, inputs, _) = AbiTypeParser.ParseSignature(signature, allowIndexed: false, allowOutputs: false, "error");
        return new ErrorSignature(name, AbiParameter.From(inputs));
    }

    /// <summary>The error name.</summary>
    public string Name { get; }

    /// <summary>The parameters.</summary>
    public IReadOnlyList<AbiParameter> Parameters { get; }

    /// <summary>The parameter types.</summary>
    public IReadOnlyList<AbiType> Types => _types;

    /// <summary>The canonical signature, e.g. <c>Unauthorized(address,uint256)</c>.</summary>
    public string CanonicalSignature { get; }

    /// <summary>The 4-byte selector.</summary>
    public ReadOnlyMemory<byte> Selector => _selector;

    /// <summary>Encodes revert data for this error (selector and arguments), e.g. for tests and fakes.</summary>
    /// <exception cref="AbiEncodingException">An argument does not fit its type, or the counts differ.</exception>
    public byte[] Encode(params IReadOnlyList<AbiValue> arguments) => AbiEncoder.EncodeWithPrefix(_types, arguments, _selector);

    /// <summary>The canonical signature.</summary>
    public override string ToString() => CanonicalSignature;
}
