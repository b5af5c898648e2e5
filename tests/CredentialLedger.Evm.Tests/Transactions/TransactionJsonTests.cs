using System.Text.Json;
using CredentialLedger.Evm.Transactions;

namespace CredentialLedger.Evm.Tests.Transactions;

/// <summary>The case-to-transaction helper the vector tests and the cast cross-check share.</summary>
public sealed class TransactionJsonTests
{
    private const string Key = "0x4646464646464646464646464646464646464646464646464646464646464646";

    [Fact]
    public void Eip2930_case_builds_an_access_list_transaction_with_quantities_beyond_2_to_the_53()
    {
        using var doc = JsonDocument.Parse($$"""
            {"kind":"eip2930","privateKey":"{{Key}}","chainId":"9007199254740991","nonce":"18446744073709551614",
             "gasLimit":"21000","to":"0x3535353535353535353535353535353535353535","value":"1267650600228229401496703205376",
             "data":"0x01","gasPrice":"7",
             "accessList":[{"address":"0x3535353535353535353535353535353535353535","storageKeys":["0x{{new string('0', 63)}}1"]}]}
            """);

        var tx = Assert.IsType<AccessListTransaction>(TransactionJson.FromCastCase(doc.RootElement));

        Assert.Equal(9007199254740991UL, tx.ChainId);
        Assert.Equal(ulong.MaxValue - 1, tx.Nonce);
        Assert.Equal(System.Numerics.BigInteger.Pow(2, 100), tx.Value);
        Assert.Single(tx.AccessList);
        Assert.Single(tx.AccessList[0].StorageKeys);
    }

    [Fact]
    public void Null_to_builds_a_contract_creation_and_the_key_signs_for_its_address()
    {
        using var doc = JsonDocument.Parse($$"""
            {"kind":"legacy","privateKey":"{{Key}}","chainId":"1","nonce":"0","gasLimit":"53000","to":null,
             "value":"0","data":"0x6000","gasPrice":"1"}
            """);

        var tx = Assert.IsType<LegacyTransaction>(TransactionJson.FromCastCase(doc.RootElement));
        using var key = TransactionJson.KeyOf(doc.RootElement);

        Assert.True(tx.IsContractCreation);
        Assert.Equal(key.Address, TransactionSigner.Sign(tx, key).RecoverSender());
    }

    [Fact]
    public void Unknown_kind_is_refused()
    {
        using var doc = JsonDocument.Parse("""{"kind":"eip4844","to":null,"chainId":"1","nonce":"0","gasLimit":"1","value":"0","data":"0x"}""");

        Assert.Throws<InvalidDataException>(() => TransactionJson.FromCastCase(doc.RootElement));
    }
}
