using CredentialLedger.Node.Keys;

namespace CredentialLedger.Node.Issuance;

/// <summary>
/// The open keystore of a running node: its contents and what is needed to save a change (the file and the
/// passphrase, held in memory while the node runs).
/// </summary>
public sealed class KeystoreHandle(string path, string passphrase, KeystoreContents contents)
{
    private readonly Lock _lock = new();

    /// <summary>The decrypted contents (do not log).</summary>
    public KeystoreContents Contents => contents;

    /// <summary>The keystore file.</summary>
    public string Path => path;

    /// <summary>Changes the contents and saves the file atomically.</summary>
    public void Update(Action<KeystoreContents> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_lock)
        {
            change(contents);
            Keystore.Save(path, passphrase, contents);
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"KeystoreHandle({path})";
}
