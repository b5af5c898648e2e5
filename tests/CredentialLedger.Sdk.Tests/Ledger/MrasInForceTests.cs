using static CredentialLedger.Sdk.Tests.LedgerScenario;

namespace CredentialLedger.Sdk.Tests.Ledger;

/// <summary>
/// <c>MrasInForce(verifier, issuer, t)</c>: like the contract's <c>recognizes</c> view, both must be distinct members at
/// t and parties to an MRA in force at t.
/// </summary>
public sealed class MrasInForceTests : IDisposable
{
    private readonly LedgerScenario _s = new();

    public MrasInForceTests()
    {
        _s.Admit(Kr, 100);
        _s.Admit(Uz, 100);
        _s.Admit(Kz, 100);
        _s.ProposeMra(1, Kr, [Kr, Uz], AeoSOnly, 0b1, at: 1_000);
        _s.ConcludeMra(1, 1, at: 1_000);
    }

    public void Dispose() => _s.Dispose();

    [Fact]
    public void Two_member_parties_of_a_concluded_mra_find_it_with_its_terms_either_way_round()
    {
        var found = Assert.Single(_s.History.MrasInForce(Uz, Kr, 2_000));

        Assert.Equal(1UL, found.Mra.Id);
        Assert.Equal(1u, found.Terms.Version);
        Assert.Equal(AeoSOnly, found.Terms.Scope);
        Assert.Single(_s.History.MrasInForce(Kr, Uz, 2_000));
    }

    [Fact]
    public void A_member_and_itself_have_no_mra_in_force()
    {
        Assert.Empty(_s.History.MrasInForce(Kr, Kr, 2_000));
    }

    [Fact]
    public void A_member_that_is_not_a_party_finds_no_mra()
    {
        Assert.Empty(_s.History.MrasInForce(Kz, Kr, 2_000));
        Assert.Empty(_s.History.MrasInForce(Uz, Kz, 2_000));
    }

    [Fact]
    public void An_issuer_removed_from_membership_has_no_mra_in_force_until_readmitted()
    {
        _s.Remove(Kr, 3_000);
        _s.Admit(Kr, 4_000);

        Assert.Single(_s.History.MrasInForce(Uz, Kr, 2_999));
        Assert.Empty(_s.History.MrasInForce(Uz, Kr, 3_000));
        Assert.Empty(_s.History.MrasInForce(Uz, Kr, 3_999));
        Assert.Single(_s.History.MrasInForce(Uz, Kr, 4_000));
        // The MRA itself never stopped: only the membership did.
        Assert.NotNull(_s.History.GetMra(1)!.InForceAt(3_500));
    }

    [Fact]
    public void A_verifier_removed_from_membership_has_no_mra_in_force()
    {
        _s.Remove(Uz, 3_000);

        Assert.Empty(_s.History.MrasInForce(Uz, Kr, 3_000));
        Assert.Empty(_s.History.MrasInForce(Kr, Uz, 3_000));
    }

    [Fact]
    public void Party_members_before_admission_have_no_mra_in_force()
    {
        Assert.Empty(_s.History.MrasInForce(Uz, Kr, 99));
    }

    [Fact]
    public void A_multilateral_mra_is_in_force_between_every_pair_of_its_parties()
    {
        _s.ProposeMra(2, Kz, [Kr, Kz, Uz], AeoCOnly, 0b10, at: 1_500);
        _s.ConcludeMra(2, 1, at: 1_500);

        Assert.Equal([2UL], _s.History.MrasInForce(Kz, Kr, 2_000).Select(m => m.Mra.Id));
        Assert.Equal([2UL], _s.History.MrasInForce(Uz, Kz, 2_000).Select(m => m.Mra.Id));
        Assert.Equal([1UL, 2UL], _s.History.MrasInForce(Uz, Kr, 2_000).Select(m => m.Mra.Id));
    }

    [Fact]
    public void Only_the_mras_in_force_are_returned_when_a_pair_has_several()
    {
        _s.ProposeMra(2, Kr, [Kr, Uz], AeoCOnly, 0b10, at: 1_500);
        _s.ConcludeMra(2, 1, at: 1_500);
        _s.SuspendMra(1, Uz, at: 3_000);

        Assert.Equal([1UL, 2UL], _s.History.MrasInForce(Uz, Kr, 2_000).Select(m => m.Mra.Id));
        Assert.Equal([2UL], _s.History.MrasInForce(Uz, Kr, 3_000).Select(m => m.Mra.Id));
    }

    [Fact]
    public void MrasOf_lists_the_mras_a_member_is_party_to_in_force_or_not()
    {
        _s.ProposeMra(2, Kz, [Kr, Kz], AeoCOnly, 0b10, at: 1_500);

        Assert.Equal([1UL, 2UL], _s.History.MrasOf(Kr).Select(m => m.Id));
        Assert.Equal([1UL], _s.History.MrasOf(Uz).Select(m => m.Id));
        Assert.Equal([2UL], _s.History.MrasOf(Kz).Select(m => m.Id));
        Assert.Empty(_s.History.MrasOf(De));
    }
}
