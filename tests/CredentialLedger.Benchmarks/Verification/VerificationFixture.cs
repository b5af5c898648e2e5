using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using CredentialLedger.Contracts;
using CredentialLedger.Contracts.Events;
using CredentialLedger.Credentials.Jwt;
using CredentialLedger.Credentials.Merkle;
using CredentialLedger.Evm;
using CredentialLedger.Sdk.Ledger;
using CredentialLedger.Sdk.Verification;
using Microsoft.IdentityModel.Tokens;

namespace CredentialLedger.Benchmarks.Verification;

/// <summary>
/// The local read model a partner verifies from, built from events as <c>LedgerSync</c> would apply them: KZ, UZ and
/// KR admitted, a KZ signing key registered, batches of real KZ certificates (ES256, signed here) anchored, a
/// concluded KZ–UZ MRA covering AEO-S in force, and a few credentials suspended. Everything the measured loop needs
/// (presented credentials, expected outcomes, decoded signatures for the bare ES256 baseline) is built up front.
/// </summary>
internal sealed class VerificationFixture : IDisposable
{
    public const ulong ChainId = 31337;
    public static readonly Address Registry = Address.Parse("0x5FbDB2315678afecb367f032d93F642f64180aa3");
    public static readonly Address MemberRegistry = Address.Parse("0xe7f1725e7734ce288f8367e1bb143e90bb3f0512");
    public static readonly Address MraRegistry = Address.Parse("0x9fe46736679d2d9a65f0693f2f5c4d0dbc6f7a40");
    public static readonly MemberCode Kz = MemberCode.Parse("KZ");
    public static readonly MemberCode Uz = MemberCode.Parse("UZ");
    public static readonly MemberCode Kr = MemberCode.Parse("KR");

