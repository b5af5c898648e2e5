namespace CredentialLedger.Node.Keys;

/// <summary>
/// Where the node finds the keystore passphrase: the <c>CREDLEDGER_PASSPHRASE</c> environment variable, or a file
/// named by <c>CREDLEDGER_PASSPHRASE_FILE</c> (e.g. a container secret; readable by its owner only).
/// </summary>
public static class PassphraseSource
{
    /// <summary>The variable holding the passphrase.</summary>
    public const string Variable = "CREDLEDGER_PASSPHRASE";

    /// <summary>The variable naming a file that holds the passphrase.</summary>
    public const string FileVariable = "CREDLEDGER_PASSPHRASE_FILE";

    /// <summary>Reads the passphrase from <paramref name="environment"/> (the process environment when null).</summary>
    /// <exception cref="KeystoreException">Neither is set, the file is missing or readable by others, or it is empty.</exception>
    public static string Read(IReadOnlyDictionary<string, string?>? environment = null)
    {
        string? Get(string name) => environment is null ? Environment.GetEnvironmentVariable(name) : environment.GetValueOrDefault(name);
        if (Get(Variable) is { Length: > 0 } value)
            return value;
        if (Get(FileVariable) is { Length: > 0 } path)
        {
            if (!File.Exists(path))
                throw new KeystoreException($"{FileVariable} names {path}, which does not exist.");
            if (!OperatingSystem.IsWindows() &&
                (File.GetUnixFileMode(path) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0)
                throw new KeystoreException($"The passphrase file {path} is readable by group or others; chmod 600 it.");
            var text = File.ReadAllText(path).TrimEnd('\r', '\n');
            return text.Length > 0 ? text : throw new KeystoreException($"The passphrase file {path} is empty.");
        }
        throw new KeystoreException($"No keystore passphrase: set {Variable}, or {FileVariable} to a file that holds it.");
    }
}
