using System.Text.Json;

namespace CredentialLedger.Credentials.Origin;

/// <summary>
/// Reads the camelCase JSON of a certificate strictly, collecting every problem: unknown or repeated properties and
/// values of the wrong type are reported here; a missing or null required value is left null for the validator to
/// report, so each field is named once.
/// </summary>
internal sealed class CertificateOfOriginJsonReader
{
    private static readonly string[] CertificateProperties =
    [
        "certificateNumber", "issuingMember", "issuingChamber", "issuingChamberName", "placeOfIssue", "issuedAt",
        "exportingCountry", "importingCountry", "preferentialRegime", "exporter", "producer", "consignee", "transport",
        "goods", "invoice", "remarks",
    ];

    private static readonly string[] PartyProperties = ["name", "address", "country", "taxId", "aeoNumber"];
    private static readonly string[] TransportProperties = ["mode", "meansOfTransport", "portOfLoading", "portOfDischarge", "departureDate"];
    private static readonly string[] ItemProperties =
        ["lineNumber", "hsCode", "description", "quantity", "unitCode", "originCountry", "originCriterion", "marks"];
    private static readonly string[] InvoiceProperties = ["number", "date"];

    private readonly List<string> _problems = [];

    /// <summary>The problems found so far, each "path: what is wrong".</summary>
    public IReadOnlyList<string> Problems => _problems;

    /// <summary>The certificate, with nulls where values were missing or unreadable; null when the root is not an object.</summary>
    public CertificateOfOrigin? Read(JsonElement root)
    {
        if (!Object(root, "$", CertificateProperties))
            return null;
        return new CertificateOfOrigin
        {
            CertificateNumber = String(root, "certificateNumber", "")!,
            IssuingMember = String(root, "issuingMember", "")!,
            IssuingChamber = String(root, "issuingChamber", "")!,
            IssuingChamberName = String(root, "issuingChamberName", "")!,
            PlaceOfIssue = String(root, "placeOfIssue", "")!,
            IssuedAt = Time(root, "issuedAt"),
            ExportingCountry = String(root, "exportingCountry", "")!,
            ImportingCountry = String(root, "importingCountry", "")!,
            PreferentialRegime = String(root, "preferentialRegime", "")!,
            Exporter = Party(root, "exporter")!,
            Producer = Party(root, "producer"),
            Consignee = Party(root, "consignee")!,
            Transport = Transport(root)!,
            Goods = Goods(root)!,
            Invoice = Invoice(root)!,
            Remarks = String(root, "remarks", ""),
        };
    }

    private OriginParty? Party(JsonElement parent, string name)
    {
        if (!Child(parent, name, out var e) || !Object(e, name, PartyProperties))
            return null;
        var prefix = name + ".";
        return new OriginParty(String(e, "name", prefix)!, String(e, "address", prefix)!, String(e, "country", prefix)!,
            String(e, "taxId", prefix), String(e, "aeoNumber", prefix));
    }

    private TransportDetails? Transport(JsonElement parent)
    {
        if (!Child(parent, "transport", out var e) || !Object(e, "transport", TransportProperties))
            return null;
        const string Prefix = "transport.";
        return new TransportDetails(String(e, "mode", Prefix)!, String(e, "meansOfTransport", Prefix), String(e, "portOfLoading", Prefix),
            String(e, "portOfDischarge", Prefix), Date(e, "departureDate", Prefix));
    }

