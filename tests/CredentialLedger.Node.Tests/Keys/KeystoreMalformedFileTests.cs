using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using CredentialLedger.Node.Keys;
using CredentialLedger.TestKit;

namespace CredentialLedger.Node.Tests.Keys;

/// <summary>Files that are not keystores: refused with <see cref="KeystoreException"/> only, cheaply.</summary>
public sealed class KeystoreMalformedFileTests
{
    // Whole-file replacements.
    public static TheoryData<string, string> Texts => new()
    {
        { "empty", "" },
        { "whitespace", "  \n\t " },
        { "not json", "this is not a keystore" },
        { "json array", "[1, 2, 3]" },
        { "json number", "42" },
        { "json string", "\"keystore\"" },
        { "json null", "null" },
        { "empty object", "{}" },
        { "deep nesting", new string('[', 10_000) + new string(']', 10_000) },
    };

    // Edits of a valid file (JSON path = replacement; null value removes the field).
    public static TheoryData<string, string, string?> Edits => new()
    {
        { "missing version", "version", null },
        { "missing kdf", "kdf", null },
        { "missing cipher", "cipher", null },
        { "missing ciphertext", "ciphertext", null },
        { "missing kdf name", "kdf.name", null },
        { "missing salt", "kdf.salt", null },
        { "missing memory", "kdf.memoryKiB", null },
        { "missing iterations", "kdf.iterations", null },
        { "missing parallelism", "kdf.parallelism", null },
        { "missing cipher name", "cipher.name", null },
        { "missing nonce", "cipher.nonce", null },
        { "version 2", "version", "2" },
        { "version 0", "version", "0" },
        { "version as string", "version", "\"1\"" },
        { "version fractional", "version", "1.5" },
        { "kdf scrypt", "kdf.name", "\"scrypt\"" },
        { "kdf as string", "kdf", "\"argon2id\"" },
        { "cipher chacha", "cipher.name", "\"chacha20-poly1305\"" },
        { "memory 100 GiB", "kdf.memoryKiB", "104857600" },
        { "memory beyond int", "kdf.memoryKiB", "4294967296" },
        { "memory huge exponent", "kdf.memoryKiB", "1e300" },
        { "memory negative", "kdf.memoryKiB", "-1024" },
        { "memory zero", "kdf.memoryKiB", "0" },
        { "memory as string", "kdf.memoryKiB", "\"1024\"" },
        { "version null", "version", "null" },
        { "kdf null", "kdf", "null" },
        { "kdf name null", "kdf.name", "null" },
        { "memory null", "kdf.memoryKiB", "null" },
        { "salt null", "kdf.salt", "null" },
        { "nonce null", "cipher.nonce", "null" },
        { "ciphertext null", "ciphertext", "null" },
        { "iterations a million", "kdf.iterations", "1000000" },
        { "iterations zero", "kdf.iterations", "0" },
        { "parallelism zero", "kdf.parallelism", "0" },
        { "parallelism 255", "kdf.parallelism", "255" },
        { "salt not base64", "kdf.salt", "\"not base64!\"" },
        { "salt 8 bytes", "kdf.salt", "\"AAAAAAAAAAA=\"" },
        { "salt empty", "kdf.salt", "\"\"" },
        { "salt as number", "kdf.salt", "7" },
        { "nonce 16 bytes", "cipher.nonce", "\"AAAAAAAAAAAAAAAAAAAAAA==\"" },
        { "nonce as object", "cipher.nonce", "{}" },
        { "ciphertext empty", "ciphertext", "\"\"" },
        { "ciphertext tag only", "ciphertext", "\"AAAAAAAAAAAAAAAAAAAAAA==\"" },
        { "ciphertext not base64", "ciphertext", "\"%%%\"" },
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void File_that_is_not_a_keystore_is_refused_with_a_keystore_exception(string name, string text)
    {
        using var directory = new TempDirectory("keystore");
        var path = directory.File("keystore.json");
        File.WriteAllText(path, text);

        var error = Assert.Throws<KeystoreException>(() => Keystore.Open(path, KeystoreFiles.Passphrase));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(name));
    }

    [Fact]
    public void Binary_garbage_and_truncated_keystores_are_refused_with_a_keystore_exception()
    {
        using var directory = new TempDirectory("keystore");
        var path = directory.File("keystore.json");
        KeystoreFiles.Create(path);
        var valid = File.ReadAllBytes(path);
        var garbage = new byte[4096];
        new Random(42).NextBytes(garbage);

        List<byte[]> cases = [garbage, [0xEF, 0xBB, 0xBF], [0xFF, 0xFE, 0x7B, 0x00], [.. Encoding.UTF8.GetBytes("{\"version\": 1, \"kdf\": \""), 0xFF]];
        for (var length = 1; length < valid.Length; length += Math.Max(1, valid.Length / 40))
            cases.Add(valid[..length]);
        foreach (var bytes in cases)
        {
            File.WriteAllBytes(path, bytes);
            Assert.Throws<KeystoreException>(() => Keystore.Open(path, KeystoreFiles.Passphrase));
        }
    }

