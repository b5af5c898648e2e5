using System.Numerics;
using CredentialLedger.Evm.Abi;
using CredentialLedger.TestKit;

namespace CredentialLedger.Evm.Tests.Live;

/// <summary>The compiled Live/Contracts/LiveProbe.sol (compiled once per test run with the pinned solc) and its ABI.</summary>
internal static class LiveProbe
{
    private static readonly Lazy<Task<SolcContract>> Compiled = new(() => Solc.CompileAsync(
        Path.Combine(RepoPaths.Root, "tests", "CredentialLedger.Evm.Tests", "Live", "Contracts", "LiveProbe.sol"), "LiveProbe"));

    public static Task<SolcContract> ContractAsync() => Compiled.Value;

    public static readonly FunctionSignature Bump = FunctionSignature.Parse("bump(uint256 amount, string note) returns (uint256)");
    public static readonly FunctionSignature Count = FunctionSignature.Parse("count() returns (uint256)");
    public static readonly FunctionSignature Fail = FunctionSignature.Parse("fail(uint256 value)");
    public static readonly FunctionSignature FailWithMessage = FunctionSignature.Parse("failWithMessage()");
    public static readonly EventSignature Bumped =
        EventSignature.Parse("Bumped(address indexed caller, uint256 indexed newCount, uint256 amount, string note)");
    public static readonly ErrorSignature TooLarge = ErrorSignature.Parse("TooLarge(uint256 value, uint256 limit, address caller)");

    public static RevertDecoder Decoder() => new(TooLarge);

    public static byte[] BumpCall(BigInteger amount, string note) => Bump.EncodeCall(AbiValue.Uint(amount), AbiValue.String(note));

    public static byte[] Constructor(BigInteger limit) => AbiEncoder.Encode([AbiType.Parse("uint256")], [AbiValue.Uint(limit)]);
}
