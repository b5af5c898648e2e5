using System.Globalization;
using CredentialLedger.Contracts;
using CredentialLedger.Contracts.Events;
using CredentialLedger.Credentials.Jwt;
using CredentialLedger.Credentials.Merkle;
using CredentialLedger.Evm;
using CredentialLedger.Evm.Crypto;
using CredentialLedger.Sdk.Audit;

namespace CredentialLedger.Sdk.Tests.Audit;

/// <summary>
/// A registry history built from hand-made events, fed to an <see cref="AuditState"/> one transaction per block, each
/// with the sender and block time the test chooses. <see cref="Legal"/> is a history the registries could have written
/// (it breaks no rule); tests append the events they forge to it.
/// </summary>
internal sealed class ForgedChain : IDisposable
{
    public static readonly Address MemberRegistry = Address.Parse("0x00000000000000000000000000000000000000a1");
    public static readonly Address CredentialRegistry = Address.Parse("0x00000000000000000000000000000000000000a2");
    public static readonly Address MraRegistry = Address.Parse("0x00000000000000000000000000000000000000a3");
    public static readonly Address OriginRegistry = Address.Parse("0x00000000000000000000000000000000000000a4");
    public static readonly RegistryAddresses Registries = new(MemberRegistry, CredentialRegistry, MraRegistry, OriginRegistry);

    public static readonly MemberCode KR = MemberCode.Parse("KR"), UZ = MemberCode.Parse("UZ"), KZ = MemberCode.Parse("KZ"), DE = MemberCode.Parse("DE");
    public static readonly ChamberId Chamber = ChamberId.FromAscii("KR-KCCI");

    public static readonly Address Deployer = Account(0), KrOp = Account(1), UzOp = Account(2), KzOp = Account(3), ChamberAccount = Account(4),
        DeOp = Account(5), Stranger = Account(9);

    /// <summary>2025-06-01T00:00:00Z, the deployment block's time.</summary>
    public const ulong Genesis = 1_748_736_000;

    /// <summary>A placeholder position; Tx gives every event its real one.</summary>
    public static readonly LogPosition P = default;

    private readonly List<VcJwtSigningKey> _keys = [];
    private ulong _block;

    public AuditState State { get; } = new();

    /// <summary>The time of the last block (each block is 12 s after the previous unless a test says otherwise).</summary>
    public ulong Now { get; private set; } = Genesis - 12;

    public ulong LastBlock => _block;

    public static Address Account(int n) => Address.Parse("0x" + (0x1000 + n).ToString("x40", CultureInfo.InvariantCulture));

    public static Hash32 Root(string name) => Keccak256.HashUtf8("root " + name);

    public static Hash32 TxHash(ulong block) => Keccak256.HashUtf8("tx " + block.ToString(CultureInfo.InvariantCulture));

    /// <summary>One transaction, alone in a new block at <paramref name="time"/> (default: 12 s later), sent by <paramref name="sender"/>.</summary>
    public IReadOnlyList<LogPosition> Tx(Address sender, ulong? time, params RegistryEvent[] events)
    {
        _block++;
        Now = time ?? Now + 12;
        var positions = new List<LogPosition>();
        for (var i = 0; i < events.Length; i++)
        {
            var position = new LogPosition(_block, TxHash(_block), (ulong)i);
            positions.Add(position);
            State.Apply(events[i] with { Position = position }, Now, sender);
        }
        return positions;
    }

    public IReadOnlyList<LogPosition> Tx(Address sender, params RegistryEvent[] events) => Tx(sender, null, events);

    // ------------------------------------------------------------------ events (Contract set, Position a placeholder)

