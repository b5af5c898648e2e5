using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CredentialLedger.Evm;
using CredentialLedger.Evm.Crypto;

namespace CredentialLedger.Credentials.Jwt;

/// <summary>
/// The JSON and JWS forms of an AEO certificate (W3C VC Data Model 2.0, secured per VC-JOSE-COSE as a compact JWS:
/// header <c>{"alg":"ES256","typ":"vc+jwt","cty":"vc","kid":"0x…"}</c>, and the payload IS the credential JSON, with
/// no <c>vc</c> wrapper claim as VC 1.1 JWTs had). The JSON is written in one fixed property order, so the same
/// certificate always gives the same payload.
/// </summary>
public static class VcJwt
{
    /// <summary>The W3C VC 2.0 base context (must come first).</summary>
    public const string BaseContext = "https://www.w3.org/ns/credentials/v2";

    /// <summary>The context of the AEO certificate terms.</summary>
    public const string AeoContext = "https://w3id.org/credentialledger/aeo/v1";

    /// <summary>The credential type besides VerifiableCredential.</summary>
    public const string CredentialType = "AeoCertificate";

    /// <summary>The JWS <c>typ</c> of a VC secured as a JWT.</summary>
    public const string MediaType = "vc+jwt";

    private const string IssuerPrefix = "urn:credentialledger:member:";

