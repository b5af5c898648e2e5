using System.Collections.Concurrent;
using System.Security.Cryptography;
using CredentialLedger.Credentials.Jwt;
using CredentialLedger.Evm;
using CredentialLedger.Evm.Crypto;
using CredentialLedger.Evm.Rpc;
using CredentialLedger.Node.Anchoring;
using CredentialLedger.Node.Keys;

namespace CredentialLedger.Node.Origin;

/// <summary>
/// One served chamber's keys in memory: its account key (behind a <see cref="ChainSubmitter"/> that signs its
/// transactions) and its current signing key (P-256). Signing is serialized per chamber: one ECDsa object is not
/// promised to be safe for concurrent use.
/// </summary>
internal sealed class ChamberSigner : IDisposable
{
    private readonly PrivateKey _account;
    private readonly ECDsa _signing;
    private readonly Lock _lock = new();

    public ChamberSigner(ChamberKeys keys, Func<PrivateKey, ChainSubmitter> submitter)
    {
        ChamberId = keys.ChamberId;
        _account = PrivateKey.FromBytes(keys.AccountKey);
        var current = keys.CurrentSigningKey;
        using (var key = VcJwtSigningKey.FromPrivateKey(current.PrivateKey))
            PublicKey = key.PublicKey;
        KeyId = current.KeyId;
        _signing = ECDsa.Create();
        _signing.ImportParameters(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = current.PrivateKey.ToArray() });
        Submitter = submitter(_account);
    }

    public string ChamberId { get; }

    /// <summary>The chamber's chain account.</summary>
    public Address Account => _account.Address;

    /// <summary>Signs the chamber's transactions.</summary>
    public ChainSubmitter Submitter { get; }

    /// <summary>The current signing key's 65-byte uncompressed public key.</summary>
    public byte[] PublicKey { get; }

    /// <summary>The current signing key's on-chain id.</summary>
    public Hash32 KeyId { get; }

    /// <summary>Runs <paramref name="sign"/> with the signing key, one call at a time.</summary>
    public T Sign<T>(Func<ECDsa, Hash32, T> sign)
    {
        lock (_lock)
            return sign(_signing, KeyId);
    }

    public void Dispose()
    {
        _signing.Dispose();
        _account.Dispose();
    }

    public override string ToString() => $"ChamberSigner({ChamberId}, {Account})";
}

/// <summary>The keys of every chamber this node serves, loaded from the keystore at start and added to at onboarding.</summary>
internal sealed class ChamberKeyRing : IDisposable
{
    private readonly ConcurrentDictionary<string, ChamberSigner> _signers = new(StringComparer.Ordinal);
    private readonly Func<PrivateKey, ChainSubmitter> _submitter;
    private readonly Lock _adding = new();

    public ChamberKeyRing(KeystoreContents keystore, EthClient client, ulong chainId, AnchoringOptions options, ILogger logger, TimeProvider time)
    {
        _submitter = key => new ChainSubmitter(client, key, chainId, options, logger, time);
        foreach (var chamber in keystore.Chambers)
            Add(chamber);
    }

    /// <summary>The chamber's signer, or null when the keystore has no keys for it.</summary>
    public ChamberSigner? Get(string chamber) => _signers.GetValueOrDefault(chamber);

    /// <summary>Every chamber's signer.</summary>
    public IReadOnlyCollection<ChamberSigner> All => [.. _signers.Values];

    /// <summary>Loads <paramref name="keys"/> (a chamber onboarded now); the ring disposes it.</summary>
    public ChamberSigner Add(ChamberKeys keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        lock (_adding)
        {
            if (_signers.TryGetValue(keys.ChamberId, out var existing))
                return existing;
            var signer = new ChamberSigner(keys, _submitter);
            _signers[keys.ChamberId] = signer;
            return signer;
        }
    }

    public void Dispose()
    {
        foreach (var signer in _signers.Values)
            signer.Dispose();
    }
}
