using System.Security.Cryptography;
using System.Text.Json.Nodes;
using CredentialLedger.Node.Keys;
using CredentialLedger.TestKit;

namespace CredentialLedger.Node.Tests.Keys;

/// <summary>Every authenticated part of the file, altered: the keystore refuses it rather than return other contents.</summary>
public sealed class KeystoreTamperingTests
{
    public static TheoryData<string> Alterations => new()
    {
        "ciphertext first byte",
        "ciphertext middle byte",
        "ciphertext last plaintext byte",
        "tag first byte",
        "tag last byte",
        "nonce",
        "salt",
        "memory raised",
        "memory lowered",
        "iterations raised",
        "parallelism raised",
    };

    [Theory]
    [MemberData(nameof(Alterations))]
    public void Altered_keystore_is_refused_as_altered_never_decrypted_to_other_contents(string alteration)
    {
        using var directory = new TempDirectory("keystore");
        var path = directory.File("keystore.json");
        KeystoreFiles.Create(path);
        var json = KeystoreFiles.Read(path);
        Alter(json, alteration);
        KeystoreFiles.Write(path, json);

        var error = Assert.Throws<KeystoreException>(() => Keystore.Open(path, KeystoreFiles.Passphrase));

        Assert.Contains("altered", error.Message, StringComparison.Ordinal);
        Assert.IsType<AuthenticationTagMismatchException>(error.InnerException);
    }

    [Fact]
    public void Ciphertext_of_another_keystore_under_the_same_passphrase_is_refused()
    {
        // The header binds the ciphertext: splicing another file's ciphertext (with its own, different salt and nonce
        // not copied) cannot open.
        using var directory = new TempDirectory("keystore");
        var a = directory.File("a.json");
        var b = directory.File("b.json");
        KeystoreFiles.Create(a);
        KeystoreFiles.Create(b);
        var json = KeystoreFiles.Read(a);
        json["ciphertext"] = (string)KeystoreFiles.Read(b)["ciphertext"]!;
        KeystoreFiles.Write(a, json);

        Assert.IsType<AuthenticationTagMismatchException>(Assert.Throws<KeystoreException>(() => Keystore.Open(a, KeystoreFiles.Passphrase)).InnerException);
    }

    [Fact]
    public void Unaltered_json_reformatted_still_opens()
    {
        // Control for the tests above: rewriting the same values (compact JSON, other key order) is not an alteration.
        using var directory = new TempDirectory("keystore");
        var path = directory.File("keystore.json");
        var contents = KeystoreFiles.Create(path);
        var json = KeystoreFiles.Read(path);
        var reordered = new JsonObject
        {
            ["ciphertext"] = json["ciphertext"]!.DeepClone(),
            ["cipher"] = json["cipher"]!.DeepClone(),
            ["kdf"] = json["kdf"]!.DeepClone(),
            ["version"] = json["version"]!.DeepClone(),
        };
        KeystoreFiles.Write(path, reordered);

        KeystoreFiles.AssertSameContents(contents, Keystore.Open(path, KeystoreFiles.Passphrase));
    }

    private static void Alter(JsonObject json, string alteration)
    {
        var kdf = json["kdf"]!.AsObject();
        var cipher = json["cipher"]!.AsObject();
        var ciphertext = (string)json["ciphertext"]!;
        var tagStart = Convert.FromBase64String(ciphertext).Length - 16;
        switch (alteration)
        {
            case "ciphertext first byte":
                json["ciphertext"] = KeystoreFiles.Alter(ciphertext, b => b[0] ^= 0x01);
                break;
            case "ciphertext middle byte":
                json["ciphertext"] = KeystoreFiles.Alter(ciphertext, b => b[tagStart / 2] ^= 0x80);
                break;
            case "ciphertext last plaintext byte":
                json["ciphertext"] = KeystoreFiles.Alter(ciphertext, b => b[tagStart - 1] ^= 0x01);
                break;
            case "tag first byte":
                json["ciphertext"] = KeystoreFiles.Alter(ciphertext, b => b[tagStart] ^= 0x01);
                break;
            case "tag last byte":
                json["ciphertext"] = KeystoreFiles.Alter(ciphertext, b => b[^1] ^= 0x01);
                break;
            case "nonce":
                cipher["nonce"] = KeystoreFiles.Alter((string)cipher["nonce"]!, b => b[5] ^= 0x01);
                break;
            case "salt":
                kdf["salt"] = KeystoreFiles.Alter((string)kdf["salt"]!, b => b[15] ^= 0x01);
                break;
            case "memory raised":
                kdf["memoryKiB"] = (int)kdf["memoryKiB"]! * 2;
                break;
            case "memory lowered":
                kdf["memoryKiB"] = (int)kdf["memoryKiB"]! - 8;
                break;
            case "iterations raised":
                kdf["iterations"] = (int)kdf["iterations"]! + 1;
                break;
            case "parallelism raised":
                kdf["parallelism"] = (int)kdf["parallelism"]! + 1;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(alteration), alteration, null);
        }
    }
}
