using System.Xml;

namespace CredentialLedger.Credentials.Origin;

/// <summary>
/// Reads e-CoO XML strictly: the elements of <see cref="ECooWriter"/> in its order, each once, nothing else; values in
/// their one text form; then the <see cref="CertificateOfOriginValidator"/> rules. Every failure is an
/// <see cref="ECooFormatException"/>. Thread-safe.
/// </summary>
public static class ECooReader
{
    /// <summary>
    /// Reads a document WITHOUT verifying it (to show it): an enveloped Signature, when present as the root's last
    /// element, is skipped unread. Use <see cref="ECooVerifier"/> to trust what a document says.
    /// </summary>
    /// <exception cref="ECooFormatException">TooLarge, Malformed or InvalidContent; the problems say what.</exception>
    public static CertificateOfOrigin Read(ReadOnlySpan<byte> xml)
    {
        var document = ECooXmlLoader.Load(xml, ECooLimits.MaxDocumentBytes);
        return ReadRoot(RootOf(document), signatureAllowed: true);
    }

    /// <summary>The root element, which must be the e-CoO's.</summary>
    internal static XmlElement RootOf(XmlDocument document)
    {
        var root = document.DocumentElement ?? throw XmlChildren.Malformed("document: no root element");
        if (root.LocalName != ECooDocument.RootElement || root.NamespaceURI != ECooDocument.Namespace)
            throw XmlChildren.Malformed(
                $"document: the root is <{root.LocalName}> in namespace '{root.NamespaceURI}', not <{ECooDocument.RootElement}> in '{ECooDocument.Namespace}'");
        return root;
    }

    /// <summary>The certificate the root holds; with <paramref name="signatureAllowed"/>, a last ds:Signature child is skipped.</summary>
    internal static CertificateOfOrigin ReadRoot(XmlElement root, bool signatureAllowed)
    {
        var problems = new List<string>();
        var c = new XmlChildren(root, ECooDocument.RootElement);
        var certificateNumber = c.RequiredText("CertificateNumber");
        var issuingMember = c.RequiredText("IssuingMember");
        var issuingChamber = c.RequiredText("IssuingChamber");
        var issuingChamberName = c.RequiredText("IssuingChamberName");
        var placeOfIssue = c.RequiredText("PlaceOfIssue");
        var issuedAtText = c.RequiredText("IssuedAt");
        if (!ECooText.TryParseTime(issuedAtText, out var issuedAt))
            problems.Add($"issuedAt: '{Short(issuedAtText)}' is not a UTC time yyyy-MM-ddTHH:mm:ssZ");
        var exportingCountry = c.RequiredText("ExportingCountry");
        var importingCountry = c.RequiredText("ImportingCountry");
        var preferentialRegime = c.RequiredText("PreferentialRegime");
        var exporter = Party(c.Required("Exporter"), "Exporter");
        var producer = c.Optional("Producer") is { } p ? Party(p, "Producer") : null;
        var consignee = Party(c.Required("Consignee"), "Consignee");
        var transport = Transport(c.Required("Transport"), problems);
        var goods = Goods(c.Required("Goods"), problems);
        var invoice = Invoice(c.Required("Invoice"), problems);
        var remarks = c.OptionalText("Remarks");
        if (signatureAllowed)
            c.Optional("Signature", ECooDocument.SignatureNamespace);
        c.End();

        var certificate = new CertificateOfOrigin
        {
            CertificateNumber = certificateNumber,
            IssuingMember = issuingMember,
            IssuingChamber = issuingChamber,
            IssuingChamberName = issuingChamberName,
            PlaceOfIssue = placeOfIssue,
            IssuedAt = issuedAt,
            ExportingCountry = exportingCountry,
            ImportingCountry = importingCountry,
            PreferentialRegime = preferentialRegime,
            Exporter = exporter,
            Producer = producer,
            Consignee = consignee,
            Transport = transport,
            Goods = goods,
            Invoice = invoice,
            Remarks = remarks,
        };
        // A value already reported as unreadable is not reported again by the validator.
        var reported = problems.Select(x => x[..x.IndexOf(':', StringComparison.Ordinal)]).ToHashSet(StringComparer.Ordinal);
        problems.AddRange(CertificateOfOriginValidator.FindProblems(certificate)
            .Where(x => !reported.Contains(x[..Math.Max(0, x.IndexOf(':', StringComparison.Ordinal))])));
        if (problems.Count > 0)
            throw new ECooFormatException(ECooFailure.InvalidContent, problems);
        return certificate;
    }

    private static OriginParty Party(XmlElement element, string path)
    {
        var c = new XmlChildren(element, path);
        var party = new OriginParty(c.RequiredText("Name"), c.RequiredText("Address"), c.RequiredText("Country"),
            c.OptionalText("TaxId"), c.OptionalText("AeoNumber"));
        c.End();
        return party;
    }

    private static TransportDetails Transport(XmlElement element, List<string> problems)
    {
        var c = new XmlChildren(element, "Transport");
        var mode = c.RequiredText("Mode");
        var means = c.OptionalText("MeansOfTransport");
        var loading = c.OptionalText("PortOfLoading");
        var discharge = c.OptionalText("PortOfDischarge");
        DateOnly? departure = null;
        if (c.OptionalText("DepartureDate") is { } text)
        {
            if (ECooText.TryParseDate(text, out var date))
                departure = date;
            else
                problems.Add($"transport.departureDate: '{Short(text)}' is not a date yyyy-MM-dd");
        }
        c.End();
        return new TransportDetails(mode, means, loading, discharge, departure);
    }

    private static IReadOnlyList<GoodsItem> Goods(XmlElement element, List<string> problems)
    {
        var c = new XmlChildren(element, "Goods");
        var goods = new List<GoodsItem>();
        while (c.Repeated("Item") is { } item)
        {
            if (goods.Count == CertificateOfOriginValidator.MaxGoodsItems)
                throw XmlChildren.Malformed($"Goods: more than {CertificateOfOriginValidator.MaxGoodsItems} <Item> elements");
            var path = $"goods[{goods.Count}]";
            var i = new XmlChildren(item, $"Goods/Item[{goods.Count + 1}]");
            var lineText = i.RequiredText("LineNumber");
            if (!ECooText.TryParseInteger(lineText, out var line))
                problems.Add($"{path}.lineNumber: '{Short(lineText)}' is not a line number");
            var hsCode = i.RequiredText("HsCode");
            var description = i.RequiredText("Description");
            var quantityText = i.RequiredText("Quantity");
            if (!ECooText.TryParseQuantity(quantityText, out var quantity))
                problems.Add($"{path}.quantity: '{Short(quantityText)}' is not a decimal number in its plain form (e.g. 12, 0.5)");
            goods.Add(new GoodsItem(line, hsCode, description, quantity, i.RequiredText("UnitCode"), i.RequiredText("OriginCountry"),
                i.RequiredText("OriginCriterion"), i.OptionalText("Marks")));
            i.End();
        }
        c.End();
        return goods.AsReadOnly();
    }

    private static InvoiceReference Invoice(XmlElement element, List<string> problems)
    {
        var c = new XmlChildren(element, "Invoice");
        var number = c.RequiredText("Number");
        var dateText = c.RequiredText("Date");
        if (!ECooText.TryParseDate(dateText, out var date))
            problems.Add($"invoice.date: '{Short(dateText)}' is not a date yyyy-MM-dd");
        c.End();
        return new InvoiceReference(number, date);
    }

    private static string Short(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
