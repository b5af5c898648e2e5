using System.Security.Cryptography;
using System.Text;
using Grpc.Core;
using Grpc.Core.Interceptors;
using CredentialLedger.Node.Origin;

namespace CredentialLedger.Node.Grpc;

/// <summary>
/// Operator calls carry <c>authorization: Bearer &lt;token&gt;</c>, the token being the random secret in the data
/// directory's operator token file. Compared in constant time. This is the local minimum; production puts mTLS or
/// OIDC bearer tokens (validated by the node) in front, see README.
/// <para>
/// A chamber of commerce served by this node carries its own token (<c>chamber-&lt;ID&gt;.token</c>) instead; it
/// reaches only the certificate-of-origin calls a chamber makes (<see cref="ChamberMethods"/>), which check that it
/// acts on its own certificates. The caller is attached to the call (<see cref="Caller"/>).
/// </para>
/// </summary>
public sealed class OperatorTokenInterceptor(OperatorToken token, ChamberTokens chambers) : Interceptor
{
    /// <summary>The calls a chamber token may make: its certificates of origin (issue, revoke, read, verify).</summary>
    public static readonly IReadOnlySet<string> ChamberMethods = new HashSet<string>(StringComparer.Ordinal)
    {
        "/credentialledger.node.v1.CertificatesOfOrigin/Issue",
        "/credentialledger.node.v1.CertificatesOfOrigin/IssueMany",
        "/credentialledger.node.v1.CertificatesOfOrigin/Revoke",
        "/credentialledger.node.v1.CertificatesOfOrigin/Get",
        "/credentialledger.node.v1.CertificatesOfOrigin/List",
        "/credentialledger.node.v1.CertificatesOfOrigin/Verify",
    };

    /// <inheritdoc />
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Check(context);
        return continuation(request, context);
    }

    /// <inheritdoc />
    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Check(context);
        return continuation(request, responseStream, context);
    }

    private void Check(ServerCallContext context)
    {
        // Partner nodes do not hold the operator token: the exchange service checks their chain-signed tokens itself.
        if (context.Method.StartsWith(CredentialExchangeService.PathPrefix, StringComparison.Ordinal))
            return;
        var header = context.RequestHeaders.GetValue("authorization");
        if (header is null || !header.StartsWith("Bearer ", StringComparison.Ordinal))
            throw new RpcException(new Status(StatusCode.Unauthenticated, "Operator calls need 'authorization: Bearer <operator token>'."));
        var presented = header.AsSpan(7).Trim();
        if (token.Matches(presented))
        {
            Caller.Operator.Attach(context);
            return;
        }
        if (chambers.Match(presented) is not { } chamber)
            throw new RpcException(new Status(StatusCode.Unauthenticated, "The operator token is not this node's."));
        if (!ChamberMethods.Contains(context.Method))
            throw new RpcException(new Status(StatusCode.PermissionDenied,
                $"Chamber {chamber}'s token authorizes only its own certificate-of-origin calls (issue, revoke, show, list, verify); " +
                $"{context.Method.TrimStart('/')} needs the member's operator token."));
        new Caller(chamber).Attach(context);
    }
}

/// <summary>The node's operator token (never logged or printed).</summary>
public sealed class OperatorToken
{
    private readonly byte[] _hash;

    /// <summary>Wraps <paramref name="token"/>.</summary>
    public OperatorToken(string token)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        if (token.Length < 16)
            throw new ArgumentException("The operator token is shorter than 16 characters.", nameof(token));
        _hash = SHA256.HashData(Encoding.UTF8.GetBytes(token));
    }

    /// <summary>Reads the token file (trimmed).</summary>
    /// <exception cref="FileNotFoundException">No token file: run 'credledger init'.</exception>
    public static OperatorToken Load(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"The operator token file {path} does not exist: run 'credledger init'.", path);
        return new OperatorToken(File.ReadAllText(path).Trim());
    }

    /// <summary>True when <paramref name="candidate"/> is the token (constant time).</summary>
    public bool Matches(ReadOnlySpan<char> candidate)
    {
        Span<byte> hash = stackalloc byte[32];
        var bytes = Encoding.UTF8.GetBytes(candidate.ToArray());
        SHA256.HashData(bytes, hash);
        return CryptographicOperations.FixedTimeEquals(hash, _hash);
    }

    /// <inheritdoc />
    public override string ToString() => "OperatorToken(***)";
}
