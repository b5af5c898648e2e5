using CredentialLedger.Credentials.Jwt;

namespace CredentialLedger.Credentials.Tests.Jwt;

public sealed class CountryCodesTests
{
    [Fact]
    public void There_are_249_officially_assigned_codes()
    {
        Assert.Equal(249, CountryCodes.Count);
    }

    [Theory]
    [InlineData("KR")]
    [InlineData("GB")]
    [InlineData("US")]
    [InlineData("AX")]
    [InlineData("SS")]
    [InlineData("ZW")]
    public void Assigned_codes_in_capitals_are_known(string code)
    {
        Assert.True(CountryCodes.IsAssigned(code));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("K")]
    [InlineData("kr")]
    [InlineData("Kr")]
    [InlineData("KOR")]
    [InlineData("XX")]
    [InlineData("UK")] // exceptionally reserved, not assigned
    [InlineData("EU")] // exceptionally reserved, not assigned
    [InlineData("XK")] // user-assigned (Kosovo), not an ISO assignment
    [InlineData("AN")] // withdrawn (Netherlands Antilles)
    [InlineData("KR ")]
    public void Anything_else_is_not(string? code)
    {
        Assert.False(CountryCodes.IsAssigned(code));
    }
}
