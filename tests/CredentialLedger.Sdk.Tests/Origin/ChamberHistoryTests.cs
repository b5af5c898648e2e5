using CredentialLedger.Contracts;
using CredentialLedger.Contracts.Events;
using CredentialLedger.Evm;
using CredentialLedger.Sdk.Ledger;
using static CredentialLedger.Sdk.Tests.LedgerScenario;

namespace CredentialLedger.Sdk.Tests.Origin;

/// <summary>
/// A chamber's authorization over time, rebuilt from the member registry's events: authorized from the exact second of
/// its authorizing block, not during a suspension, never after a withdrawal, and only while its member is a member in
/// the membership that authorized it (contracts/src/MemberRegistry.sol, <c>chamberOf</c> and <c>_memberStands</c>).
/// </summary>
public sealed class ChamberHistoryTests : IDisposable
{
    private readonly LedgerScenario _s = new();

    public ChamberHistoryTests()
    {
        _s.Admit(Kz, 1_000);
        _s.Admit(Uz, 1_000);
    }

    public void Dispose() => _s.Dispose();

    [Fact]
    public void A_chamber_never_authorized_is_never_authorized_and_has_no_record()
    {
        Assert.Null(_s.History.GetChamber(Atameken));
        Assert.False(_s.History.IsChamberAuthorizedAt(Atameken, 0));
        Assert.False(_s.History.IsChamberAuthorizedAt(Atameken, ulong.MaxValue));
        Assert.Empty(_s.History.Chambers);
        Assert.Empty(_s.History.ChambersOf(Kz));
    }

    [Fact]
    public void Authorization_starts_at_the_exact_second_of_its_block_and_is_recorded_with_member_account_and_position()
    {
        var position = _s.NextPosition() with { };
        _s.AuthorizeChamber(Atameken, Kz, 2_000);

        Assert.False(_s.History.IsChamberAuthorizedAt(Atameken, 1_999));
        Assert.True(_s.History.IsChamberAuthorizedAt(Atameken, 2_000));
        Assert.True(_s.History.IsChamberAuthorizedAt(Atameken, ulong.MaxValue));
        var chamber = Assert.IsType<ChamberHistory>(_s.History.GetChamber(Atameken));
        Assert.Equal(Atameken, chamber.Id);
        Assert.Equal(Kz, chamber.Member);
        Assert.Equal(1u, chamber.MemberEpoch);
        Assert.Equal(ChamberStatus.Active, chamber.Status);
        Assert.Equal(2_000ul, chamber.AuthorizedAt);
        Assert.Equal(position.BlockNumber + 1, chamber.Authorized.BlockNumber);
        Assert.Equal([ChamberAccount], chamber.CurrentAccounts);
        Assert.Equal([ChamberAccount], chamber.AccountsAt(2_000));
        Assert.Empty(chamber.AccountsAt(1_999));
        Assert.Equal([chamber], _s.History.ChambersOf(Kz));
        Assert.Empty(_s.History.ChambersOf(Uz));
    }

    [Fact]
    public void A_suspension_holds_from_the_exact_second_of_its_block_and_a_reinstatement_from_its_own()
    {
        _s.AuthorizeChamber(Atameken, Kz, 2_000);
        _s.SuspendChamber(Atameken, 3_000, reason: 4);
        _s.ReinstateChamber(Atameken, 4_000);

        Assert.True(_s.History.IsChamberAuthorizedAt(Atameken, 2_999));
        Assert.False(_s.History.IsChamberAuthorizedAt(Atameken, 3_000));
        Assert.False(_s.History.IsChamberAuthorizedAt(Atameken, 3_999));
        Assert.True(_s.History.IsChamberAuthorizedAt(Atameken, 4_000));
        var chamber = _s.History.GetChamber(Atameken)!;
        Assert.Equal([ChamberStatus.Active, ChamberStatus.Suspended, ChamberStatus.Active], chamber.Statuses.Select(c => c.Status));
        Assert.Equal([2_000ul, 3_000ul, 4_000ul], chamber.Statuses.Select(c => c.From));
        Assert.Equal((byte)4, chamber.StatusAt(3_500)!.Reason);
        Assert.Null(chamber.StatusAt(1_999));
    }

    [Fact]
    public void Suspended_and_reinstated_in_the_same_second_is_authorized_at_that_second_as_the_last_change_says()
    {
        _s.AuthorizeChamber(Atameken, Kz, 2_000);
        _s.SuspendChamber(Atameken, 3_000);
        _s.ReinstateChamber(Atameken, 3_000);

        Assert.True(_s.History.IsChamberAuthorizedAt(Atameken, 2_999));
        Assert.True(_s.History.IsChamberAuthorizedAt(Atameken, 3_000));
    }

