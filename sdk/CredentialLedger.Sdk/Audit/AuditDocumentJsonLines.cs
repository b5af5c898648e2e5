using System.Globalization;
using System.Text;
using System.Text.Json;
using CredentialLedger.Evm;

namespace CredentialLedger.Sdk.Audit;

/// <summary>
/// The export of off-chain documents an audit checks: JSON lines, one document per line —
/// <code>
/// {"kind":"aeo","documentId":"urn:uuid:…","jws":"eyJ…","root":"0x…","index":3,"proof":["0x…","0x…"]}
/// {"kind":"coo","documentId":"KZ-2026-000123","bytes":"&lt;base64 of the signed XML&gt;","root":"0x…","index":0,"proof":[]}
/// </code>
/// Other members are ignored (an exporter may add its own). Blank lines are skipped; anything else that does not read is
/// an <see cref="InvalidDataException"/> naming the line.
/// </summary>
public static class AuditDocumentJsonLines
{
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false };

    /// <summary>Reads every document of the file at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">A line is not a document.</exception>
    public static IReadOnlyList<AuditDocument> ReadFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var reader = new StreamReader(path, new UTF8Encoding(false, throwOnInvalidBytes: true));
        return Read(reader, path);
    }

    /// <summary>Reads every document from <paramref name="reader"/>; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="InvalidDataException">A line is not a document.</exception>
    public static IReadOnlyList<AuditDocument> Read(TextReader reader, string source = "documents")
    {
        ArgumentNullException.ThrowIfNull(reader);
        var documents = new List<AuditDocument>();
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            try
            {
                documents.Add(Parse(line));
            }
            catch (Exception e) when (e is JsonException or FormatException or ArgumentException or InvalidOperationException)
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"{source} line {number}: {e.Message}"), e);
            }
        }
        return documents;
    }

    /// <summary>Writes <paramref name="document"/> as one line (with its line end).</summary>
    public static void Write(TextWriter writer, AuditDocument document)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(document);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("kind", AuditJsonWriter.KindName(document.Kind));
            w.WriteString("documentId", document.DocumentId);
            if (document.Kind == AuditDocumentKind.Aeo)
                w.WriteString("jws", Encoding.ASCII.GetString(document.Content.Span));
            else
                w.WriteBase64String("bytes", document.Content.Span);
            w.WriteString("root", document.Root.ToString());
            w.WriteNumber("index", document.Index);
            w.WriteStartArray("proof");
            foreach (var hash in document.Proof)
                w.WriteStringValue(hash.ToString());
            w.WriteEndArray();
            w.WriteEndObject();
        }
        writer.Write(Encoding.UTF8.GetString(buffer.ToArray()));
        writer.Write('\n');
    }

    private static AuditDocument Parse(string line)
    {
        using var json = JsonDocument.Parse(line, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
        var root = json.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
            throw new FormatException("a document is a JSON object");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            if (!seen.Add(property.Name))
                throw new FormatException($"\"{property.Name}\" appears twice");
        }
        var kind = String(root, "kind") switch
        {
            "aeo" => AuditDocumentKind.Aeo,
            "coo" => AuditDocumentKind.Coo,
            var other => throw new FormatException($"\"kind\" is \"{other}\", not \"aeo\" or \"coo\""),
        };
        var id = String(root, "documentId");
        if (id.Length == 0)
            throw new FormatException("\"documentId\" is empty");
        byte[] content;
        if (kind == AuditDocumentKind.Aeo)
        {
            var jws = String(root, "jws");
            if (!Ascii.IsValid(jws) || jws.Length == 0)
                throw new FormatException("\"jws\" is not a compact JWS (ASCII)");
            content = Encoding.ASCII.GetBytes(jws);
        }
        else
        {
            if (!root.TryGetProperty("bytes", out var bytes) || bytes.ValueKind != JsonValueKind.String || !bytes.TryGetBytesFromBase64(out var decoded))
                throw new FormatException("\"bytes\" must be the document's bytes in base64");
            content = decoded;
        }
        var rootHash = Hash32.Parse(String(root, "root"));
        if (!root.TryGetProperty("index", out var index) || index.ValueKind != JsonValueKind.Number || !index.TryGetUInt32(out var position))
            throw new FormatException("\"index\" must be an integer from 0 to 4294967295");
        if (!root.TryGetProperty("proof", out var proof) || proof.ValueKind != JsonValueKind.Array)
            throw new FormatException("\"proof\" must be an array of 32-byte hex hashes");
        var hashes = new List<Hash32>(proof.GetArrayLength());
        foreach (var item in proof.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
                throw new FormatException("\"proof\" must be an array of 32-byte hex hashes");
            hashes.Add(Hash32.Parse(item.GetString()!));
        }
        return new AuditDocument(kind, id, content, rootHash, position, hashes);
    }

    private static string String(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new FormatException($"\"{name}\" must be a string");
}
