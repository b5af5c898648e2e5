using CredentialLedger.Contracts;
using CredentialLedger.Contracts.Events;
using CredentialLedger.Credentials.Merkle;
using CredentialLedger.Evm;
using CredentialLedger.Sdk.Ledger;

namespace CredentialLedger.Sdk.Tests;

/// <summary>A batch of certificates of origin anchored by a <see cref="LedgerScenario"/>, with each document's proof.</summary>
internal sealed record AnchoredOrigins(Hash32 Root, LogPosition Position, ulong AnchoredAt, IReadOnlyList<IReadOnlyList<Hash32>> Proofs)
{
    public OriginRef RefOf(int index) => new(Root, (uint)index);
}

/// <summary>Chambers of commerce and certificates of origin, as the member and origin registries emit them.</summary>
internal sealed partial class LedgerScenario
{
    public static readonly Address OriginRegistry = Address.Parse("0xcf7ed3acca5a467e9e704c703e8d87f634fb0fc9");

    public static readonly ChamberId Atameken = ChamberId.FromAscii("KZ-ATAMEKEN");
    public static readonly ChamberId Tashkent = ChamberId.FromAscii("UZ-CCI-TASHKENT");

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
}
