using CredentialLedger.Evm.Crypto;
using CredentialLedger.Node.Keys;
using CredentialLedger.TestKit;

namespace CredentialLedger.Node.Tests.Keys;

/// <summary>The keys of the chambers a node serves live in its keystore, next to its own, and round-trip with it.</summary>
public sealed class KeystoreChamberTests
{
    [Fact]
    public void Chamber_keys_round_trip_with_the_nodes_own_keys()
    {
        using var directory = new TempDirectory("keystore");
        var path = directory.File("keystore.json");
        var contents = KeystoreFiles.Contents();
        var kcci = Keystore.NewChamber("KR-KCCI", KeystoreFiles.Time);
        kcci.SigningKeys[0] = kcci.SigningKeys[0] with { RetiredAt = KeystoreFiles.Time.GetUtcNow() };
        kcci.SigningKeys.Add(Keystore.NewSigningKey(KeystoreFiles.Time, KeystoreFiles.Time.GetUtcNow()));
        contents.Chambers.Add(kcci);
        contents.Chambers.Add(Keystore.NewChamber("KR-BUSAN", KeystoreFiles.Time));
        Keystore.Create(path, KeystoreFiles.Passphrase, contents, KdfParameters.FastForTests);

        var opened = Keystore.Open(path, KeystoreFiles.Passphrase);

        KeystoreFiles.AssertSameContents(contents, opened);
        Assert.Equal(["KR-KCCI", "KR-BUSAN"], opened.Chambers.Select(c => c.ChamberId));
        var read = opened.Chamber("KR-KCCI")!;
        Assert.Equal(kcci.AccountKey, read.AccountKey);
        Assert.Equal(kcci.SigningKeys.Select(k => (k.KeyId, k.PrivateKey)), read.SigningKeys.Select(k => (k.KeyId, k.PrivateKey)));
        Assert.Equal(kcci.SigningKeys[1].KeyId, read.CurrentSigningKey.KeyId);
        Assert.Null(opened.Chamber("KR-NONE"));
    }

    [Fact]
    public void A_new_chamber_has_its_own_account_and_signing_key_distinct_from_the_nodes()
    {
        var contents = Keystore.Generate(KeystoreFiles.Time);
        var chamber = Keystore.NewChamber("KR-KCCI", KeystoreFiles.Time);

        using var account = PrivateKey.FromBytes(chamber.AccountKey);
        using var operatorKey = PrivateKey.FromBytes(contents.OperatorKey);
        Assert.NotEqual(operatorKey.Address, account.Address);
        Assert.NotEqual(contents.CurrentSigningKey.KeyId, chamber.CurrentSigningKey.KeyId);
        Assert.Equal(SigningKeyEntry.KeyIdOf(chamber.CurrentSigningKey.PrivateKey), chamber.CurrentSigningKey.KeyId);
        Assert.True(chamber.CurrentSigningKey.ValidFrom <= KeystoreFiles.Time.GetUtcNow());
    }

    [Fact]
    public void Printing_chamber_keys_shows_no_key_material()
    {
        var chamber = Keystore.NewChamber("KR-KCCI", KeystoreFiles.Time);
        var contents = Keystore.Generate(KeystoreFiles.Time);
        contents.Chambers.Add(chamber);

        foreach (var text in new[] { chamber.ToString(), contents.ToString() })
        {
            Assert.DoesNotContain(Convert.ToHexString(chamber.AccountKey), text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(Convert.ToHexString(chamber.CurrentSigningKey.PrivateKey), text, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Equal("ChamberKeys(KR-KCCI, 1 signing key(s))", chamber.ToString());
    }

    [Fact]
    public void A_chamber_with_every_key_retired_has_no_current_key()
    {
        var chamber = Keystore.NewChamber("KR-KCCI", KeystoreFiles.Time);
        chamber.SigningKeys[0] = chamber.SigningKeys[0] with { RetiredAt = KeystoreFiles.Time.GetUtcNow() };

        var error = Assert.Throws<KeystoreException>(() => chamber.CurrentSigningKey);
        Assert.Equal("Chamber KR-KCCI has no current signing key.", error.Message);
    }
}
