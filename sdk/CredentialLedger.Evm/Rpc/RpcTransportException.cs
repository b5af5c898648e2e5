namespace CredentialLedger.Evm.Rpc;

/// <summary>
/// The node could not be reached or answered with an HTTP failure. <see cref="IsTransient"/> tells whether trying
/// again may help (timeouts, refused connections, HTTP 5xx, 408 and 429); only those are retried.
/// </summary>
public sealed class RpcTransportException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="isTransient">Whether a retry may succeed.</param>
    /// <param name="statusCode">The HTTP status, when the node answered with one.</param>
    /// <param name="attempts">How many attempts had been made when this was thrown.</param>
    /// <param name="innerException">The cause.</param>
    public RpcTransportException(string message, bool isTransient, int? statusCode, int attempts, Exception? innerException = null)
        : base(message, innerException)
    {
        IsTransient = isTransient;
        StatusCode = statusCode;
        Attempts = attempts;
    }

    /// <summary>Creates a non-transient exception.</summary>
    public RpcTransportException(string message) : this(message, false, null, 1) { }

    /// <summary>Creates a non-transient exception with a cause.</summary>
    public RpcTransportException(string message, Exception innerException) : this(message, false, null, 1, innerException) { }

    /// <summary>Creates a non-transient exception with a generic message.</summary>
    public RpcTransportException() : this("The JSON-RPC transport failed.") { }

    /// <summary>True when the failure may go away on retry.</summary>
    public bool IsTransient { get; }

    /// <summary>The HTTP status code, when the node answered with one.</summary>
    public int? StatusCode { get; }

    /// <summary>How many attempts had been made.</summary>
    public int Attempts { get; }
}
