using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CredentialLedger.Contracts;
using CredentialLedger.Credentials.Jwt;
using CredentialLedger.Sdk.Exchange;
using Microsoft.Extensions.Time.Testing;
using static CredentialLedger.Sdk.Tests.LedgerScenario;

namespace CredentialLedger.Sdk.Tests.Exchange;

/// <summary>
/// Partner request tokens at KR's node, against the standard scenario (KR, UZ, KZ members with registered keys; MRA 1
/// between KR and UZ in force; KZ party to none): only a fresh, chain-signed token of a partner under an MRA in force
/// is granted; everything else is refused with the right kind of denial and a clear reason, never an exception.
/// </summary>
public sealed class ExchangeTokenValidatorTests : IDisposable
{
    private readonly LedgerScenario _s = Standard();
    private readonly FakeTimeProvider _time = new(At);
    private readonly ExchangeTokenValidator _validator;

    public ExchangeTokenValidatorTests() => _validator = new ExchangeTokenValidator(_s.History, Kr, _time);

    public void Dispose() => _s.Dispose();

    private string TokenOf(MemberCode member, MemberCode audience, VcJwtSigningKey? key = null, TimeSpan? lifetime = null)
    {
        using var issuer = new ExchangeTokenIssuer(member, key ?? _s.KeyOf(member), _time);
        return issuer.Create(audience, lifetime);
    }

