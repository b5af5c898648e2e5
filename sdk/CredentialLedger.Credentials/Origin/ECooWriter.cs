using System.Text;
using System.Xml;

namespace CredentialLedger.Credentials.Origin;

/// <summary>
/// Writes a certificate as unsigned e-CoO XML (the README of this folder lists the elements). Deterministic: the same
/// certificate gives the same bytes (UTF-8 without BOM, LF line ends, two-space indentation, elements in one fixed
/// order, absent optional values left out, each value in its one text form).
/// </summary>
public static class ECooWriter
{
    private static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = true,
        IndentChars = "  ",
        NewLineChars = "\n",
        // Line feeds inside values (remarks, descriptions, marks) are written as they are, on every platform.
        NewLineHandling = NewLineHandling.None,
        OmitXmlDeclaration = false,
    };

    /// <summary>Validates <paramref name="certificate"/> and writes it.</summary>
    /// <exception cref="CertificateOfOriginValidationException">The certificate is invalid; nothing is written.</exception>
    public static byte[] Write(CertificateOfOrigin certificate)
    {
        CertificateOfOriginValidator.Validate(certificate);
        using var stream = new MemoryStream();
        using (var w = XmlWriter.Create(stream, Settings))
        {
            w.WriteStartDocument();
            w.WriteStartElement(ECooDocument.RootElement, ECooDocument.Namespace);
            Value(w, "CertificateNumber", certificate.CertificateNumber);
            Value(w, "IssuingMember", certificate.IssuingMember);
            Value(w, "IssuingChamber", certificate.IssuingChamber);
            Value(w, "IssuingChamberName", certificate.IssuingChamberName);
            Value(w, "PlaceOfIssue", certificate.PlaceOfIssue);
            Value(w, "IssuedAt", ECooText.Time(certificate.IssuedAt));
            Value(w, "ExportingCountry", certificate.ExportingCountry);
            Value(w, "ImportingCountry", certificate.ImportingCountry);
            Value(w, "PreferentialRegime", certificate.PreferentialRegime);
            Party(w, "Exporter", certificate.Exporter);
            if (certificate.Producer is not null)
                Party(w, "Producer", certificate.Producer);
            Party(w, "Consignee", certificate.Consignee);

            var t = certificate.Transport;
            w.WriteStartElement("Transport", ECooDocument.Namespace);
            Value(w, "Mode", t.Mode);
            Value(w, "MeansOfTransport", t.MeansOfTransport);
            Value(w, "PortOfLoading", t.PortOfLoading);
            Value(w, "PortOfDischarge", t.PortOfDischarge);
            if (t.DepartureDate is { } departure)
                Value(w, "DepartureDate", ECooText.Date(departure));
            w.WriteEndElement();

            w.WriteStartElement("Goods", ECooDocument.Namespace);
            foreach (var item in certificate.Goods)
            {
                w.WriteStartElement("Item", ECooDocument.Namespace);
                Value(w, "LineNumber", ECooText.Integer(item.LineNumber));
                Value(w, "HsCode", item.HsCode);
                Value(w, "Description", item.Description);
                Value(w, "Quantity", ECooText.Quantity(item.Quantity));
                Value(w, "UnitCode", item.UnitCode);
                Value(w, "OriginCountry", item.OriginCountry);
                Value(w, "OriginCriterion", item.OriginCriterion);
                Value(w, "Marks", item.Marks);
                w.WriteEndElement();
            }
            w.WriteEndElement();

            w.WriteStartElement("Invoice", ECooDocument.Namespace);
            Value(w, "Number", certificate.Invoice.Number);
            Value(w, "Date", ECooText.Date(certificate.Invoice.Date));
            w.WriteEndElement();
            Value(w, "Remarks", certificate.Remarks);
            w.WriteEndElement();
            w.WriteEndDocument();
        }
        return stream.ToArray();
    }

    private static void Party(XmlWriter w, string element, OriginParty party)
    {
        w.WriteStartElement(element, ECooDocument.Namespace);
        Value(w, "Name", party.Name);
        Value(w, "Address", party.Address);
        Value(w, "Country", party.Country);
        Value(w, "TaxId", party.TaxId);
        Value(w, "AeoNumber", party.AeoNumber);
        w.WriteEndElement();
    }

    private static void Value(XmlWriter w, string element, string? value)
    {
        if (value is not null)
            w.WriteElementString(element, ECooDocument.Namespace, value);
    }
}