    public static MemberAdmitted Admitted(MemberCode m, uint epoch = 1, ulong proposal = 0) => new(m, epoch, proposal) { Contract = MemberRegistry, Position = P };
    public static MemberRemoved Removed(MemberCode m, ulong proposal) => new(m, proposal) { Contract = MemberRegistry, Position = P };
    public static OperatorAdded OperatorAdded(MemberCode m, Address a) => new(m, a) { Contract = MemberRegistry, Position = P };
    public static OperatorRemoved OperatorRemoved(MemberCode m, Address a) => new(m, a) { Contract = MemberRegistry, Position = P };
    public static ProposalCreated Proposal(ulong id, ProposalKind kind, MemberCode subject, MemberCode proposer, Address? first, ulong expiresAt) =>
        new(id, kind, subject, proposer, first, expiresAt) { Contract = MemberRegistry, Position = P };
    public static VoteCast Vote(ulong id, MemberCode voter) => new(id, voter) { Contract = MemberRegistry, Position = P };
    public static ProposalExecuted Executed(ulong id) => new(id) { Contract = MemberRegistry, Position = P };
    public static KeyRegistered Key(VcJwtSigningKey key, MemberCode m, ulong validFrom, ulong validUntil = 0, ChamberId? chamber = null) =>
        new(key.KeyId, m, chamber, validFrom, validUntil, key.PublicKey) { Contract = MemberRegistry, Position = P };
    public static KeyRevoked KeyRevoked(Hash32 keyId, ulong effectiveAt) => new(keyId, effectiveAt, 8) { Contract = MemberRegistry, Position = P };
    public static ChamberAuthorized ChamberAuthorized(ChamberId c, MemberCode m, Address a) => new(c, m, a) { Contract = MemberRegistry, Position = P };
    public static ChamberAccountAdded ChamberAccountAdded(ChamberId c, Address a) => new(c, a) { Contract = MemberRegistry, Position = P };
    public static ChamberSuspended ChamberSuspended(ChamberId c) => new(c, 4) { Contract = MemberRegistry, Position = P };
    public static ChamberReinstated ChamberReinstated(ChamberId c) => new(c) { Contract = MemberRegistry, Position = P };
    public static ChamberWithdrawn ChamberWithdrawn(ChamberId c) => new(c, 10) { Contract = MemberRegistry, Position = P };
    public static BatchAnchored Anchored(Hash32 root, MemberCode issuer, uint size, ulong at) => new(root, issuer, size, at) { Contract = CredentialRegistry, Position = P };
    public static CredentialStatusChanged Status(Hash32 root, uint index, CredentialStatus to, ulong effectiveAt, byte reason = 1) =>
        new(root, index, to, reason, effectiveAt) { Contract = CredentialRegistry, Position = P };
    public static CredentialStatusesChanged Statuses(Hash32 root, CredentialStatus to, ulong effectiveAt, params uint[] indices) =>
        new(root, to, 3, effectiveAt, indices) { Contract = CredentialRegistry, Position = P };
    public static CredentialSuperseded Superseded(Hash32 root, uint index, Hash32 newRoot, uint newIndex, ulong effectiveAt) =>
        new(root, index, newRoot, newIndex, 9, effectiveAt) { Contract = CredentialRegistry, Position = P };
    public static MraProposed MraProposed(ulong id, MemberCode proposer, MemberCode[] parties, uint scope, ulong validFrom = 0, ulong validUntil = 0) =>
        new(id, proposer, parties, scope, 5, validFrom, validUntil) { Contract = MraRegistry, Position = P };
    public static MraAmended MraAmended(ulong id, uint version, MemberCode proposer, uint scope, ulong validFrom = 0, ulong validUntil = 0) =>
        new(id, version, proposer, scope, 7, validFrom, validUntil) { Contract = MraRegistry, Position = P };
    public static MraAccepted MraAccepted(ulong id, uint version, MemberCode party) => new(id, version, party) { Contract = MraRegistry, Position = P };
    public static MraConcluded MraConcluded(ulong id, uint version) => new(id, version) { Contract = MraRegistry, Position = P };
    public static MraSuspended MraSuspended(ulong id, MemberCode party) => new(id, party, 4) { Contract = MraRegistry, Position = P };
    public static MraResumed MraResumed(ulong id, MemberCode party) => new(id, party) { Contract = MraRegistry, Position = P };
    public static MraTerminated MraTerminated(ulong id, MemberCode party) => new(id, party, 11) { Contract = MraRegistry, Position = P };
    public static OriginBatchAnchored OriginAnchored(Hash32 root, ChamberId c, MemberCode m, uint size, ulong at) =>
        new(root, c, m, size, at) { Contract = OriginRegistry, Position = P };
    public static CertificateRevoked CertificateRevoked(Hash32 root, uint index, ulong effectiveAt) => new(root, index, 7, effectiveAt) { Contract = OriginRegistry, Position = P };
    public static CertificateUsed CertificateUsed(Hash32 root, uint index, MemberCode m) =>
        new(root, index, m, Keccak256.HashUtf8("declaration " + index.ToString(CultureInfo.InvariantCulture))) { Contract = OriginRegistry, Position = P };

