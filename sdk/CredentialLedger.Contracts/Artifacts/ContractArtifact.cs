using CredentialLedger.Evm.Abi;

namespace CredentialLedger.Contracts.Artifacts;

/// <summary>
/// One compiled contract from the artifact embedded at build time: its ABI, creation code, runtime code and the
/// positions of its immutables in the runtime code. Immutable (thread-safe) once loaded.
/// </summary>
public sealed class ContractArtifact
{
    private readonly byte[] _bytecode;
    private readonly byte[] _deployedBytecode;

    internal ContractArtifact(string name, string source, string abiJson, byte[] bytecode, byte[] deployedBytecode,
        IReadOnlyList<ImmutableReference> immutableReferences, IReadOnlyList<AbiFunction> functions,
        IReadOnlyList<EventSignature> events, IReadOnlyList<ErrorSignature> errors)
    {
        Name = name;
        Source = source;
        AbiJson = abiJson;
        _bytecode = bytecode;
        _deployedBytecode = deployedBytecode;
        ImmutableReferences = immutableReferences;
        Functions = functions;
        Events = events;
        Errors = errors;
    }

    /// <summary>The contract name, e.g. <c>MemberRegistry</c>.</summary>
    public string Name { get; }

    /// <summary>The source unit it was compiled from, relative to <c>contracts/</c>, e.g. <c>src/MemberRegistry.sol</c>.</summary>
    public string Source { get; }

    /// <summary>The ABI as solc emitted it (a JSON array).</summary>
    public string AbiJson { get; }

    /// <summary>The creation code (empty for interfaces). Constructor arguments are appended ABI-encoded.</summary>
    public ReadOnlyMemory<byte> Bytecode => _bytecode;

    /// <summary>The runtime code, with zeros where the constructor writes immutables (see <see cref="ImmutableReferences"/>).</summary>
    public ReadOnlyMemory<byte> DeployedBytecode => _deployedBytecode;

    /// <summary>Where immutables sit in <see cref="DeployedBytecode"/>.</summary>
    public IReadOnlyList<ImmutableReference> ImmutableReferences { get; }

    /// <summary>The functions of the ABI, with their outputs.</summary>
    public IReadOnlyList<AbiFunction> Functions { get; }

    /// <summary>The events of the ABI, with names and <c>indexed</c> flags.</summary>
    public IReadOnlyList<EventSignature> Events { get; }

    /// <summary>The custom errors of the ABI.</summary>
    public IReadOnlyList<ErrorSignature> Errors { get; }

    /// <summary>
    /// Whether <paramref name="code"/> (as <c>eth_getCode</c> returns it) is this contract's runtime code: equal to
    /// <see cref="DeployedBytecode"/> byte for byte except inside the immutables, which depend on constructor
    /// arguments.
    /// </summary>
    public bool MatchesRuntimeCode(ReadOnlySpan<byte> code)
    {
        if (_deployedBytecode.Length == 0 || code.Length != _deployedBytecode.Length)
            return false;
        Span<bool> masked = code.Length <= 64 * 1024 ? stackalloc bool[code.Length] : new bool[code.Length];
        masked.Clear();
        foreach (var reference in ImmutableReferences)
            masked.Slice(reference.Start, reference.Length).Fill(true);
        for (var i = 0; i < code.Length; i++)
        {
            if (!masked[i] && code[i] != _deployedBytecode[i])
                return false;
        }
        return true;
    }

    /// <summary>The contract name.</summary>
    public override string ToString() => Name;
}

/// <summary>A function of a compiled ABI.</summary>
/// <param name="Signature">Name, inputs and outputs.</param>
/// <param name="StateMutability">solc's <c>stateMutability</c>: <c>pure</c>, <c>view</c>, <c>nonpayable</c> or <c>payable</c>.</param>
public sealed record AbiFunction(FunctionSignature Signature, string StateMutability)
{
    /// <summary>Whether the function only reads (<c>view</c> or <c>pure</c>), so it is called rather than sent.</summary>
    public bool IsReadOnly => StateMutability is "view" or "pure";
}

/// <summary>A span of runtime code that holds an immutable value.</summary>
/// <param name="Start">Offset in the runtime code.</param>
/// <param name="Length">Length in bytes (32 for value types).</param>
public readonly record struct ImmutableReference(int Start, int Length);
