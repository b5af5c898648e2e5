using CredentialLedger.Node.Keys;
using CredentialLedger.TestKit;

namespace CredentialLedger.Node.Tests.Keys;

/// <summary>The passphrase comes from CREDLEDGER_PASSPHRASE or the file CREDLEDGER_PASSPHRASE_FILE names (never the process environment here).</summary>
public sealed class PassphraseSourceTests
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private static Dictionary<string, string?> Env(params (string Name, string? Value)[] variables) =>
        variables.ToDictionary(v => v.Name, v => v.Value);

    private static string WriteSecret(TempDirectory directory, string content, UnixFileMode mode = OwnerOnly)
    {
        var path = directory.File("passphrase");
        File.WriteAllText(path, content);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, mode);
        return path;
    }

    [Fact]
    public void Variable_holds_the_passphrase_verbatim()
    {
        Assert.Equal(" spaced passphrase \n", PassphraseSource.Read(Env((PassphraseSource.Variable, " spaced passphrase \n"))));
    }

    [Fact]
    public void Variable_wins_over_the_file()
    {
        using var directory = new TempDirectory("passphrase");
        var path = WriteSecret(directory, "from the file");

        Assert.Equal("from the variable", PassphraseSource.Read(Env((PassphraseSource.Variable, "from the variable"), (PassphraseSource.FileVariable, path))));
    }

    [Theory]
    [InlineData("secret from file", "secret from file")]
    [InlineData("secret from file\n", "secret from file")]
    [InlineData("secret from file\r\n", "secret from file")]
    [InlineData("secret from file\n\n", "secret from file")]
    [InlineData("  keeps spaces  \n", "  keeps spaces  ")]
    [InlineData("two\nlines\n", "two\nlines")]
    public void File_holds_the_passphrase_without_its_trailing_newlines(string content, string expected)
    {
        using var directory = new TempDirectory("passphrase");
        var path = WriteSecret(directory, content);

        Assert.Equal(expected, PassphraseSource.Read(Env((PassphraseSource.FileVariable, path))));
    }

    [Fact]
    public void Empty_variable_falls_through_to_the_file()
    {
        using var directory = new TempDirectory("passphrase");
        var path = WriteSecret(directory, "from the file");

        Assert.Equal("from the file", PassphraseSource.Read(Env((PassphraseSource.Variable, ""), (PassphraseSource.FileVariable, path))));
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void Nothing_set_is_refused_naming_both_variables(bool emptyVariable, bool emptyFileVariable)
    {
        var environment = Env();
        if (emptyVariable)
            environment[PassphraseSource.Variable] = "";
        if (emptyFileVariable)
            environment[PassphraseSource.FileVariable] = "";

        var error = Assert.Throws<KeystoreException>(() => PassphraseSource.Read(environment));

        Assert.Contains(PassphraseSource.Variable, error.Message, StringComparison.Ordinal);
        Assert.Contains(PassphraseSource.FileVariable, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_file_is_refused_naming_it()
    {
        using var directory = new TempDirectory("passphrase");
        var path = directory.File("absent");

        var error = Assert.Throws<KeystoreException>(() => PassphraseSource.Read(Env((PassphraseSource.FileVariable, path))));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n")]
    [InlineData("\r\n\n")]
    public void Empty_file_is_refused(string content)
    {
        using var directory = new TempDirectory("passphrase");
        var path = WriteSecret(directory, content);

        var error = Assert.Throws<KeystoreException>(() => PassphraseSource.Read(Env((PassphraseSource.FileVariable, path))));

        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(UnixFileMode.GroupRead)]
    [InlineData(UnixFileMode.OtherRead)]
    [InlineData(UnixFileMode.GroupWrite)]
    [InlineData(UnixFileMode.OtherWrite)]
    public void File_open_to_group_or_others_is_refused_without_reading_it(UnixFileMode extra)
    {
        if (OperatingSystem.IsWindows())
            return; // Unix file modes only.
        using var directory = new TempDirectory("passphrase");
        var path = WriteSecret(directory, "leaky secret", OwnerOnly | extra);

        var error = Assert.Throws<KeystoreException>(() => PassphraseSource.Read(Env((PassphraseSource.FileVariable, path))));

        Assert.Contains("chmod 600", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("leaky secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Passphrase_from_the_file_opens_a_keystore_made_with_it()
    {
        using var directory = new TempDirectory("passphrase");
        var path = WriteSecret(directory, KeystoreFiles.Passphrase + "\n");
        var keystore = directory.File("keystore.json");
        var contents = KeystoreFiles.Create(keystore);

        var passphrase = PassphraseSource.Read(Env((PassphraseSource.FileVariable, path)));

        KeystoreFiles.AssertSameContents(contents, Keystore.Open(keystore, passphrase));
    }
}
