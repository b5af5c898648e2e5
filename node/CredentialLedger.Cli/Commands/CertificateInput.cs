using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using V1 = CredentialLedger.Sdk.Node.V1;

namespace CredentialLedger.Cli.Commands;

/// <summary>Turns command-line or JSON-lines input into issue requests; bad values are one clear error.</summary>
internal static class CertificateInput
{
    public const string Programmes = "AEO-S, AEO-C";

    public const string Roles = "importer, exporter, customs-broker, carrier, warehouse-operator, freight-forwarder, manufacturer";

    public static V1.ProgrammeType? TryProgramme(string text) => text.ToUpperInvariant() switch
    {
        "AEO-S" => V1.ProgrammeType.AeoS,
        "AEO-C" => V1.ProgrammeType.AeoC,
        _ => null,
    };

    public static V1.OperatorRole? TryRole(string text) => text.ToLowerInvariant().Replace('_', '-') switch
    {
        "importer" => V1.OperatorRole.Importer,
        "exporter" => V1.OperatorRole.Exporter,
        "customs-broker" => V1.OperatorRole.CustomsBroker,
        "carrier" => V1.OperatorRole.Carrier,
        "warehouse-operator" => V1.OperatorRole.WarehouseOperator,
        "freight-forwarder" => V1.OperatorRole.FreightForwarder,
        "manufacturer" => V1.OperatorRole.Manufacturer,
        _ => null,
    };

    public static V1.ProgrammeType Programme(string text, string where = "") =>
        TryProgramme(text) ?? throw new CliException($"{where}unknown programme type '{text}' ({Programmes}).");

    public static V1.OperatorRole Role(string text, string where = "") =>
        TryRole(text) ?? throw new CliException($"{where}unknown role '{text}' ({Roles}).");

    public static Timestamp Date(string text, string field) =>
        DateArgument.TryParse(text, out var time)
            ? Timestamp.FromDateTimeOffset(time)
            : throw new CliException($"{field}: '{text}' is not a date (2026-01-01) or time (2026-01-01T00:00:00Z).");

    /// <summary>
    /// One line of a JSON-lines file, with the issue command's fields in camelCase:
    /// <c>{"aeoNumber":"KR-AEO-000001","legalName":"…","tin":"…","country":"KR","programmes":["AEO-S"],
    /// "roles":["importer"],"validFrom":"2026-01-01","validUntil":"2029-01-01","reEvaluationDue":"2027-06-30",
    /// "idempotencyKey":"optional"}</c>.
    /// </summary>
    public static V1.IssueRequest FromJsonLine(string line, int lineNumber)
    {
        var at = $"line {lineNumber}: ";
        try
        {
            using var document = JsonDocument.Parse(line);
            var r = document.RootElement;
            if (r.ValueKind != JsonValueKind.Object)
                throw new CliException($"{at}not a JSON object.");
            string S(string name) => r.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
                ? v.GetString()!
                : throw new CliException($"{at}'{name}' is missing or not a string.");
            IEnumerable<string> A(string name) => r.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
                ? v.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.String ? x.GetString()! : throw new CliException($"{at}'{name}' holds a non-string."))
                : throw new CliException($"{at}'{name}' is missing or not an array.");
            var request = new V1.IssueRequest
            {
                Subject = new V1.AeoSubject { AeoNumber = S("aeoNumber"), LegalName = S("legalName"), Tin = S("tin"), Country = S("country") },
                ValidFrom = Date(S("validFrom"), $"{at}validFrom"),
                ValidUntil = Date(S("validUntil"), $"{at}validUntil"),
                ReEvaluationDue = Date(S("reEvaluationDue"), $"{at}reEvaluationDue"),
            };
            request.Subject.ProgrammeTypes.AddRange(A("programmes").Select(p => Programme(p, at)));
            request.Subject.Roles.AddRange(A("roles").Select(p => Role(p, at)));
            if (r.TryGetProperty("idempotencyKey", out var key) && key.ValueKind == JsonValueKind.String)
                request.IdempotencyKey = key.GetString();
            return request;
        }
        catch (JsonException e)
        {
            throw new CliException($"{at}not JSON ({e.Message}).");
        }
    }
}
