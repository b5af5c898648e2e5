using System.Numerics;
using CredentialLedger.Contracts;
using CredentialLedger.Contracts.Events;
using CredentialLedger.Credentials.Jwt;
using CredentialLedger.Credentials.Merkle;
using CredentialLedger.Evm;
using CredentialLedger.Evm.Abi;
using CredentialLedger.Evm.Crypto;
using CredentialLedger.Sdk.Bundles;
using CredentialLedger.Sdk.Verification;

namespace CredentialLedger.Sdk.Tests.Bundles;

/// <summary>
/// Proof bundles built without a chain, from the raw logs the registries would emit (topics and ABI data encoded from
/// the event signatures), so the bundle checker reads exactly what it reads from an exported file: KR and UZ are
/// members, KR registered a real P-256 key, a KR–UZ MRA (AEO-S) is concluded, KR anchored a batch of two real ES256
/// VC-JWTs, and optionally suspended the first.
/// </summary>
internal static class BundleWorld
{
    public const ulong ChainId = 31337;
    public const byte SuspensionReason = 4;

    public static readonly RegistryAddresses Registries = new(
        Address.Parse("0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512"),
        Address.Parse("0x5FbDB2315678afecb367f032d93F642f64180aa3"),
        Address.Parse("0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0"),
        Address.Parse("0xCf7Ed3AccA5a467e9e704C703E8D87F634fB0Fc9"));

    public static readonly MemberCode Kr = MemberCode.Parse("KR");
    public static readonly MemberCode Uz = MemberCode.Parse("UZ");
    public static readonly MemberCode Kz = MemberCode.Parse("KZ");
    public static readonly Address KrOperator = Address.Parse("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");

    /// <summary>Block time of the first block (2026-01-01T00:00:00Z).</summary>
    public const ulong T0 = 1_767_225_600;

    /// <summary>The time verified at: a day after everything happened.</summary>
    public static readonly DateTimeOffset At = DateTimeOffset.FromUnixTimeSeconds((long)T0 + 86_400);

    /// <summary>A bundle where UZ recognizes the KR credential (or finds it suspended) at <see cref="At"/>, with its answer recorded.</summary>
    public static ProofBundle Build(bool suspended = false)
    {
        using var key = VcJwtSigningKey.Generate();
        var issuer = new VcJwtIssuer(key);
        string[] documents = [issuer.Sign(Certificate(1)), issuer.Sign(Certificate(2))];
        var tree = MerkleTree.Build([.. documents.Select((jws, i) => MerkleLeaf.Compute(MerkleLeaf.AeoCredentialTag, (uint)i, VcJwt.DocumentHash(jws)))]);
        var credential = new PresentedCredential(documents[0], tree.Root, 0, tree.GetProof(0));

        var chain = new LogChain();
        chain.Block(T0);
        chain.Emit(Registries.Members, "MemberAdmitted", Code(Kr), AbiValue.Uint(1), AbiValue.Uint(0));
        chain.Emit(Registries.Members, "MemberAdmitted", Code(Uz), AbiValue.Uint(1), AbiValue.Uint(1));
        chain.Block(T0 + 12);
        chain.Emit(Registries.Members, "KeyRegistered", Hash(key.KeyId), Code(Kr), AbiValue.FixedBytes(new byte[16]),
            AbiValue.Uint(T0 + 12), AbiValue.Uint(0), AbiValue.Bytes(key.PublicKey));
        chain.Block(T0 + 24);
        chain.Emit(Registries.Mras, "MraProposed", AbiValue.Uint(1), Code(Kr), AbiValue.Array(Code(Kr), Code(Uz)),
            AbiValue.Uint(1), AbiValue.Uint(0b101), AbiValue.Uint(0), AbiValue.Uint(0));
        chain.Emit(Registries.Mras, "MraAccepted", AbiValue.Uint(1), AbiValue.Uint(1), Code(Kr));
        chain.Block(T0 + 36);
        chain.Emit(Registries.Mras, "MraAccepted", AbiValue.Uint(1), AbiValue.Uint(1), Code(Uz));
        chain.Emit(Registries.Mras, "MraConcluded", AbiValue.Uint(1), AbiValue.Uint(1));
        chain.Block(T0 + 48);
        chain.Emit(Registries.Credentials, "BatchAnchored", Hash(tree.Root), Code(Kr), AbiValue.Uint(2), AbiValue.Uint(T0 + 48));
        var anchoring = chain.Logs[^1];
        if (suspended)
        {
            chain.Block(T0 + 60);
            chain.Emit(Registries.Credentials, "CredentialStatusChanged", Hash(tree.Root), AbiValue.Uint(0),
                AbiValue.Uint((byte)CredentialStatus.Suspended), AbiValue.Uint(SuspensionReason), AbiValue.Uint(T0 + 60));
        }
        var taken = chain.Block(T0 + 72);

        var anchor = new AnchorReceipt(anchoring.TransactionHash, 0, anchoring.BlockNumber, anchoring.BlockHash, KrOperator, Registries.Credentials, true,
            [new ReceiptLog(anchoring.Address, anchoring.Topics, anchoring.Data, anchoring.LogIndex)]);
        return Record(new ProofBundle(ChainId, Registries, 1, taken, Uz, At, credential, anchor, chain.Logs, new RecordedVerification(false, null, null, [])));
    }

