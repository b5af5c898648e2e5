using System.Text.Json;
using CredentialLedger.Evm.Hex;

namespace CredentialLedger.Evm.Rpc;

/// <summary>
/// The server answered with a JSON-RPC error object (<c>{"code", "message", "data"}</c>). The request reached the
/// node and was refused, so it is never retried. Reverts are not reported with this type: when the error carries
/// revert data, <see cref="JsonRpcClient"/> throws the decoded <c>ContractRevertedException</c> instead, with this
/// exception as its inner exception.
/// </summary>
public sealed class JsonRpcException : Exception
{
    /// <summary>Creates the exception from an error object's fields.</summary>
    /// <param name="method">The JSON-RPC method that failed.</param>
    /// <param name="code">The error code (JSON-RPC 2.0 §5.1; EIP-1474 for the Ethereum codes).</param>
    /// <param name="rpcMessage">The server's message.</param>
    /// <param name="data">The raw <c>data</c> member, if any (cloned, so it outlives the response document).</param>
    public JsonRpcException(string method, long code, string rpcMessage, JsonElement? data = null)
        : base($"{method} failed with JSON-RPC error {code}: {rpcMessage}")
    {
        Method = method;
        Code = code;
        RpcMessage = rpcMessage;
        ErrorData = data;
        RevertData = ExtractRevertData(code, rpcMessage, data);
    }

    /// <summary>Creates the exception with a message.</summary>
    public JsonRpcException(string message) : base(message)
    {
        Method = "";
        RpcMessage = message;
    }

    /// <summary>Creates the exception with a message and inner cause.</summary>
    public JsonRpcException(string message, Exception innerException) : base(message, innerException)
    {
        Method = "";
        RpcMessage = message;
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public JsonRpcException() : this("The JSON-RPC server returned an error.") { }

    /// <summary>The JSON-RPC method that failed.</summary>
    public string Method { get; }

    /// <summary>The error code; -32000 to -32099 are server-defined, 3 is "execution reverted" (EIP-1474).</summary>
    public long Code { get; }

    /// <summary>The server's message, as sent.</summary>
    public string RpcMessage { get; }

    /// <summary>The raw <c>data</c> member, or null when absent.</summary>
    public JsonElement? ErrorData { get; }

    /// <summary>
    /// The revert data (ABI-encoded error) when the error is an execution revert that carried it, else null.
    /// Nodes put it in <c>data</c> as a hex string (geth, anvil, Besu) or as <c>data.data</c> (some gateways).
    /// </summary>
    public ReadOnlyMemory<byte>? RevertData { get; }

    /// <summary>
    /// True when the node refused an <c>eth_getLogs</c> query as too large (too many blocks or too many results).
    /// Providers say this in different words; the recognised forms are code -32005 and messages containing
    /// "query returned more than", "block range", "exceed maximum block range", "range too large",
    /// "too many results" or "limit exceeded".
    /// </summary>
    public bool IsQueryTooLarge =>
        Code == -32005
        || ContainsAny(RpcMessage, "query returned more than", "block range", "exceed maximum block range",
            "range too large", "too many results", "limit exceeded", "response size exceeded");

    /// <summary>
    /// True when the node refused a transaction because of its nonce: "nonce too low", "already known",
    /// "replacement transaction underpriced" (geth/anvil/Besu wordings). The local nonce count is then stale.
    /// </summary>
    public bool IsNonceConflict =>
        ContainsAny(RpcMessage, "nonce too low", "already known", "replacement transaction underpriced",
            "known transaction", "nonce has already been used", "transaction already imported");

    private static bool ContainsAny(string text, params ReadOnlySpan<string> needles)
    {
        foreach (var needle in needles)
        {
            if (text.Contains(needle, StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }

    private static ReadOnlyMemory<byte>? ExtractRevertData(long code, string message, JsonElement? data)
    {
        // Code 3 is the standard "execution reverted" (EIP-1474/geth); older nodes use -32000 with the word in the message.
        if (data is not { } element || (code != 3 && !message.Contains("revert", StringComparison.OrdinalIgnoreCase)))
            return null;
        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty("data", out var inner))
            element = inner;
        if (element.ValueKind != JsonValueKind.String)
            return null;
        var text = element.GetString();
        if (text is null || !text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            return null;
        return HexConverter.TryToBytes(text, out var bytes) ? bytes : null;
    }
}
