using CredentialLedger.Contracts;
using CredentialLedger.Credentials.Jwt;
using CredentialLedger.Node.Anchoring;
using CredentialLedger.Node.Keys;

namespace CredentialLedger.Node.Issuance;

/// <summary>
/// Rotates the credential-signing key: a new P-256 key is registered on chain (through the anchoring worker, the
/// operator account's only sender), then saved in the keystore, then signs from the next request on. The old key
/// stays registered and valid, so what it signed still verifies. A crash between registration and saving leaves a
/// registered key that never signed anything, which is harmless.
/// </summary>
public sealed class KeyRotation(
    AnchoringWorker worker, SigningKeyRing ring, KeystoreHandle keystore, RegistryAddresses registries, TimeProvider time)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Registers, saves and switches to a new key valid from now + <paramref name="validAfter"/>.</summary>
    /// <returns>The new key's entry.</returns>
    public async Task<SigningKeyEntry> RotateAsync(TimeSpan validAfter, CancellationToken cancellationToken)
    {
        if (validAfter < TimeSpan.Zero || validAfter > TimeSpan.FromDays(365))
            throw new ArgumentOutOfRangeException(nameof(validAfter), validAfter, "validAfterSeconds: 0 to one year.");
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = time.GetUtcNow();
            // A minute back absorbs clock skew between this node and the chain's block time.
            var validFrom = validAfter == TimeSpan.Zero ? now.AddMinutes(-1) : now + validAfter;
            var entry = Keystore.NewSigningKey(time, validFrom);
            var key = VcJwtSigningKey.FromPrivateKey(entry.PrivateKey);
            await worker.SubmitAsync(registries.Members,
                MemberRegistryCalls.RegisterKey(key.PublicKey, (ulong)validFrom.ToUnixTimeSeconds(), 0), "register-key",
                cancellationToken).ConfigureAwait(false);
            keystore.Update(contents =>
            {
                for (var i = 0; i < contents.SigningKeys.Count; i++)
                {
                    if (contents.SigningKeys[i].RetiredAt is null)
                        contents.SigningKeys[i] = contents.SigningKeys[i] with { RetiredAt = now };
                }
                contents.SigningKeys.Add(entry);
            });
            ring.Rotate(key);
            return entry;
        }
        finally
        {
            _gate.Release();
        }
    }
}
