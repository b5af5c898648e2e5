using System.Globalization;
using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using V1 = CredentialLedger.Sdk.Node.V1;

namespace CredentialLedger.Cli.Commands;

/// <summary>Turns command-line or JSON-lines input into issue requests; bad values are one clear error.</summary>
internal static class CertificateInput
{
    public static V1.ProgrammeType Programme(string text) => text.ToUpperInvariant() switch
    {
        "AEO-S" => V1.ProgrammeType.AeoS,
        "AEO-C" => V1.ProgrammeType.AeoC,
        _ => throw new CliException($"unknown programme type '{text}' (AEO-S, AEO-C)."),
    };

    public static V1.OperatorRole Role(string text) => text.ToLowerInvariant() switch
    {
        "importer" => V1.OperatorRole.Importer,
        "exporter" => V1.OperatorRole.Exporter,
        "customs-broker" => V1.OperatorRole.CustomsBroker,
        "carrier" => V1.OperatorRole.Carrier,
        "warehouse-operator" => V1.OperatorRole.WarehouseOperator,
        "freight-forwarder" => V1.OperatorRole.FreightForwarder,
        "manufacturer" => V1.OperatorRole.Manufacturer,
        _ => throw new CliException($"unknown role '{text}' (importer, exporter, customs-broker, carrier, warehouse-operator, freight-forwarder, manufacturer)."),
    };

    public static Timestamp Date(string text, string field) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? Timestamp.FromDateTimeOffset(time)
            : throw new CliException($"{field}: '{text}' is not a date (2026-01-01) or time (2026-01-01T00:00:00Z).");

    /// <summary>One line of a JSON-lines file (fields as the issue command's options, camelCase).</summary>
    public static V1.IssueRequest FromJsonLine(string line, int lineNumber)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var r = document.RootElement;
            string S(string name) => r.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
                ? v.GetString()!
                : throw new CliException($"line {lineNumber}: '{name}' is missing or not a string.");
            IEnumerable<string> A(string name) => r.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
                ? v.EnumerateArray().Select(x => x.GetString() ?? "")
                : throw new CliException($"line {lineNumber}: '{name}' is missing or not an array.");
            var request = new V1.IssueRequest
            {
                Subject = new V1.AeoSubject { AeoNumber = S("aeoNumber"), LegalName = S("legalName"), Tin = S("tin"), Country = S("country") },
                ValidFrom = Date(S("validFrom"), $"line {lineNumber}: validFrom"),
                ValidUntil = Date(S("validUntil"), $"line {lineNumber}: validUntil"),
                ReEvaluationDue = Date(S("reEvaluationDue"), $"line {lineNumber}: reEvaluationDue"),
            };
            request.Subject.ProgrammeTypes.AddRange(A("programmes").Select(Programme));
            request.Subject.Roles.AddRange(A("roles").Select(Role));
            if (r.TryGetProperty("idempotencyKey", out var key) && key.ValueKind == JsonValueKind.String)
                request.IdempotencyKey = key.GetString();
            return request;
        }
        catch (JsonException e)
        {
            throw new CliException($"line {lineNumber}: not JSON ({e.Message}).");
        }
    }
}
