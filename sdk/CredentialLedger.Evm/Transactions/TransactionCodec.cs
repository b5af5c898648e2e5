using System.Buffers;
using CredentialLedger.Evm.Crypto;
using CredentialLedger.Evm.Rlp;

namespace CredentialLedger.Evm.Transactions;

/// <summary>
/// Encodes and strictly decodes legacy (EIP-155), EIP-2930 and EIP-1559 transactions. Typed transactions use the
/// EIP-2718 envelope <c>type || rlp(fields)</c>; legacy ones are a bare RLP list.
/// </summary>
public static class TransactionCodec
{
    // Signing payloads up to this size are built on the stack; larger (big init code) rent from the pool.
    private const int StackLimit = 512;

    /// <summary>
    /// The payload a sender signs: <c>rlp([nonce, gasPrice, gas, to, value, data])</c> before EIP-155,
    /// <c>rlp([…, chainId, 0, 0])</c> with EIP-155, and <c>type || rlp([chainId, …, accessList])</c> for
    /// EIP-2930 and EIP-1559.
    /// </summary>
    public static byte[] EncodeForSigning(Transaction transaction)
    {
        var tail = TransactionEncoder.Tail.ForSigning(transaction);
        var bytes = new byte[TransactionEncoder.Length(transaction, tail)];
        var writer = new RlpWriter(bytes);
        TransactionEncoder.Write(transaction, tail, ref writer);
        return bytes;
    }

    /// <summary>keccak256 of <see cref="EncodeForSigning"/>: the prehash given to ECDSA.</summary>
    public static Hash32 SigningHash(Transaction transaction)
    {
        var tail = TransactionEncoder.Tail.ForSigning(transaction);
        var length = TransactionEncoder.Length(transaction, tail);
        byte[]? rented = null;
        var buffer = length <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            var writer = new RlpWriter(buffer[..length]);
            TransactionEncoder.Write(transaction, tail, ref writer);
            return Keccak256.Hash(writer.Written);
        }
        finally
        {
            if (rented is not null)
                ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Length in bytes of the signed encoding.</summary>
    public static int GetEncodedLength(Transaction transaction, Signature signature) =>
        TransactionEncoder.Length(transaction, TransactionEncoder.Tail.ForSignature(transaction, signature));

    /// <summary>Writes the signed encoding into <paramref name="destination"/> and returns the bytes written.</summary>
    /// <exception cref="ArgumentException">The destination is shorter than <see cref="GetEncodedLength"/>.</exception>
    public static int Encode(Transaction transaction, Signature signature, Span<byte> destination)
    {
        var tail = TransactionEncoder.Tail.ForSignature(transaction, signature);
        var length = TransactionEncoder.Length(transaction, tail);
        if (destination.Length < length)
            throw new ArgumentException($"The destination holds {destination.Length} bytes but the transaction needs {length}.", nameof(destination));
        var writer = new RlpWriter(destination);
        TransactionEncoder.Write(transaction, tail, ref writer);
        return length;
    }

    /// <summary>The signed encoding, as <c>eth_sendRawTransaction</c> takes it.</summary>
    public static byte[] Encode(Transaction transaction, Signature signature)
    {
        var tail = TransactionEncoder.Tail.ForSignature(transaction, signature);
        var bytes = new byte[TransactionEncoder.Length(transaction, tail)];
        var writer = new RlpWriter(bytes);
        TransactionEncoder.Write(transaction, tail, ref writer);
        return bytes;
    }

    /// <summary>The signed encoding of <paramref name="transaction"/>, freshly written.</summary>
    public static byte[] Encode(SignedTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return Encode(transaction.Transaction, transaction.Signature);
    }

    /// <summary>
    /// Decodes a signed transaction, strictly: canonical RLP only, no trailing bytes, exact field counts, field
    /// sizes within their types, <c>to</c> empty or 20 bytes, supported type, and a sane signature (legacy v is
    /// 27/28 or EIP-155 for a chain ≥ 1, typed yParity 0/1, r and s in [1, n-1], s ≤ n/2 per EIP-2). The sender is
    /// not recovered here; call <see cref="SignedTransaction.RecoverSender"/>. Node-level rules (intrinsic gas,
    /// init code size, fee cap ≥ tip, nonce below 2^64-1, the expected chain id) are not codec rules and are not checked.
    /// </summary>
    /// <exception cref="TransactionDecodingException">The bytes are not a valid signed transaction.</exception>
    public static SignedTransaction Decode(ReadOnlySpan<byte> encoded) => TransactionDecoder.Decode(encoded);
}