    [Fact]
    public void A_withdrawal_is_terminal_and_ends_authorization_at_the_exact_second_of_its_block()
    {
        _s.AuthorizeChamber(Atameken, Kz, 2_000);
        _s.SuspendChamber(Atameken, 3_000);
        _s.WithdrawChamber(Atameken, 4_000, reason: 10);
        // The registry refuses these after a withdrawal; a history fed them anyway keeps the chamber withdrawn.
        _s.ReinstateChamber(Atameken, 5_000);
        _s.Apply(new ChamberAuthorized(Atameken, Uz, ChamberAccount) { Contract = MemberRegistry, Position = _s.NextPosition() }, 6_000);

        Assert.True(_s.History.IsChamberAuthorizedAt(Atameken, 2_999));
        Assert.False(_s.History.IsChamberAuthorizedAt(Atameken, 4_000));
        Assert.False(_s.History.IsChamberAuthorizedAt(Atameken, 5_000));
        Assert.False(_s.History.IsChamberAuthorizedAt(Atameken, 6_000));
        var chamber = _s.History.GetChamber(Atameken)!;
        Assert.Equal(ChamberStatus.Withdrawn, chamber.Status);
        Assert.Equal(Kz, chamber.Member);
        Assert.Equal((byte)10, chamber.Statuses[^1].Reason);
        Assert.Equal(3, chamber.Statuses.Length);
    }

    [Fact]
    public void A_chamber_is_not_authorized_while_its_member_is_removed_nor_after_the_member_is_admitted_again()
    {
        _s.AuthorizeChamber(Atameken, Kz, 2_000);
        _s.Remove(Kz, 3_000);
        _s.Admit(Kz, 4_000);

        Assert.True(_s.History.IsChamberAuthorizedAt(Atameken, 2_999));
        Assert.False(_s.History.IsChamberAuthorizedAt(Atameken, 3_000));
        // The registry authorizes a chamber only in the membership (epoch) that authorized it.
        Assert.False(_s.History.IsChamberAuthorizedAt(Atameken, 4_000));
        Assert.Equal(ChamberStatus.Active, _s.History.GetChamber(Atameken)!.Status);
    }

    [Fact]
    public void A_chamber_authorized_in_a_second_membership_is_authorized_in_it()
    {
        _s.Remove(Kz, 1_500);
        _s.Admit(Kz, 1_800);
        _s.AuthorizeChamber(Atameken, Kz, 2_000);

        Assert.Equal(2u, _s.History.GetChamber(Atameken)!.MemberEpoch);
        Assert.True(_s.History.IsChamberAuthorizedAt(Atameken, 2_000));
        Assert.False(_s.History.IsChamberAuthorizedAt(Atameken, 1_900));
    }

    [Fact]
    public void A_chamber_recorded_for_a_member_that_is_not_a_member_is_never_authorized()
    {
        _s.AuthorizeChamber(Atameken, De, 2_000);

        Assert.Equal(0u, _s.History.GetChamber(Atameken)!.MemberEpoch);
        Assert.False(_s.History.IsChamberAuthorizedAt(Atameken, 2_000));
        _s.Admit(De, 3_000);
        Assert.False(_s.History.IsChamberAuthorizedAt(Atameken, 3_000));
    }

    [Fact]
    public void Events_of_an_unknown_chamber_change_nothing()
    {
        _s.SuspendChamber(Atameken, 2_000);
        _s.ReinstateChamber(Atameken, 2_100);
        _s.WithdrawChamber(Atameken, 2_200);
        _s.AddChamberAccount(Atameken, ChamberAccount, 2_300);

        Assert.Null(_s.History.GetChamber(Atameken));
        Assert.False(_s.History.IsChamberAuthorizedAt(Atameken, 3_000));
    }

    [Fact]
    public void Chamber_accounts_are_kept_as_periods_and_an_account_added_again_opens_a_new_one()
    {
        var second = Address.Parse("0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65");
        _s.AuthorizeChamber(Atameken, Kz, 2_000);
        _s.AddChamberAccount(Atameken, second, 2_500);
        _s.RemoveChamberAccount(Atameken, ChamberAccount, 3_000);
        _s.AddChamberAccount(Atameken, ChamberAccount, 4_000);
        _s.RemoveChamberAccount(Atameken, Address.Parse("0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc"), 4_500); // not its account: nothing

        var chamber = _s.History.GetChamber(Atameken)!;
        Assert.Equal([ChamberAccount], chamber.AccountsAt(2_499));
        Assert.Equal([ChamberAccount, second], chamber.AccountsAt(2_999));
        Assert.Equal([second], chamber.AccountsAt(3_000));
        Assert.Equal([second, ChamberAccount], chamber.AccountsAt(4_000));
        Assert.Equal([second, ChamberAccount], chamber.CurrentAccounts);
        Assert.Equal(3, chamber.Accounts.Length);
        Assert.Equal(new ulong?[] { 3_000, null, null }, chamber.Accounts.Select(a => a.Until));
    }

    [Fact]
    public void Several_chambers_are_listed_by_id_and_kept_apart()
    {
        _s.AuthorizeChamber(Tashkent, Uz, 2_000);
        _s.AuthorizeChamber(Atameken, Kz, 2_000);
        _s.SuspendChamber(Tashkent, 3_000);

        Assert.Equal([Atameken, Tashkent], _s.History.Chambers.Select(c => c.Id));
        Assert.True(_s.History.IsChamberAuthorizedAt(Atameken, 3_000));
        Assert.False(_s.History.IsChamberAuthorizedAt(Tashkent, 3_000));
    }

    [Fact]
    public void A_chamber_key_is_a_signing_key_of_its_member_marked_with_the_chamber()
    {
        _s.AuthorizeChamber(Atameken, Kz, 2_000);
        var key = _s.RegisterKey(Kz, 2_100, validFrom: 2_100, chamber: Atameken);

        var record = _s.History.GetKey(key.KeyId)!;
        Assert.Equal(Atameken, record.Chamber);
        Assert.Equal(Kz, record.Member);
    }
}
