namespace CredentialLedger.Cli.Commands;

/// <summary>A failure to report as one line ("error: …") with exit code 1.</summary>
internal sealed class CliException(string message) : Exception(message);
