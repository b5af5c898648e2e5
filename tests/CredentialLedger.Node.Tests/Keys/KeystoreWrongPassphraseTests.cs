using System.Security.Cryptography;
using CredentialLedger.Node.Keys;
using CredentialLedger.TestKit;

namespace CredentialLedger.Node.Tests.Keys;

public sealed class KeystoreWrongPassphraseTests
{
    [Theory]
    [InlineData("wrong passphrase")]
    [InlineData("correct horse battery staplE")]
    [InlineData("correct horse battery staple ")]
    [InlineData("correct horse battery stapl")]
    [InlineData("x")]
    public void Wrong_passphrase_is_refused_with_a_clear_message_and_the_file_is_unchanged(string wrong)
    {
        using var directory = new TempDirectory("keystore");
        var path = directory.File("keystore.json");
        var contents = KeystoreFiles.Create(path);
        var before = File.ReadAllBytes(path);
        var modified = File.GetLastWriteTimeUtc(path);

        var error = Assert.Throws<KeystoreException>(() => Keystore.Open(path, wrong));

        Assert.Equal("Cannot open the keystore: wrong passphrase, or the keystore file was altered.", error.Message);
        Assert.IsType<AuthenticationTagMismatchException>(error.InnerException);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(modified, File.GetLastWriteTimeUtc(path));
        Assert.Equal([Path.GetFileName(path)], Directory.GetFiles(directory.Path).Select(Path.GetFileName));
        // Still opens with the right one.
        KeystoreFiles.AssertSameContents(contents, Keystore.Open(path, KeystoreFiles.Passphrase));
    }

    [Fact]
    public void Save_with_another_passphrase_reencrypts_under_it_and_the_old_one_stops_opening()
    {
        // Save takes the passphrase it is given (it is how a passphrase is changed): the old one stops working.
        using var directory = new TempDirectory("keystore");
        var path = directory.File("keystore.json");
        var contents = KeystoreFiles.Create(path);

        Keystore.Save(path, "new passphrase", contents);

        Assert.Throws<KeystoreException>(() => Keystore.Open(path, KeystoreFiles.Passphrase));
        KeystoreFiles.AssertSameContents(contents, Keystore.Open(path, "new passphrase"));
    }
}
