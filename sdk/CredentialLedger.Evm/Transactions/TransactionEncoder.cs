using System.Numerics;
using CredentialLedger.Evm.Crypto;
using CredentialLedger.Evm.Rlp;

namespace CredentialLedger.Evm.Transactions;

/// <summary>
/// Length computation and writing for the three transaction types, each with one of three tails: nothing
/// (typed signing payloads and pre-EIP-155 legacy), EIP-155's [chainId, 0, 0], or the signature [v, r, s].
/// Lengths are computed first so the caller allocates exactly once.
/// </summary>
internal static class TransactionEncoder
{
    public static int Length(Transaction transaction, in Tail tail) => transaction switch
    {
        LegacyTransaction legacy => RlpWriter.LengthOfList(LegacyPayloadLength(legacy, tail)),
        AccessListTransaction accessList => 1 + RlpWriter.LengthOfList(AccessListPayloadLength(accessList, tail)),
        DynamicFeeTransaction dynamicFee => 1 + RlpWriter.LengthOfList(DynamicFeePayloadLength(dynamicFee, tail)),
        null => throw new ArgumentNullException(nameof(transaction)),
        _ => throw new NotSupportedException($"Transaction type {transaction.GetType().Name} is not supported."),
    };

    public static void Write(Transaction transaction, in Tail tail, ref RlpWriter writer)
    {
        switch (transaction)
        {
            case LegacyTransaction legacy:
                writer.WriteListHeader(LegacyPayloadLength(legacy, tail));
                writer.WriteInteger(legacy.Nonce);
                writer.WriteInteger(legacy.GasPrice);
                writer.WriteInteger(legacy.GasLimit);
                writer.WriteAddress(legacy.To);
                writer.WriteInteger(legacy.Value);
                writer.WriteBytes(legacy.Data.Span);
                break;
            case AccessListTransaction accessList:
                // EIP-2718: TransactionType || TransactionPayload.
                writer.WriteRawByte((byte)TransactionType.AccessList);
                writer.WriteListHeader(AccessListPayloadLength(accessList, tail));
                writer.WriteInteger(accessList.ChainId);
                writer.WriteInteger(accessList.Nonce);
                writer.WriteInteger(accessList.GasPrice);
                writer.WriteInteger(accessList.GasLimit);
                writer.WriteAddress(accessList.To);
                writer.WriteInteger(accessList.Value);
                writer.WriteBytes(accessList.Data.Span);
                WriteAccessList(accessList.AccessList, ref writer);
                break;
            case DynamicFeeTransaction dynamicFee:
                writer.WriteRawByte((byte)TransactionType.DynamicFee);
                writer.WriteListHeader(DynamicFeePayloadLength(dynamicFee, tail));
                writer.WriteInteger(dynamicFee.ChainId);
                writer.WriteInteger(dynamicFee.Nonce);
                writer.WriteInteger(dynamicFee.MaxPriorityFeePerGas);
                writer.WriteInteger(dynamicFee.MaxFeePerGas);
                writer.WriteInteger(dynamicFee.GasLimit);
                writer.WriteAddress(dynamicFee.To);
                writer.WriteInteger(dynamicFee.Value);
                writer.WriteBytes(dynamicFee.Data.Span);
                WriteAccessList(dynamicFee.AccessList, ref writer);
                break;
            default:
                throw new NotSupportedException($"Transaction type {transaction?.GetType().Name} is not supported.");
        }
        tail.Write(ref writer);
    }

    private static int CommonLength(Transaction transaction) =>
        RlpWriter.LengthOfInteger(transaction.Nonce)
        + RlpWriter.LengthOfInteger(transaction.GasLimit)
        + RlpWriter.LengthOfAddress(transaction.To)
        + RlpWriter.LengthOfInteger(transaction.Value)
        + RlpWriter.LengthOfBytes(transaction.Data.Span);

    private static int LegacyPayloadLength(LegacyTransaction transaction, in Tail tail) =>
        CommonLength(transaction) + RlpWriter.LengthOfInteger(transaction.GasPrice) + tail.Length;

