using CredentialLedger.Contracts.Deployment;
using CredentialLedger.Evm;
using CredentialLedger.Node.Anchoring;
using CredentialLedger.Node.Indexing;
using CredentialLedger.Node.Issuance;
using CredentialLedger.Node.Store;
using Google.Protobuf.WellKnownTypes;
using V1 = CredentialLedger.Sdk.Node.V1;

namespace CredentialLedger.Node.Grpc;

/// <summary>What GetNodeInfo answers: who this node is, where it anchors, and how far it has got.</summary>
public sealed class NodeInfoProvider(
    NodeOptions options, RegistryNetwork network, Address operatorAccount, KeystoreHandle keystore, SigningKeyRing ring,
    AnchoringWorker worker, ReadModel readModel, OriginStore origins)
{
    /// <summary>A snapshot of the node's identity and progress.</summary>
    public V1.NodeInfo Get()
    {
        var info = new V1.NodeInfo
        {
            Member = options.Member,
            ChainId = network.ChainId,
            MemberRegistry = network.Registries.Members.ToString(),
            CredentialRegistry = network.Registries.Credentials.ToString(),
            MraRegistry = network.Registries.Mras.ToString(),
            OriginRegistry = network.Registries.Origins.ToString(),
            OperatorAccount = operatorAccount.ToString(),
            IndexedBlock = readModel.IndexedBlock() ?? 0,
            OutboxPending = (uint)worker.PendingCount,
            OriginOutboxPending = (uint)origins.OutboxPending(),
        };
        var current = ring.KeyId;
        foreach (var key in keystore.Contents.SigningKeys)
        {
            var entry = new V1.SigningKeyInfo
            {
                KeyId = key.KeyId.ToString(),
                ValidFrom = Timestamp.FromDateTimeOffset(key.ValidFrom),
                Current = key.KeyId == current,
            };
            if (key.RetiredAt is { } retired)
                entry.ValidUntil = Timestamp.FromDateTimeOffset(retired);
            info.SigningKeys.Add(entry);
        }
        return info;
    }
}
