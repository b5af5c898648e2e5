using System.ComponentModel.DataAnnotations;
using CredentialLedger.Credentials.Jwt;
using CredentialLedger.Evm.Abi;
using CredentialLedger.Node.Mras;
using CredentialLedger.Node.Store;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace CredentialLedger.Node.Grpc;

/// <summary>
/// Turns the node's exceptions into gRPC statuses with one clear message: bad input → InvalidArgument, unknown id →
/// NotFound, illegal lifecycle move → FailedPrecondition, a call the chain refused (gas estimation ran it and it
/// reverted: nothing was sent) → FailedPrecondition with the decoded registry error. Anything else is Internal with a
/// generic message (the detail goes to the log, not to the caller).
/// </summary>
public sealed partial class ErrorMappingInterceptor(ILogger<ErrorMappingInterceptor> logger) : Interceptor
{
    /// <inheritdoc />
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not RpcException)
        {
            throw Map(e, context.Method);
        }
    }

    /// <inheritdoc />
    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            // The client went away.
        }
        catch (Exception e) when (e is not RpcException)
        {
            throw Map(e, context.Method);
        }
    }

    private RpcException Map(Exception e, string method)
    {
        var status = e switch
        {
            Origin.OriginRequestException o => new Status(o.Failure switch
            {
                Origin.OriginFailure.NotFound => StatusCode.NotFound,
                Origin.OriginFailure.Forbidden => StatusCode.PermissionDenied,
                Origin.OriginFailure.Duplicate => StatusCode.AlreadyExists,
                _ => StatusCode.FailedPrecondition,
            }, o.Message),
            AeoCertificateValidationException or Credentials.Origin.CertificateOfOriginValidationException or ArgumentException or FormatException
                or ValidationException =>
                new Status(StatusCode.InvalidArgument, e.Message),
            CertificateNotFoundException or MraNotFoundException => new Status(StatusCode.NotFound, e.Message),
            IllegalTransitionException => new Status(StatusCode.FailedPrecondition, e.Message),
            ContractRevertedException revert => new Status(StatusCode.FailedPrecondition, ChainRefusal.Describe(revert)),
            ObjectDisposedException => new Status(StatusCode.Unavailable, "The node is shutting down."),
            OperationCanceledException => new Status(StatusCode.Cancelled, "The call was cancelled."),
            _ => new Status(StatusCode.Internal, "The node failed to process the call; see its log."),
        };
        if (status.StatusCode == StatusCode.Internal)
            Failed(logger, e, method);
        return new RpcException(status);
    }

    [LoggerMessage(3000, LogLevel.Error, "gRPC call {Method} failed")]
    private static partial void Failed(ILogger logger, Exception exception, string method);
}
