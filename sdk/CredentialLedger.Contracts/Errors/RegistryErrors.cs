using CredentialLedger.Contracts.Internal;
using CredentialLedger.Evm.Abi;

namespace CredentialLedger.Contracts.Errors;

/// <summary>
/// Every custom error of the four registry interfaces (contracts/src/interfaces/*.sol), so that a revert surfaces as
/// <see cref="ContractRevertedException"/> whose <see cref="RevertReason.Error"/> names the error and whose
/// <see cref="RevertReason.Arguments"/> are decoded. Give <see cref="CreateRevertDecoder"/> to the
/// <see cref="Evm.Rpc.EthClient"/> that reads and sends. Enum arguments (e.g. <c>CredentialStatus from</c>) decode as
/// their uint8 value.
/// </summary>
public static class RegistryErrors
{
    /// <summary>The errors of <c>IMemberRegistry</c>.</summary>
    public static IReadOnlyList<ErrorSignature> MemberRegistry => MemberRegistryAbi.Errors;

    /// <summary>The errors of <c>ICredentialRegistry</c>.</summary>
    public static IReadOnlyList<ErrorSignature> CredentialRegistry => CredentialRegistryAbi.Errors;

    /// <summary>The errors of <c>IMraRegistry</c>.</summary>
    public static IReadOnlyList<ErrorSignature> MraRegistry => MraRegistryAbi.Errors;

    /// <summary>The errors of <c>IOriginRegistry</c>.</summary>
    public static IReadOnlyList<ErrorSignature> OriginRegistry => OriginRegistryAbi.Errors;

    /// <summary>The errors of all four registries (names are unique: each starts with its registry's name).</summary>
    public static IReadOnlyList<ErrorSignature> All { get; } =
        [.. MemberRegistryAbi.Errors, .. CredentialRegistryAbi.Errors, .. MraRegistryAbi.Errors, .. OriginRegistryAbi.Errors];

    /// <summary>A decoder that knows every registry error (plus <c>Error(string)</c> and <c>Panic(uint256)</c>).</summary>
    public static RevertDecoder CreateRevertDecoder() => new([.. All]);

    /// <summary>A registry error by name, e.g. <c>CredentialRegistryIllegalTransition</c>.</summary>
    /// <exception cref="KeyNotFoundException">No registry declares an error of that name.</exception>
    public static ErrorSignature Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return All.FirstOrDefault(e => e.Name == name)
            ?? throw new KeyNotFoundException($"No registry declares the error '{name}'.");
    }

    /// <summary>Whether <paramref name="exception"/> is a revert with the registry error <paramref name="name"/>.</summary>
    public static bool Is(ContractRevertedException exception, string name)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.Reason is { Kind: RevertKind.CustomError, Error: { } error } && error.Name == name;
    }
}
