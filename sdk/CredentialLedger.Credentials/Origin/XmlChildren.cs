using System.Xml;

namespace CredentialLedger.Credentials.Origin;

/// <summary>
/// The child elements of one element, taken in the one order the format allows: a missing, repeated, unknown or
/// misplaced element, an attribute, or text between elements is a <see cref="ECooFailure.Malformed"/> document.
/// Whitespace between elements is allowed (it is signed like everything else).
/// </summary>
internal sealed class XmlChildren
{
    private const string XmlnsNamespace = "http://www.w3.org/2000/xmlns/";

    private readonly List<XmlElement> _elements = [];
    private readonly HashSet<string> _taken = new(StringComparer.Ordinal);
    private readonly string _path;
    private int _next;

    public XmlChildren(XmlElement parent, string path)
    {
        _path = path;
        NoAttributes(parent, path);
        foreach (XmlNode node in parent.ChildNodes)
        {
            switch (node)
            {
                case XmlElement element:
                    _elements.Add(element);
                    break;
                case XmlWhitespace or XmlSignificantWhitespace:
                    break;
                case XmlText:
                    throw Malformed($"{path}: text where only elements are expected");
                default:
                    throw Malformed($"{path}: a {node.NodeType} node is not accepted");
            }
        }
    }

    /// <summary>The next element when it is <paramref name="name"/> in <paramref name="ns"/>, else null.</summary>
    public XmlElement? Optional(string name, string ns = ECooDocument.Namespace)
    {
        if (_next >= _elements.Count)
            return null;
        var element = _elements[_next];
        if (element.LocalName != name || element.NamespaceURI != ns)
            return null;
        _next++;
        if (!_taken.Add(name))
            throw Malformed($"{_path}: <{name}> given twice");
        return element;
    }

    /// <summary>The next element when it is <paramref name="name"/> (an element that may repeat), else null.</summary>
    public XmlElement? Repeated(string name)
    {
        if (_next >= _elements.Count || _elements[_next].LocalName != name || _elements[_next].NamespaceURI != ECooDocument.Namespace)
            return null;
        return _elements[_next++];
    }

    /// <summary>The next element, which must be <paramref name="name"/>.</summary>
    public XmlElement Required(string name, string ns = ECooDocument.Namespace) =>
        Optional(name, ns) ?? throw (_next < _elements.Count
            ? Unexpected(_elements[_next], $"<{name}> expected")
            : Malformed($"{_path}: <{name}> missing"));

    /// <summary>The element's text (a value element holds text only, no attributes).</summary>
    public string RequiredText(string name) => Text(Required(name), $"{_path}/{name}");

    /// <summary>The element's text when the element is present.</summary>
    public string? OptionalText(string name) => Optional(name) is { } e ? Text(e, $"{_path}/{name}") : null;

    /// <summary>Throws when any element is left.</summary>
    public void End()
    {
        if (_next < _elements.Count)
            throw Unexpected(_elements[_next], "nothing more expected");
    }

    /// <summary>The text of a value element.</summary>
    public static string Text(XmlElement element, string path)
    {
        NoAttributes(element, path);
        var text = new System.Text.StringBuilder();
        foreach (XmlNode node in element.ChildNodes)
        {
            if (node is not (XmlText or XmlWhitespace or XmlSignificantWhitespace))
                throw Malformed($"{path}: holds {(node is XmlElement ? "elements" : "a " + node.NodeType + " node")}; only text is expected");
            text.Append(node.Value);
        }
        return text.ToString();
    }

    /// <summary>Throws when the element has an attribute other than a namespace declaration.</summary>
    public static void NoAttributes(XmlElement element, string path)
    {
        foreach (XmlAttribute attribute in element.Attributes)
        {
            if (attribute.NamespaceURI != XmlnsNamespace)
                throw Malformed($"{path}: attribute '{attribute.Name}' is not accepted");
        }
    }

    private ECooFormatException Unexpected(XmlElement element, string expected) =>
        element.NamespaceURI == ECooDocument.Namespace && _taken.Contains(element.LocalName)
            ? Malformed($"{_path}: <{element.LocalName}> given twice")
            : Malformed($"{_path}: {expected}, found <{element.LocalName}>{Namespace(element)}");

    private static string Namespace(XmlElement element) =>
        element.NamespaceURI == ECooDocument.Namespace ? "" : $" in namespace '{element.NamespaceURI}'";

    public static ECooFormatException Malformed(string message) => new(ECooFailure.Malformed, message);
}
