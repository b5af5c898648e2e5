namespace CredentialLedger.Evm.Abi;

/// <summary>A function, error or event parameter: its type, its name (may be empty), and for events whether it is indexed.</summary>
/// <param name="Type">The ABI type.</param>
/// <param name="Name">The declared name, or an empty string.</param>
/// <param name="Indexed">Whether an event parameter is <c>indexed</c> (always false for functions and errors).</param>
public sealed record AbiParameter(AbiType Type, string Name, bool Indexed = false)
{
    internal static AbiParameter[] From(List<ParsedParameter> parsed) =>
        [.. parsed.Select(p => new AbiParameter(p.Type, p.Name ?? "", p.Indexed))];

    internal static string Canonical(string name, IReadOnlyList<AbiParameter> parameters) =>
        name + "(" + string.Join(",", parameters.Select(p => p.Type.CanonicalName)) + ")";
}
