using System.Text.Json;
using CredentialLedger.Credentials.Jwt;

namespace CredentialLedger.Credentials.Tests.Jwt;

public sealed class VcJwtJsonTests
{
    private static string Canonical(string json) => JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement);

    [Fact]
    public void The_credential_json_is_the_hand_written_w3c_document_in_its_fixed_order()
    {
        Assert.Equal(Canonical(JwtTestData.CertificateJson), VcJwt.ToJson(JwtTestData.Certificate()));
    }

    [Fact]
    public void Json_round_trips_to_an_equal_certificate()
    {
        var certificate = JwtTestData.Certificate() with
        {
            Subject = JwtTestData.Certificate().Subject with { Roles = Enum.GetValues<AeoRole>(), LegalName = "Société \"Ünïcode\" 株式会社" },
        };

        Assert.Equal(certificate, VcJwt.FromJson(VcJwt.ToJson(certificate)));
    }

    [Fact]
    public void Times_are_written_in_utc_with_a_z()
    {
        var certificate = JwtTestData.Certificate() with { ValidFrom = new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.FromHours(9)) };

        using var json = JsonDocument.Parse(VcJwt.ToJson(certificate));
        Assert.Equal("2026-01-01T00:00:00Z", json.RootElement.GetProperty("validFrom").GetString());
    }

    [Theory]
    [InlineData(AeoRole.Importer, "importer")]
    [InlineData(AeoRole.Exporter, "exporter")]
    [InlineData(AeoRole.CustomsBroker, "customs-broker")]
    [InlineData(AeoRole.Carrier, "carrier")]
    [InlineData(AeoRole.WarehouseOperator, "warehouse-operator")]
    [InlineData(AeoRole.FreightForwarder, "freight-forwarder")]
    [InlineData(AeoRole.Manufacturer, "manufacturer")]
    public void Role_names_round_trip(AeoRole role, string name)
    {
        Assert.Equal(name, VcJwt.Role(role));
        Assert.Equal(role, VcJwt.ParseRole(name));
    }

    [Theory]
    [InlineData(AeoProgramme.AeoS, "AEO-S")]
    [InlineData(AeoProgramme.AeoC, "AEO-C")]
    public void Programme_names_round_trip(AeoProgramme programme, string name)
    {
        Assert.Equal(name, VcJwt.Programme(programme));
        Assert.Equal(programme, VcJwt.ParseProgramme(name));
    }

    [Theory]
    [InlineData("aeo-s")]
    [InlineData("AEO-F")]
    [InlineData("")]
    public void An_unknown_programme_name_is_a_format_error_naming_the_field(string name)
    {
        var e = Assert.Throws<FormatException>(() => VcJwt.ParseProgramme(name));
        Assert.StartsWith("programmeTypes:", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Importer")]
    [InlineData("broker")]
    [InlineData("")]
    public void An_unknown_role_name_is_a_format_error_naming_the_field(string name)
    {
        var e = Assert.Throws<FormatException>(() => VcJwt.ParseRole(name));
        Assert.StartsWith("roles:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_enum_values_cannot_be_written()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => VcJwt.Programme((AeoProgramme)3));
        Assert.Throws<ArgumentOutOfRangeException>(() => VcJwt.Role(0));
    }

    [Theory]
    [InlineData("\"https://www.w3.org/ns/credentials/v2\",", "", "@context:")]
    [InlineData("\"https://www.w3.org/ns/credentials/v2\",\"https://w3id.org/credentialledger/aeo/v1\"", "\"https://w3id.org/credentialledger/aeo/v1\",\"https://www.w3.org/ns/credentials/v2\"", "@context:")]
    [InlineData("\"https://www.w3.org/ns/credentials/v2\"", "\"https://www.w3.org/2018/credentials/v1\"", "@context:")]
    [InlineData("\"VerifiableCredential\",", "", "type:")]
    [InlineData(",\"AeoCertificate\"", "", "type:")]
    [InlineData("urn:credentialledger:member:KR", "did:web:customs.go.kr", "issuer:")]
    [InlineData("2026-01-01T00:00:00Z", "2026-01-01T00:00:00+09:00", "validFrom:")]
    [InlineData("2029-01-01T00:00:00Z", "2029-01-01", "validUntil:")]
    [InlineData("\"reEvaluationDue\":\"2027-06-30\"", "\"reEvaluationDue\":\"30/06/2027\"", "credentialSubject.reEvaluationDue:")]
    [InlineData("\"AEO-S\"", "\"AEO-X\"", "programmeTypes:")]
    [InlineData("\"exporter\"", "\"smuggler\"", "roles:")]
    [InlineData("\"chainId\":31337", "\"chainId\":-1", "credentialStatus.chainId:")]
    [InlineData("\"chainId\":31337", "\"chainId\":\"31337\"", "Unexpected JSON type")]
    [InlineData("\"credentialRegistry\":\"0x5FbDB2315678afecb367f032d93F642f64180aa3\"", "\"credentialRegistry\":\"0x5fbDB2315678afecb367f032d93F642f64180aa3\"", "credentialStatus.credentialRegistry:")]
    [InlineData("\"tin\":\"123-45-67890\",", "", "tin: missing")]
    [InlineData("\"legalName\":\"Hanbit Logistics Co., Ltd.\"", "\"legalName\":42", "legalName: must be a string")]
    [InlineData("\"roles\":[\"exporter\",\"customs-broker\"]", "\"roles\":\"exporter\"", "roles: must be an array")]
    [InlineData("\"roles\":[\"exporter\",\"customs-broker\"]", "\"roles\":[\"exporter\",7]", "roles: must hold strings")]
    public void Malformed_credential_json_is_a_format_error_naming_the_field(string find, string replace, string expected)
    {
        var json = JwtTestData.CertificateJson.Replace(find, replace, StringComparison.Ordinal);
        Assert.NotEqual(JwtTestData.CertificateJson, json);

        var e = Assert.Throws<FormatException>(() => VcJwt.FromJson(json));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("null")]
    public void Text_that_is_not_a_credential_object_is_a_format_error(string json)
    {
        Assert.Throws<FormatException>(() => VcJwt.FromJson(json));
    }

    [Fact]
    public void Json_nested_deeper_than_the_limit_is_a_format_error()
    {
        var json = JwtTestData.CertificateJson.Replace("\"type\":[", "\"extra\":" + new string('[', 40) + new string(']', 40) + ",\"type\":[", StringComparison.Ordinal);

        var e = Assert.Throws<FormatException>(() => VcJwt.FromJson(json));
        Assert.StartsWith("Not JSON:", e.Message, StringComparison.Ordinal);
    }
}
