using CredentialLedger.Evm;
using CredentialLedger.Credentials.Jwt;

namespace CredentialLedger.Credentials.Tests.Jwt;

public sealed class AeoCertificateValidatorTests
{
    private static readonly AeoCertificate Valid = JwtTestData.Certificate();

    private static AeoCertificate WithSubject(Func<AeoSubject, AeoSubject> change) => Valid with { Subject = change(Valid.Subject) };

    /// <summary>One invalid variant of the valid certificate per case (theory data must be serializable, so by name).</summary>
    private static AeoCertificate Broken(string name) => name switch
    {
        "id empty" => Valid with { Id = "" },
        "id null" => Valid with { Id = null! },
        "status missing" => Valid with { Status = null! },
        "status chain 0" => Valid with { Status = Valid.Status with { ChainId = 0 } },
        "status zero registry" => Valid with { Status = Valid.Status with { CredentialRegistry = Address.Zero } },
        "id not urn" => Valid with { Id = "3f2b8c1e-5a7d-4e2f-9b1c-0d4e6f8a2b3c" },
        "id not uuid" => Valid with { Id = "urn:uuid:not-a-uuid" },
        "id uppercase" => Valid with { Id = "urn:uuid:3F2B8C1E-5A7D-4E2F-9B1C-0D4E6F8A2B3C" },
        "id braces" => Valid with { Id = "urn:uuid:{3f2b8c1e-5a7d-4e2f-9b1c-0d4e6f8a2b3c}" },
        "issuer unknown" => Valid with { IssuerMember = "XX" },
        "issuer lowercase" => Valid with { IssuerMember = "kr" },
        "issuer alpha-3" => Valid with { IssuerMember = "KOR" },
        "issuer EU" => Valid with { IssuerMember = "EU" },
        "issuer UK" => Valid with { IssuerMember = "UK" },
        "issuer empty" => Valid with { IssuerMember = "" },
        // The re-evaluation day stays inside [from day, until day], so only validUntil is wrong.
        "until before from" => Valid with { ValidFrom = Valid.ValidFrom.AddHours(12), ValidUntil = Valid.ValidFrom.AddHours(6), ReEvaluationDue = new DateOnly(2026, 1, 1) },
        "until equals from" => Valid with { ValidUntil = Valid.ValidFrom, ReEvaluationDue = new DateOnly(2026, 1, 1) },
        "fractional seconds" => Valid with { ValidFrom = Valid.ValidFrom.AddMilliseconds(500) },
        "from at epoch" => Valid with { ValidFrom = DateTimeOffset.UnixEpoch, ReEvaluationDue = new DateOnly(2000, 1, 1) },
        "due before from" => Valid with { ReEvaluationDue = new DateOnly(2025, 12, 31) },
        "due after until" => Valid with { ReEvaluationDue = new DateOnly(2029, 1, 2) },
        "subject missing" => Valid with { Subject = null! },
        "aeoNumber empty" => WithSubject(s => s with { AeoNumber = "" }),
        "aeoNumber null" => WithSubject(s => s with { AeoNumber = null! }),
        "aeoNumber too long" => WithSubject(s => s with { AeoNumber = new string('A', 65) }),
        "aeoNumber space" => WithSubject(s => s with { AeoNumber = "KR AEO 1" }),
        "legalName blank" => WithSubject(s => s with { LegalName = "   " }),
        "legalName control" => WithSubject(s => s with { LegalName = "Hanbit\nLogistics" }),
        "legalName padded" => WithSubject(s => s with { LegalName = " Hanbit" }),
        "legalName too long" => WithSubject(s => s with { LegalName = new string('n', 257) }),
        "tin empty" => WithSubject(s => s with { Tin = "" }),
        "tin bad chars" => WithSubject(s => s with { Tin = "123;DROP" }),
        "country unknown" => WithSubject(s => s with { Country = "ZZ" }),
        "country lowercase" => WithSubject(s => s with { Country = "kr" }),
        "country null" => WithSubject(s => s with { Country = null! }),
        "programmes empty" => WithSubject(s => s with { Programmes = [] }),
        "programmes null" => WithSubject(s => s with { Programmes = null! }),
        "programme unknown" => WithSubject(s => s with { Programmes = [(AeoProgramme)3] }),
        "programme zero" => WithSubject(s => s with { Programmes = [AeoProgramme.AeoS, 0] }),
        "programme twice" => WithSubject(s => s with { Programmes = [AeoProgramme.AeoC, AeoProgramme.AeoC] }),
        "roles empty" => WithSubject(s => s with { Roles = [] }),
        "role unknown" => WithSubject(s => s with { Roles = [(AeoRole)99] }),
        "role twice" => WithSubject(s => s with { Roles = [AeoRole.Carrier, AeoRole.Carrier] }),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    [Theory]
    [InlineData("id empty", "id: required")]
    [InlineData("id null", "id: required")]
    [InlineData("status missing", "credentialStatus: required")]
    [InlineData("status chain 0", "credentialStatus.chainId: must not be 0")]
    [InlineData("status zero registry", "credentialStatus.credentialRegistry: must not be the zero address")]
    [InlineData("id not urn", "id:")]
    [InlineData("id not uuid", "id:")]
    [InlineData("id uppercase", "id:")]
    [InlineData("id braces", "id:")]
    [InlineData("issuer unknown", "issuer: 'XX' is not an assigned ISO 3166-1 alpha-2 code")]
    [InlineData("issuer lowercase", "issuer: 'kr'")]
    [InlineData("issuer alpha-3", "issuer: 'KOR'")]
    [InlineData("issuer EU", "issuer: 'EU'")]
    [InlineData("issuer UK", "issuer: 'UK'")]
    [InlineData("issuer empty", "issuer:")]
    [InlineData("until before from", "validUntil:")]
    [InlineData("until equals from", "validUntil:")]
    [InlineData("fractional seconds", "validFrom/validUntil: whole seconds only")]
    [InlineData("from at epoch", "validFrom: must be after 1970-01-01")]
    [InlineData("due before from", "reEvaluationDue: 2025-12-31 is not within the validity period")]
    [InlineData("due after until", "reEvaluationDue: 2029-01-02 is not within the validity period")]
    [InlineData("subject missing", "subject: required")]
    [InlineData("aeoNumber empty", "subject.aeoNumber: required")]
    [InlineData("aeoNumber null", "subject.aeoNumber: required")]
    [InlineData("aeoNumber too long", "subject.aeoNumber: at most 64 characters")]
    [InlineData("aeoNumber space", "subject.aeoNumber: contains characters that are not allowed")]
    [InlineData("legalName blank", "subject.legalName: required")]
    [InlineData("legalName control", "subject.legalName: contains characters that are not allowed")]
    [InlineData("legalName padded", "subject.legalName: leading or trailing spaces")]
    [InlineData("legalName too long", "subject.legalName: at most 256 characters")]
    [InlineData("tin empty", "subject.tin: required")]
    [InlineData("tin bad chars", "subject.tin: contains characters that are not allowed")]
    [InlineData("country unknown", "subject.country: 'ZZ' is not an assigned ISO 3166-1 alpha-2 code")]
    [InlineData("country lowercase", "subject.country: 'kr'")]
    [InlineData("country null", "subject.country:")]
    [InlineData("programmes empty", "subject.programmeTypes: at least one programme type")]
    [InlineData("programmes null", "subject.programmeTypes: at least one programme type")]
    [InlineData("programme unknown", "subject.programmeTypes: unknown programme type")]
    [InlineData("programme zero", "subject.programmeTypes: unknown programme type")]
    [InlineData("programme twice", "subject.programmeTypes: listed twice")]
    [InlineData("roles empty", "subject.roles: at least one role")]
    [InlineData("role unknown", "subject.roles: unknown role")]
    [InlineData("role twice", "subject.roles: listed twice")]
    public void An_invalid_field_is_reported_once_by_its_name(string broken, string expected)
    {
        var certificate = Broken(broken);

        var error = Assert.Single(AeoCertificateValidator.Validate(certificate));
        Assert.StartsWith(expected, error, StringComparison.Ordinal);

        var e = Assert.Throws<AeoCertificateValidationException>(() => AeoCertificateValidator.EnsureValid(certificate));
        Assert.Equal([error], e.Errors);
        Assert.Contains(error, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_valid_certificate_has_no_errors_and_passes_ensure_valid()
    {
        Assert.Empty(AeoCertificateValidator.Validate(Valid));
        AeoCertificateValidator.EnsureValid(Valid);
    }

    [Fact]
    public void The_re_evaluation_date_may_fall_on_the_first_or_last_day_of_validity()
    {
        Assert.Empty(AeoCertificateValidator.Validate(Valid with { ReEvaluationDue = new DateOnly(2026, 1, 1) }));
        Assert.Empty(AeoCertificateValidator.Validate(Valid with { ReEvaluationDue = new DateOnly(2029, 1, 1) }));
    }

    [Fact]
    public void Validity_is_compared_as_instants_and_days_in_utc_whatever_the_offsets()
    {
        // 09:00 at +09:00 is midnight UTC on 1 January; 23:30 at -05:00 on 31 December is 04:30 UTC on 1 January 2027.
        var certificate = Valid with
        {
            ValidFrom = new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.FromHours(9)),
            ValidUntil = new DateTimeOffset(2026, 12, 31, 23, 30, 0, TimeSpan.FromHours(-5)),
            ReEvaluationDue = new DateOnly(2027, 1, 1),
        };

        Assert.Empty(AeoCertificateValidator.Validate(certificate));
        Assert.Single(AeoCertificateValidator.Validate(certificate with { ReEvaluationDue = new DateOnly(2027, 1, 2) }));
    }

    [Fact]
    public void Every_problem_is_reported_at_once_each_with_its_field()
    {
        var certificate = Valid with
        {
            IssuerMember = "XX",
            ValidUntil = Valid.ValidFrom.AddSeconds(-1),
            Subject = Valid.Subject with { Country = "QQ", Programmes = [], Roles = [(AeoRole)0] },
        };

        var errors = AeoCertificateValidator.Validate(certificate);

        Assert.Contains(errors, e => e.StartsWith("issuer:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("validUntil:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("reEvaluationDue:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("subject.country:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("subject.programmeTypes:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("subject.roles:", StringComparison.Ordinal));
        Assert.Equal(6, errors.Count);
        var e = Assert.Throws<AeoCertificateValidationException>(() => AeoCertificateValidator.EnsureValid(certificate));
        Assert.Equal(errors, e.Errors);
        Assert.StartsWith("Invalid AEO certificate: ", e.Message, StringComparison.Ordinal);
        Assert.All(errors, error => Assert.Contains(error, e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_role_and_both_programmes_are_accepted()
    {
        var certificate = WithSubject(s => s with { Programmes = Enum.GetValues<AeoProgramme>(), Roles = Enum.GetValues<AeoRole>() });

        Assert.Empty(AeoCertificateValidator.Validate(certificate));
    }

    [Fact]
    public void A_certificate_without_id_or_status_is_refused_by_the_issuer_before_anything_is_signed()
    {
        using var key = VcJwtSigningKey.Generate();
        var issuer = new VcJwtIssuer(key);

        Assert.Throws<AeoCertificateValidationException>(() => issuer.Sign(Valid with { Id = null! }));
        Assert.Throws<AeoCertificateValidationException>(() => issuer.Sign(Valid with { Status = null! }));
    }

    [Fact]
    public void A_null_certificate_is_an_argument_error()
    {
        Assert.Throws<ArgumentNullException>(() => AeoCertificateValidator.Validate(null!));
    }

    [Fact]
    public void A_validation_exception_made_from_one_message_lists_it_as_its_only_error()
    {
        var inner = new FormatException("bad");
        var e = new AeoCertificateValidationException("id: bad", inner);

        Assert.Equal(["id: bad"], e.Errors);
        Assert.Same(inner, e.InnerException);
        Assert.Equal(["Invalid AEO certificate."], new AeoCertificateValidationException().Errors);
    }
}
