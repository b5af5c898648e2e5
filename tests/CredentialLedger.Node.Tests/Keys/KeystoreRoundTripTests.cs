using CredentialLedger.Node.Keys;
using CredentialLedger.TestKit;

namespace CredentialLedger.Node.Tests.Keys;

public sealed class KeystoreRoundTripTests
{
    [Fact]
    public void Created_keystore_opens_with_the_same_passphrase_to_identical_contents()
    {
        using var directory = new TempDirectory("keystore");
        var path = directory.File("keystore.json");
        var contents = KeystoreFiles.Create(path);

        var opened = Keystore.Open(path, KeystoreFiles.Passphrase);

        KeystoreFiles.AssertSameContents(contents, opened);
        Assert.Equal(contents.SigningKeys[1].KeyId, opened.CurrentSigningKey.KeyId);
        Assert.NotNull(opened.SigningKeys[0].RetiredAt);
    }

    [Fact]
    public void Saved_keystore_opens_to_the_new_contents_and_keeps_its_kdf_cost()
    {
        using var directory = new TempDirectory("keystore");
        var path = directory.File("keystore.json");
        var kdf = new KdfParameters { MemoryKiB = 2048, Iterations = 2, Parallelism = 2 };
        Keystore.Create(path, KeystoreFiles.Passphrase, KeystoreFiles.Contents(), kdf);
        var replacement = KeystoreFiles.Contents();

        Keystore.Save(path, KeystoreFiles.Passphrase, replacement);

        KeystoreFiles.AssertSameContents(replacement, Keystore.Open(path, KeystoreFiles.Passphrase));
        var recorded = KeystoreFiles.Read(path)["kdf"]!;
        Assert.Equal(2048, (int)recorded["memoryKiB"]!);
        Assert.Equal(2, (int)recorded["iterations"]!);
        Assert.Equal(2, (int)recorded["parallelism"]!);
        Assert.Empty(Directory.GetFiles(directory.Path, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void Each_write_uses_a_fresh_salt_and_nonce()
    {
        using var directory = new TempDirectory("keystore");
        var path = directory.File("keystore.json");
        var contents = KeystoreFiles.Create(path);
        var first = KeystoreFiles.Read(path);

        Keystore.Save(path, KeystoreFiles.Passphrase, contents);
        var second = KeystoreFiles.Read(path);

        Assert.NotEqual((string)first["kdf"]!["salt"]!, (string)second["kdf"]!["salt"]!);
        Assert.NotEqual((string)first["cipher"]!["nonce"]!, (string)second["cipher"]!["nonce"]!);
        Assert.NotEqual((string)first["ciphertext"]!, (string)second["ciphertext"]!);
        KeystoreFiles.AssertSameContents(contents, Keystore.Open(path, KeystoreFiles.Passphrase));
    }

    [Fact]
    public void Non_ascii_passphrase_round_trips()
    {
        using var directory = new TempDirectory("keystore");
        var path = directory.File("keystore.json");
        const string passphrase = "비밀번호 — pässwörd ✓";
        var contents = KeystoreFiles.Contents();
        Keystore.Create(path, passphrase, contents, KdfParameters.FastForTests);

        KeystoreFiles.AssertSameContents(contents, Keystore.Open(path, passphrase));
        Assert.Throws<KeystoreException>(() => Keystore.Open(path, "비밀번호 — passworld ✓"));
    }

    [Fact]
    public void Create_refuses_to_overwrite_an_existing_keystore_and_leaves_it_intact()
    {
        using var directory = new TempDirectory("keystore");
        var path = directory.File("keystore.json");
        var contents = KeystoreFiles.Create(path);
        var before = File.ReadAllBytes(path);

        var error = Assert.Throws<KeystoreException>(() => Keystore.Create(path, "another passphrase", KeystoreFiles.Contents(), KdfParameters.FastForTests));

        Assert.Contains("already exists", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(path));
        KeystoreFiles.AssertSameContents(contents, Keystore.Open(path, KeystoreFiles.Passphrase));
    }

    [Fact]
    public void Empty_passphrase_and_out_of_range_kdf_are_refused_before_anything_is_written()
    {
        using var directory = new TempDirectory("keystore");
        var path = directory.File("keystore.json");

        Assert.Contains("empty", Assert.Throws<KeystoreException>(() =>
            Keystore.Create(path, "", KeystoreFiles.Contents(), KdfParameters.FastForTests)).Message, StringComparison.Ordinal);
        Assert.Contains("out of range", Assert.Throws<KeystoreException>(() =>
            Keystore.Create(path, KeystoreFiles.Passphrase, KeystoreFiles.Contents(), new KdfParameters { MemoryKiB = 4, Iterations = 1 })).Message,
            StringComparison.Ordinal);
        Assert.Contains("out of range", Assert.Throws<KeystoreException>(() =>
            Keystore.Create(path, KeystoreFiles.Passphrase, KeystoreFiles.Contents(), new KdfParameters { MemoryKiB = 64, Parallelism = 16 })).Message,
            StringComparison.Ordinal);
        Assert.Contains("32 bytes", Assert.Throws<KeystoreException>(() =>
            Keystore.Create(path, KeystoreFiles.Passphrase, new KeystoreContents { OperatorKey = new byte[31] }, KdfParameters.FastForTests)).Message,
            StringComparison.Ordinal);

        Assert.Empty(Directory.GetFileSystemEntries(directory.Path));
    }

    [Fact]
    public void Missing_keystore_is_reported_with_its_path()
    {
        using var directory = new TempDirectory("keystore");
        var path = directory.File("nowhere.json");

        var error = Assert.Throws<KeystoreException>(() => Keystore.Open(path, KeystoreFiles.Passphrase));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }
}
