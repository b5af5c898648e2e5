using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CredentialLedger.Evm;
using CredentialLedger.Evm.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;

namespace CredentialLedger.Node.Keys;

/// <summary>
/// The node's keystore file: the operator account key, the credential-signing keys and the keys of the chambers of
/// commerce the node serves, encrypted at rest with
/// AES-256-GCM under a key derived from a passphrase by Argon2id (RFC 9106). The header (version, KDF and its
/// parameters, salt, cipher, nonce) is authenticated as associated data, so changing any of it fails decryption.
/// File format: see Keys/README.md.
/// </summary>
public static class Keystore
{
    private const int Version = 1;
    private const int SaltSize = 16;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Fresh secrets: a new operator key and one new signing key valid from a minute ago.</summary>
    public static KeystoreContents Generate(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        using var operatorKey = PrivateKey.Generate();
        return new KeystoreContents
        {
            OperatorKey = operatorKey.ExportBytes(),
            SigningKeys = [NewSigningKey(time, time.GetUtcNow().AddMinutes(-1))],
        };
    }

    /// <summary>A new P-256 signing key.</summary>
    public static SigningKeyEntry NewSigningKey(TimeProvider time, DateTimeOffset validFrom)
    {
        ArgumentNullException.ThrowIfNull(time);
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var d = ecdsa.ExportParameters(true).D!;
        return new SigningKeyEntry(SigningKeyEntry.KeyIdOf(d), d, time.GetUtcNow(), TruncateToSeconds(validFrom), null);
    }

    /// <summary>Fresh keys for a chamber of commerce: a new chain account key and one new signing key valid from a minute ago.</summary>
    public static ChamberKeys NewChamber(string chamberId, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(chamberId);
        ArgumentNullException.ThrowIfNull(time);
        using var accountKey = PrivateKey.Generate();
        return new ChamberKeys(chamberId, accountKey.ExportBytes(), [NewSigningKey(time, time.GetUtcNow().AddMinutes(-1))]);
    }

    /// <summary>Creates the keystore file; refuses to overwrite one.</summary>
    /// <exception cref="KeystoreException">The file exists, or cannot be written.</exception>
    public static void Create(string path, ReadOnlySpan<char> passphrase, KeystoreContents contents, KdfParameters? kdf = null)
    {
        if (File.Exists(path))
            throw new KeystoreException($"{path} already exists; refusing to overwrite it.");
        Write(path, passphrase, contents, kdf ?? KdfParameters.Default);
    }

    /// <summary>Replaces the keystore file atomically (temp file, flush, rename); keeps its KDF cost when null.</summary>
    public static void Save(string path, ReadOnlySpan<char> passphrase, KeystoreContents contents, KdfParameters? kdf = null)
    {
        if (kdf is null && File.Exists(path))
            kdf = ReadHeader(path).Kdf;
        Write(path, passphrase, contents, kdf ?? KdfParameters.Default);
    }

    /// <summary>Opens and decrypts the keystore.</summary>
    /// <exception cref="KeystoreException">Missing, malformed, unsupported, wrong passphrase or altered.</exception>
    public static KeystoreContents Open(string path, ReadOnlySpan<char> passphrase)
    {
        var header = ReadHeader(path);
        var key = DeriveKey(passphrase, header.Salt, header.Kdf);
        var plaintext = new byte[header.Ciphertext.Length - TagSize];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(header.Nonce, header.Ciphertext.AsSpan(0, plaintext.Length), header.Ciphertext.AsSpan(plaintext.Length), plaintext,
                AssociatedData(header.Kdf, header.Salt, header.Nonce));
            return ParseContents(plaintext);
        }
        catch (AuthenticationTagMismatchException e)
        {
            throw new KeystoreException("Cannot open the keystore: wrong passphrase, or the keystore file was altered.", e);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    private static void Write(string path, ReadOnlySpan<char> passphrase, KeystoreContents contents, KdfParameters kdf)
    {
        ArgumentNullException.ThrowIfNull(contents);
        kdf.Validate();
        if (passphrase.IsEmpty)
            throw new KeystoreException("The passphrase is empty.");
        var salt = RandomNumberGenerator.GetBytes(SaltSize);
        var nonce = RandomNumberGenerator.GetBytes(NonceSize);
        var key = DeriveKey(passphrase, salt, kdf);
        var plaintext = SerializeContents(contents);
        var sealed_ = new byte[plaintext.Length + TagSize];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Encrypt(nonce, plaintext, sealed_.AsSpan(0, plaintext.Length), sealed_.AsSpan(plaintext.Length), AssociatedData(kdf, salt, nonce));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            CryptographicOperations.ZeroMemory(plaintext);
        }

        var file = new JsonObject
        {
            ["version"] = Version,
            ["kdf"] = new JsonObject
            {
                ["name"] = "argon2id",
                ["memoryKiB"] = kdf.MemoryKiB,
                ["iterations"] = kdf.Iterations,
                ["parallelism"] = kdf.Parallelism,
                ["salt"] = Convert.ToBase64String(salt),
            },
            ["cipher"] = new JsonObject { ["name"] = "aes-256-gcm", ["nonce"] = Convert.ToBase64String(nonce) },
            ["ciphertext"] = Convert.ToBase64String(sealed_),
        };
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            var streamOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
                streamOptions.UnixCreateMode = OwnerOnly;
            using (var stream = new FileStream(temp, streamOptions))
            {
                stream.Write(Encoding.UTF8.GetBytes(file.ToJsonString(new JsonSerializerOptions { WriteIndented = true })));
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(temp);
            throw new KeystoreException($"Cannot write the keystore {path}: {e.Message}", e);
        }
    }

