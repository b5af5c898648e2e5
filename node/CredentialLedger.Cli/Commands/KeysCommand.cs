using System.CommandLine;

namespace CredentialLedger.Cli.Commands;

/// <summary><c>credledger keys rotate</c>.</summary>
internal static class KeysCommand
{
    public static Command Create(CliContext cli)
    {
        var after = new Option<uint>("--valid-after") { Description = "Seconds from now until the new key is valid on chain (default 0)" };
        var rotate = new Command("rotate", "Register a new credential-signing key on chain and sign with it from now on") { after };
        rotate.SetAction(async (parse, ct) =>
        {
            using var connection = NodeConnection.Open(parse.GetRequiredValue(cli.Data), parse.GetValue(cli.NodeUrl));
            var key = await connection.Client.RotateSigningKeyAsync(new() { ValidAfterSeconds = parse.GetValue(after) }, connection.Auth, cancellationToken: ct);
            await cli.Out.WriteLineAsync($"New signing key {key.KeyId}, valid from {key.ValidFrom.ToDateTimeOffset():u}; earlier certificates stay valid.");
            return 0;
        });
        return new Command("keys", "Credential-signing keys") { rotate };
    }
}
