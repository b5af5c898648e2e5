using CredentialLedger.Evm.Hex;
using CredentialLedger.Evm.Tests.Rpc;

namespace CredentialLedger.Evm.Tests.Accounts;

/// <summary>A scripted node: each method answers with a result JSON, or an error when the callback returns one.</summary>
internal sealed class FakeNode
{
    public const string Zero32 = "0x0000000000000000000000000000000000000000000000000000000000000000";

    private readonly Dictionary<string, Func<FakeRpcHandler.Request, Answer>> _methods = new(StringComparer.Ordinal);

    internal readonly record struct Answer(string? Result, int Code = 0, string? Message = null, string? Data = null)
    {
        public static Answer Ok(string resultJson) => new(resultJson);

        public static Answer Fail(int code, string message, string? dataJson = null) => new(null, code, message, dataJson);
    }

    public FakeNode()
    {
        Handler = new FakeRpcHandler((r, _) =>
        {
            var answer = _methods.TryGetValue(r.Method, out var f)
                ? f(r)
                : Answer.Fail(-32601, $"method {r.Method} not scripted");
            var body = answer.Result is { } result
                ? FakeRpcHandler.Result(r.Id, result)
                : FakeRpcHandler.Error(r.Id, answer.Code, answer.Message!, answer.Data);
            return Task.FromResult(FakeRpcHandler.Json(body));
        });
    }

    public FakeRpcHandler Handler { get; }

    public int Count(string method) => Handler.Requests.Count(r => r.Method == method);

    public FakeNode On(string method, Func<FakeRpcHandler.Request, Answer> answer)
    {
        _methods[method] = answer;
        return this;
    }

    public FakeNode On(string method, string resultJson) => On(method, _ => Answer.Ok(resultJson));

    public static string Quantity(ulong value) => $"\"{HexConverter.ToQuantity(value)}\"";

    public static string BlockJson(ulong number, ulong? baseFee) =>
        $$"""
        {"number":"{{HexConverter.ToQuantity(number)}}","hash":"{{Zero32}}","parentHash":"{{Zero32}}",
         "timestamp":"0x1","gasLimit":"0x1c9c380","gasUsed":"0x0","miner":"0x0000000000000000000000000000000000000000",
         {{(baseFee is { } fee ? $"\"baseFeePerGas\":\"{HexConverter.ToQuantity(fee)}\"," : "")}}"transactions":[]}
        """;

    public static string ReceiptJson(string txHash, ulong block, bool success) =>
        $$"""
        {"transactionHash":"{{txHash}}","transactionIndex":"0x0","blockNumber":"{{HexConverter.ToQuantity(block)}}",
         "blockHash":"{{Zero32}}","from":"0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266",
         "to":"0x5fbdb2315678afecb367f032d93f642f64180aa3","contractAddress":null,"gasUsed":"0x5208",
         "cumulativeGasUsed":"0x5208","effectiveGasPrice":"0x3b9aca00","status":"{{(success ? "0x1" : "0x0")}}",
         "type":"0x2","logs":[],"logsBloom":"0x"}
        """;
}
