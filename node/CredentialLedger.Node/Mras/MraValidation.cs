using CredentialLedger.Contracts;
using CredentialLedger.Credentials.Jwt;

namespace CredentialLedger.Node.Mras;

/// <summary>
/// Input checks of the MRA operations, made before anything is signed: a refusal names the field and costs no
/// transaction. What only the chain knows (is the partner an active member, is this member a party of that MRA, is
/// the version the latest) is left to the registry, whose refusal comes back decoded.
/// </summary>
internal static class MraValidation
{
    /// <summary>The registry's <c>MAX_PARTIES</c> (acceptances are a 64-bit mask).</summary>
    public const int MaxParties = 64;

    /// <summary>
    /// Parses the parties (assigned ISO 3166-1 alpha-2 codes, distinct, 2 to 64, <paramref name="self"/> among them) and
    /// sorts them ascending, the order <c>propose</c> requires (it refuses any other as <c>MraRegistryInvalidParties</c>).
    /// </summary>
    /// <exception cref="ArgumentException">A rule is broken; the message says which.</exception>
    public static IReadOnlyList<MemberCode> Parties(IReadOnlyList<string> parties, MemberCode self)
    {
        ArgumentNullException.ThrowIfNull(parties);
        var codes = new List<MemberCode>(parties.Count);
        for (var i = 0; i < parties.Count; i++)
            codes.Add(Member(parties[i], $"parties[{i}]"));
        if (codes.GroupBy(c => c).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new ArgumentException($"parties: {twice.Key} is given twice; each party once.");
        if (codes.Count < 2)
            throw new ArgumentException($"parties: at least 2 (this member {self} and a partner), {codes.Count} given.");
        if (codes.Count > MaxParties)
            throw new ArgumentException($"parties: at most {MaxParties}, {codes.Count} given.");
        if (!codes.Contains(self))
            throw new ArgumentException($"parties: must include this node's member {self} (a member proposes only MRAs it is party to).");
        codes.Sort();
        return codes;
    }

    /// <summary>An assigned ISO 3166-1 alpha-2 member code, in capitals.</summary>
    /// <exception cref="ArgumentException">Anything else.</exception>
    public static MemberCode Member(string? code, string field)
    {
        if (!CountryCodes.IsAssigned(code) || !MemberCode.TryParse(code, out var member))
            throw new ArgumentException($"{field}: '{code}' is not an assigned ISO 3166-1 alpha-2 code in capitals (e.g. UZ).");
        return member;
    }

    /// <summary>An MRA id (they start at 1).</summary>
    public static ulong MraId(ulong id) => id == 0 ? throw new ArgumentException("mraId: required (MRA ids start at 1).") : id;

    /// <summary>A version to accept (they start at 1).</summary>
    public static uint Version(uint version) =>
        version == 0 ? throw new ArgumentException("version: required: the latest version, whose terms this member accepts (see Get).") : version;

    /// <summary>A reason code (contracts/README.md), stored as uint8.</summary>
    public static byte Reason(uint reason) =>
        reason > byte.MaxValue ? throw new ArgumentException($"reason: a code from 0 to 255, not {reason}.") : (byte)reason;
}
