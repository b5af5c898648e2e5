using CredentialLedger.Credentials.Jwt;
using CredentialLedger.Evm;

namespace CredentialLedger.Node.Issuance;

/// <summary>
/// The credential-signing key the node signs with now. Rotation swaps it atomically: a request signs with either the
/// old or the new key, both registered on chain, so every certificate verifies.
/// </summary>
public sealed class SigningKeyRing : IDisposable
{
    private readonly List<VcJwtSigningKey> _retired = [];
    private Current _current;

    /// <summary>Starts with <paramref name="key"/> (the ring disposes it).</summary>
    public SigningKeyRing(VcJwtSigningKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        _current = new Current(key, new VcJwtIssuer(key));
    }

    /// <summary>The key signing now.</summary>
    public VcJwtSigningKey Key => Volatile.Read(ref _current).Key;

    /// <summary>The issuer for the current key.</summary>
    public VcJwtIssuer Issuer => Volatile.Read(ref _current).Issuer;

    /// <summary>The current key's on-chain id.</summary>
    public Hash32 KeyId => Key.KeyId;

    /// <summary>Signs with <paramref name="key"/> from now on (the ring disposes it).</summary>
    public void Rotate(VcJwtSigningKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var previous = Interlocked.Exchange(ref _current, new Current(key, new VcJwtIssuer(key)));
        // A request may still be signing with the previous key: keep it alive until the ring goes.
        lock (_retired)
            _retired.Add(previous.Key);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _current.Key.Dispose();
        lock (_retired)
        {
            foreach (var key in _retired)
                key.Dispose();
        }
    }

    private sealed record Current(VcJwtSigningKey Key, VcJwtIssuer Issuer);
}
