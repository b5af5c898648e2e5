using System.Security.Cryptography;
using CredentialLedger.Contracts;
using CredentialLedger.Contracts.Events;
using CredentialLedger.Credentials.Merkle;
using CredentialLedger.Credentials.Origin;
using CredentialLedger.Evm;
using CredentialLedger.Evm.Crypto;
using CredentialLedger.Sdk.Ledger;
using CredentialLedger.Sdk.Origin;

namespace CredentialLedger.Sdk.Tests;

/// <summary>A batch of certificates of origin anchored by a <see cref="LedgerScenario"/>, with each document's proof.</summary>
internal sealed record AnchoredOrigins(Hash32 Root, LogPosition Position, ulong AnchoredAt, IReadOnlyList<IReadOnlyList<Hash32>> Proofs)
{
    public OriginRef RefOf(int index) => new(Root, (uint)index);
}

/// <summary>A chamber's P-256 signing key (the e-CoO XMLDSig key) with its on-chain id.</summary>
internal sealed class ChamberKey : IDisposable
{
    public ChamberKey()
    {
        Ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var q = Ecdsa.ExportParameters(false).Q;
        PublicKey = [0x04, .. q.X!, .. q.Y!];
        KeyId = Keccak256.Hash(PublicKey);
    }

    public ECDsa Ecdsa { get; }

    public byte[] PublicKey { get; }

    public Hash32 KeyId { get; }

    public byte[] Sign(CertificateOfOrigin certificate) => ECooSigner.Sign(certificate, Ecdsa, KeyId);

    public void Dispose() => Ecdsa.Dispose();
}

/// <summary>Chambers of commerce and certificates of origin, as the member and origin registries emit them.</summary>
internal sealed partial class LedgerScenario
{
    public static readonly Address OriginRegistry = Address.Parse("0xcf7ed3acca5a467e9e704c703e8d87f634fb0fc9");

    public static readonly ChamberId Atameken = ChamberId.FromAscii("KZ-ATAMEKEN");
    public static readonly ChamberId Tashkent = ChamberId.FromAscii("UZ-CCI-TASHKENT");
    public static readonly ChamberId Kcci = ChamberId.FromAscii("KR-KCCI");
    public static readonly ChamberId Busan = ChamberId.FromAscii("KR-BUSAN-CCI");

    private static int _originNumber;
    private readonly List<ChamberKey> _chamberKeys = [];

    /// <summary>The first writing account every authorized chamber gets (any address: accounts are not checked here).</summary>
    public static readonly Address ChamberAccount = Address.Parse("0x90F79bf6EB2c4f870365E785982E1f101E93b906");

    /// <summary><c>ChamberAuthorized</c> then <c>ChamberAccountAdded</c>, in one block, as <c>authorizeChamber</c> emits them.</summary>
    public void AuthorizeChamber(ChamberId chamber, MemberCode member, ulong at, Address? account = null)
    {
        var position = NextPosition();
        Apply(new ChamberAuthorized(chamber, member, account ?? ChamberAccount) { Contract = MemberRegistry, Position = position }, at);
        Apply(new ChamberAccountAdded(chamber, account ?? ChamberAccount) { Contract = MemberRegistry, Position = position with { LogIndex = 1 } }, at);
    }

    public void SuspendChamber(ChamberId chamber, ulong at, byte reason = 4) =>
        Apply(new ChamberSuspended(chamber, reason) { Contract = MemberRegistry, Position = NextPosition() }, at);

    public void ReinstateChamber(ChamberId chamber, ulong at) =>
        Apply(new ChamberReinstated(chamber) { Contract = MemberRegistry, Position = NextPosition() }, at);

    public void WithdrawChamber(ChamberId chamber, ulong at, byte reason = 10) =>
        Apply(new ChamberWithdrawn(chamber, reason) { Contract = MemberRegistry, Position = NextPosition() }, at);

    public void AddChamberAccount(ChamberId chamber, Address account, ulong at) =>
        Apply(new ChamberAccountAdded(chamber, account) { Contract = MemberRegistry, Position = NextPosition() }, at);

    public void RemoveChamberAccount(ChamberId chamber, Address account, ulong at) =>
        Apply(new ChamberAccountRemoved(chamber, account) { Contract = MemberRegistry, Position = NextPosition() }, at);