    private sealed record Header(KdfParameters Kdf, byte[] Salt, byte[] Nonce, byte[] Ciphertext);

    private static Header ReadHeader(string path)
    {
        if (!File.Exists(path))
            throw new KeystoreException($"The keystore {path} does not exist: run 'credledger init'.");
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            var version = root.GetProperty("version").GetInt32();
            if (version != Version)
                throw new KeystoreException($"The keystore {path} has version {version}; this node reads version {Version}.");
            var kdf = root.GetProperty("kdf");
            if (kdf.GetProperty("name").GetString() != "argon2id")
                throw new KeystoreException($"The keystore {path} uses an unsupported key derivation '{kdf.GetProperty("name").GetString()}'.");
            var cipher = root.GetProperty("cipher");
            if (cipher.GetProperty("name").GetString() != "aes-256-gcm")
                throw new KeystoreException($"The keystore {path} uses an unsupported cipher '{cipher.GetProperty("name").GetString()}'.");
            var parameters = new KdfParameters
            {
                MemoryKiB = kdf.GetProperty("memoryKiB").GetInt32(),
                Iterations = kdf.GetProperty("iterations").GetInt32(),
                Parallelism = kdf.GetProperty("parallelism").GetInt32(),
            };
            parameters.Validate();
            var salt = Base64(kdf, "salt");
            var nonce = Base64(cipher, "nonce");
            var ciphertext = Base64(root, "ciphertext");
            if (salt.Length != SaltSize || nonce.Length != NonceSize || ciphertext.Length <= TagSize)
                throw new KeystoreException($"The keystore {path} is malformed (salt, nonce or ciphertext length).");
            return new Header(parameters, salt, nonce, ciphertext);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new KeystoreException($"The keystore {path} is not a keystore file: {e.Message}", e);
        }
    }

    // A JSON null reads as a null string, which Convert would reject with ArgumentNullException: name the field instead.
    private static byte[] Base64(JsonElement parent, string name) =>
        Convert.FromBase64String(parent.GetProperty(name).GetString() ?? throw new FormatException($"'{name}' is null."));

    // The header fields in one fixed rendering: what the AEAD authenticates.
    private static byte[] AssociatedData(KdfParameters kdf, byte[] salt, byte[] nonce) => Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture,
        $"credledger-keystore|v{Version}|argon2id|{kdf.MemoryKiB}|{kdf.Iterations}|{kdf.Parallelism}|{Convert.ToBase64String(salt)}|aes-256-gcm|{Convert.ToBase64String(nonce)}"));

    /// <summary>Argon2id (version 0x13) of the UTF-8 passphrase: a 32-byte key.</summary>
    internal static byte[] DeriveKey(ReadOnlySpan<char> passphrase, byte[] salt, KdfParameters kdf)
    {
        var password = new byte[Encoding.UTF8.GetByteCount(passphrase)];
        Encoding.UTF8.GetBytes(passphrase, password);
        try
        {
            return Argon2id(password, salt, kdf, 32);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(password);
        }
    }

    internal static byte[] Argon2id(byte[] password, byte[] salt, KdfParameters kdf, int length, byte[]? secret = null, byte[]? associated = null)
    {
        var builder = new Argon2Parameters.Builder(Argon2Parameters.Argon2id)
            .WithVersion(Argon2Parameters.Version13)
            .WithMemoryAsKB(kdf.MemoryKiB)
            .WithIterations(kdf.Iterations)
            .WithParallelism(kdf.Parallelism)
            .WithSalt(salt);
        if (secret is not null)
            builder.WithSecret(secret);
        if (associated is not null)
            builder.WithAdditional(associated);
        var generator = new Argon2BytesGenerator();
        generator.Init(builder.Build());
        var output = new byte[length];
        generator.GenerateBytes(password, output);
        return output;
    }

    private static byte[] SerializeContents(KeystoreContents contents)
    {
        if (contents.OperatorKey is not { Length: 32 })
            throw new KeystoreException("The operator key must be 32 bytes.");
        var chambers = new JsonArray();
        foreach (var c in contents.Chambers)
        {
            if (c.AccountKey is not { Length: 32 })
                throw new KeystoreException($"Chamber {c.ChamberId}'s account key must be 32 bytes.");
            chambers.Add(new JsonObject
            {
                ["id"] = c.ChamberId,
                ["accountKey"] = Convert.ToHexString(c.AccountKey),
                ["signingKeys"] = SerializeKeys(c.SigningKeys),
            });
        }
        var json = new JsonObject
        {
            ["operatorKey"] = Convert.ToHexString(contents.OperatorKey),
            ["signingKeys"] = SerializeKeys(contents.SigningKeys),
            ["chambers"] = chambers,
        };
        return Encoding.UTF8.GetBytes(json.ToJsonString());
    }

    private static JsonArray SerializeKeys(IEnumerable<SigningKeyEntry> signingKeys)
    {
        var keys = new JsonArray();
        foreach (var k in signingKeys)
        {
            if (k.PrivateKey is not { Length: 32 })
                throw new KeystoreException($"Signing key {k.KeyId} must be 32 bytes.");
            keys.Add(new JsonObject
            {
                ["keyId"] = k.KeyId.ToString(),
                ["privateKey"] = Convert.ToHexString(k.PrivateKey),
                ["createdAt"] = k.CreatedAt.ToUnixTimeSeconds(),
                ["validFrom"] = k.ValidFrom.ToUnixTimeSeconds(),
                ["retiredAt"] = k.RetiredAt?.ToUnixTimeSeconds(),
            });
        }
        return keys;
    }

    private static KeystoreContents ParseContents(byte[] plaintext)
    {
        try
        {
            using var document = JsonDocument.Parse(plaintext);
            var root = document.RootElement;
            var operatorKey = Convert.FromHexString(root.GetProperty("operatorKey").GetString()!);
            var keys = ParseKeys(root.GetProperty("signingKeys"));
            if (operatorKey.Length != 32)
                throw new KeystoreException("The keystore's operator key is not 32 bytes.");
            // Keystores written before chambers were served have no "chambers": none.
            var chambers = new List<ChamberKeys>();
            if (root.TryGetProperty("chambers", out var list))
            {
                foreach (var c in list.EnumerateArray())
                {
                    var id = c.GetProperty("id").GetString() ?? throw new FormatException("A chamber id is null.");
                    var accountKey = Convert.FromHexString(c.GetProperty("accountKey").GetString()!);
                    if (accountKey.Length != 32)
                        throw new KeystoreException($"Chamber {id}'s account key in the keystore is not 32 bytes.");
                    if (chambers.Any(x => x.ChamberId == id))
                        throw new KeystoreException($"Chamber {id} is in the keystore twice.");
                    chambers.Add(new ChamberKeys(id, accountKey, ParseKeys(c.GetProperty("signingKeys"))));
                }
            }
            return new KeystoreContents { OperatorKey = operatorKey, SigningKeys = keys, Chambers = chambers };
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new KeystoreException("The keystore decrypted but its contents are malformed.", e);
        }
    }

    private static List<SigningKeyEntry> ParseKeys(JsonElement array)
    {
        var keys = new List<SigningKeyEntry>();
        foreach (var k in array.EnumerateArray())
        {
            var d = Convert.FromHexString(k.GetProperty("privateKey").GetString()!);
            var keyId = Hash32.Parse(k.GetProperty("keyId").GetString()!);
            if (d.Length != 32 || SigningKeyEntry.KeyIdOf(d) != keyId)
                throw new KeystoreException($"Signing key {keyId} in the keystore does not match its private key.");
            var retired = k.GetProperty("retiredAt");
            keys.Add(new SigningKeyEntry(keyId, d,
                DateTimeOffset.FromUnixTimeSeconds(k.GetProperty("createdAt").GetInt64()),
                DateTimeOffset.FromUnixTimeSeconds(k.GetProperty("validFrom").GetInt64()),
                retired.ValueKind == JsonValueKind.Null ? null : DateTimeOffset.FromUnixTimeSeconds(retired.GetInt64())));
        }
        return keys;
    }

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset time) => DateTimeOffset.FromUnixTimeSeconds(time.ToUnixTimeSeconds());
}