    private static void AssertDenied(ExchangeAccess access, ExchangeDenial denial, string errorPart)
    {
        Assert.False(access.Granted);
        Assert.Equal(denial, access.Denial);
        Assert.Empty(access.MraIds);
        Assert.Contains(errorPart, access.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_partner_under_an_mra_in_force_is_granted_with_the_mra()
    {
        var access = _validator.Validate(TokenOf(Uz, Kr));

        Assert.True(access.Granted, access.Error);
        Assert.Equal(Uz, access.Partner);
        Assert.Equal([1UL], access.MraIds);
        Assert.True(_validator.StillPermitted(Uz));
    }

    [Fact]
    public void A_member_party_to_no_mra_with_this_member_is_not_permitted()
    {
        var access = _validator.Validate(TokenOf(Kz, Kr));

        AssertDenied(access, ExchangeDenial.NotPermitted, "no MRA between KR and KZ");
        Assert.Equal(Kz, access.Partner);
        Assert.False(_validator.StillPermitted(Kz));
    }

    [Fact]
    public void Access_ends_when_the_mra_is_suspended_and_comes_back_when_it_resumes()
    {
        _s.SuspendMra(1, Uz, Unix(At) - 60);
        AssertDenied(_validator.Validate(TokenOf(Uz, Kr)), ExchangeDenial.NotPermitted, "no MRA");
        Assert.False(_validator.StillPermitted(Uz));

        _s.ResumeMra(1, Kr, Unix(At) - 30);
        Assert.True(_validator.Validate(TokenOf(Uz, Kr)).Granted);
    }

    [Fact]
    public void A_partner_removed_from_membership_is_not_permitted()
    {
        _s.Remove(Uz, Unix(At) - 60);

        // Its key is still registered, so the token is authentic; the membership is what fails.
        AssertDenied(_validator.Validate(TokenOf(Uz, Kr)), ExchangeDenial.NotPermitted, "no MRA");
    }

    [Fact]
    public void A_token_signed_by_a_key_registered_nowhere_is_unauthenticated()
    {
        using var stranger = VcJwtSigningKey.Generate();

        AssertDenied(_validator.Validate(TokenOf(Uz, Kr, stranger)), ExchangeDenial.Unauthenticated, "is not a member key registered on chain");
    }

    [Fact]
    public void A_chamber_key_cannot_speak_for_its_member()
    {
        var chamberKey = _s.RegisterKey(Uz, Genesis + 40, validFrom: Genesis + 40, chamber: new ChamberId(Encoding.ASCII.GetBytes("UZ-TASHKENT-CCI".PadRight(16, '\0'))));

        AssertDenied(_validator.Validate(TokenOf(Uz, Kr, chamberKey)), ExchangeDenial.Unauthenticated, "is not a member key");
    }

    [Fact]
    public void A_token_claiming_another_member_than_its_keys_owner_is_unauthenticated()
    {
        // KZ signs with its own registered key but claims to be UZ, which has the MRA.
        AssertDenied(_validator.Validate(TokenOf(Uz, Kr, _s.KeyOf(Kz))), ExchangeDenial.Unauthenticated, "iss: must be KZ");
    }

    [Fact]
    public void A_token_for_another_node_is_unauthenticated()
    {
        AssertDenied(_validator.Validate(TokenOf(Uz, Kz)), ExchangeDenial.Unauthenticated, "aud: must be KR");
    }

    [Fact]
    public void An_expired_token_is_unauthenticated_and_one_within_the_clock_skew_is_not()
    {
        var token = TokenOf(Uz, Kr, lifetime: TimeSpan.FromMinutes(2));
        _time.Advance(TimeSpan.FromMinutes(2) + ExchangeToken.ClockSkew + TimeSpan.FromSeconds(1));
        AssertDenied(_validator.Validate(token), ExchangeDenial.Unauthenticated, "exp");

        var fresh = TokenOf(Uz, Kr, lifetime: TimeSpan.FromMinutes(2));
        _time.Advance(TimeSpan.FromMinutes(2) + ExchangeToken.ClockSkew - TimeSpan.FromSeconds(5));
        Assert.True(_validator.Validate(fresh).Granted);
    }

    [Fact]
    public void A_token_is_good_for_one_request()
    {
        var token = TokenOf(Uz, Kr);

        Assert.True(_validator.Validate(token).Granted);
        AssertDenied(_validator.Validate(token), ExchangeDenial.Unauthenticated, "already used");
    }

    [Fact]
    public void A_token_signed_with_a_revoked_key_is_unauthenticated()
    {
        _s.RevokeKey(_s.KeyOf(Uz).KeyId, Unix(At) - 3600, Unix(At) - 60);

        AssertDenied(_validator.Validate(TokenOf(Uz, Kr)), ExchangeDenial.Unauthenticated, "is not valid now");
    }

    [Fact]
    public void The_issuer_refuses_a_lifetime_beyond_five_minutes_and_the_validator_refuses_a_hand_made_one()
    {
        using var issuer = new ExchangeTokenIssuer(Uz, _s.KeyOf(Uz), _time);
        Assert.Throws<ArgumentOutOfRangeException>(() => issuer.Create(Kr, TimeSpan.FromMinutes(6)));

        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        var token = HandMade(_s.KeyOf(Uz), Header(_s.KeyOf(Uz)), Payload(now, now + 3600));
        AssertDenied(_validator.Validate(token), ExchangeDenial.Unauthenticated, "at most 5 minutes");
    }

    [Fact]
    public void A_token_issued_in_the_future_or_without_scope_or_jti_is_unauthenticated()
    {
        var key = _s.KeyOf(Uz);
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        AssertDenied(_validator.Validate(HandMade(key, Header(key), Payload(now + 600, now + 700))), ExchangeDenial.Unauthenticated, "iat");
        AssertDenied(_validator.Validate(HandMade(key, Header(key), Payload(now, now + 60, scope: "credentials:write"))), ExchangeDenial.Unauthenticated, "scope");
        AssertDenied(_validator.Validate(HandMade(key, Header(key), Payload(now, now + 60, jti: ""))), ExchangeDenial.Unauthenticated, "jti");
        AssertDenied(_validator.Validate(HandMade(key, Header(key), Payload(now, null))), ExchangeDenial.Unauthenticated, "exp");
    }

    [Fact]
    public void A_self_addressed_token_is_not_permitted()
    {
        AssertDenied(_validator.Validate(TokenOf(Kr, Kr)), ExchangeDenial.NotPermitted, "own credentials");
    }

    [Theory]
    [InlineData("none")]
    [InlineData("HS256")]
    [InlineData("RS256")]
    [InlineData("ES384")]
    public void Other_algorithms_are_unauthenticated(string alg)
    {
        var key = _s.KeyOf(Uz);
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        var header = $$"""{"alg":"{{alg}}","typ":"exchange+jwt","kid":"{{key.KeyId}}"}""";
        // HS256 keyed with the public key bytes: the classic algorithm-confusion forgery.
        var signingInput = B64(header) + "." + B64(Payload(now, now + 60));
        var signature = alg == "none" ? "" : B64(HMACSHA256.HashData(key.PublicKey, Encoding.ASCII.GetBytes(signingInput)));

        // "none" has an empty signature segment: not even a compact JWS.
        AssertDenied(_validator.Validate(signingInput + "." + signature), ExchangeDenial.Unauthenticated, alg == "none" ? "not a compact JWS" : "header.alg");
    }

    [Fact]
    public void A_verifiable_credential_is_not_a_token()
    {
        // Signed by UZ's registered key, but typ vc+jwt: a credential can never pass for a request token.
        var credential = new VcJwtIssuer(_s.KeyOf(Uz)).Sign(Certificate("UZ", AeoProgramme.AeoS));

        AssertDenied(_validator.Validate(credential), ExchangeDenial.Unauthenticated, "header.typ");
    }

    [Fact]
    public void An_altered_payload_fails_the_signature()
    {
        var parts = TokenOf(Kz, Kr).Split('.');
        var payload = Encoding.UTF8.GetString(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(parts[1])).Replace("\"KZ\"", "\"UZ\"", StringComparison.Ordinal);

        AssertDenied(_validator.Validate($"{parts[0]}.{B64(payload)}.{parts[2]}"), ExchangeDenial.Unauthenticated, "signature");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("a.b")]
    [InlineData("a..c")]
    [InlineData("!!!.###.$$$")]
    [InlineData("eyJhbGciOiJFUzI1NiJ9.e30.AAAA")]
    [InlineData("W10.e30.AAAA")]
    public void Malformed_tokens_are_unauthenticated_without_an_exception(string? token)
    {
        var access = _validator.Validate(token);

        Assert.False(access.Granted);
        Assert.Equal(ExchangeDenial.Unauthenticated, access.Denial);
        Assert.False(string.IsNullOrEmpty(access.Error));
    }

    [Fact]
    public void An_oversized_token_is_refused_before_any_parsing()
    {
        AssertDenied(_validator.Validate(new string('a', ExchangeTokenValidator.MaxLength + 1)), ExchangeDenial.Unauthenticated, "longer than");
    }

    private static string Header(VcJwtSigningKey key) => $$"""{"alg":"ES256","typ":"exchange+jwt","kid":"{{key.KeyId}}"}""";

    private static string Payload(long iat, long? exp, string scope = ExchangeToken.Scope, string? jti = null)
    {
        var claims = new Dictionary<string, object>
        {
            ["iss"] = "UZ",
            ["aud"] = "KR",
            ["iat"] = iat,
            ["scope"] = scope,
            ["jti"] = jti ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
        };
        if (exp is { } e)
            claims["exp"] = e;
        return JsonSerializer.Serialize(claims);
    }

    private static string HandMade(VcJwtSigningKey key, string header, string payload)
    {
        using var ecdsa = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            D = key.ExportPrivateKey(),
            Q = new ECPoint { X = key.PublicKey[1..33], Y = key.PublicKey[33..] },
        });
        var signingInput = B64(header) + "." + B64(payload);
        return signingInput + "." + B64(ecdsa.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }

    private static string B64(string text) => B64(Encoding.UTF8.GetBytes(text));

    private static string B64(byte[] bytes) => Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(bytes);
}
