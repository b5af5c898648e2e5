using System.Text.Json;
using System.Text.Json.Nodes;
using CredentialLedger.Credentials.Origin;

namespace CredentialLedger.Credentials.Tests.Origin;

public sealed class CertificateOfOriginJsonTests
{
    /// <summary>The minimal test certificate as a CLI user would write it.</summary>
    private const string MinimalJson =
        """
        {
          "certificateNumber": "1",
          "issuingMember": "UZ",
          "issuingChamber": "UZ-CCI",
          "issuingChamberName": "Chamber of Commerce and Industry of Uzbekistan",
          "placeOfIssue": "Tashkent",
          "issuedAt": "2026-01-15T00:00:00Z",
          "exportingCountry": "UZ",
          "importingCountry": "KR",
          "preferentialRegime": "NON-PREFERENTIAL",
          "exporter": { "name": "Samarkand Textile JSC", "address": "1 Registan St, Samarkand", "country": "UZ" },
          "consignee": { "name": "Busan Fabrics Co.", "address": "3 Jungang-daero, Busan", "country": "KR", "taxId": null },
          "transport": { "mode": "rail" },
          "goods": [
            { "lineNumber": 1, "hsCode": "520811", "description": "Cotton fabric, unbleached", "quantity": 0.250,
              "unitCode": "MTR", "originCountry": "UZ", "originCriterion": "WO" }
          ],
          "invoice": { "number": "77", "date": "2026-01-10" },
          "producer": null
        }
        """;

    private static IReadOnlyList<string> Problems(string json) =>
        Assert.Throws<CertificateOfOriginValidationException>(() => CertificateOfOriginJson.Parse(json)).Problems;

    /// <summary>The minimal JSON with one change made to its tree.</summary>
    private static string Edit(Action<JsonObject> change)
    {
        var root = JsonNode.Parse(MinimalJson)!.AsObject();
        change(root);
        return root.ToJsonString();
    }

