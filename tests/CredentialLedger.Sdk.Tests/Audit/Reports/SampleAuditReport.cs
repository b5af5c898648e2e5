using CredentialLedger.Contracts;
using CredentialLedger.Evm;
using CredentialLedger.Evm.Crypto;
using CredentialLedger.Sdk.Audit;
using CredentialLedger.Sdk.Ledger;

namespace CredentialLedger.Sdk.Tests.Audit.Reports;

/// <summary>A small hand-made report with one of everything, for the report writers' tests.</summary>
internal static class SampleAuditReport
{
    public static readonly MemberCode KR = MemberCode.Parse("KR");
    public static readonly MemberCode UZ = MemberCode.Parse("UZ");
    public static readonly Address Operator = Address.Parse("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
    public static readonly Hash32 Root = Keccak256.HashUtf8("batch 1");
    public static readonly Hash32 OriginRoot = Keccak256.HashUtf8("origin batch 1");
    public const ulong Jan = 1_767_225_600; // 2026-01-01T00:00:00Z

    public static AuditStamp Stamp(ulong block, ulong time, uint log = 0) => new(block, Keccak256.HashUtf8($"tx {block}/{log}"), log, time, Operator);

    /// <summary>The sample, with <paramref name="text"/> placed in every free-text field (violation message, document id).</summary>
    public static AuditReport Create(string text = "a plain message", IReadOnlyList<AuditViolation>? violations = null)
    {
        var anchored = Stamp(3, Jan + 3_600);
        var suspended = new AuditStatusChange(Stamp(5, Jan + 86_400), CredentialStatus.Active, CredentialStatus.Suspended, 3, Jan + 80_000, null, false);
        var reinstated = new AuditStatusChange(Stamp(6, Jan + 40 * 86_400), CredentialStatus.Suspended, CredentialStatus.Active, 0, Jan + 40 * 86_400, null, true);
        var chamber = ChamberId.FromAscii("KR-KCCI");
        return new AuditReport
        {
            ChainId = 31337,
            Registries = new RegistryAddresses(
                Address.Parse("0x5FbDB2315678afecb367f032d93F642f64180aa3"), Address.Parse("0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512"),
                Address.Parse("0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0"), Address.Parse("0xCf7Ed3AccA5a467e9e704C703E8D87F634fB0Fc9")),
            Range = new AuditRange(0, 9, Keccak256.HashUtf8("block 9"), Jan + 50 * 86_400),
            EventCount = 9,
            EventCounts = [new AuditEventCount("BatchAnchored", 1), new AuditEventCount("CredentialStatusChanged", 1)],
            Members =
            [
                new AuditMember(KR, MemberStatus.Active, [new AuditMembershipPeriod(1, 0, Stamp(1, Jan), null, null)],
                    [new AuditOperatorPeriod(Operator, Stamp(1, Jan), null)]),
            ],
            Proposals = [],
            Keys = [],
            Chambers = [new AuditChamber(chamber, KR, 1, Stamp(2, Jan + 60), ChamberStatus.Active, [], [])],
            CredentialBatches = [new AuditCredentialBatch(Root, KR, 4, anchored)],
            Credentials = [new AuditCredential(new CredentialRef(Root, 2), KR, anchored, CredentialStatus.Active, [suspended, reinstated])],
            OriginBatches =
            [
                new AuditOriginBatch(OriginRoot, chamber, KR, 2, Stamp(4, Jan + 7_200),
                    [new AuditOriginRevocation(1, 7, Jan + 7_300, Stamp(7, Jan + 7_400))], []),
            ],
            Mras =
            [
                new AuditMra(1, [KR, UZ], KR, Stamp(2, Jan + 100), MraStatus.Active, 1,
                    [
                        new AuditMraVersion(1, KR, 0b11, 0b101, Jan, 0, Stamp(2, Jan + 100),
                            [new AuditMraAcceptance(KR, Stamp(2, Jan + 100, 1)), new AuditMraAcceptance(UZ, Stamp(3, Jan + 200))], Stamp(3, Jan + 200, 1)),
                    ],
                    [new AuditMraStateChange(Stamp(8, Jan + 45 * 86_400), MraStatus.Suspended, UZ, 11)]),
            ],
            MonthlyFigures =
            [
                new AuditMonthlyFigures(KR, 2026, 1, 4, 1, 0, 0, 0, 2, 1, 1),
                new AuditMonthlyFigures(KR, 2026, 2, 0, 0, 1, 0, 0, 0, 0, 0),
            ],
            Violations = violations ?? [new AuditViolation(5, Keccak256.HashUtf8("tx 5/0"), 0, AuditRules.CredentialActor, text)],
            DocumentChecks =
            [
                new AuditDocumentCheck(AuditDocumentKind.Aeo, text, Root, 2, Keccak256.HashUtf8("document"), false, KR, null, anchored,
                    AuditRules.DocumentProof, "the proof does not lead to the root"),
            ],
        };
    }
}
