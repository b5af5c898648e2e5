using CredentialLedger.Contracts;
using CredentialLedger.Evm.Abi;

namespace CredentialLedger.Node.Grpc;

/// <summary>
/// One line for a call the chain refused: the registry's custom error with its arguments named, member codes as
/// letters and MRA statuses by name, e.g. <c>MraRegistryNotParty(mraId: 1, member: KZ)</c>; the caller reads the
/// reason without the ABI at hand.
/// </summary>
internal static class ChainRefusal
{
    public static string Describe(ContractRevertedException e) => $"The chain refused the call: {Reason(e.Reason)}.";

    private static string Reason(RevertReason reason)
    {
        if (reason is not { Kind: RevertKind.CustomError, Error: { } error })
            return reason.ToString();
        var arguments = error.Parameters.Zip(reason.Arguments, (parameter, value) =>
        {
            var text = value.Kind == AbiValueKind.FixedBytes && value.AsBytes() is { Length: MemberCode.Size } bytes
                && MemberCode.TryParse(System.Text.Encoding.ASCII.GetString(bytes), out var code)
                ? code.ToString()
                // bytes16 is a chamber id: printed as its text (KR-KCCI), or 0x… when it is not ASCII text.
                : value.Kind == AbiValueKind.FixedBytes && value.AsBytes() is { Length: ChamberId.Size } chamberBytes && chamberBytes.Any(b => b != 0)
                    ? new ChamberId(chamberBytes).ToString()
                : error.Name.StartsWith("MraRegistry", StringComparison.Ordinal) && parameter.Name == "status"
                    && byte.TryParse(value.ToString(), out var status) && Enum.IsDefined((MraStatus)status)
                    ? ((MraStatus)status).ToString()
                    : value.ToString();
            return parameter.Name.Length > 0 ? $"{parameter.Name}: {text}" : text;
        });
        return $"{error.Name}({string.Join(", ", arguments)})";
    }
}
