using Grpc.Core;

namespace CredentialLedger.Node.Grpc;

/// <summary>
/// Who is calling, as the bearer token says: the member's operator (every call), or a chamber of commerce served by
/// this node (its own certificate-of-origin calls only). <see cref="OperatorTokenInterceptor"/> sets it.
/// </summary>
/// <param name="Chamber">The chamber, or null for the operator.</param>
public sealed record Caller(string? Chamber)
{
    private const string Key = "credledger.caller";

    /// <summary>The member's operator.</summary>
    public static Caller Operator { get; } = new((string?)null);

    /// <summary>True for the operator token.</summary>
    public bool IsOperator => Chamber is null;

    /// <summary>The caller of <paramref name="context"/>.</summary>
    /// <exception cref="InvalidOperationException">No token was checked for the call (a wiring mistake: never an operator by default).</exception>
    public static Caller Of(ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.UserState.TryGetValue(Key, out var caller) && caller is Caller c
            ? c
            : throw new InvalidOperationException($"No caller was established for {context.Method}.");
    }

    internal void Attach(ServerCallContext context) => context.UserState[Key] = this;

    /// <inheritdoc />
    public override string ToString() => Chamber is null ? "operator" : $"chamber {Chamber}";
}
