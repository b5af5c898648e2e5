using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace CredentialLedger.Evm.Rlp;

/// <summary>
/// Throw helpers kept out of the hot paths: a method that only throws is never inlined into its caller, so the
/// reader's happy path stays small, and <see cref="StackTraceHiddenAttribute"/> keeps traces pointing at the caller.
/// </summary>
internal static class RlpThrow
{
    [DoesNotReturn, StackTraceHidden]
    public static void Malformed(string message, int position) => throw new RlpException(message, position);

    [DoesNotReturn, StackTraceHidden]
    public static T Malformed<T>(string message, int position) => throw new RlpException(message, position);
}
