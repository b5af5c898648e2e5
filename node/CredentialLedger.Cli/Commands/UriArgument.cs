using System.CommandLine.Parsing;

namespace CredentialLedger.Cli.Commands;

/// <summary>Parses absolute http(s) URLs for options (System.CommandLine has no Uri parser of its own).</summary>
internal static class UriArgument
{
    public static Uri Parse(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            return uri;
        result.AddError($"'{text}' is not an http(s) URL, e.g. http://127.0.0.1:8545");
        return null!;
    }
}