    /// <summary>keccak-256 of the compact JWS's ASCII bytes: the document hash in the certificate's Merkle leaf.</summary>
    public static Hash32 DocumentHash(string compactJws)
    {
        ArgumentNullException.ThrowIfNull(compactJws);
        var bytes = ArrayPool<byte>.Shared.Rent(compactJws.Length);
        try
        {
            var length = Encoding.ASCII.GetBytes(compactJws, bytes);
            return Keccak256.Hash(bytes.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    /// <summary>The credential JSON (the JWS payload).</summary>
    public static string ToJson(AeoCertificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteStartArray("@context");
            w.WriteStringValue(BaseContext);
            w.WriteStringValue(AeoContext);
            w.WriteEndArray();
            w.WriteString("id", certificate.Id);
            w.WriteStartArray("type");
            w.WriteStringValue("VerifiableCredential");
            w.WriteStringValue(CredentialType);
            w.WriteEndArray();
            w.WriteString("issuer", IssuerPrefix + certificate.IssuerMember);
            w.WriteString("validFrom", Time(certificate.ValidFrom));
            w.WriteString("validUntil", Time(certificate.ValidUntil));
            w.WriteStartObject("credentialSubject");
            var s = certificate.Subject;
            w.WriteString("aeoNumber", s.AeoNumber);
            w.WriteString("legalName", s.LegalName);
            w.WriteString("tin", s.Tin);
            w.WriteString("country", s.Country);
            w.WriteStartArray("programmeTypes");
            foreach (var p in s.Programmes)
                w.WriteStringValue(Programme(p));
            w.WriteEndArray();
            w.WriteStartArray("roles");
            foreach (var r in s.Roles)
                w.WriteStringValue(Role(r));
            w.WriteEndArray();
            w.WriteString("reEvaluationDue", certificate.ReEvaluationDue.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            w.WriteEndObject();
            w.WriteStartObject("credentialStatus");
            var status = certificate.Status;
            w.WriteString("id", $"urn:credentialledger:status:{status.ChainId.ToString(CultureInfo.InvariantCulture)}:{status.CredentialRegistry}");
            w.WriteString("type", "CredentialLedgerAnchor");
            w.WriteNumber("chainId", status.ChainId);
            w.WriteString("credentialRegistry", status.CredentialRegistry.ToString());
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Parses credential JSON strictly.</summary>
    /// <exception cref="FormatException">Not an AEO certificate; the message names the field.</exception>
    public static AeoCertificate FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return FromJson(Encoding.UTF8.GetBytes(json));
    }

    /// <summary>Parses credential JSON strictly from its UTF-8 bytes (the JWS payload as decoded).</summary>
    /// <exception cref="FormatException">Not an AEO certificate (or not UTF-8); the message names the field.</exception>
    public static AeoCertificate FromJson(ReadOnlyMemory<byte> utf8Json)
    {
        try
        {
            using var document = JsonDocument.Parse(utf8Json, new JsonDocumentOptions { MaxDepth = 16 });
            var root = document.RootElement;
            var context = Strings(root, "@context");
            if (context.Count == 0 || context[0] != BaseContext)
                throw new FormatException($"@context: the first entry must be {BaseContext}.");
            var types = Strings(root, "type");
            if (!types.Contains("VerifiableCredential") || !types.Contains(CredentialType))
                throw new FormatException($"type: must include VerifiableCredential and {CredentialType}.");
            var issuer = String(root, "issuer");
            if (!issuer.StartsWith(IssuerPrefix, StringComparison.Ordinal))
                throw new FormatException($"issuer: '{issuer}' is not {IssuerPrefix}<member>.");
            var subject = Property(root, "credentialSubject");
            var status = Property(root, "credentialStatus");
            return new AeoCertificate
            {
                Id = String(root, "id"),
                IssuerMember = issuer[IssuerPrefix.Length..],
                ValidFrom = ParseTime(String(root, "validFrom"), "validFrom"),
                ValidUntil = ParseTime(String(root, "validUntil"), "validUntil"),
                ReEvaluationDue = DateOnly.TryParseExact(String(subject, "reEvaluationDue"), "yyyy-MM-dd", CultureInfo.InvariantCulture,
                    DateTimeStyles.None, out var due) ? due : throw new FormatException("credentialSubject.reEvaluationDue: not a yyyy-MM-dd date."),
                Subject = new AeoSubject
                {
                    AeoNumber = String(subject, "aeoNumber"),
                    LegalName = String(subject, "legalName"),
                    Tin = String(subject, "tin"),
                    Country = String(subject, "country"),
                    Programmes = [.. Strings(subject, "programmeTypes").Select(ParseProgramme)],
                    Roles = [.. Strings(subject, "roles").Select(ParseRole)],
                },
                Status = new LedgerStatusReference(
                    Property(status, "chainId").TryGetUInt64(out var chainId) ? chainId : throw new FormatException("credentialStatus.chainId: not a chain id."),
                    Address.TryParse(String(status, "credentialRegistry"), out var registry) ? registry
                        : throw new FormatException("credentialStatus.credentialRegistry: not an address.")),
            };
        }
        catch (JsonException e)
        {
            throw new FormatException($"Not JSON: {e.Message}", e);
        }
        catch (InvalidOperationException e)
        {
            throw new FormatException($"Unexpected JSON type: {e.Message}", e);
        }
    }

    /// <summary>The JSON name of a programme ("AEO-S", "AEO-C").</summary>
    public static string Programme(AeoProgramme programme) => programme switch
    {
        AeoProgramme.AeoS => "AEO-S",
        AeoProgramme.AeoC => "AEO-C",
        _ => throw new ArgumentOutOfRangeException(nameof(programme), programme, "Unknown programme type."),
    };

    /// <summary>The programme named <paramref name="name"/>.</summary>
    /// <exception cref="FormatException">Unknown name.</exception>
    public static AeoProgramme ParseProgramme(string name) => name switch
    {
        "AEO-S" => AeoProgramme.AeoS,
        "AEO-C" => AeoProgramme.AeoC,
        _ => throw new FormatException($"programmeTypes: unknown programme type '{name}' (AEO-S, AEO-C)."),
    };

    /// <summary>The JSON name of a role, e.g. "customs-broker".</summary>
    public static string Role(AeoRole role) => role switch
    {
        AeoRole.Importer => "importer",
        AeoRole.Exporter => "exporter",
        AeoRole.CustomsBroker => "customs-broker",
        AeoRole.Carrier => "carrier",
        AeoRole.WarehouseOperator => "warehouse-operator",
        AeoRole.FreightForwarder => "freight-forwarder",
        AeoRole.Manufacturer => "manufacturer",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown role."),
    };

    /// <summary>The role named <paramref name="name"/>.</summary>
    /// <exception cref="FormatException">Unknown name.</exception>
    public static AeoRole ParseRole(string name) =>
        Enum.GetValues<AeoRole>().FirstOrDefault(r => Role(r) == name) is var role && role != 0
            ? role
            : throw new FormatException($"roles: unknown role '{name}'.");

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(string text, string field) =>
        DateTimeOffset.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : throw new FormatException($"{field}: '{text}' is not a UTC time like 2026-01-01T00:00:00Z.");

    private static JsonElement Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value
            : throw new FormatException($"{name}: missing.");

    private static string String(JsonElement element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.String } value
            ? value.GetString()!
            : throw new FormatException($"{name}: must be a string.");

    private static List<string> Strings(JsonElement element, string name)
    {
        var value = Property(element, name);
        if (value.ValueKind != JsonValueKind.Array)
            throw new FormatException($"{name}: must be an array.");
        return [.. value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString()! : throw new FormatException($"{name}: must hold strings."))];
    }
}
