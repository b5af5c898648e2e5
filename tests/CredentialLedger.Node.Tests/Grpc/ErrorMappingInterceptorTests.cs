using CredentialLedger.Contracts.Errors;
using CredentialLedger.Evm.Abi;
using CredentialLedger.Node.Grpc;
using CredentialLedger.Node.Mras;
using Grpc.Core;
using Microsoft.Extensions.Logging.Abstractions;

namespace CredentialLedger.Node.Tests.Grpc;

/// <summary>How the node's exceptions reach gRPC callers: one status, one line.</summary>
public sealed class ErrorMappingInterceptorTests
{
    private static async Task<RpcException> CallFailingWith(Exception exception)
    {
        var interceptor = new ErrorMappingInterceptor(NullLogger<ErrorMappingInterceptor>.Instance);
        return await Assert.ThrowsAsync<RpcException>(() =>
            interceptor.UnaryServerHandler<string, string>("request", new FakeCallContext(), (_, _) => throw exception));
    }

    private static ContractRevertedException Revert(string error, params AbiValue[] arguments) =>
        new(RegistryErrors.CreateRevertDecoder().Decode(RegistryErrors.Get(error).Encode(arguments)));

    [Fact]
    public async Task A_registry_revert_is_FailedPrecondition_naming_the_Mra_error_with_member_codes_as_letters()
    {
        var error = await CallFailingWith(Revert("MraRegistryNotParty", AbiValue.Uint(7), AbiValue.FixedBytes("KZ"u8)));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal("The chain refused the call: MraRegistryNotParty(mraId: 7, member: KZ).", error.Status.Detail);
    }

    [Fact]
    public async Task An_Mra_status_argument_is_named()
    {
        var error = await CallFailingWith(Revert("MraRegistryInvalidStatus", AbiValue.Uint(3), AbiValue.Uint(3)));

        Assert.Equal("The chain refused the call: MraRegistryInvalidStatus(mraId: 3, status: Terminated).", error.Status.Detail);
    }

    [Fact]
    public async Task Other_registry_errors_and_plain_reverts_keep_their_decoded_form()
    {
        var credential = await CallFailingWith(Revert("CredentialRegistryUnknownBatch", AbiValue.FixedBytes(new byte[32])));
        var noData = await CallFailingWith(new ContractRevertedException(new RevertDecoder().Decode([])));

        Assert.Equal(StatusCode.FailedPrecondition, credential.StatusCode);
        Assert.Equal($"The chain refused the call: CredentialRegistryUnknownBatch(root: 0x{new string('0', 64)}).", credential.Status.Detail);
        Assert.Equal("The chain refused the call: no revert data.", noData.Status.Detail);
    }

    [Fact]
    public async Task An_unknown_Mra_is_NotFound_and_an_unexpected_failure_is_Internal_without_detail()
    {
        var missing = await CallFailingWith(new MraNotFoundException(42));
        var unexpected = await CallFailingWith(new InvalidOperationException("secret detail"));

        Assert.Equal((StatusCode.NotFound, "No MRA 42 on the chain."), (missing.StatusCode, missing.Status.Detail));
        Assert.Equal(StatusCode.Internal, unexpected.StatusCode);
        Assert.DoesNotContain("secret", unexpected.Status.Detail, StringComparison.Ordinal);
    }

    /// <summary>The least a unary handler needs of a call.</summary>
    private sealed class FakeCallContext : ServerCallContext
    {
        protected override string MethodCore => "/credentialledger.node.v1.Mras/Accept";
        protected override string HostCore => "127.0.0.1";
        protected override string PeerCore => "ipv4:127.0.0.1:1";
        protected override DateTime DeadlineCore => DateTime.MaxValue;
        protected override Metadata RequestHeadersCore { get; } = [];
        protected override CancellationToken CancellationTokenCore => CancellationToken.None;
        protected override Metadata ResponseTrailersCore { get; } = [];
        protected override Status StatusCore { get; set; }
        protected override WriteOptions? WriteOptionsCore { get; set; }
        protected override AuthContext AuthContextCore => new(null, []);
        protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) => throw new NotSupportedException();
        protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders) => Task.CompletedTask;
    }
}
