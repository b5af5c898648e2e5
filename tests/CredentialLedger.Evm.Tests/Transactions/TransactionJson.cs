using System.Globalization;
using System.Numerics;
using System.Text.Json;
using CredentialLedger.Evm.Crypto;
using CredentialLedger.Evm.Hex;
using CredentialLedger.Evm.Transactions;

namespace CredentialLedger.Evm.Tests.Transactions;

/// <summary>
/// Builds transactions from case objects in the <c>cast/transactions.json</c> form, which the cast cross-check's
/// generated cases share: quantities as decimal strings (some exceed 2^53, so never <c>double</c>), <c>to: null</c>
/// for a creation, <c>kind</c> <c>legacy</c> (EIP-155 with <c>gasPrice</c>) or <c>eip1559</c> (<c>maxFeePerGas</c>,
/// <c>maxPriorityFeePerGas</c>, <c>accessList</c> of <c>{address, storageKeys}</c>). <c>eip2930</c> (gasPrice plus
/// accessList) is accepted too, so generated cases can add it without touching this class.
/// </summary>
internal static class TransactionJson
{
    /// <summary>The unsigned transaction a case describes.</summary>
    /// <exception cref="InvalidDataException">Unknown <c>kind</c>.</exception>
    public static Transaction FromCastCase(JsonElement c)
    {
        var to = c.GetProperty("to");
        var toAddress = to.ValueKind == JsonValueKind.Null ? (Address?)null : Address.Parse(to.GetString()!);
        var chainId = UInt64(c, "chainId");
        var nonce = UInt64(c, "nonce");
        var gasLimit = UInt64(c, "gasLimit");
        var value = Big(c, "value");
        var data = HexConverter.ToBytes(c.GetProperty("data").GetString()!);
        return c.GetProperty("kind").GetString() switch
        {
            "legacy" => new LegacyTransaction
            {
                ChainId = chainId,
                Nonce = nonce,
                GasPrice = Big(c, "gasPrice"),
                GasLimit = gasLimit,
                To = toAddress,
                Value = value,
                Data = data,
            },
            "eip2930" => new AccessListTransaction
            {
                ChainId = chainId,
                Nonce = nonce,
                GasPrice = Big(c, "gasPrice"),
                GasLimit = gasLimit,
                To = toAddress,
                Value = value,
                Data = data,
                AccessList = AccessList(c),
            },
            "eip1559" => new DynamicFeeTransaction
            {
                ChainId = chainId,
                Nonce = nonce,
                MaxPriorityFeePerGas = Big(c, "maxPriorityFeePerGas"),
                MaxFeePerGas = Big(c, "maxFeePerGas"),
                GasLimit = gasLimit,
                To = toAddress,
                Value = value,
                Data = data,
                AccessList = AccessList(c),
            },
            var kind => throw new InvalidDataException($"Unknown transaction kind '{kind}'."),
        };
    }

    /// <summary>The case's signing key; the caller disposes it.</summary>
    public static PrivateKey KeyOf(JsonElement c) => PrivateKey.Parse(c.GetProperty("privateKey").GetString()!);

    /// <summary>An <c>accessList</c> array of <c>{address, storageKeys}</c>; a missing property is an empty list.</summary>
    public static List<AccessListEntry> AccessList(JsonElement c)
    {
        var entries = new List<AccessListEntry>();
        if (!c.TryGetProperty("accessList", out var list) || list.ValueKind == JsonValueKind.Null)
            return entries;
        foreach (var entry in list.EnumerateArray())
        {
            var keys = new List<Hash32>();
            foreach (var key in entry.GetProperty("storageKeys").EnumerateArray())
                keys.Add(Hash32.Parse(key.GetString()!));
            entries.Add(new AccessListEntry(Address.Parse(entry.GetProperty("address").GetString()!), keys));
        }
        return entries;
    }

    private static ulong UInt64(JsonElement c, string name) =>
        ulong.Parse(c.GetProperty(name).GetString()!, NumberStyles.None, CultureInfo.InvariantCulture);

    private static BigInteger Big(JsonElement c, string name) =>
        BigInteger.Parse(c.GetProperty(name).GetString()!, NumberStyles.None, CultureInfo.InvariantCulture);
}
