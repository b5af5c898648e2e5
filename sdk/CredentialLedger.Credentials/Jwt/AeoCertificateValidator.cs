using CredentialLedger.Evm;

namespace CredentialLedger.Credentials.Jwt;

/// <summary>Checks an AEO certificate before it is signed; every problem is reported with its field.</summary>
public static class AeoCertificateValidator
{
    /// <summary>Every problem (empty when the certificate is valid).</summary>
    public static IReadOnlyList<string> Validate(AeoCertificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var errors = new List<string>();
        var id = certificate.Id;
        if (string.IsNullOrEmpty(id))
            errors.Add("id: required");
        else if (!Guid.TryParseExact(id.StartsWith("urn:uuid:", StringComparison.Ordinal) ? id[9..] : "", "D", out _)
            || id != id.ToLowerInvariant())
            errors.Add($"id: '{id}' is not urn:uuid:<lowercase uuid>");
        if (!CountryCodes.IsAssigned(certificate.IssuerMember))
            errors.Add($"issuer: '{certificate.IssuerMember}' is not an assigned ISO 3166-1 alpha-2 code");
        if (certificate.ValidFrom.Ticks % TimeSpan.TicksPerSecond != 0 || certificate.ValidUntil.Ticks % TimeSpan.TicksPerSecond != 0)
            errors.Add("validFrom/validUntil: whole seconds only");
        if (certificate.ValidFrom.ToUnixTimeSeconds() <= 0)
            errors.Add("validFrom: must be after 1970-01-01");
        if (certificate.ValidUntil <= certificate.ValidFrom)
            errors.Add($"validUntil: {certificate.ValidUntil:O} is not after validFrom {certificate.ValidFrom:O}");
        var due = certificate.ReEvaluationDue;
        if (due < DateOnly.FromDateTime(certificate.ValidFrom.UtcDateTime) || due > DateOnly.FromDateTime(certificate.ValidUntil.UtcDateTime))
            errors.Add($"reEvaluationDue: {due:yyyy-MM-dd} is not within the validity period");

        var status = certificate.Status;
        if (status is null)
            errors.Add("credentialStatus: required");
        else
        {
            if (status.ChainId == 0)
                errors.Add("credentialStatus.chainId: must not be 0");
            if (status.CredentialRegistry == Address.Zero)
                errors.Add("credentialStatus.credentialRegistry: must not be the zero address");
        }

        var s = certificate.Subject;
        if (s is null)
        {
            errors.Add("subject: required");
            return errors;
        }
        Text(errors, "subject.aeoNumber", s.AeoNumber, 64, c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '/');
        Text(errors, "subject.legalName", s.LegalName, 256, c => !char.IsControl(c));
        Text(errors, "subject.tin", s.Tin, 64, c => char.IsAsciiLetterOrDigit(c) || c is '-' or '/' or '.');
        if (!CountryCodes.IsAssigned(s.Country))
            errors.Add($"subject.country: '{s.Country}' is not an assigned ISO 3166-1 alpha-2 code");
        if (s.Programmes is null || s.Programmes.Count == 0)
            errors.Add("subject.programmeTypes: at least one programme type (AEO-S, AEO-C)");
        else if (s.Programmes.Any(p => !Enum.IsDefined(p)))
            errors.Add("subject.programmeTypes: unknown programme type");
        else if (s.Programmes.Distinct().Count() != s.Programmes.Count)
            errors.Add("subject.programmeTypes: listed twice");
        if (s.Roles is null || s.Roles.Count == 0)
            errors.Add("subject.roles: at least one role");
        else if (s.Roles.Any(r => !Enum.IsDefined(r)))
            errors.Add("subject.roles: unknown role");
        else if (s.Roles.Distinct().Count() != s.Roles.Count)
            errors.Add("subject.roles: listed twice");
        return errors;
    }

    /// <summary>Throws when the certificate is invalid.</summary>
    /// <exception cref="AeoCertificateValidationException">Lists every problem.</exception>
    public static void EnsureValid(AeoCertificate certificate)
    {
        var errors = Validate(certificate);
        if (errors.Count > 0)
            throw new AeoCertificateValidationException(errors);
    }

    private static void Text(List<string> errors, string field, string? value, int max, Func<char, bool> allowed)
    {
        if (string.IsNullOrWhiteSpace(value))
            errors.Add($"{field}: required");
        else if (value.Length > max)
            errors.Add($"{field}: at most {max} characters");
        else if (!value.All(allowed))
            errors.Add($"{field}: contains characters that are not allowed");
        else if (value.Trim() != value)
            errors.Add($"{field}: leading or trailing spaces");
    }
}
