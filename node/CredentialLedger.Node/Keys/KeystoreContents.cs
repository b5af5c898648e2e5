using System.Security.Cryptography;
using CredentialLedger.Evm;
using CredentialLedger.Evm.Crypto;

namespace CredentialLedger.Node.Keys;

/// <summary>A credential-signing key (P-256) in the keystore.</summary>
/// <param name="KeyId">keccak-256 of the 65-byte uncompressed public key: the on-chain key id.</param>
/// <param name="PrivateKey">The 32-byte private scalar.</param>
/// <param name="CreatedAt">When it was generated.</param>
/// <param name="ValidFrom">From when it is registered as valid on chain.</param>
/// <param name="RetiredAt">When the node stopped signing with it (it stays valid on chain for what it signed).</param>
public sealed record SigningKeyEntry(Hash32 KeyId, byte[] PrivateKey, DateTimeOffset CreatedAt, DateTimeOffset ValidFrom, DateTimeOffset? RetiredAt)
{
    /// <summary>The key id of the P-256 key with private scalar <paramref name="privateKey"/>.</summary>
    public static Hash32 KeyIdOf(ReadOnlySpan<byte> privateKey)
    {
        using var ecdsa = ECDsa.Create();
        ecdsa.ImportParameters(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = privateKey.ToArray() });
        var q = ecdsa.ExportParameters(false).Q;
        var publicKey = new byte[65];
        publicKey[0] = 0x04;
        q.X!.CopyTo(publicKey, 1);
        q.Y!.CopyTo(publicKey, 33);
        return Keccak256.Hash(publicKey);
    }

    /// <inheritdoc />
    public override string ToString() => $"SigningKeyEntry({KeyId}, created {CreatedAt:O}, valid from {ValidFrom:O}, retired {RetiredAt:O})";
}

/// <summary>
/// The secrets of a chamber of commerce this node serves: its own chain account key (it anchors and revokes its
/// certificates of origin from that account, as OriginRegistry requires) and its P-256 signing keys. They are the
/// chamber's, not the member's: the chamber can be moved to a node of its own with them.
/// </summary>
/// <param name="ChamberId">The chamber id as printed (ASCII, e.g. KR-KCCI).</param>
/// <param name="AccountKey">The chamber account's secp256k1 private key (32 bytes).</param>
/// <param name="SigningKeys">Its certificate-signing keys, oldest first.</param>
public sealed record ChamberKeys(string ChamberId, byte[] AccountKey, List<SigningKeyEntry> SigningKeys)
{
    /// <summary>The newest key not retired: the one the chamber signs with.</summary>
    /// <exception cref="KeystoreException">Every key is retired.</exception>
    public SigningKeyEntry CurrentSigningKey =>
        SigningKeys.LastOrDefault(k => k.RetiredAt is null) ?? throw new KeystoreException($"Chamber {ChamberId} has no current signing key.");

    /// <inheritdoc />
    public override string ToString() => $"ChamberKeys({ChamberId}, {SigningKeys.Count} signing key(s))";
}

/// <summary>The secrets of a node: the operator account key, the credential-signing keys, and the keys of the chambers it serves.</summary>
public sealed class KeystoreContents
{
    /// <summary>The operator account's secp256k1 private key (32 bytes): signs chain transactions.</summary>
    public required byte[] OperatorKey { get; init; }

    /// <summary>Every credential-signing key, oldest first.</summary>
    public List<SigningKeyEntry> SigningKeys { get; init; } = [];

    /// <summary>The chambers of commerce this node serves, in the order they were added.</summary>
    public List<ChamberKeys> Chambers { get; init; } = [];

    /// <summary>The keys of chamber <paramref name="chamberId"/>, or null.</summary>
    public ChamberKeys? Chamber(string chamberId) => Chambers.FirstOrDefault(c => c.ChamberId == chamberId);

    /// <summary>The newest key not retired: the one the node signs with.</summary>
    /// <exception cref="KeystoreException">Every key is retired.</exception>
    public SigningKeyEntry CurrentSigningKey =>
        SigningKeys.LastOrDefault(k => k.RetiredAt is null) ?? throw new KeystoreException("The keystore has no current signing key.");

    /// <inheritdoc />
    public override string ToString() => $"KeystoreContents({SigningKeys.Count} signing key(s), {Chambers.Count} chamber(s))";
}
