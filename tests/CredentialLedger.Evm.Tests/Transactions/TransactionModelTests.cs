using System.Numerics;
using CredentialLedger.Evm.Transactions;

namespace CredentialLedger.Evm.Tests.Transactions;

public sealed class TransactionModelTests
{
    private static readonly BigInteger TwoTo256 = BigInteger.One << 256;

    [Fact]
    public void Quantities_outside_256_bits_are_refused_at_construction()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LegacyTransaction { Value = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new LegacyTransaction { GasPrice = TwoTo256 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new DynamicFeeTransaction { ChainId = 1, MaxFeePerGas = TwoTo256 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new DynamicFeeTransaction { ChainId = 1, MaxPriorityFeePerGas = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new AccessListTransaction { ChainId = 1, GasPrice = -1 });
        _ = new LegacyTransaction { Value = TwoTo256 - 1 };
    }

    [Fact]
    public void Legacy_chain_id_zero_is_refused_because_null_means_pre_eip155() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new LegacyTransaction { ChainId = 0 });

    [Fact]
    public void Transactions_compare_by_value_including_data_and_access_list()
    {
        DynamicFeeTransaction Make() => new()
        {
            ChainId = 5,
            Data = new byte[] { 1, 2, 3 },
            AccessList = [new AccessListEntry(Address.Zero, [Hash32.Zero])],
        };
        Assert.Equal(Make(), Make());
        Assert.Equal(Make().GetHashCode(), Make().GetHashCode());
        Assert.NotEqual(Make(), Make() with { Data = new byte[] { 1, 2, 4 } });
        Assert.NotEqual(Make(), Make() with { AccessList = [] });
        Assert.NotEqual<Transaction>(new LegacyTransaction(), new AccessListTransaction { ChainId = 0 });
    }

    [Fact]
    public void Access_list_is_copied_so_later_changes_to_the_source_do_not_leak_in()
    {
        var keys = new List<Hash32> { Hash32.Zero };
        var entries = new List<AccessListEntry> { new(Address.Zero, keys) };
        var tx = new AccessListTransaction { ChainId = 1, AccessList = entries };
        keys.Add(Hash32.Zero);
        entries.Clear();
        Assert.Single(tx.AccessList);
        Assert.Single(tx.AccessList[0].StorageKeys);
    }
}
