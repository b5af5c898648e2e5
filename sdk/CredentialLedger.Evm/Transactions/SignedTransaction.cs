using System.Numerics;
using System.Runtime.CompilerServices;
using CredentialLedger.Evm.Crypto;

namespace CredentialLedger.Evm.Transactions;

/// <summary>
/// A transaction with its signature: what <c>eth_sendRawTransaction</c> carries. Immutable; the encoding, the hash
/// and the recovered sender are computed on first use and cached (safe to share across threads).
/// </summary>
public sealed class SignedTransaction
{
    private byte[]? _raw;
    private StrongBox<Hash32>? _hash;       // boxed: a 32-byte struct cannot be published atomically
    private StrongBox<Address>? _sender;

    /// <summary>Pairs a transaction with a signature over its <see cref="TransactionCodec.SigningHash"/>.</summary>
    /// <exception cref="ArgumentException">The signature is the uninitialised default.</exception>
    public SignedTransaction(Transaction transaction, Signature signature)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        // default(Signature) bypasses the constructor's range checks; r = 0 is never a real signature.
        if (signature.R.IsZero)
            throw new ArgumentException("The signature is uninitialised (r = 0).", nameof(signature));
        Transaction = transaction;
        Signature = signature;
    }

    internal SignedTransaction(Transaction transaction, Signature signature, byte[] raw) : this(transaction, signature) =>
        _raw = raw;

    /// <summary>The signed fields.</summary>
    public Transaction Transaction { get; }

    /// <summary>The signature (r, s, yParity).</summary>
    public Signature Signature { get; }

    /// <summary>The EIP-2718 type.</summary>
    public TransactionType Type => Transaction.Type;

    /// <summary>
    /// The v field as encoded: yParity for typed transactions; 27 + yParity (pre-EIP-155) or chainId·2 + 35 + yParity
    /// (EIP-155) for legacy ones, which can exceed 2^64.
    /// </summary>
    public BigInteger V => Transaction is LegacyTransaction legacy
        ? (BigInteger)LegacyV.Compute(legacy.ChainId, Signature.YParity)
        : Signature.YParity;

    /// <summary>The raw transaction bytes (EIP-2718 envelope for typed transactions, the RLP list for legacy).</summary>
    public ReadOnlyMemory<byte> RawBytes => _raw ??= TransactionCodec.Encode(Transaction, Signature);

    /// <summary>A fresh copy of <see cref="RawBytes"/>.</summary>
    public byte[] Encode() => RawBytes.ToArray();

    /// <summary>The transaction hash: keccak256 of <see cref="RawBytes"/>.</summary>
    public Hash32 Hash => (_hash ??= new StrongBox<Hash32>(Keccak256.Hash(RawBytes.Span))).Value;

    /// <summary>The hash the sender signed.</summary>
    public Hash32 SigningHash => TransactionCodec.SigningHash(Transaction);

    /// <summary>Recovers the sender's address from the signature (cached after the first call).</summary>
    /// <exception cref="InvalidSignatureException">High s (EIP-2), or the signature recovers no key.</exception>
    public Address RecoverSender() =>
        (_sender ??= new StrongBox<Address>(TransactionSigner.RecoverSender(Transaction, Signature))).Value;

    /// <summary>The type and hash.</summary>
    public override string ToString() => $"{Type} transaction {Hash}";
}