    [Theory]
    [MemberData(nameof(Edits))]
    public void Keystore_with_a_missing_or_invalid_field_is_refused_with_a_keystore_exception(string name, string field, string? replacement)
    {
        using var directory = new TempDirectory("keystore");
        var path = directory.File("keystore.json");
        KeystoreFiles.Create(path);
        var json = KeystoreFiles.Read(path);
        var parts = field.Split('.');
        var parent = parts.Length == 1 ? json : json[parts[0]]!.AsObject();
        if (replacement is null)
            Assert.True(parent.Remove(parts[^1]), name);
        else
            parent[parts[^1]] = JsonNode.Parse(replacement);
        KeystoreFiles.Write(path, json);

        var error = Assert.Throws<KeystoreException>(() => Keystore.Open(path, KeystoreFiles.Passphrase));

        // Structural faults name the file; out-of-range KDF parameters say which range.
        Assert.True(error.Message.Contains(path, StringComparison.Ordinal) || error.Message.Contains("out of range", StringComparison.Ordinal),
            error.Message);
    }

    [Theory]
    [InlineData("version", "2", "version 2")]
    [InlineData("kdf.name", "\"scrypt\"", "unsupported key derivation 'scrypt'")]
    [InlineData("cipher.name", "\"chacha20-poly1305\"", "unsupported cipher 'chacha20-poly1305'")]
    [InlineData("kdf.memoryKiB", "104857600", "out of range")]
    [InlineData("kdf.salt", "\"AAAAAAAAAAA=\"", "salt, nonce or ciphertext length")]
    public void Refusal_says_what_is_wrong(string field, string replacement, string expected)
    {
        using var directory = new TempDirectory("keystore");
        var path = directory.File("keystore.json");
        KeystoreFiles.Create(path);
        var json = KeystoreFiles.Read(path);
        var parts = field.Split('.');
        (parts.Length == 1 ? json : json[parts[0]]!.AsObject())[parts[^1]] = JsonNode.Parse(replacement);
        KeystoreFiles.Write(path, json);

        var error = Assert.Throws<KeystoreException>(() => Keystore.Open(path, KeystoreFiles.Passphrase));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Memory_below_8_KiB_per_lane_is_refused()
    {
        using var directory = new TempDirectory("keystore");
        var path = directory.File("keystore.json");
        KeystoreFiles.Create(path);
        var json = KeystoreFiles.Read(path);
        json["kdf"]!["memoryKiB"] = 64;
        json["kdf"]!["parallelism"] = 16;
        KeystoreFiles.Write(path, json);

        var error = Assert.Throws<KeystoreException>(() => Keystore.Open(path, KeystoreFiles.Passphrase));

        Assert.Contains("at least 8 KiB per lane", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(104_857_600, 1, 1)]    // 100 GiB
    [InlineData(4_194_305, 1, 1)]      // just over the 4 GiB cap
    [InlineData(1024, 1_000_000, 1)]
    [InlineData(int.MaxValue, int.MaxValue, int.MaxValue)]
    public void Absurd_kdf_cost_is_refused_before_any_derivation_without_a_large_allocation(int memoryKiB, int iterations, int parallelism)
    {
        using var directory = new TempDirectory("keystore");
        var path = directory.File("keystore.json");
        KeystoreFiles.Create(path);
        var json = KeystoreFiles.Read(path);
        json["kdf"]!["memoryKiB"] = memoryKiB;
        json["kdf"]!["iterations"] = iterations;
        json["kdf"]!["parallelism"] = parallelism;
        KeystoreFiles.Write(path, json);
        Assert.Throws<KeystoreException>(() => Keystore.Open(path, KeystoreFiles.Passphrase)); // warm up (validation caches)

        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var stopwatch = Stopwatch.StartNew();
        var error = Assert.Throws<KeystoreException>(() => Keystore.Open(path, KeystoreFiles.Passphrase));
        stopwatch.Stop();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        Assert.Contains("out of range", error.Message, StringComparison.Ordinal);
        // The fast test KDF alone allocates 1 MiB; an attempted derivation would show here.
        Assert.True(allocated < 256 * 1024, $"Refusing the file allocated {allocated:N0} bytes.");
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(2), $"Refusing the file took {stopwatch.Elapsed}.");
    }

    [Fact]
    public void Directory_in_place_of_the_keystore_is_refused_with_a_keystore_exception()
    {
        using var directory = new TempDirectory("keystore");
        var path = directory.File("keystore.json");
        Directory.CreateDirectory(path);

        Assert.Throws<KeystoreException>(() => Keystore.Open(path, KeystoreFiles.Passphrase));
    }
}
