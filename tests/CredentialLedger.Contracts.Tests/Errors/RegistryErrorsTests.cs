using CredentialLedger.Contracts.Errors;
using CredentialLedger.Evm.Abi;
using CredentialLedger.Evm.Crypto;

namespace CredentialLedger.Contracts.Tests.Errors;

public sealed class RegistryErrorsTests
{
    [Fact]
    public void The_decoder_knows_every_registry_error_by_name_and_arguments()
    {
        var decoder = RegistryErrors.CreateRevertDecoder();
        var root = Keccak256.HashUtf8("root");
        var data = RegistryErrors.Get("CredentialRegistryIllegalTransition")
            .Encode(AbiValue.FixedBytes(root.ToArray()), AbiValue.Uint(3), AbiValue.Uint((int)CredentialStatus.Revoked), AbiValue.Uint(0));

        var reason = decoder.Decode(data);

        Assert.Equal(RevertKind.CustomError, reason.Kind);
        Assert.Equal("CredentialRegistryIllegalTransition", reason.Error!.Name);
        Assert.Equal([AbiValue.FixedBytes(root.ToArray()), AbiValue.Uint(3), AbiValue.Uint(2), AbiValue.Uint(0)], reason.Arguments);
        Assert.True(RegistryErrors.Is(new ContractRevertedException(reason), "CredentialRegistryIllegalTransition"));
        Assert.False(RegistryErrors.Is(new ContractRevertedException(reason), "CredentialRegistryNotIssuer"));
    }

    [Fact]
    public void Every_error_decodes_to_itself()
    {
        var decoder = RegistryErrors.CreateRevertDecoder();

        Assert.All(RegistryErrors.All, error =>
            Assert.Same(error, decoder.Decode(error.Encode([.. error.Types.Select(Zero)])).Error));
        Assert.Equal(
            RegistryErrors.MemberRegistry.Count + RegistryErrors.CredentialRegistry.Count + RegistryErrors.MraRegistry.Count
            + RegistryErrors.OriginRegistry.Count,
            RegistryErrors.All.Count);
    }

    [Fact]
    public void An_unknown_error_name_is_reported()
    {
        Assert.Throws<KeyNotFoundException>(() => RegistryErrors.Get("NoSuchError"));
    }

    private static AbiValue Zero(AbiType type) => type switch
    {
        AbiFixedBytesType b => AbiValue.FixedBytes(new byte[b.Size]),
        AbiAddressType => AbiValue.Address(default),
        _ => AbiValue.Uint(0),
    };
}
