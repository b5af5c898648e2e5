using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CredentialLedger.Credentials.Origin;
using CredentialLedger.Node.Origin;
using CredentialLedger.Node.Store;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using V1 = CredentialLedger.Sdk.Node.V1;

namespace CredentialLedger.Node.Grpc;

/// <summary>Between origin.proto's messages and the certificate-of-origin model and records.</summary>
internal static class OriginProtoMapping
{
    /// <summary>The certificate a request asks for, the chamber's defaults filled in where it says nothing.</summary>
    /// <exception cref="CertificateOfOriginValidationException">The JSON or a field cannot be read.</exception>
    public static CertificateOfOrigin ToCertificate(V1.IssueOriginRequest request, OriginDefaults defaults, string prefix = "") =>
        request.CertificateCase switch
        {
            V1.IssueOriginRequest.CertificateOneofCase.Json => FromJson(request.Json, defaults, prefix),
            V1.IssueOriginRequest.CertificateOneofCase.Fields => FromFields(request.Fields, defaults, prefix),
            _ => throw new ArgumentException($"{prefix}certificate: required: fields or json."),
        };

    private static CertificateOfOrigin FromJson(string json, OriginDefaults defaults, string prefix)
    {
        // Members, chambers and times the chamber leaves out are its own and now; what it writes is checked as given.
        if (json.Length <= CertificateOfOriginJson.MaxLength && TryParseObject(json) is { } root)
        {
            root.TryAdd("issuingMember", defaults.Member);
            root.TryAdd("issuingChamber", defaults.Chamber);
            root.TryAdd("issuingChamberName", defaults.ChamberName);
            root.TryAdd("issuedAt", defaults.Now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            json = root.ToJsonString();
        }
        try
        {
            return CertificateOfOriginJson.Parse(json);
        }
        catch (CertificateOfOriginValidationException e) when (prefix.Length > 0)
        {
            throw new CertificateOfOriginValidationException([.. e.Problems.Select(p => prefix + p)]);
        }
    }

    private static JsonObject? TryParseObject(string json)
    {
        try
        {
            return JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = 8 }) as JsonObject;
        }
        catch (JsonException)
        {
            return null; // CertificateOfOriginJson says what is wrong with it
        }
    }

    private static CertificateOfOrigin FromFields(V1.CertificateOfOriginFields f, OriginDefaults defaults, string prefix)
    {
        var problems = new List<string>();
        var goods = f.Goods.Select((g, i) => new GoodsItem(g.LineNumber, Text(g.HsCode)!, Text(g.Description)!,
            Quantity(g.Quantity, $"{prefix}goods[{i}].quantity", problems), Text(g.UnitCode)!, Text(g.OriginCountry)!, Text(g.OriginCriterion)!,
            Text(g.Marks))).ToList();
        var certificate = new CertificateOfOrigin
        {
            CertificateNumber = Text(f.CertificateNumber)!,
            IssuingMember = Text(f.IssuingMember) ?? defaults.Member,
            IssuingChamber = Text(f.IssuingChamber) ?? defaults.Chamber,
            IssuingChamberName = Text(f.IssuingChamberName) ?? defaults.ChamberName,
            PlaceOfIssue = Text(f.PlaceOfIssue)!,
            IssuedAt = f.IssuedAt is null ? defaults.Now : Time(f.IssuedAt, $"{prefix}issuedAt", problems),
            ExportingCountry = Text(f.ExportingCountry)!,
            ImportingCountry = Text(f.ImportingCountry)!,
            PreferentialRegime = Text(f.PreferentialRegime)!,
            Exporter = Party(f.Exporter)!,
            Producer = Party(f.Producer),
            Consignee = Party(f.Consignee)!,
            Transport = f.Transport is null ? null! : new TransportDetails(Text(f.Transport.Mode)!, Text(f.Transport.MeansOfTransport),
                Text(f.Transport.PortOfLoading), Text(f.Transport.PortOfDischarge), OptionalDate(f.Transport.DepartureDate, $"{prefix}transport.departureDate", problems)),
            Goods = goods,
            Invoice = f.Invoice is null ? null! : new InvoiceReference(Text(f.Invoice.Number)!, Date(f.Invoice.Date, $"{prefix}invoice.date", problems)),
            Remarks = Text(f.Remarks),
        };
        if (problems.Count > 0)
            throw new CertificateOfOriginValidationException(problems);
        return certificate;
    }

    private static string? Text(string value) => value.Length == 0 ? null : value;

    private static OriginParty? Party(V1.OriginParty? p) =>
        p is null ? null : new OriginParty(Text(p.Name)!, Text(p.Address)!, Text(p.Country)!, Text(p.TaxId), Text(p.AeoNumber));

    private static decimal Quantity(string text, string field, List<string> problems)
    {
        if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var quantity))
            return quantity;
        problems.Add(text.Length == 0 ? $"{field}: required" : $"{field}: '{text}' is not a decimal number such as 1250.5");
        return 0;
    }

    private static DateOnly Date(string text, string field, List<string> problems) => OptionalDate(text, field, problems) ?? Missing(field, problems);

    private static DateOnly Missing(string field, List<string> problems)
    {
        problems.Add($"{field}: required");
        return default;
    }

    private static DateOnly? OptionalDate(string text, string field, List<string> problems)
    {
        if (text.Length == 0)
            return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return date;
        problems.Add($"{field}: '{text}' is not a date yyyy-MM-dd");
        return default(DateOnly);
    }

    private static DateTimeOffset Time(Timestamp timestamp, string field, List<string> problems)
    {
        try
        {
            return timestamp.ToDateTimeOffset();
        }
        catch (InvalidOperationException)
        {
            problems.Add($"{field}: not a valid timestamp");
            return default;
        }
    }

    public static V1.OriginCertificate ToProto(OriginCertificateRecord r, OriginChainView chain, bool withXml)
    {
        var proto = new V1.OriginCertificate
        {
            Id = r.Id,
            Chamber = r.Chamber,
            CertificateNumber = r.CertificateNumber,
            Exporter = r.Exporter,
            DocumentHash = r.DocumentHash.ToString(),
            KeyId = r.KeyId.ToString(),
            IssuedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.FromUnixTimeSeconds(r.IssuedAt)),
            Status = r.State switch
            {
                OriginState.Revoked => V1.OriginStatus.Revoked,
                OriginState.Refused => V1.OriginStatus.Refused,
                _ => V1.OriginStatus.Issued,
            },
            AnchorState = r.Anchor is null ? V1.AnchorState.Pending : V1.AnchorState.Anchored,
            Refusal = r.Refusal ?? "",
            ChainId = chain.ChainId,
            Registry = chain.Registry.ToString(),
        };
        if (withXml)
            proto.Xml = ByteString.CopyFrom(r.Xml);
        if (r.Anchor is { } a)
        {
            proto.Anchor = new V1.Anchor
            {
                Root = a.Root.ToString(),
                Index = a.Index,
                BlockNumber = a.BlockNumber,
                TransactionHash = a.TransactionHash.ToString(),
                AnchoredAt = Timestamp.FromDateTimeOffset(DateTimeOffset.FromUnixTimeSeconds(a.BlockTime)),
            };
            proto.Anchor.Proof.AddRange(a.Proof.Select(p => p.ToString()));
            var onChain = chain.Revocation(a.Root, a.Index);
            if (chain.Use(a.Root, a.Index) is { } use)
                proto.Use = use;
            if (onChain is not null)
                proto.Revocation = onChain;
        }
        if (r.Revocation is { } rv && proto.Revocation is null)
        {
            proto.Revocation = new V1.OriginRevocation
            {
                Reason = (uint)rv.Reason,
                EffectiveAt = Timestamp.FromDateTimeOffset(DateTimeOffset.FromUnixTimeSeconds(rv.EffectiveAt)),
                OnChain = rv.OnChain,
                TransactionHash = rv.TransactionHash?.ToString() ?? "",
                Error = rv.Error ?? "",
            };
        }
        return proto;
    }

    public static V1.Chamber ToProto(ChamberView c) => new()
    {
        Id = c.Id,
        Name = c.Name,
        Member = c.Member.ToString(),
        Account = c.Account?.ToString() ?? "",
        Status = c.State switch
        {
            ChamberState.Onboarding => V1.ChamberStatus.Onboarding,
            ChamberState.Suspended => V1.ChamberStatus.Suspended,
            ChamberState.Withdrawn => V1.ChamberStatus.Withdrawn,
            _ => V1.ChamberStatus.Active,
        },
        Reason = (uint)c.Reason,
        SigningKeyId = c.SigningKeyId?.ToString() ?? "",
        TokenFile = c.TokenFile ?? "",
        Certificates = (ulong)c.Certificates,
        BalanceWei = c.BalanceWei?.ToString(CultureInfo.InvariantCulture) ?? "",
        TransactionHash = c.TransactionHash?.ToString() ?? "",
        BlockNumber = c.BlockNumber,
    };
}
