using CredentialLedger.Evm.Crypto;

namespace CredentialLedger.Evm.Transactions;

/// <summary>Signs transactions and recovers their senders.</summary>
public static class TransactionSigner
{
    /// <summary>
    /// Signs <paramref name="transaction"/> over its <see cref="TransactionCodec.SigningHash"/> with RFC 6979
    /// deterministic nonces and a low s (EIP-2), so the same inputs always give the same bytes.
    /// </summary>
    public static SignedTransaction Sign(Transaction transaction, PrivateKey key)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(key);
        var signature = key.Sign(TransactionCodec.SigningHash(transaction));
        return new SignedTransaction(transaction, signature);
    }

    /// <summary>Recovers the address that signed <paramref name="transaction"/>.</summary>
    /// <exception cref="InvalidSignatureException">
    /// s is above n/2 (EIP-2 makes such transactions invalid, since the twin (r, n−s) would give a second hash), or
    /// the signature does not recover to a public key.
    /// </exception>
    public static Address RecoverSender(Transaction transaction, Signature signature)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        if (signature.R.IsZero)
            throw new InvalidSignatureException("The signature is uninitialised (r = 0).");
        if (!signature.IsLowS)
            throw new InvalidSignatureException("Signature s is above n/2, which EIP-2 forbids in transactions.");
        Span<byte> hash = stackalloc byte[Hash32.Size];
        TransactionCodec.SigningHash(transaction).CopyTo(hash);
        if (!Secp256k1.TryRecover(hash, signature, out var key))
            throw new InvalidSignatureException("The transaction signature does not recover to a public key.");
        return key.Address;
    }
}