    [Fact]
    public void Hand_written_json_parses_to_the_certificate()
    {
        Assert.Equal(OriginTestData.Minimal(), CertificateOfOriginJson.Parse(MinimalJson));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Written_json_parses_back_to_the_same_certificate(bool minimal)
    {
        var certificate = minimal ? OriginTestData.Minimal() : OriginTestData.Certificate();

        var json = CertificateOfOriginJson.Write(certificate);

        Assert.Equal(certificate, CertificateOfOriginJson.Parse(json));
        Assert.Equal(json, CertificateOfOriginJson.Write(CertificateOfOriginJson.Parse(json)));
    }

    [Fact]
    public void Written_json_leaves_absent_values_out_and_prints_quantities_in_plain_form()
    {
        var json = CertificateOfOriginJson.Write(OriginTestData.Minimal() with
        {
            Goods = [OriginTestData.Minimal().Goods[0] with { Quantity = 0.2500m }],
        });

        Assert.DoesNotContain("producer", json, StringComparison.Ordinal);
        Assert.DoesNotContain("remarks", json, StringComparison.Ordinal);
        Assert.DoesNotContain("null", json, StringComparison.Ordinal);
        Assert.Contains("\"quantity\": 0.25,", json, StringComparison.Ordinal);
        Assert.Contains("\"issuedAt\": \"2026-01-15T00:00:00Z\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_property_is_named_with_its_path()
    {
        var json = Edit(r =>
        {
            r["colour"] = "red";
            r["exporter"]!["email"] = "x@example.com";
            r["goods"]![0]!["weight"] = 3;
        });

        Assert.Equal(["colour: unknown property", "exporter.email: unknown property", "goods[0].weight: unknown property"], Problems(json));
    }

    [Fact]
    public void A_property_given_twice_is_refused()
    {
        var json = MinimalJson.Replace("\"placeOfIssue\": \"Tashkent\",", "\"placeOfIssue\": \"Tashkent\", \"placeOfIssue\": \"Seoul\",", StringComparison.Ordinal);

        Assert.Equal(["placeOfIssue: given twice"], Problems(json));
    }

    [Fact]
    public void Values_of_the_wrong_type_are_named_once_each()
    {
        var json = Edit(r =>
        {
            r["certificateNumber"] = 42;
            r["transport"] = "rail";
            r["goods"]![0]!["quantity"] = "0.25";
            r["goods"]![0]!["lineNumber"] = 1.5;
            r["invoice"]!["date"] = 20260110;
            r["exporter"]!["taxId"] = true;
        });

        Assert.Equal(
        [
            "certificateNumber: expected a string, not the number 42",
            "exporter.taxId: expected a string, not a boolean",
            "transport: expected an object",
            "goods[0].lineNumber: expected an integer, not the number 1.5",
            "goods[0].quantity: expected a decimal number, not a string",
            "invoice.date: expected a string, not the number 20260110",
        ], Problems(json));
    }

    [Fact]
    public void Missing_required_values_are_all_named()
    {
        var json = Edit(r =>
        {
            r.Remove("issuedAt");
            r.Remove("consignee");
            r["exporter"]!.AsObject().Remove("country");
            r["goods"]![0]!.AsObject().Remove("quantity");
            r["goods"]![0]!.AsObject().Remove("hsCode");
            r["invoice"]!.AsObject().Remove("date");
        });

        var problems = Problems(json);

        Assert.Equal(
        [
            "issuedAt: required",
            "goods[0].quantity: required",
            "invoice.date: required",
            "exporter.country: required",
            "consignee: required",
            "goods[0].hsCode: required",
        ], problems);
    }

    [Fact]
    public void Malformed_times_and_dates_are_named()
    {
        var json = Edit(r =>
        {
            r["issuedAt"] = "2026-01-15T09:00:00+09:00";
            r["transport"]!["departureDate"] = "15/01/2026";
            r["invoice"]!["date"] = "2026-1-10";
        });

        Assert.Equal(
        [
            "issuedAt: '2026-01-15T09:00:00+09:00' is not a UTC time yyyy-MM-ddTHH:mm:ssZ",
            "transport.departureDate: '15/01/2026' is not a date yyyy-MM-dd",
            "invoice.date: '2026-1-10' is not a date yyyy-MM-dd",
        ], Problems(json));
    }

    [Fact]
    public void Type_problems_and_validation_problems_come_together()
    {
        var json = Edit(r =>
        {
            r["issuingMember"] = "XX";
            r["goods"]![0]!["hsCode"] = "ABC";
            r["goods"]![0]!["unitCode"] = 7;
        });

        Assert.Equal(
        [
            "goods[0].unitCode: expected a string, not the number 7",
            "issuingMember: 'XX' is not an assigned ISO 3166-1 alpha-2 code",
            "goods[0].hsCode: 'ABC' is not 6, 8 or 10 digits",
        ], Problems(json));
    }

    [Theory]
    [InlineData("", "$: not JSON")]
    [InlineData("{", "$: not JSON")]
    [InlineData("{\"a\":1,}", "$: not JSON")]
    [InlineData("[]", "$: expected an object")]
    [InlineData("\"certificate\"", "$: expected an object")]
    [InlineData("null", "$: expected an object")]
    [InlineData("{\"goods\":[[[[[[[[[[1]]]]]]]]]]}", "$: not JSON")]
    public void Input_that_is_not_a_json_object_is_refused(string json, string expected)
    {
        var problem = Problems(json)[0];

        Assert.StartsWith(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_goods_array_over_the_limit_is_refused_without_reading_each_line()
    {
        var json = Edit(r => r["goods"] = new JsonArray([.. Enumerable.Range(0, 1000).Select(_ => (JsonNode?)JsonValue.Create(1))]));

        Assert.Equal(["goods: 1000 lines, at most 999"], Problems(json));
    }

    [Fact]
    public void Goods_lines_that_are_not_objects_are_named()
    {
        var json = Edit(r => r["goods"] = new JsonArray(JsonValue.Create("line"), r["goods"]![0]!.DeepClone()));

        Assert.Equal(["goods[0]: expected an object", "goods[1].lineNumber: 1 is not 2 (lines are numbered 1, 2, 3… in order)"], Problems(json));
    }

    [Fact]
    public void An_oversized_input_is_refused_before_parsing()
    {
        var json = new string(' ', CertificateOfOriginJson.MaxLength + 1);

        Assert.StartsWith("$: ", Assert.Single(Problems(json)), StringComparison.Ordinal);
    }

    [Fact]
    public void The_written_json_is_camel_case_with_every_model_field()
    {
        using var document = JsonDocument.Parse(CertificateOfOriginJson.Write(OriginTestData.Certificate()));
        var names = document.RootElement.EnumerateObject().Select(p => p.Name);

        Assert.Equal(
        [
            "certificateNumber", "issuingMember", "issuingChamber", "issuingChamberName", "placeOfIssue", "issuedAt",
            "exportingCountry", "importingCountry", "preferentialRegime", "exporter", "producer", "consignee", "transport",
            "goods", "invoice", "remarks",
        ], names);
    }
}
