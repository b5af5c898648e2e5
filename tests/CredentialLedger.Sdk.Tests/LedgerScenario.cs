using System.Globalization;
using CredentialLedger.Contracts;
using CredentialLedger.Contracts.Events;
using CredentialLedger.Credentials.Jwt;
using CredentialLedger.Credentials.Merkle;
using CredentialLedger.Evm;
using CredentialLedger.Evm.Crypto;
using CredentialLedger.Sdk.Ledger;
using CredentialLedger.Sdk.Verification;

namespace CredentialLedger.Sdk.Tests;

/// <summary>A batch anchored by a <see cref="LedgerScenario"/>: its root, its log, and its credentials as presented.</summary>
internal sealed record AnchoredDocuments(Hash32 Root, LogPosition Position, ulong AnchoredAt, IReadOnlyList<PresentedCredential> Credentials)
{
    public PresentedCredential this[int index] => Credentials[index];
}

/// <summary>
/// A ledger built from synthetic registry events, applied the way <c>LedgerSync</c> applies them: each event in its
/// own block, in chain order, at a block time the test chooses. Keys are real P-256 keys, certificates real ES256
/// VC-JWTs and batches real Merkle trees, so the verifier runs its whole path. No chain is involved.
/// </summary>
internal sealed partial class LedgerScenario : IDisposable
{
    public const ulong ChainId = 31337;

    /// <summary>MRA scope bits (contracts/README.md: bit 0 AEO-S, bit 1 AEO-C).</summary>
    public const uint AeoSOnly = 1u << 0, AeoCOnly = 1u << 1, AeoSAndC = AeoSOnly | AeoCOnly;

    /// <summary>The benefits of the standard KR–UZ MRA: fewer documentary checks and priority release.</summary>
    public const uint StandardBenefits = 0b101;

    public static readonly Address CredentialRegistry = Address.Parse("0x5FbDB2315678afecb367f032d93F642f64180aa3");
    public static readonly Address MemberRegistry = Address.Parse("0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512");
    public static readonly Address MraRegistry = Address.Parse("0x9fe46736679d2d9a65f0992f2272de9f3c7fa6e0");
    public static readonly LedgerStatusReference Ledger = new(ChainId, CredentialRegistry);

    public static readonly MemberCode Kr = MemberCode.Parse("KR");
    public static readonly MemberCode Uz = MemberCode.Parse("UZ");
    public static readonly MemberCode Kz = MemberCode.Parse("KZ");

    /// <summary>Never admitted in any scenario.</summary>
    public static readonly MemberCode De = MemberCode.Parse("DE");

