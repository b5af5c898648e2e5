using CredentialLedger.Contracts.Deployment;
using CredentialLedger.Evm;
using CredentialLedger.TestKit;

namespace CredentialLedger.Contracts.Tests.Deployment;

public sealed class RegistryNetworkTests
{
    private static readonly RegistryNetwork Network = new(31337, new RegistryAddresses(
        Address.Parse("0x5FbDB2315678afecb367f032d93F642f64180aa3"),
        Address.Parse("0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512"),
        Address.Parse("0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0"),
        Address.Parse("0xCf7Ed3AccA5a467e9e704C703E8D87F634fB0Fc9")));

    [Fact]
    public void A_network_file_round_trips()
    {
        var json = Network.ToJson();

        Assert.Equal(Network, RegistryNetwork.Parse(json));
        Assert.Contains("\"chainId\": 31337", json, StringComparison.Ordinal);
        Assert.Contains("\"memberRegistry\": \"0x5FbDB2315678afecb367f032d93F642f64180aa3\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_network_file_saves_and_loads()
    {
        using var directory = new TempDirectory("network");
        var path = directory.File("network.json");

        await Network.SaveAsync(path, CancellationToken.None);

        Assert.Equal(Network, await RegistryNetwork.LoadAsync(path, CancellationToken.None));
    }

    [Fact]
    public void Unknown_properties_are_ignored()
    {
        var json = Network.ToJson().Replace("{", "{\n  \"deployedAtBlock\": 12,", StringComparison.Ordinal);

        Assert.Equal(Network, RegistryNetwork.Parse(json));
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("[]", "JSON object")]
    [InlineData("{}", "no \"chainId\"")]
    [InlineData("""{"chainId": "1"}""", "\"chainId\" must be a JSON number")]
    [InlineData("""{"chainId": -1}""", "unsigned 64-bit")]
    public void Malformed_files_are_refused_with_the_property_at_fault(string json, string expected)
    {
        var error = Assert.Throws<FormatException>(() => RegistryNetwork.Parse(json));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0x5fbdb2315678afecb367f032d93f642f64180aa", "memberRegistry")]
    [InlineData("0x5FbDB2315678afecb367f032d93F642f64180AA3", "memberRegistry")]
    [InlineData("0x0000000000000000000000000000000000000000", "zero address")]
    public void A_bad_address_is_refused(string address, string expected)
    {
        var json = Network.ToJson().Replace("0x5FbDB2315678afecb367f032d93F642f64180aa3", address, StringComparison.Ordinal);

        var error = Assert.Throws<FormatException>(() => RegistryNetwork.Parse(json));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
