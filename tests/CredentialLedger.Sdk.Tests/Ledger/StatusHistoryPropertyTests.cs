using CredentialLedger.Contracts;
using CredentialLedger.Contracts.Events;
using CredentialLedger.Evm.Crypto;
using CredentialLedger.Sdk.Ledger;
using CsCheck;
using static CredentialLedger.Sdk.Tests.LedgerScenario;

namespace CredentialLedger.Sdk.Tests.Ledger;

/// <summary>
/// Random histories the registry accepts (its transition table, effective times back-dated by any amount): at each
/// block, the point-in-time status agrees with the registry's status right after that block.
/// </summary>
public sealed class StatusHistoryPropertyTests
{
    private static readonly CredentialRef Credential = new(Keccak256.HashUtf8("batch"), 3);

    /// <summary>The moves the registry allows from <paramref name="status"/> (contracts/README.md, "Statuses and transitions").</summary>
    private static CredentialStatus[] Allowed(CredentialStatus status) => status switch
    {
        CredentialStatus.Active => [CredentialStatus.Suspended, CredentialStatus.Revoked, CredentialStatus.Superseded],
        CredentialStatus.Suspended => [CredentialStatus.Active, CredentialStatus.Revoked],
        _ => [],
    };

    [Fact]
    public void After_each_change_the_status_at_its_block_time_is_the_registrys_current_status()
    {
        Gen.Select(Gen.Int[0, 5], Gen.Int[0, 3_000], Gen.Int[1, 500]).Array[1, 12].Sample(steps =>
        {
            var history = new LedgerHistory();
            var current = CredentialStatus.Active;
            ulong block = 0, time = 10_000;
            foreach (var (choice, backDate, gap) in steps)
            {
                var allowed = Allowed(current);
                if (allowed.Length == 0)
                    break;
                current = allowed[choice % allowed.Length];
                time += (ulong)gap;
                var effectiveAt = time - (ulong)backDate;
                block++;
                var position = new LogPosition(block, TransactionOf(block), 0);
                RegistryEvent e = current == CredentialStatus.Superseded
                    ? new CredentialSuperseded(Credential.Root, Credential.Index, Keccak256.HashUtf8("renewal"), 0, 9, effectiveAt)
                        { Contract = CredentialRegistry, Position = position }
                    : new CredentialStatusChanged(Credential.Root, Credential.Index, current, 1, effectiveAt)
                        { Contract = CredentialRegistry, Position = position };
                Assert.True(history.Apply(e, time));

                Assert.Equal(current, history.StatusOf(Credential, time).Status);
                Assert.Equal(current, history.StatusOf(Credential, ulong.MaxValue).Status);
            }
        });
    }
}
