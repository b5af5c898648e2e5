using System.Globalization;
using CredentialLedger.Contracts;
using CredentialLedger.Sdk.Ledger;

namespace CredentialLedger.Sdk.Audit.Reports;

/// <summary>
/// Words for the codes the registries store without interpreting them (contracts/README.md, "Codes the registries
/// store but do not interpret"), for the human-readable reports. The machine-readable outputs keep the codes.
/// </summary>
public static class AuditLabels
{
    private static readonly string[] Reasons =
    [
        "unspecified", "AEO criteria no longer met (compliance record)", "record keeping", "financial solvency",
        "safety and security standards", "requested by the operator", "re-assessment pending", "issued in error",
        "key compromise", "renewal", "operator ceased activity", "judicial or administrative decision",
    ];

    private static readonly string[] Benefits =
    [
        "fewer documentary checks", "fewer physical inspections", "priority and faster release", "deferred payment",
        "reduced or waived guarantees", "recognition in risk assessment", "business continuity after disruptions",
        "a dedicated contact point",
    ];

    /// <summary>A reason code as "3 financial solvency" (codes without a meaning stay a number).</summary>
    public static string Reason(byte code) =>
        code < Reasons.Length ? string.Create(CultureInfo.InvariantCulture, $"{code} {Reasons[code]}") : code.ToString(CultureInfo.InvariantCulture);

    /// <summary>An MRA scope as programme names: "AEO-S, AEO-C" (bits without a name as "programme 5").</summary>
    public static string Scope(uint scope) => Bits(scope, bit => bit switch
    {
        0 => "AEO-S",
        1 => "AEO-C",
        _ => string.Create(CultureInfo.InvariantCulture, $"programme {bit}"),
    });

    /// <summary>MRA benefits as their names, "; "-separated (bits without a name as "benefit 9").</summary>
    public static string BenefitNames(uint benefits) => Bits(benefits, bit =>
        bit < Benefits.Length ? Benefits[bit] : string.Create(CultureInfo.InvariantCulture, $"benefit {bit}"), "; ");

    /// <summary>What a status change did: issued-side words "suspended", "reinstated", "revoked", "superseded".</summary>
    public static string ChangeKind(AuditStatusChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return change.To switch
        {
            CredentialStatus.Suspended => "suspended",
            CredentialStatus.Active => "reinstated",
            CredentialStatus.Revoked => "revoked",
            CredentialStatus.Superseded => "superseded",
            _ => change.To.ToString().ToLowerInvariant(),
        };
    }

    /// <summary>A credential as <c>0xroot#index</c> (the form the CLI's <c>--credential</c> takes).</summary>
    public static string Credential(CredentialRef credential) =>
        string.Create(CultureInfo.InvariantCulture, $"{credential.Root}#{credential.Index}");

    /// <summary>Unix seconds as UTC text (<c>2026-05-01T09:00:00Z</c>); 0 (no time) as an empty string.</summary>
    public static string Time(ulong unixSeconds) => unixSeconds == 0 ? "" : AuditJsonWriter.FormatTime(unixSeconds);

    private static string Bits(uint value, Func<int, string> name, string separator = ", ")
    {
        var names = new List<string>();
        for (var bit = 0; bit < 32; bit++)
        {
            if ((value & (1u << bit)) != 0)
                names.Add(name(bit));
        }
        return names.Count == 0 ? "none" : string.Join(separator, names);
    }
}