    private static int AccessListPayloadLength(AccessListTransaction transaction, in Tail tail) =>
        CommonLength(transaction)
        + RlpWriter.LengthOfInteger(transaction.ChainId)
        + RlpWriter.LengthOfInteger(transaction.GasPrice)
        + RlpWriter.LengthOfList(AccessListPayloadLength(transaction.AccessList))
        + tail.Length;

    private static int DynamicFeePayloadLength(DynamicFeeTransaction transaction, in Tail tail) =>
        CommonLength(transaction)
        + RlpWriter.LengthOfInteger(transaction.ChainId)
        + RlpWriter.LengthOfInteger(transaction.MaxPriorityFeePerGas)
        + RlpWriter.LengthOfInteger(transaction.MaxFeePerGas)
        + RlpWriter.LengthOfList(AccessListPayloadLength(transaction.AccessList))
        + tail.Length;

    // EIP-2930: accessList = [[address, [storageKey, …]], …]
    private static int AccessListPayloadLength(IReadOnlyList<AccessListEntry> accessList)
    {
        var total = 0;
        for (var i = 0; i < accessList.Count; i++)
            total += RlpWriter.LengthOfList(EntryPayloadLength(accessList[i]));
        return total;
    }

    private static int EntryPayloadLength(AccessListEntry entry) =>
        RlpWriter.AddressLength + RlpWriter.LengthOfList(entry.StorageKeys.Count * RlpWriter.HashLength);

    private static void WriteAccessList(IReadOnlyList<AccessListEntry> accessList, ref RlpWriter writer)
    {
        writer.WriteListHeader(AccessListPayloadLength(accessList));
        for (var i = 0; i < accessList.Count; i++)
        {
            var entry = accessList[i];
            writer.WriteListHeader(EntryPayloadLength(entry));
            writer.WriteAddress(entry.Address);
            var keys = entry.StorageKeys;
            writer.WriteListHeader(keys.Count * RlpWriter.HashLength);
            for (var k = 0; k < keys.Count; k++)
                writer.WriteHash(keys[k]);
        }
    }

    /// <summary>The fields after the body: none, EIP-155's [chainId, 0, 0], or [v, r, s].</summary>
    internal readonly struct Tail
    {
        private readonly UInt128 _first;
        private readonly BigInteger _r;
        private readonly BigInteger _s;
        private readonly byte _kind; // 0 none, 1 EIP-155 placeholder, 2 signature

        private Tail(byte kind, UInt128 first, BigInteger r, BigInteger s)
        {
            _kind = kind;
            _first = first;
            _r = r;
            _s = s;
            Length = kind switch
            {
                0 => 0,
                1 => RlpWriter.LengthOfInteger(first) + 2, // chainId, then 0 and 0 as 0x80 0x80
                _ => RlpWriter.LengthOfInteger(first) + RlpWriter.LengthOfInteger(r) + RlpWriter.LengthOfInteger(s),
            };
        }

        public int Length { get; }

        /// <summary>The tail of a signing payload for <paramref name="transaction"/>.</summary>
        public static Tail ForSigning(Transaction transaction) =>
            transaction is LegacyTransaction { ChainId: { } chainId }
                ? new Tail(1, chainId, default, default) // EIP-155: hash [.., chainId, 0, 0]
                : default;

        /// <summary>The tail of a signed transaction: v per EIP-155 for legacy, yParity for typed ones.</summary>
        public static Tail ForSignature(Transaction transaction, in Signature signature)
        {
            UInt128 v = transaction is LegacyTransaction legacy
                ? LegacyV.Compute(legacy.ChainId, signature.YParity)
                : signature.YParity;
            return new Tail(2, v, signature.R, signature.S);
        }

        public void Write(ref RlpWriter writer)
        {
            if (_kind == 0)
                return;
            writer.WriteInteger(_first);
            if (_kind == 1)
            {
                writer.WriteInteger(0UL);
                writer.WriteInteger(0UL);
                return;
            }
            writer.WriteInteger(_r);
            writer.WriteInteger(_s);
        }
    }
}
