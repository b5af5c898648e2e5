using System.Text;
using CredentialLedger.Node.Keys;
using CredentialLedger.TestKit;

namespace CredentialLedger.Node.Tests.Keys;

public sealed class KeystoreSecrecyTests
{
    [Fact]
    public void No_secret_appears_in_the_file_as_bytes_hex_or_base64()
    {
        using var directory = new TempDirectory("keystore");
        var path = directory.File("keystore.json");
        var contents = KeystoreFiles.Create(path);
        var file = File.ReadAllBytes(path);
        var text = Encoding.UTF8.GetString(file);

        var secrets = new List<byte[]> { contents.OperatorKey };
        secrets.AddRange(contents.SigningKeys.Select(k => k.PrivateKey));
        Assert.Equal(3, secrets.Count);
        foreach (var secret in secrets)
        {
            Assert.Equal(-1, file.AsSpan().IndexOf(secret));
            // Any 8-byte window of the key, in every encoding the file could carry it.
            for (var i = 0; i + 8 <= secret.Length; i += 4)
            {
                var window = secret.AsSpan(i, 8);
                Assert.Equal(-1, file.AsSpan().IndexOf(window));
                Assert.DoesNotContain(Convert.ToHexString(window), text, StringComparison.OrdinalIgnoreCase);
            }
            Assert.DoesNotContain(Convert.ToBase64String(secret).TrimEnd('=')[..20], text, StringComparison.Ordinal);
        }
        Assert.DoesNotContain(KeystoreFiles.Passphrase, text, StringComparison.Ordinal);
        // Only the header and the sealed box are in the clear.
        Assert.DoesNotContain("privateKey", text, StringComparison.Ordinal);
        Assert.DoesNotContain("operatorKey", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Keystore_file_is_readable_by_its_owner_only()
    {
        if (OperatingSystem.IsWindows())
            return; // Unix file modes only.
        using var directory = new TempDirectory("keystore");
        var path = directory.File("keystore.json");
        var contents = KeystoreFiles.Create(path);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));

        Keystore.Save(path, KeystoreFiles.Passphrase, contents);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public void String_forms_of_the_contents_carry_no_key_material()
    {
        var contents = KeystoreFiles.Contents();
        var rendered = contents + " " + string.Join(" ", contents.SigningKeys.Select(k => k.ToString()));

        Assert.DoesNotContain(Convert.ToHexString(contents.OperatorKey), rendered, StringComparison.OrdinalIgnoreCase);
        foreach (var key in contents.SigningKeys)
        {
            Assert.DoesNotContain(Convert.ToHexString(key.PrivateKey), rendered, StringComparison.OrdinalIgnoreCase);
            Assert.Contains(key.KeyId.ToString(), rendered, StringComparison.Ordinal);
        }
    }
}