    /// <summary>Anchors the documents with these hashes as one batch of <paramref name="chamber"/> of <paramref name="member"/>.</summary>
    public AnchoredOrigins AnchorOrigins(ChamberId chamber, MemberCode member, ulong at, params Hash32[] documentHashes)
    {
        var tree = MerkleTree.Build([.. documentHashes.Select((d, i) => MerkleLeaf.Compute(MerkleLeaf.CertificateOfOriginTag, (uint)i, d))]);
        var position = NextPosition();
        Apply(new OriginBatchAnchored(tree.Root, chamber, member, (uint)documentHashes.Length, at) { Contract = OriginRegistry, Position = position }, at);
        return new AnchoredOrigins(tree.Root, position, at, [.. documentHashes.Select((_, i) => tree.GetProof(i))]);
    }

    public LogPosition RevokeOrigin(OriginRef certificate, ulong effectiveAt, ulong at, byte reason = 7)
    {
        var position = NextPosition();
        Apply(new CertificateRevoked(certificate.Root, certificate.Index, reason, effectiveAt) { Contract = OriginRegistry, Position = position }, at);
        return position;
    }

    public LogPosition UseOrigin(OriginRef certificate, MemberCode member, Hash32 declarationRef, ulong at)
    {
        var position = NextPosition();
        Apply(new CertificateUsed(certificate.Root, certificate.Index, member, declarationRef) { Contract = OriginRegistry, Position = position }, at);
        return position;
    }

    /// <summary>Generates a P-256 key and registers it for <paramref name="chamber"/> of <paramref name="member"/> (null: the member's own key).</summary>
    public ChamberKey RegisterChamberKey(MemberCode member, ChamberId? chamber, ulong at, ulong validFrom, ulong validUntil = 0)
    {
        var key = NewChamberKey();
        Apply(new KeyRegistered(key.KeyId, member, chamber, validFrom, validUntil, key.PublicKey) { Contract = MemberRegistry, Position = NextPosition() }, at);
        return key;
    }

    /// <summary>A P-256 key the scenario disposes, registered nowhere.</summary>
    public ChamberKey NewChamberKey()
    {
        var key = new ChamberKey();
        _chamberKeys.Add(key);
        return key;
    }

    /// <summary>A valid certificate of origin of <paramref name="chamber"/> of <paramref name="member"/>, issued at <paramref name="issuedAt"/>, each call another number.</summary>
    public static CertificateOfOrigin Coo(ChamberId chamber, MemberCode member, ulong issuedAt, string? exporterAeo = "KRAEO-2026-0001")
    {
        var n = Interlocked.Increment(ref _originNumber);
        return new CertificateOfOrigin
        {
            CertificateNumber = $"CO-{n:D6}",
            IssuingMember = member.ToString(),
            IssuingChamber = chamber.ToString(),
            IssuingChamberName = $"Chamber {chamber}",
            PlaceOfIssue = "Seoul",
            IssuedAt = Time(issuedAt),
            ExportingCountry = member.ToString(),
            ImportingCountry = "UZ",
            PreferentialRegime = "KR-UZ-FTA",
            Exporter = new OriginParty("Hanbit Logistics Co., Ltd.", "12 Sejong-daero, Seoul", member.ToString(), "123-45-67890", exporterAeo),
            Consignee = new OriginParty("Toshkent Avto Savdo LLC", "7 Amir Temur Ave, Tashkent", "UZ"),
            Transport = new TransportDetails(TransportModes.Sea),
            Goods = [new GoodsItem(1, "870899", "Brake pads for passenger cars", 1250m, "NAR", member.ToString(), "CTH")],
            Invoice = new InvoiceReference($"INV-{n}", new DateOnly(2025, 5, 30)),
        };
    }

    /// <summary>Anchors <paramref name="documents"/> (signed XML, or any bytes) as one batch of <paramref name="chamber"/> of <paramref name="member"/>.</summary>
    public PresentedOrigin[] AnchorDocuments(ChamberId chamber, MemberCode member, ulong at, params byte[][] documents)
    {
        var batch = AnchorOrigins(chamber, member, at, [.. documents.Select(d => ECooDocument.HashOf(d))]);
        return [.. documents.Select((d, i) => new PresentedOrigin(d, batch.Root, (uint)i, batch.Proofs[i]))];
    }

    public static OriginRef RefOf(PresentedOrigin origin) => new(origin.Root, origin.Index);

    partial void DisposeOrigin()
    {
        foreach (var key in _chamberKeys)
            key.Dispose();
    }
}
