using CredentialLedger.Node.Mras;
using Grpc.Core;
using V1 = CredentialLedger.Sdk.Node.V1;

namespace CredentialLedger.Node.Grpc;

/// <summary>The MRA API (mra.proto): thin; writes are <see cref="MraWriter"/>'s, reads <see cref="MraReader"/>'s.</summary>
public sealed class MrasService(MraWriter writer, MraReader reader) : V1.Mras.MrasBase
{
    /// <inheritdoc />
    public override async Task<V1.MraChange> Propose(V1.ProposeMraRequest request, ServerCallContext context) =>
        MraProtoMapping.ToProto(await writer.ProposeAsync([.. request.Parties], MraProtoMapping.ToDraft(request.Terms),
            context.CancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    public override async Task<V1.MraChange> Accept(V1.AcceptMraRequest request, ServerCallContext context) =>
        MraProtoMapping.ToProto(await writer.AcceptAsync(request.MraId, request.Version, context.CancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    public override async Task<V1.MraChange> Amend(V1.AmendMraRequest request, ServerCallContext context) =>
        MraProtoMapping.ToProto(await writer.AmendAsync(request.MraId, MraProtoMapping.ToDraft(request.Terms),
            context.CancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    public override async Task<V1.MraChange> Suspend(V1.SuspendMraRequest request, ServerCallContext context) =>
        MraProtoMapping.ToProto(await writer.SuspendAsync(request.MraId, request.Reason, context.CancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    public override async Task<V1.MraChange> Resume(V1.ResumeMraRequest request, ServerCallContext context) =>
        MraProtoMapping.ToProto(await writer.ResumeAsync(request.MraId, context.CancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    public override async Task<V1.MraChange> Terminate(V1.TerminateMraRequest request, ServerCallContext context) =>
        MraProtoMapping.ToProto(await writer.TerminateAsync(request.MraId, request.Reason, context.CancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    public override async Task<V1.Mra> Get(V1.GetMraRequest request, ServerCallContext context) =>
        MraProtoMapping.ToProto(await reader.GetAsync(MraValidation.MraId(request.MraId), null, context.CancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    public override async Task<V1.ListMrasResponse> List(V1.ListMrasRequest request, ServerCallContext context) =>
        MraProtoMapping.ToProto(await reader.ListAsync(writer.Self, context.CancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    public override async Task<V1.RecognitionResponse> Recognition(V1.RecognitionRequest request, ServerCallContext context)
    {
        var member = string.IsNullOrEmpty(request.Member) ? writer.Self : MraValidation.Member(request.Member, "member");
        var at = MraProtoMapping.OptionalSeconds(request.At, "at");
        return MraProtoMapping.ToProto(await reader.RecognitionAsync(member, at, context.CancellationToken).ConfigureAwait(false));
    }
}
