namespace CredentialLedger.Evm.Rpc;

/// <summary>
/// The server answered, but not with a well-formed JSON-RPC 2.0 response or not with the shape the method's
/// result must have (for example a quantity that is not hex, a missing receipt field, a mismatched id). Never
/// retried: the same server would answer the same way.
/// </summary>
public sealed class RpcResponseException : Exception
{
    /// <summary>Creates the exception for a method's response.</summary>
    public RpcResponseException(string method, string message, Exception? innerException = null)
        : base($"Malformed response to {method}: {message}", innerException) => Method = method;

    /// <summary>Creates the exception with a message.</summary>
    public RpcResponseException(string message) : base(message) => Method = "";

    /// <summary>Creates the exception with a message and inner cause.</summary>
    public RpcResponseException(string message, Exception innerException) : base(message, innerException) => Method = "";

    /// <summary>Creates the exception with a generic message.</summary>
    public RpcResponseException() : this("Malformed JSON-RPC response.") { }

    /// <summary>The JSON-RPC method whose response was malformed (empty when unknown).</summary>
    public string Method { get; }
}