    /// <summary>Block time of the standard world's founding events.</summary>
    public static readonly ulong Genesis = Unix(new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero));

    /// <summary>When <see cref="Standard"/> scenarios anchor by default: after keys, members and the MRA exist.</summary>
    public static readonly ulong Anchoring = Genesis + 100;

    /// <summary>The default time of verification: inside every certificate's validity, long after anchoring.</summary>
    public static readonly DateTimeOffset At = new(2027, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static readonly DateTimeOffset CertificateValidFrom = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset CertificateValidUntil = new(2029, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static int _certificateNumber;
    private readonly List<VcJwtSigningKey> _keys = [];
    private readonly Dictionary<MemberCode, VcJwtSigningKey> _ownKeys = [];
    private ulong _block;

    public LedgerScenario() => Verifier = new AeoVerifier(History, Ledger);

    public LedgerHistory History { get; } = new();

    public AeoVerifier Verifier { get; }

    /// <summary>
    /// KR, UZ and KZ admitted at <see cref="Genesis"/>; each registers its own signing key at Genesis + 10 (valid from
    /// then, no end); MRA 1 between KR and UZ (AEO-S and AEO-C, <see cref="StandardBenefits"/>, no time limits) is
    /// proposed at Genesis + 20 and concluded at Genesis + 30. KZ has no MRA.
    /// </summary>
    public static LedgerScenario Standard()
    {
        var s = new LedgerScenario();
        s.Admit(Kr, Genesis);
        s.Admit(Uz, Genesis);
        s.Admit(Kz, Genesis);
        s.RegisterKey(Kr, Genesis + 10, validFrom: Genesis + 10);
        s.RegisterKey(Uz, Genesis + 10, validFrom: Genesis + 10);
        s.RegisterKey(Kz, Genesis + 10, validFrom: Genesis + 10);
        s.ProposeMra(1, Kr, [Kr, Uz], AeoSAndC, StandardBenefits, Genesis + 20);
        s.ConcludeMra(1, 1, Genesis + 30);
        return s;
    }

    public static ulong Unix(DateTimeOffset time) => (ulong)time.ToUnixTimeSeconds();

    public static DateTimeOffset Time(ulong unixSeconds) => DateTimeOffset.FromUnixTimeSeconds((long)unixSeconds);

    /// <summary>A fresh log position: the next block, log index 0, a transaction hash derived from the block.</summary>
    public LogPosition NextPosition()
    {
        _block++;
        return new LogPosition(_block, TransactionOf(_block), 0);
    }

    public static Hash32 TransactionOf(ulong block) => Keccak256.HashUtf8("tx " + block.ToString(CultureInfo.InvariantCulture));

    /// <summary>Applies an event the scenario built; it must be new (a scenario never replays).</summary>
    public void Apply(RegistryEvent registryEvent, ulong blockTime) =>
        Assert.True(History.Apply(registryEvent, blockTime), $"{registryEvent.GetType().Name} at {registryEvent.Position} was not applied");

    // ------------------------------------------------------------------ members and keys

    public void Admit(MemberCode member, ulong at) =>
        Apply(new MemberAdmitted(member, 1, 0) { Contract = MemberRegistry, Position = NextPosition() }, at);

    public void Remove(MemberCode member, ulong at) =>
        Apply(new MemberRemoved(member, 1) { Contract = MemberRegistry, Position = NextPosition() }, at);

    /// <summary>Generates a key and registers it for <paramref name="member"/> (its own key unless a chamber is given).</summary>
    public VcJwtSigningKey RegisterKey(MemberCode member, ulong at, ulong validFrom, ulong validUntil = 0, ChamberId? chamber = null)
    {
        var key = NewKey();
        Apply(new KeyRegistered(key.KeyId, member, chamber, validFrom, validUntil, key.PublicKey) { Contract = MemberRegistry, Position = NextPosition() }, at);
        if (chamber is null)
            _ownKeys.TryAdd(member, key);
        return key;
    }

    /// <summary>A key the scenario disposes, registered nowhere.</summary>
    public VcJwtSigningKey NewKey()
    {
        var key = VcJwtSigningKey.Generate();
        _keys.Add(key);
        return key;
    }

    /// <summary>The member's first own key.</summary>
    public VcJwtSigningKey KeyOf(MemberCode member) => _ownKeys[member];

    public void RevokeKey(Hash32 keyId, ulong effectiveAt, ulong at) =>
        Apply(new KeyRevoked(keyId, effectiveAt, 8) { Contract = MemberRegistry, Position = NextPosition() }, at);

    // ------------------------------------------------------------------ certificates and batches

    /// <summary>A valid certificate of <paramref name="issuer"/> for this ledger; each call a new operator.</summary>
    public static AeoCertificate Certificate(string issuer = "KR", params AeoProgramme[] programmes)
    {
        var n = Interlocked.Increment(ref _certificateNumber);
        return new AeoCertificate
        {
            Id = AeoCertificate.NewId(),
            IssuerMember = issuer,
            ValidFrom = CertificateValidFrom,
            ValidUntil = CertificateValidUntil,
            ReEvaluationDue = new DateOnly(2027, 6, 30),
            Subject = new AeoSubject
            {
                AeoNumber = $"{issuer}AEO-2026-{n:D4}",
                LegalName = $"Operator {n.ToString(CultureInfo.InvariantCulture)} Ltd.",
                Tin = $"123-45-{n:D5}",
                Country = issuer,
                Programmes = programmes.Length > 0 ? programmes : [AeoProgramme.AeoS, AeoProgramme.AeoC],
                Roles = [AeoRole.Exporter, AeoRole.CustomsBroker],
            },
            Status = Ledger,
        };
    }

    public static string Sign(VcJwtSigningKey key, AeoCertificate certificate) => new VcJwtIssuer(key).Sign(certificate);

    /// <summary>Signs a new certificate of <paramref name="issuer"/> with its own key.</summary>
    public string SignNew(MemberCode issuer, params AeoProgramme[] programmes) =>
        Sign(KeyOf(issuer), Certificate(issuer.ToString(), programmes));

    /// <summary>Anchors <paramref name="documents"/> (any ASCII text, usually compact JWS) as one batch of <paramref name="issuer"/>.</summary>
    public AnchoredDocuments Anchor(MemberCode issuer, ulong at, params string[] documents)
    {
        var leaves = documents.Select((d, i) => MerkleLeaf.Compute(MerkleLeaf.AeoCredentialTag, (uint)i, VcJwt.DocumentHash(d))).ToArray();
        var tree = MerkleTree.Build(leaves);
        var position = NextPosition();
        Apply(new BatchAnchored(tree.Root, issuer, (uint)documents.Length, at) { Contract = CredentialRegistry, Position = position }, at);
        var credentials = documents.Select((d, i) => new PresentedCredential(d, tree.Root, (uint)i, tree.GetProof(i))).ToArray();
        return new AnchoredDocuments(tree.Root, position, at, credentials);
    }

    public static CredentialRef RefOf(PresentedCredential credential) => new(credential.Root, credential.Index);

    public void ChangeStatus(CredentialRef credential, CredentialStatus status, ulong effectiveAt, ulong at, byte reason = 1) =>
        Apply(new CredentialStatusChanged(credential.Root, credential.Index, status, reason, effectiveAt)
            { Contract = CredentialRegistry, Position = NextPosition() }, at);

    public void ChangeStatus(PresentedCredential credential, CredentialStatus status, ulong effectiveAt, ulong at, byte reason = 1) =>
        ChangeStatus(RefOf(credential), status, effectiveAt, at, reason);

    public void Supersede(CredentialRef old, CredentialRef renewed, ulong effectiveAt, ulong at) =>
        Apply(new CredentialSuperseded(old.Root, old.Index, renewed.Root, renewed.Index, 9, effectiveAt)
            { Contract = CredentialRegistry, Position = NextPosition() }, at);

    // ------------------------------------------------------------------ MRAs

    public void ProposeMra(ulong id, MemberCode proposer, IReadOnlyList<MemberCode> parties, uint scope, uint benefits, ulong at,
        ulong validFrom = 0, ulong validUntil = 0) =>
        Apply(new MraProposed(id, proposer, parties, scope, benefits, validFrom, validUntil) { Contract = MraRegistry, Position = NextPosition() }, at);

    public void AmendMra(ulong id, uint version, MemberCode proposer, uint scope, uint benefits, ulong at, ulong validFrom = 0, ulong validUntil = 0) =>
        Apply(new MraAmended(id, version, proposer, scope, benefits, validFrom, validUntil) { Contract = MraRegistry, Position = NextPosition() }, at);

    public void ConcludeMra(ulong id, uint version, ulong at) =>
        Apply(new MraConcluded(id, version) { Contract = MraRegistry, Position = NextPosition() }, at);

    public void SuspendMra(ulong id, MemberCode party, ulong at) =>
        Apply(new MraSuspended(id, party, 4) { Contract = MraRegistry, Position = NextPosition() }, at);

    public void ResumeMra(ulong id, MemberCode party, ulong at) =>
        Apply(new MraResumed(id, party) { Contract = MraRegistry, Position = NextPosition() }, at);

    public void TerminateMra(ulong id, MemberCode party, ulong at) =>
        Apply(new MraTerminated(id, party, 11) { Contract = MraRegistry, Position = NextPosition() }, at);

    // ------------------------------------------------------------------ verification

    public AeoVerification Verify(PresentedCredential? credential, MemberCode verifier, DateTimeOffset? at = null) =>
        Verifier.Verify(credential, verifier, at ?? At);

    public void Dispose()
    {
        foreach (var key in _keys)
            key.Dispose();
        DisposeOrigin();
    }

    partial void DisposeOrigin();
}
