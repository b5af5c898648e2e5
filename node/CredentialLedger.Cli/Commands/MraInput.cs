using CredentialLedger.Credentials.Jwt;
using Google.Protobuf.WellKnownTypes;
using V1 = CredentialLedger.Sdk.Node.V1;

namespace CredentialLedger.Cli.Commands;

/// <summary>The names the mra commands take and print: member codes, programmes (as for certificates) and benefits.</summary>
internal static class MraInput
{
    /// <summary>The benefits of contracts/README.md in bit order, by their command-line names.</summary>
    private static readonly (string Name, V1.MraBenefit Benefit)[] BenefitNames =
    [
        ("fewer-documentary-checks", V1.MraBenefit.FewerDocumentaryChecks),
        ("fewer-physical-inspections", V1.MraBenefit.FewerPhysicalInspections),
        ("priority-release", V1.MraBenefit.PriorityRelease),
        ("deferred-payment", V1.MraBenefit.DeferredPayment),
        ("reduced-guarantees", V1.MraBenefit.ReducedGuarantees),
        ("risk-assessment", V1.MraBenefit.RiskAssessment),
        ("business-continuity", V1.MraBenefit.BusinessContinuity),
        ("contact-point", V1.MraBenefit.ContactPoint),
    ];

    public static string Benefits { get; } = string.Join(", ", BenefitNames.Select(b => b.Name));

    public static V1.MraBenefit? TryBenefit(string text) =>
        BenefitNames.FirstOrDefault(b => b.Name == text.ToLowerInvariant().Replace('_', '-')) is { Name: not null } b ? b.Benefit : null;

    public static string Name(V1.MraBenefit benefit) =>
        BenefitNames.FirstOrDefault(b => b.Benefit == benefit).Name ?? benefit.ToString();

    /// <summary>An assigned ISO 3166-1 alpha-2 code in capitals (what the node accepts as a member).</summary>
    public static bool IsMember(string text) => CountryCodes.IsAssigned(text);

    public static string Programme(V1.ProgrammeType programme, uint bit) => programme switch
    {
        V1.ProgrammeType.AeoS => "AEO-S",
        V1.ProgrammeType.AeoC => "AEO-C",
        _ => $"programme {bit}",
    };

    /// <summary>Every programme of a scope mask, named where it has a name.</summary>
    public static string Scope(V1.MraTerms terms)
    {
        var names = new List<string>();
        for (var bit = 0u; bit < 32; bit++)
        {
            if ((terms.ScopeMask >> (int)bit & 1) == 1)
                names.Add(Programme(bit switch { 0 => V1.ProgrammeType.AeoS, 1 => V1.ProgrammeType.AeoC, _ => V1.ProgrammeType.Unspecified }, bit));
        }
        return string.Join(", ", names);
    }

    public static string BenefitList(IEnumerable<V1.MraBenefit> benefits, uint mask)
    {
        var names = benefits.Select(Name).ToList();
        // Bits beyond the eight named ones (agreed later) still show.
        for (var bit = BenefitNames.Length; bit < 32; bit++)
        {
            if ((mask >> bit & 1) == 1)
                names.Add($"benefit {bit}");
        }
        return names.Count == 0 ? "none" : string.Join(", ", names);
    }

    public static string Validity(V1.MraTerms terms) =>
        $"{Date(terms.ValidFrom)} to {(terms.ValidUntil is null ? "no end" : Date(terms.ValidUntil))}";

    public static string Date(Timestamp time)
    {
        var t = time.ToDateTimeOffset();
        return t.TimeOfDay == TimeSpan.Zero ? t.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : t.ToString("u", System.Globalization.CultureInfo.InvariantCulture);
    }

    public static string Status(V1.MraStatus status) => status.ToString().ToLowerInvariant();
}