    /// <summary>The fixed time of every verification: within validity, the MRA in force.</summary>
    public static readonly DateTimeOffset At = new(2027, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly DateTimeOffset Genesis = new(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private const uint AeoSOnly = 1u << 0;
    private ulong _block;
    private ulong _time = (ulong)Genesis.ToUnixTimeSeconds();

    private VerificationFixture(VcJwtSigningKey key) => Key = key;

    public VcJwtSigningKey Key { get; }

    public LedgerHistory History { get; } = new();

    public AeoVerifier Verifier { get; private set; } = null!;

    /// <summary>The same verifier with its default signature cache.</summary>
    public AeoVerifier CachingVerifier { get; private set; } = null!;

    /// <summary>The credentials as presented, in issuance order.</summary>
    public PresentedCredential[] Credentials { get; private set; } = [];

    /// <summary>Per credential: true when it must be recognized, false when it must fail as Suspended only.</summary>
    public bool[] ExpectRecognized { get; private set; } = [];

    /// <summary>Per credential: the ASCII signing input (header.payload), for the bare ES256 baseline.</summary>
    public byte[][] SigningInputs { get; private set; } = [];

    /// <summary>Per credential: the 64-byte r || s signature.</summary>
    public byte[][] Signatures { get; private set; } = [];

    public int Batches { get; private set; }

    public int Suspended { get; private set; }

    public static VerificationFixture Create(int count, int batchSize, int suspended)
    {
        var fixture = new VerificationFixture(VcJwtSigningKey.Generate());
        try
        {
            fixture.Build(count, batchSize, suspended);
            return fixture;
        }
        catch
        {
            fixture.Dispose();
            throw;
        }
    }

    private void Build(int count, int batchSize, int suspended)
    {
        Apply(new MemberAdmitted(Kz, 1, 0) { Contract = MemberRegistry, Position = Next() });
        Apply(new MemberAdmitted(Uz, 1, 1) { Contract = MemberRegistry, Position = Next() });
        Apply(new MemberAdmitted(Kr, 1, 2) { Contract = MemberRegistry, Position = Next() });
        Apply(new KeyRegistered(Key.KeyId, Kz, null, _time, 0, Key.PublicKey) { Contract = MemberRegistry, Position = Next() });
        Apply(new MraProposed(1, Kz, [Kz, Uz], AeoSOnly, 0b101, 0, 0) { Contract = MraRegistry, Position = Next() });
        Apply(new MraConcluded(1, 1) { Contract = MraRegistry, Position = Next() });
        // A KR–UZ MRA covering AEO-C only, and a KZ–KR one: lookups see more than one MRA per member.
        Apply(new MraProposed(2, Kr, [Kr, Uz], 1u << 1, 0b1, 0, 0) { Contract = MraRegistry, Position = Next() });
        Apply(new MraConcluded(2, 1) { Contract = MraRegistry, Position = Next() });
        Apply(new MraProposed(3, Kz, [Kz, Kr], AeoSOnly, 0b1, 0, 0) { Contract = MraRegistry, Position = Next() });

        // Sign for real, in parallel (setup only).
        var issuer = new VcJwtIssuer(Key);
        var jws = new string[count];
        Parallel.For(0, count, i => jws[i] = issuer.Sign(Certificate(i)));

        var credentials = new PresentedCredential[count];
        for (var start = 0; start < count; start += batchSize)
        {
            var size = Math.Min(batchSize, count - start);
            var leaves = new Hash32[size];
            for (var i = 0; i < size; i++)
                leaves[i] = MerkleLeaf.Compute(MerkleLeaf.AeoCredentialTag, (uint)i, VcJwt.DocumentHash(jws[start + i]));
            var tree = MerkleTree.Build(leaves);
            Apply(new BatchAnchored(tree.Root, Kz, (uint)size, _time + 30) { Contract = Registry, Position = Next() });
            for (var i = 0; i < size; i++)
                credentials[start + i] = new PresentedCredential(jws[start + i], tree.Root, (uint)i, tree.GetProof(i));
            Batches++;
        }

        // Suspend a few, spread over the batches, effective before At.
        var expect = Enumerable.Repeat(true, count).ToArray();
        var step = count / Math.Max(1, suspended);
        for (var n = 0; n < suspended && step > 2; n++)
        {
            var index = n * step + step / 2;
            var c = credentials[index];
            Apply(new CredentialStatusChanged(c.Root, c.Index, CredentialStatus.Suspended, 4, (ulong)At.AddDays(-10).ToUnixTimeSeconds())
                { Contract = Registry, Position = Next() });
            expect[index] = false;
            Suspended++;
        }
        // And one suspended, then reinstated: its status history is walked but it is Active at At.
        Apply(new CredentialStatusChanged(credentials[1].Root, credentials[1].Index, CredentialStatus.Suspended, 4, (ulong)At.AddDays(-20).ToUnixTimeSeconds())
            { Contract = Registry, Position = Next() });
        Apply(new CredentialStatusChanged(credentials[1].Root, credentials[1].Index, CredentialStatus.Active, 0, (ulong)At.AddDays(-15).ToUnixTimeSeconds())
            { Contract = Registry, Position = Next() });
        expect[1] = true;
        History.MarkSynced(new LedgerFreshness(_block, Hash32.Zero, _time, Genesis.AddDays(400)));

        Credentials = credentials;
        ExpectRecognized = expect;
        SigningInputs = new byte[count][];
        Signatures = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            var lastDot = jws[i].LastIndexOf('.');
            SigningInputs[i] = Encoding.ASCII.GetBytes(jws[i][..lastDot]);
            Signatures[i] = Base64Url.DecodeFromChars(jws[i].AsSpan(lastDot + 1));
        }
        // Cold: every verification checks its ES256 signature. Repeat: the verifier's signature cache (what a border
        // post verifying the same certificates again and again gets).
        Verifier = new AeoVerifier(History, new LedgerStatusReference(ChainId, Registry), signatureCacheSize: 0);
        CachingVerifier = new AeoVerifier(History, new LedgerStatusReference(ChainId, Registry));
    }

    /// <summary>Whether <paramref name="result"/> is what credential <paramref name="i"/> must give.</summary>
    public bool IsExpected(int i, AeoVerification result) =>
        ExpectRecognized[i]
            ? result.Recognized && result.Mra is { MraId: 1 }
            : !result.Recognized && result.Reasons.Count == 1 && result.Reasons[0].Failure == VerificationFailure.Suspended;

    /// <summary>The public key as a fresh .NET ECDsa (one per thread in the baseline).</summary>
    public ECDsa PublicEcdsa() => ECDsa.Create(new ECParameters
    {
        Curve = ECCurve.NamedCurves.nistP256,
        Q = new ECPoint { X = Key.PublicKey[1..33], Y = Key.PublicKey[33..] },
    });

    private static AeoCertificate Certificate(int n) => new()
    {
        Id = AeoCertificate.NewId(),
        IssuerMember = "KZ",
        ValidFrom = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
        ValidUntil = new DateTimeOffset(2029, 1, 1, 0, 0, 0, TimeSpan.Zero),
        ReEvaluationDue = new DateOnly(2027, 6, 30),
        Subject = new AeoSubject
        {
            AeoNumber = $"KZ-AEO-{n:D7}",
            LegalName = $"Trader {n} LLP",
            Tin = $"{100_000_000_000 + n}",
            Country = "KZ",
            // Every fourth holds both programmes; the MRA covers AEO-S only.
            Programmes = n % 4 == 0 ? [AeoProgramme.AeoS, AeoProgramme.AeoC] : [AeoProgramme.AeoS],
            Roles = [AeoRole.Importer, AeoRole.Exporter],
        },
        Status = new LedgerStatusReference(ChainId, Registry),
    };

    private void Apply(RegistryEvent e)
    {
        if (!History.Apply(e, _time))
            throw new InvalidOperationException($"Event not applied: {e}");
    }

    private LogPosition Next()
    {
        _block++;
        _time += 12;
        Span<byte> tx = stackalloc byte[32];
        BitConverter.TryWriteBytes(tx, _block);
        return new LogPosition(_block, new Hash32(tx), 0);
    }

    public void Dispose() => Key.Dispose();

    /// <summary>
    /// JsonWebTokenHandler settings for the JWT library baseline: ES256 only, typ vc+jwt, no lifetime or issuer checks,
    /// over this fixture's key (the configuration VcJwtVerifier used before it checked ES256 itself).
    /// </summary>
    public TokenValidationParameters HandlerParameters() => new()
    {
        IssuerSigningKey = new ECDsaSecurityKey(PublicEcdsa()) { KeyId = Key.KeyId.ToString() },
        ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
        ValidTypes = [VcJwt.MediaType],
        ValidateIssuer = false,
        ValidateAudience = false,
        ValidateLifetime = false,
        RequireExpirationTime = false,
        RequireSignedTokens = true,
        ValidateIssuerSigningKey = false,
        TryAllIssuerSigningKeys = false,
    };
}