    private IReadOnlyList<GoodsItem>? Goods(JsonElement parent)
    {
        if (!Child(parent, "goods", out var e))
            return null;
        if (e.ValueKind != JsonValueKind.Array)
        {
            _problems.Add("goods: expected an array");
            return null;
        }
        if (e.GetArrayLength() > CertificateOfOriginValidator.MaxGoodsItems)
        {
            _problems.Add($"goods: {e.GetArrayLength()} lines, at most {CertificateOfOriginValidator.MaxGoodsItems}");
            return null;
        }
        var goods = new List<GoodsItem>();
        var i = 0;
        foreach (var item in e.EnumerateArray())
        {
            var path = $"goods[{i++}]";
            if (!Object(item, path, ItemProperties))
            {
                goods.Add(null!); // reported; the validator skips the line
                continue;
            }
            var prefix = path + ".";
            goods.Add(new GoodsItem(Int(item, "lineNumber", prefix), String(item, "hsCode", prefix)!, String(item, "description", prefix)!,
                Decimal(item, "quantity", prefix), String(item, "unitCode", prefix)!, String(item, "originCountry", prefix)!,
                String(item, "originCriterion", prefix)!, String(item, "marks", prefix)));
        }
        return goods.AsReadOnly();
    }

    private InvoiceReference? Invoice(JsonElement parent)
    {
        if (!Child(parent, "invoice", out var e) || !Object(e, "invoice", InvoiceProperties))
            return null;
        var number = String(e, "number", "invoice.");
        var date = Date(e, "date", "invoice.");
        if (date is null && !e.TryGetProperty("date", out _))
            _problems.Add("invoice.date: required");
        return new InvoiceReference(number!, date ?? default);
    }

    /// <summary>True for an object; reports a non-object, unknown properties and properties given twice.</summary>
    private bool Object(JsonElement e, string path, string[] known)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            _problems.Add($"{path}: expected an object");
            return false;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var prefix = path == "$" ? "" : path + ".";
        foreach (var property in e.EnumerateObject())
        {
            if (!known.Contains(property.Name, StringComparer.Ordinal))
                _problems.Add($"{prefix}{property.Name}: unknown property");
            else if (!seen.Add(property.Name))
                _problems.Add($"{prefix}{property.Name}: given twice");
        }
        return true;
    }

    /// <summary>The property when present and not null.</summary>
    private static bool Child(JsonElement parent, string name, out JsonElement value) =>
        parent.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;

    private string? String(JsonElement parent, string name, string prefix)
    {
        if (!Child(parent, name, out var e))
            return null;
        if (e.ValueKind == JsonValueKind.String)
            return e.GetString();
        _problems.Add($"{prefix}{name}: expected a string, not {Kind(e)}");
        return null;
    }

    private DateTimeOffset Time(JsonElement parent, string name)
    {
        var text = String(parent, name, "");
        if (text is null)
        {
            if (!parent.TryGetProperty(name, out var e) || e.ValueKind == JsonValueKind.Null)
                _problems.Add($"{name}: required");
            return default;
        }
        if (ECooText.TryParseTime(text, out var time))
            return time;
        _problems.Add($"{name}: '{text}' is not a UTC time yyyy-MM-ddTHH:mm:ssZ");
        return default;
    }

    private DateOnly? Date(JsonElement parent, string name, string prefix)
    {
        var text = String(parent, name, prefix);
        if (text is null)
            return null;
        if (ECooText.TryParseDate(text, out var date))
            return date;
        _problems.Add($"{prefix}{name}: '{text}' is not a date yyyy-MM-dd");
        return null;
    }

    private int Int(JsonElement parent, string name, string prefix)
    {
        if (!Child(parent, name, out var e))
        {
            _problems.Add($"{prefix}{name}: required");
            return 0;
        }
        if (e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var value))
            return value;
        _problems.Add($"{prefix}{name}: expected an integer, not {Kind(e)}");
        return 0;
    }

    private decimal Decimal(JsonElement parent, string name, string prefix)
    {
        if (!Child(parent, name, out var e))
        {
            _problems.Add($"{prefix}{name}: required");
            return 1; // the missing value is reported once, here
        }
        if (e.ValueKind == JsonValueKind.Number && e.TryGetDecimal(out var value))
            return value;
        _problems.Add($"{prefix}{name}: expected a decimal number, not {Kind(e)}");
        return 1;
    }

    private static string Kind(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => e.GetRawText() is { Length: <= 40 } raw ? "the number " + raw : "a long number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => e.ValueKind.ToString(),
    };
}
