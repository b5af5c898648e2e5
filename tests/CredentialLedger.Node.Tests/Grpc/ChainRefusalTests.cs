using CredentialLedger.Contracts;
using CredentialLedger.Contracts.Errors;
using CredentialLedger.Evm.Abi;
using CredentialLedger.Node.Grpc;

namespace CredentialLedger.Node.Tests.Grpc;

/// <summary>How a registry's custom error reads in a refusal: member codes and chamber ids as their text, not hex.</summary>
public sealed class ChainRefusalTests
{
    private static readonly RevertDecoder Decoder = new([.. RegistryErrors.MemberRegistry, .. RegistryErrors.OriginRegistry]);

    [Fact]
    public void A_chamber_id_reads_as_its_text()
    {
        var error = RegistryErrors.OriginRegistry.Single(e => e.Name == "OriginRegistryChamberNotAuthorized");
        var data = error.Encode(AbiValue.FixedBytes(ChamberId.FromAscii("KR-KCCI").ToArray()));

        var message = ChainRefusal.Describe(new ContractRevertedException(Decoder.Decode(data)));

        Assert.Equal("The chain refused the call: OriginRegistryChamberNotAuthorized(chamber: KR-KCCI).", message);
    }

    [Fact]
    public void A_chamber_id_that_is_not_text_reads_as_hex()
    {
        var error = RegistryErrors.OriginRegistry.Single(e => e.Name == "OriginRegistryChamberNotAuthorized");
        var bytes = new byte[ChamberId.Size];
        bytes[0] = 0x01;
        bytes[15] = 0xFF;

        var message = ChainRefusal.Describe(new ContractRevertedException(Decoder.Decode(error.Encode(AbiValue.FixedBytes(bytes)))));

        Assert.Equal("The chain refused the call: OriginRegistryChamberNotAuthorized(chamber: 0x010000000000000000000000000000ff).", message);
    }
}
