namespace CredentialLedger.Credentials.Origin;

/// <summary>The bounds the e-CoO reader and verifier put on untrusted documents before any XML is parsed.</summary>
public static class ECooLimits
{
    /// <summary>The largest document accepted, in bytes (256 KiB): checked on the byte length before parsing.</summary>
    public const int MaxDocumentBytes = 256 * 1024;

    /// <summary>The deepest element nesting accepted (a signed certificate nests 6 levels: root, Signature, SignedInfo, Reference, Transforms, Transform); deeper documents are refused before canonicalization, which recurses.</summary>
    public const int MaxDepth = 8;
}
