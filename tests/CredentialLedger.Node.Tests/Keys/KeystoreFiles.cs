using System.Text.Json.Nodes;
using CredentialLedger.Node.Keys;
using Microsoft.Extensions.Time.Testing;

namespace CredentialLedger.Node.Tests.Keys;

/// <summary>Keystore files for the keystore tests: written with the fast test KDF, edited as JSON.</summary>
internal static class KeystoreFiles
{
    public const string Passphrase = "correct horse battery staple";

    public static readonly FakeTimeProvider Time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    /// <summary>An operator key and two signing keys, the first retired.</summary>
    public static KeystoreContents Contents()
    {
        var contents = Keystore.Generate(Time);
        var first = contents.SigningKeys[0];
        contents.SigningKeys[0] = first with { RetiredAt = Time.GetUtcNow().AddDays(30) };
        contents.SigningKeys.Add(Keystore.NewSigningKey(Time, Time.GetUtcNow().AddDays(30)));
        return contents;
    }

    /// <summary>Creates a keystore at <paramref name="path"/> and returns what it holds.</summary>
    public static KeystoreContents Create(string path)
    {
        var contents = Contents();
        Keystore.Create(path, Passphrase, contents, KdfParameters.FastForTests);
        return contents;
    }

    public static JsonObject Read(string path) => JsonNode.Parse(File.ReadAllText(path))!.AsObject();

    public static void Write(string path, JsonNode json) => File.WriteAllText(path, json.ToJsonString());

    /// <summary>Decodes a base64 field, applies <paramref name="change"/>, encodes it back.</summary>
    public static string Alter(string base64, Action<byte[]> change)
    {
        var bytes = Convert.FromBase64String(base64);
        change(bytes);
        return Convert.ToBase64String(bytes);
    }

    public static void AssertSameContents(KeystoreContents expected, KeystoreContents actual)
    {
        Assert.Equal(expected.OperatorKey, actual.OperatorKey);
        Assert.Equal(expected.SigningKeys.Count, actual.SigningKeys.Count);
        for (var i = 0; i < expected.SigningKeys.Count; i++)
        {
            var e = expected.SigningKeys[i];
            var a = actual.SigningKeys[i];
            Assert.Equal(e.KeyId, a.KeyId);
            Assert.Equal(e.PrivateKey, a.PrivateKey);
            Assert.Equal(e.CreatedAt.ToUnixTimeSeconds(), a.CreatedAt.ToUnixTimeSeconds());
            Assert.Equal(e.ValidFrom, a.ValidFrom);
            Assert.Equal(e.RetiredAt?.ToUnixTimeSeconds(), a.RetiredAt?.ToUnixTimeSeconds());
        }
    }
}
