using CredentialLedger.Node.Origin;
using Grpc.Core;
using V1 = CredentialLedger.Sdk.Node.V1;

namespace CredentialLedger.Node.Grpc;

/// <summary>The member's acts on its chambers (origin.proto, service Chambers): thin; the work is <see cref="ChamberRegistrar"/>'s.</summary>
public sealed class ChambersService : V1.Chambers.ChambersBase
{
    private readonly ChamberRegistrar _registrar;
    private readonly ChamberViews _views;

    internal ChambersService(ChamberRegistrar registrar, ChamberViews views)
    {
        _registrar = registrar;
        _views = views;
    }

    /// <inheritdoc />
    public override async Task<V1.AuthorizeChamberResponse> Authorize(V1.AuthorizeChamberRequest request, ServerCallContext context)
    {
        RequireOperator(context);
        var done = await _registrar.AuthorizeAsync(request.Id, request.Name, context.CancellationToken).ConfigureAwait(false);
        var response = new V1.AuthorizeChamberResponse { Chamber = OriginProtoMapping.ToProto(done.Chamber), TokenFile = done.TokenFile };
        response.Steps.AddRange(done.Steps);
        return response;
    }

    /// <inheritdoc />
    public override async Task<V1.Chamber> Suspend(V1.ChamberActRequest request, ServerCallContext context)
    {
        RequireOperator(context);
        return OriginProtoMapping.ToProto(await _registrar.SuspendAsync(request.Id, request.Reason, context.CancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc />
    public override async Task<V1.Chamber> Reinstate(V1.ChamberActRequest request, ServerCallContext context)
    {
        RequireOperator(context);
        return OriginProtoMapping.ToProto(await _registrar.ReinstateAsync(request.Id, context.CancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc />
    public override async Task<V1.Chamber> Withdraw(V1.ChamberActRequest request, ServerCallContext context)
    {
        RequireOperator(context);
        return OriginProtoMapping.ToProto(await _registrar.WithdrawAsync(request.Id, request.Reason, context.CancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc />
    public override async Task<V1.Chamber> Get(V1.GetChamberRequest request, ServerCallContext context)
    {
        RequireOperator(context);
        return OriginProtoMapping.ToProto(await _views.GetAsync(request.Id, context.CancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc />
    public override async Task<V1.ListChambersResponse> List(V1.ListChambersRequest request, ServerCallContext context)
    {
        RequireOperator(context);
        var (chambers, block) = await _views.ListAsync(context.CancellationToken).ConfigureAwait(false);
        var response = new V1.ListChambersResponse { SyncedBlock = block };
        response.Chambers.AddRange(chambers.Select(OriginProtoMapping.ToProto));
        return response;
    }

    internal static void RequireOperator(ServerCallContext context)
    {
        if (Caller.Of(context) is { Chamber: { } chamber })
            throw new OriginRequestException(OriginFailure.Forbidden,
                $"Chamber {chamber}'s token authorizes only its own certificate-of-origin calls; this is a member act that needs the operator token.");
    }
}
