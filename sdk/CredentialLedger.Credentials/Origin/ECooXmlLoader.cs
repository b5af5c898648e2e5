using System.Text;
using System.Xml;

namespace CredentialLedger.Credentials.Origin;

/// <summary>
/// Parses untrusted bytes into a DOM the signature code can work on, refusing before the DOM is built everything an
/// e-CoO never holds: a DTD (so no entities, no external resources, no entity expansion), comments and processing
/// instructions (canonicalization leaves them out of the signed content, so a reader must not see them either), CDATA,
/// nesting deeper than <see cref="ECooLimits.MaxDepth"/> (canonicalization recurses), bytes that are not UTF-8, and an
/// XML declaration naming another encoding (another verifier would decode the bytes differently).
/// </summary>
internal static class ECooXmlLoader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static XmlReaderSettings Settings(int maxCharacters) => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        // 0 would mean "no limit" to XmlReader; with DTDs prohibited no entity can be declared, this is a second fence.
        MaxCharactersFromEntities = 1024,
        MaxCharactersInDocument = maxCharacters,
        IgnoreComments = false,
        IgnoreProcessingInstructions = false,
        IgnoreWhitespace = false,
        CheckCharacters = true,
        ConformanceLevel = ConformanceLevel.Document,
        CloseInput = true,
    };

    /// <summary>The document, or an <see cref="ECooFormatException"/> (TooLarge or Malformed).</summary>
    public static XmlDocument Load(ReadOnlySpan<byte> bytes, int maxBytes)
    {
        if (bytes.Length > maxBytes)
            throw new ECooFormatException(ECooFailure.TooLarge, $"document: {bytes.Length} bytes, at most {maxBytes}");
        if (bytes.IsEmpty)
            throw new ECooFormatException(ECooFailure.Malformed, "document: empty");
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new ECooFormatException(ECooFailure.Malformed, "document: not UTF-8");
        }
        if (text.StartsWith('\uFEFF'))
            text = text[1..];
        try
        {
            Scan(text, maxBytes);
            var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
            using var reader = XmlReader.Create(new StringReader(text), Settings(maxBytes));
            document.Load(reader);
            return document;
        }
        catch (XmlException e)
        {
            throw new ECooFormatException($"document: not well-formed XML ({e.Message})", e);
        }
    }

    private static void Scan(string text, int maxCharacters)
    {
        using var reader = XmlReader.Create(new StringReader(text), Settings(maxCharacters));
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.XmlDeclaration:
                    var encoding = reader.GetAttribute("encoding");
                    if (encoding is not null && !encoding.Equals("UTF-8", StringComparison.OrdinalIgnoreCase))
                        throw Malformed(reader, $"the XML declaration names encoding '{encoding}'; only UTF-8 is accepted");
                    break;
                case XmlNodeType.Comment:
                    throw Malformed(reader, "comments are not accepted (canonicalization leaves them out of the signed content)");
                case XmlNodeType.ProcessingInstruction:
                    throw Malformed(reader, "processing instructions are not accepted");
                case XmlNodeType.CDATA:
                    throw Malformed(reader, "CDATA sections are not accepted");
                case XmlNodeType.DocumentType or XmlNodeType.EntityReference:
                    throw Malformed(reader, "DTDs and entities are not accepted");
                case XmlNodeType.Element when reader.Depth > ECooLimits.MaxDepth:
                    throw Malformed(reader, $"elements nested deeper than {ECooLimits.MaxDepth} levels");
            }
        }
    }

    private static ECooFormatException Malformed(XmlReader reader, string message) =>
        new(ECooFailure.Malformed, reader is IXmlLineInfo info && info.HasLineInfo()
            ? $"document: {message} (line {info.LineNumber}, position {info.LinePosition})"
            : $"document: {message}");
}