    public VcJwtSigningKey NewKey()
    {
        var key = VcJwtSigningKey.Generate();
        _keys.Add(key);
        return key;
    }

    // ------------------------------------------------------------------ the legal history

    /// <summary>The batch KR anchors in <see cref="Legal"/>: 4 credentials.</summary>
    public static readonly Hash32 KrBatch = Root("KR batch");

    /// <summary>The origin batch KR's chamber anchors in <see cref="Legal"/>: 2 certificates.</summary>
    public static readonly Hash32 KrOrigins = Root("KR origin batch");

    /// <summary>KR's own signing key in <see cref="Legal"/>.</summary>
    public VcJwtSigningKey KrKey { get; private set; } = null!;

    /// <summary>
    /// Founders KR, UZ, KZ (one operator each) in the deployment; KR registers a key and anchors <see cref="KrBatch"/>;
    /// MRA 1 between KR and UZ (AEO-S and AEO-C) is proposed by KR and concluded by UZ's acceptance; KR authorizes
    /// <see cref="Chamber"/>, which anchors <see cref="KrOrigins"/>.
    /// </summary>
    public static ForgedChain Legal()
    {
        var c = new ForgedChain();
        c.Tx(Deployer, Genesis,
            Admitted(KR), OperatorAdded(KR, KrOp), Admitted(KZ), OperatorAdded(KZ, KzOp), Admitted(UZ), OperatorAdded(UZ, UzOp));
        // A fixed key, so that two Legal() histories are the same history, byte for byte.
        c.KrKey = VcJwtSigningKey.FromPrivateKey(Keccak256.HashUtf8("KR signing key of the forged chain").ToArray());
        c._keys.Add(c.KrKey);
        c.Tx(KrOp, Key(c.KrKey, KR, c.Now + 12));
        c.Tx(KrOp, Anchored(KrBatch, KR, 4, c.Now + 12));
        c.Tx(KrOp, MraProposed(1, KR, [KR, UZ], 0b11), MraAccepted(1, 1, KR));
        c.Tx(UzOp, MraAccepted(1, 1, UZ), MraConcluded(1, 1));
        c.Tx(KrOp, ChamberAuthorized(Chamber, KR, ChamberAccount), ChamberAccountAdded(Chamber, ChamberAccount));
        c.Tx(ChamberAccount, OriginAnchored(KrOrigins, Chamber, KR, 2, c.Now + 12));
        return c;
    }

    /// <summary>Anchors real VC-JWTs of <paramref name="issuer"/> signed with <paramref name="key"/> as one batch; returns the documents with their proofs.</summary>
    public IReadOnlyList<AuditDocument> AnchorCertificates(Address sender, MemberCode issuer, VcJwtSigningKey key, int count, params AeoProgramme[] programmes)
    {
        var jwss = Enumerable.Range(0, count).Select(_ => LedgerScenario.Sign(key, LedgerScenario.Certificate(issuer.ToString(), programmes))).ToArray();
        var tree = MerkleTree.Build([.. jwss.Select((j, i) => MerkleLeaf.Compute(MerkleLeaf.AeoCredentialTag, (uint)i, VcJwt.DocumentHash(j)))]);
        Tx(sender, Anchored(tree.Root, issuer, (uint)count, Now + 12));
        return [.. jwss.Select((j, i) => AuditDocument.Aeo($"aeo-{i}", j, tree.Root, (uint)i, tree.GetProof(i)))];
    }

    public void Dispose()
    {
        foreach (var key in _keys)
            key.Dispose();
    }
}
