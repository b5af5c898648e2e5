namespace CredentialLedger.Sdk.Exchange;

/// <summary>Constants of the partner request token (see <see cref="ExchangeTokenIssuer"/>).</summary>
public static class ExchangeToken
{
    /// <summary>The JWS <c>typ</c>: distinct from <c>vc+jwt</c>, so a credential can never pass for a token or back.</summary>
    public const string MediaType = "exchange+jwt";

    /// <summary>The only scope: reading the issuer's credentials and status changes.</summary>
    public const string Scope = "credentials:read";

    /// <summary>The longest lifetime a node accepts.</summary>
    public static TimeSpan MaxLifetime { get; } = TimeSpan.FromMinutes(5);

    /// <summary>Clock difference tolerated between the partner and the node.</summary>
    public static TimeSpan ClockSkew { get; } = TimeSpan.FromSeconds(60);
}
