using CredentialLedger.Sdk.Verification;

namespace CredentialLedger.Sdk.Tests.Verification;

internal static class VerificationAssert
{
    /// <summary>Not recognized, for exactly these reasons (in any order), each with a message for a person.</summary>
    public static void FailsWith(AeoVerification result, params VerificationFailure[] failures)
    {
        Assert.False(result.Recognized, "recognized, but expected " + string.Join(", ", failures));
        Assert.Equal(failures.Order(), result.Reasons.Select(r => r.Failure).Order());
        Assert.All(result.Reasons, r => Assert.False(string.IsNullOrWhiteSpace(r.Message)));
    }

    /// <summary>Recognized, with no reasons.</summary>
    public static void IsRecognized(AeoVerification result)
    {
        Assert.Empty(result.Reasons);
        Assert.True(result.Recognized);
    }
}