    /// <summary>The bundle with the answer its own logs give recorded, as the exporter records it.</summary>
    public static ProofBundle Record(ProofBundle bundle) =>
        bundle with { Recorded = RecordedVerification.From(ProofBundleVerifier.Check(bundle).Recomputed!) };

    /// <summary>The bundle with its logs changed by <paramref name="change"/>.</summary>
    public static ProofBundle WithLogs(this ProofBundle bundle, Func<List<BundleLog>, IEnumerable<BundleLog>> change) =>
        bundle with { Logs = [.. change([.. bundle.Logs])] };

    /// <summary>The index of the first log of event <paramref name="name"/>.</summary>
    public static int IndexOf(this ProofBundle bundle, string name)
    {
        var topic0 = RegistryEventDecoder.Signatures.Single(s => s.Name == name).Topic0;
        return bundle.Logs.ToList().FindIndex(l => l.Topics[0] == topic0);
    }

    public static AeoCertificate Certificate(int n) => new()
    {
        Id = $"urn:uuid:00000000-0000-4000-8000-{n:D12}",
        IssuerMember = "KR",
        ValidFrom = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
        ValidUntil = new DateTimeOffset(2029, 1, 1, 0, 0, 0, TimeSpan.Zero),
        ReEvaluationDue = new DateOnly(2027, 6, 30),
        Subject = new AeoSubject
        {
            AeoNumber = $"KRAEO-2026-{n:D4}",
            LegalName = $"Trader {n} Co., Ltd.",
            Tin = $"123-45-{n:D5}",
            Country = "KR",
            Programmes = [AeoProgramme.AeoS],
            Roles = [AeoRole.Exporter],
        },
        Status = new LedgerStatusReference(ChainId, Registries.Credentials),
    };

    public static AbiValue Code(MemberCode code) => AbiValue.FixedBytes(code.ToArray());

    public static AbiValue Hash(Hash32 hash) => AbiValue.FixedBytes(hash.ToArray());

    /// <summary>Blocks of logs: each block its own hash and time, each log its own transaction, log indexes counted per block.</summary>
    private sealed class LogChain
    {
        private ulong _number;
        private ulong _time;
        private ulong _nextIndex;

        public List<BundleLog> Logs { get; } = [];

        public BundleBlock Block(ulong time)
        {
            _number++;
            _time = time;
            _nextIndex = 0;
            return new BundleBlock(_number, BlockHash(_number), time);
        }

        public void Emit(Address registry, string eventName, params AbiValue[] values)
        {
            var signature = RegistryEventDecoder.Signatures.Single(s => s.Name == eventName);
            var topics = new List<Hash32> { signature.Topic0 };
            var dataTypes = new List<AbiType>();
            var dataValues = new List<AbiValue>();
            for (var i = 0; i < values.Length; i++)
            {
                var parameter = signature.Parameters[i];
                if (parameter.Indexed)
                    topics.Add(new Hash32(AbiEncoder.Encode(parameter.Type, values[i])));
                else
                {
                    dataTypes.Add(parameter.Type);
                    dataValues.Add(values[i]);
                }
            }
            var index = _nextIndex++;
            Logs.Add(new BundleLog(registry, topics, AbiEncoder.Encode(dataTypes, dataValues), _number, BlockHash(_number), _time,
                Keccak256.HashUtf8($"transaction {_number}.{index}"), index));
        }

        private static Hash32 BlockHash(ulong number) => Keccak256.HashUtf8($"block {new BigInteger(number)}");
    }
}
