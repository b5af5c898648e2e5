using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using CredentialLedger.Evm.Crypto;
using CredentialLedger.Evm.Rlp;

namespace CredentialLedger.Evm.Transactions;

/// <summary>
/// Strict decoding of signed transactions. Structure comes from <see cref="RlpReader"/> (canonical RLP only);
/// this class adds the field rules: exact field counts, nonce and gas within 64 bits, fees and value within 256 bits,
/// <c>to</c> empty or 20 bytes, access-list addresses of 20 bytes and storage keys of 32, and a sane signature.
/// </summary>
internal static class TransactionDecoder
{
    public static SignedTransaction Decode(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty)
            Fail("A transaction cannot be empty", 0);
        var field = "transaction";
        try
        {
            var first = input[0];
            // EIP-2718: a first byte in [0xc0, 0xfe] is a legacy RLP list; [0x00, 0x7f] is a type byte.
            (Transaction transaction, Signature signature) = first switch
            {
                >= 0xc0 => DecodeLegacy(new RlpReader(input), ref field),
                (byte)TransactionType.AccessList or (byte)TransactionType.DynamicFee
                    => DecodeTyped(first, new RlpReader(input[1..], 1), ref field),
                < 0x80 => Fail<(Transaction, Signature)>($"Transaction type 0x{first:x2} is not supported", 0),
                // An RLP string is neither: typed transactions travel as type || payload (EIP-2718), never wrapped.
                _ => Fail<(Transaction, Signature)>(
                    $"First byte 0x{first:x2} starts neither a typed transaction (0x00-0x7f) nor an RLP list", 0),
            };
            return new SignedTransaction(transaction, signature, input.ToArray());
        }
        catch (RlpException ex) when (ex is not TransactionDecodingException)
        {
            throw new TransactionDecodingException($"Invalid {field}: {ex.Detail}", ex.Position, ex);
        }
    }

    // [nonce, gasPrice, gasLimit, to, value, data, v, r, s]
    private static (Transaction, Signature) DecodeLegacy(RlpReader outer, ref string field)
    {
        var list = outer.ReadList();
        field = "trailing data";
        outer.ReadEnd();

        field = "nonce";
        var nonce = list.ReadUInt64();
        field = "gasPrice";
        var gasPrice = list.ReadUInt256();
        field = "gasLimit";
        var gasLimit = list.ReadUInt64();
        field = "to";
        var to = list.ReadOptionalAddress();
        field = "value";
        var value = list.ReadUInt256();
        field = "data";
        var data = list.ReadBytes().ToArray();

        field = "v";
        var vPosition = list.Position;
        var v = list.ReadUInt256();
        if (!LegacyV.TryParse(v, out var chainId, out var yParity))
            Fail($"Legacy v = {v} is neither 27/28 nor chainId*2+35/36 for a chain id in [1, 2^64-1] (EIP-155)", vPosition);
        var signature = ReadSignature(ref list, yParity, ref field);
        field = "field list";
        list.ReadEnd();

        return (new LegacyTransaction
        {
            Nonce = nonce,
            GasPrice = gasPrice,
            GasLimit = gasLimit,
            To = to,
            Value = value,
            Data = data,
            ChainId = chainId,
        }, signature);
    }

    // 0x01: [chainId, nonce, gasPrice, gasLimit, to, value, data, accessList, yParity, r, s]          (EIP-2930)
    // 0x02: [chainId, nonce, maxPriorityFeePerGas, maxFeePerGas, gasLimit, to, value, data, accessList, yParity, r, s] (EIP-1559)
    private static (Transaction, Signature) DecodeTyped(byte type, RlpReader outer, ref string field)
    {
        field = "payload";
        var list = outer.ReadList();
        field = "trailing data";
        outer.ReadEnd();

        field = "chainId";
        var chainId = list.ReadUInt64();
        field = "nonce";
        var nonce = list.ReadUInt64();
        BigInteger gasPrice = default, maxPriorityFee = default, maxFee = default;
        if (type == (byte)TransactionType.AccessList)
        {
            field = "gasPrice";
            gasPrice = list.ReadUInt256();
        }
        else
        {
            field = "maxPriorityFeePerGas";
            maxPriorityFee = list.ReadUInt256();
            field = "maxFeePerGas";
            maxFee = list.ReadUInt256();
        }
        field = "gasLimit";
        var gasLimit = list.ReadUInt64();
        field = "to";
        var to = list.ReadOptionalAddress();
        field = "value";
        var value = list.ReadUInt256();
        field = "data";
        var data = list.ReadBytes().ToArray();
        field = "accessList";
        var accessList = ReadAccessList(ref list);

        field = "yParity";
        var parityPosition = list.Position;
        var parity = list.ReadUInt64();
        if (parity > 1)
            Fail($"yParity must be 0 or 1, not {parity}", parityPosition);
        var signature = ReadSignature(ref list, (byte)parity, ref field);
        field = "field list";
        list.ReadEnd();

        Transaction transaction = type == (byte)TransactionType.AccessList
            ? new AccessListTransaction
            {
                ChainId = chainId,
                Nonce = nonce,
                GasPrice = gasPrice,
                GasLimit = gasLimit,
                To = to,
                Value = value,
                Data = data,
                AccessList = accessList,
            }
            : new DynamicFeeTransaction
            {
                ChainId = chainId,
                Nonce = nonce,
                MaxPriorityFeePerGas = maxPriorityFee,
                MaxFeePerGas = maxFee,
                GasLimit = gasLimit,
                To = to,
                Value = value,
                Data = data,
                AccessList = accessList,
            };
        return (transaction, signature);
    }

    private static AccessListEntry[] ReadAccessList(ref RlpReader reader)
    {
        var list = reader.ReadList();
        if (list.IsAtEnd)
            return [];
        var entries = new List<AccessListEntry>();
        while (!list.IsAtEnd)
        {
            var entry = list.ReadList();
            var address = entry.ReadAddress();
            var keysReader = entry.ReadList();
            entry.ReadEnd();
            var keys = new List<Hash32>();
            while (!keysReader.IsAtEnd)
                keys.Add(keysReader.ReadHash32());
            entries.Add(new AccessListEntry(address, keys));
        }
        return [.. entries];
    }

    private static Signature ReadSignature(ref RlpReader list, byte yParity, ref string field)
    {
        field = "r";
        var rPosition = list.Position;
        var r = list.ReadUInt256();
        if (r.IsZero || r >= Secp256k1.N)
            Fail("Signature r is outside [1, n-1]", rPosition);
        field = "s";
        var sPosition = list.Position;
        var s = list.ReadUInt256();
        if (s.IsZero || s >= Secp256k1.N)
            Fail("Signature s is outside [1, n-1]", sPosition);
        // EIP-2 (Homestead): s above n/2 is the malleable twin of a valid signature; every chain this SDK talks to
        // is post-Homestead, so such bytes can never be a valid transaction.
        if (s > Secp256k1.HalfN)
            Fail("Signature s is above n/2, which EIP-2 forbids", sPosition);
        return new Signature(r, s, yParity);
    }

    [DoesNotReturn, StackTraceHidden]
    private static void Fail(string message, int position) => throw new TransactionDecodingException(message, position);

    [DoesNotReturn, StackTraceHidden]
    private static T Fail<T>(string message, int position) => throw new TransactionDecodingException(message, position);
}
