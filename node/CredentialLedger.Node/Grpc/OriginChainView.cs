using CredentialLedger.Evm;
using CredentialLedger.Node.Origin;
using CredentialLedger.Sdk.Ledger;
using Google.Protobuf.WellKnownTypes;
using V1 = CredentialLedger.Sdk.Node.V1;

namespace CredentialLedger.Node.Grpc;

/// <summary>What the chain says of certificates of origin, from one ledger history: revocations and first uses, and where the registry is.</summary>
internal sealed class OriginChainView(LedgerHistory history, ulong chainId, Address registry)
{
    public ulong ChainId => chainId;

    public Address Registry => registry;

    public V1.OriginRevocation? Revocation(Hash32 root, uint index) =>
        history.OriginRevocationOf(new OriginRef(root, index)) is { } r
            ? new V1.OriginRevocation
            {
                Reason = r.Reason,
                EffectiveAt = Seconds(r.EffectiveAt),
                OnChain = true,
                TransactionHash = r.Position.TransactionHash.ToString(),
            }
            : null;

    public V1.OriginUse? Use(Hash32 root, uint index) =>
        history.OriginUseOf(new OriginRef(root, index)) is { } u ? ToProto(u) : null;

    public static V1.OriginUse ToProto(OriginUseRecord u) => new()
    {
        Member = u.Member.ToString(),
        Declaration = DeclarationReference.Decode(u.DeclarationRef),
        UsedAt = Seconds(u.UsedAt),
    };

    public static Timestamp Seconds(ulong unix) => Timestamp.FromDateTimeOffset(DateTimeOffset.FromUnixTimeSeconds((long)Math.Min(unix, 253_402_300_799)));
}
