using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CredentialLedger.Node.Keys;
using CredentialLedger.TestKit;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using KdfParameters = CredentialLedger.Node.Keys.KdfParameters;

namespace CredentialLedger.Node.Tests.Keys;

/// <summary>The keystore's KDF is Argon2id version 0x13 (RFC 9106), with the parameters the file records.</summary>
public sealed class Argon2idTests
{
    // RFC 9106 section 5.3 (Argon2id test vector).
    private static readonly byte[] RfcPassword = Enumerable.Repeat((byte)0x01, 32).ToArray();
    private static readonly byte[] RfcSalt = Enumerable.Repeat((byte)0x02, 16).ToArray();
    private static readonly byte[] RfcSecret = Enumerable.Repeat((byte)0x03, 8).ToArray();
    private static readonly byte[] RfcAssociated = Enumerable.Repeat((byte)0x04, 12).ToArray();
    private static readonly byte[] RfcTag = Convert.FromHexString("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659");

    [Fact]
    public void Keystore_argon2id_gives_the_rfc_9106_tag()
    {
        var kdf = new KdfParameters { MemoryKiB = 32, Iterations = 3, Parallelism = 4 };

        var tag = Keystore.Argon2id(RfcPassword, RfcSalt, kdf, 32, RfcSecret, RfcAssociated);

        Assert.Equal(RfcTag, tag);
    }

    [Fact]
    public void Bouncy_castle_argon2id_gives_the_rfc_9106_tag()
    {
        var parameters = new Argon2Parameters.Builder(Argon2Parameters.Argon2id)
            .WithVersion(Argon2Parameters.Version13)
            .WithMemoryAsKB(32)
            .WithIterations(3)
            .WithParallelism(4)
            .WithSalt(RfcSalt)
            .WithSecret(RfcSecret)
            .WithAdditional(RfcAssociated)
            .Build();
        var generator = new Argon2BytesGenerator();
        generator.Init(parameters);
        var tag = new byte[32];

        generator.GenerateBytes(RfcPassword, tag);

        Assert.Equal(RfcTag, tag);
    }

    [Theory]
    [InlineData(1024, 1, 1)]
    [InlineData(2048, 2, 2)]
    [InlineData(64, 3, 4)]
    [InlineData(8, 1, 1)]
    public void Derived_key_is_argon2id_of_the_utf8_passphrase_with_the_mapped_parameters(int memoryKiB, int iterations, int parallelism)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        const string passphrase = "päss phrase ✓";
        var kdf = new KdfParameters { MemoryKiB = memoryKiB, Iterations = iterations, Parallelism = parallelism };

        var key = Keystore.DeriveKey(passphrase, salt, kdf);

        Assert.Equal(BouncyCastleArgon2id(Encoding.UTF8.GetBytes(passphrase), salt, memoryKiB, iterations, parallelism), key);
    }

    [Fact]
    public void Each_parameter_and_the_salt_change_the_derived_key()
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var otherSalt = (byte[])salt.Clone();
        otherSalt[0] ^= 1;
        var baseline = new KdfParameters { MemoryKiB = 64, Iterations = 1, Parallelism = 1 };

        var keys = new[]
        {
            Keystore.DeriveKey("p", salt, baseline),
            Keystore.DeriveKey("p", otherSalt, baseline),
            Keystore.DeriveKey("q", salt, baseline),
            Keystore.DeriveKey("p", salt, new KdfParameters { MemoryKiB = 72, Iterations = 1, Parallelism = 1 }),
            Keystore.DeriveKey("p", salt, new KdfParameters { MemoryKiB = 64, Iterations = 2, Parallelism = 1 }),
            Keystore.DeriveKey("p", salt, new KdfParameters { MemoryKiB = 64, Iterations = 1, Parallelism = 2 }),
        };

        Assert.All(keys, k => Assert.Equal(32, k.Length));
        Assert.Equal(keys.Length, keys.Select(Convert.ToHexString).Distinct().Count());
        Assert.Equal(keys[0], Keystore.DeriveKey("p", salt, baseline));
    }

    [Fact]
    public void Keystore_file_decrypts_independently_with_argon2id_of_its_recorded_parameters()
    {
        // Pins the on-disk format: Argon2id (BouncyCastle, parameters read from the file) then AES-256-GCM with the
        // header as associated data.
        using var directory = new TempDirectory("keystore");
        var path = directory.File("keystore.json");
        var contents = KeystoreFiles.Contents();
        Keystore.Create(path, KeystoreFiles.Passphrase, contents, new KdfParameters { MemoryKiB = 256, Iterations = 2, Parallelism = 2 });
        using var file = JsonDocument.Parse(File.ReadAllBytes(path));
        var kdf = file.RootElement.GetProperty("kdf");
        Assert.Equal("argon2id", kdf.GetProperty("name").GetString());
        Assert.Equal(1, file.RootElement.GetProperty("version").GetInt32());
        var (m, t, p) = (kdf.GetProperty("memoryKiB").GetInt32(), kdf.GetProperty("iterations").GetInt32(), kdf.GetProperty("parallelism").GetInt32());
        Assert.Equal((256, 2, 2), (m, t, p));
        var saltText = kdf.GetProperty("salt").GetString()!;
        var nonceText = file.RootElement.GetProperty("cipher").GetProperty("nonce").GetString()!;
        var sealedBox = Convert.FromBase64String(file.RootElement.GetProperty("ciphertext").GetString()!);

        var key = BouncyCastleArgon2id(Encoding.UTF8.GetBytes(KeystoreFiles.Passphrase), Convert.FromBase64String(saltText), m, t, p);
        var associated = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"credledger-keystore|v1|argon2id|{m}|{t}|{p}|{saltText}|aes-256-gcm|{nonceText}"));
        var plaintext = new byte[sealedBox.Length - 16];
        using (var aes = new AesGcm(key, 16))
            aes.Decrypt(Convert.FromBase64String(nonceText), sealedBox.AsSpan(0, plaintext.Length), sealedBox.AsSpan(plaintext.Length), plaintext, associated);

        using var inner = JsonDocument.Parse(plaintext);
        Assert.Equal(contents.OperatorKey, Convert.FromHexString(inner.RootElement.GetProperty("operatorKey").GetString()!));
        Assert.Equal(contents.SigningKeys.Select(k => Convert.ToHexString(k.PrivateKey)),
            inner.RootElement.GetProperty("signingKeys").EnumerateArray().Select(k => k.GetProperty("privateKey").GetString()!));
    }

    private static byte[] BouncyCastleArgon2id(byte[] password, byte[] salt, int memoryKiB, int iterations, int parallelism)
    {
        var generator = new Argon2BytesGenerator();
        generator.Init(new Argon2Parameters.Builder(Argon2Parameters.Argon2id)
            .WithVersion(Argon2Parameters.Version13)
            .WithMemoryAsKB(memoryKiB)
            .WithIterations(iterations)
            .WithParallelism(parallelism)
            .WithSalt(salt)
            .Build());
        var output = new byte[32];
        generator.GenerateBytes(password, output);
        return output;
    }
}
