// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {MemberRegistry} from "../src/MemberRegistry.sol";
import {MraRegistry} from "../src/MraRegistry.sol";
import {IMemberRegistry} from "../src/interfaces/IMemberRegistry.sol";
import {IMraRegistry} from "../src/interfaces/IMraRegistry.sol";
import {Fixtures} from "./utils/Fixtures.sol";

/// @notice Helpers shared by the MraRegistry tests: standard MRAs, governance for extra members, typed assertions.
abstract contract MraRegistryHelpers is Fixtures {
    uint64 internal constant T0 = 1_700_000_000;
    /// @dev Programmes 0 and 1.
    uint32 internal constant SCOPE = 0x3;
    uint32 internal constant BENEFITS = 0x5;
    bytes16 internal constant KZ_CHAMBER = bytes16("KZ-ATAMEKEN");

    IMraRegistry.MraStatus internal constant NONE = IMraRegistry.MraStatus.None;
    IMraRegistry.MraStatus internal constant ACTIVE = IMraRegistry.MraStatus.Active;
    IMraRegistry.MraStatus internal constant SUSPENDED = IMraRegistry.MraStatus.Suspended;
    IMraRegistry.MraStatus internal constant TERMINATED = IMraRegistry.MraStatus.Terminated;

    /// @dev Operators of the active members this test knows, used to vote admissions through.
    address[] internal _voters;

    function setUp() public virtual override {
        super.setUp();
        _voters.push(krOperator);
        _voters.push(kzOperator);
        _voters.push(uzOperator);
    }

    // ------------------------------------------------------------ typed assertions

    function assertEqCode(bytes2 left, bytes2 right) internal pure {
        vm.assertEq(bytes32(left), bytes32(right));
    }

    function assertEqCodes(bytes2[] memory left, bytes2[] memory right) internal pure {
        vm.assertEq(left.length, right.length, "length");
        for (uint256 i = 0; i < left.length; ++i) {
            vm.assertEq(bytes32(left[i]), bytes32(right[i]));
        }
    }

    function assertStatus(uint256 id, IMraRegistry.MraStatus status) internal view {
        vm.assertEq(uint256(mras.getMra(id).status), uint256(status), "status");
    }

    function assertMra(uint256 id, IMraRegistry.MraStatus status, uint32 latest, uint32 concluded, uint8 partyCount)
        internal
        view
    {
        IMraRegistry.Mra memory m = mras.getMra(id);
        vm.assertEq(uint256(m.status), uint256(status), "status");
        vm.assertEq(uint256(m.latestVersion), uint256(latest), "latestVersion");
        vm.assertEq(uint256(m.concludedVersion), uint256(concluded), "concludedVersion");
        vm.assertEq(uint256(m.partyCount), uint256(partyCount), "partyCount");
    }

    function assertTerms(
        uint256 id,
        uint32 version,
        uint64 validFrom,
        uint64 validUntil,
        uint32 scope,
        uint32 benefits,
        uint64 acceptedMask
    ) internal view {
        IMraRegistry.Terms memory t = mras.termsOf(id, version);
        vm.assertEq(uint256(t.validFrom), uint256(validFrom), "validFrom");
        vm.assertEq(uint256(t.validUntil), uint256(validUntil), "validUntil");
        vm.assertEq(uint256(t.scope), uint256(scope), "scope");
        vm.assertEq(uint256(t.benefits), uint256(benefits), "benefits");
        vm.assertEq(uint256(t.acceptedMask), uint256(acceptedMask), "acceptedMask");
    }

    function assertRecognized(
        bytes2 verifier,
        bytes2 issuer,
        uint8 programme,
        uint64 at,
        uint256 mraId,
        uint32 version,
        uint32 benefits
    ) internal view {
        (bool ok, uint256 id, uint32 v, uint32 b) = mras.recognizes(verifier, issuer, programme, at);
        assertTrue(ok, "not recognized");
        vm.assertEq(id, mraId, "mraId");
        vm.assertEq(uint256(v), uint256(version), "version");
        vm.assertEq(uint256(b), uint256(benefits), "benefits");
    }

    function assertNotRecognized(bytes2 verifier, bytes2 issuer, uint8 programme, uint64 at) internal view {
        (bool ok, uint256 id, uint32 v, uint32 b) = mras.recognizes(verifier, issuer, programme, at);
        assertFalse(ok, "recognized");
        vm.assertEq(id, 0, "mraId");
        vm.assertEq(uint256(v), 0, "version");
        vm.assertEq(uint256(b), 0, "benefits");
    }

    // ------------------------------------------------------------ parties

    function _list(bytes2 a) internal pure returns (bytes2[] memory p) {
        p = new bytes2[](1);
        p[0] = a;
    }

    function _list(bytes2 a, bytes2 b) internal pure returns (bytes2[] memory p) {
        p = new bytes2[](2);
        p[0] = a;
        p[1] = b;
    }

    function _list(bytes2 a, bytes2 b, bytes2 c) internal pure returns (bytes2[] memory p) {
        p = new bytes2[](3);
        p[0] = a;
        p[1] = b;
        p[2] = c;
    }

    /// @dev "AA", "AB", ... "AZ", "BA", ...: valid codes that sort before the founders.
    function _code(uint256 i) internal pure returns (bytes2) {
        return bytes2(abi.encodePacked(bytes1(uint8(0x41 + i / 26)), bytes1(uint8(0x41 + i % 26))));
    }

    function _extraOperator(uint256 i) internal pure returns (address) {
        return vm.addr(0x1000 + i);
    }

    /// @dev Admits `code` by a proposal of KR voted by as many known members as a majority needs. (Fixtures'
    ///      `_admit` has only KR and KZ vote, which is a majority only while there are at most three members.)
    function _admitMember(bytes2 code, address operator) internal {
        vm.prank(krOperator);
        uint256 proposalId = members.propose(IMemberRegistry.ProposalKind.Admit, code, operator);
        uint256 required = members.activeMemberCount() / 2 + 1;
        for (uint256 i = 1; i < required; ++i) {
            vm.prank(_voters[i]);
            members.vote(proposalId);
        }
        members.execute(proposalId);
        _voters.push(operator);
    }

    // ------------------------------------------------------------ MRAs

    function _propose(address operator, bytes2[] memory parties) internal returns (uint256) {
        vm.prank(operator);
        return mras.propose(parties, SCOPE, BENEFITS, T0, 0);
    }

    function _propose(address operator, bytes2[] memory parties, uint32 scope, uint32 benefits, uint64 from, uint64 to)
        internal
        returns (uint256)
    {
        vm.prank(operator);
        return mras.propose(parties, scope, benefits, from, to);
    }

    function _accept(address operator, uint256 id, uint32 version) internal {
        vm.prank(operator);
        mras.accept(id, version);
    }

    function _amend(address operator, uint256 id, uint32 scope, uint32 benefits, uint64 from, uint64 to)
        internal
        returns (uint32)
    {
        vm.prank(operator);
        return mras.amend(id, scope, benefits, from, to);
    }

    function _suspend(address operator, uint256 id) internal {
        vm.prank(operator);
        mras.suspend(id, 1);
    }

    function _resume(address operator, uint256 id) internal {
        vm.prank(operator);
        mras.resume(id);
    }

    function _terminate(address operator, uint256 id) internal {
        vm.prank(operator);
        mras.terminate(id, 1);
    }

    /// @dev KR-KZ, proposed by KR (version 1, SCOPE, BENEFITS, from T0, no end), not yet accepted by KZ.
    function _bilateral() internal returns (uint256) {
        return _propose(krOperator, _list(KR, KZ));
    }

    /// @dev KR-KZ concluded.
    function _concludedBilateral() internal returns (uint256 id) {
        id = _bilateral();
        _accept(kzOperator, id, 1);
    }

    /// @dev KR-KZ-UZ, proposed by KZ, not yet accepted by KR and UZ.
    function _trilateral() internal returns (uint256) {
        return _propose(kzOperator, _list(KR, KZ, UZ));
    }

    /// @dev KR-KZ-UZ concluded.
    function _concludedTrilateral() internal returns (uint256 id) {
        id = _trilateral();
        _accept(krOperator, id, 1);
        _accept(uzOperator, id, 1);
    }

    function _authorizeKzChamber() internal {
        vm.prank(kzOperator);
        members.authorizeChamber(KZ_CHAMBER, chamberAccount);
    }

    function _notOperator(address account) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IMraRegistry.MraRegistryNotOperator.selector, account);
    }

    function _invalidStatus(uint256 id, IMraRegistry.MraStatus status) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IMraRegistry.MraRegistryInvalidStatus.selector, id, status);
    }
}

// ==================================================================== propose

contract MraRegistry_propose_Test is MraRegistryHelpers {
    function test_ProposesABilateralMraAsVersion1AcceptedByTheProposer() public {
        uint256 id = _bilateral();
        vm.assertEq(id, 1);
        assertMra(id, ACTIVE, 1, 0, 2);
        // KR is slot 1 (bit 0): the proposer's acceptance is recorded, KZ's is not.
        assertTerms(id, 1, T0, 0, SCOPE, BENEFITS, 0x1);
        assertEqCodes(mras.partiesOf(id), _list(KR, KZ));
        assertFalse(mras.inForce(id, T0));
    }

    function test_ProposesASubRegionalMraOfThreeParties() public {
        uint256 id = _propose(uzOperator, _list(KR, KZ, UZ), 0x10, 0x3, T0 + 1 days, T0 + 365 days);
        assertMra(id, ACTIVE, 1, 0, 3);
        // UZ is the third party (bit 2).
        assertTerms(id, 1, T0 + 1 days, T0 + 365 days, 0x10, 0x3, 0x4);
        assertEqCodes(mras.partiesOf(id), _list(KR, KZ, UZ));
    }

    function test_EmitsMraProposedThenTheProposersAcceptance() public {
        bytes2[] memory parties = _list(KR, KZ, UZ);
        vm.expectEmit(address(mras));
        emit IMraRegistry.MraProposed(1, KZ, parties, SCOPE, BENEFITS, T0, T0 + 10);
        vm.expectEmit(address(mras));
        emit IMraRegistry.MraAccepted(1, 1, KZ);
        vm.prank(kzOperator);
        mras.propose(parties, SCOPE, BENEFITS, T0, T0 + 10);
    }

    function test_NumbersMrasConsecutivelyFromOne() public {
        vm.assertEq(_bilateral(), 1);
        vm.assertEq(_trilateral(), 2);
        vm.assertEq(_propose(uzOperator, _list(KZ, UZ)), 3);
    }

    function test_RecordsTheMraForEveryParty() public {
        uint256 a = _bilateral();
        uint256 b = _trilateral();
        vm.assertEq(mras.mrasOf(KR).length, 2);
        vm.assertEq(mras.mrasOf(KR)[0], a);
        vm.assertEq(mras.mrasOf(KR)[1], b);
        vm.assertEq(mras.mrasOf(UZ).length, 1);
        vm.assertEq(mras.mrasOf(UZ)[0], b);
    }

    function test_AcceptsAValidityWindowInThePastAndOneWithoutEnd() public {
        uint256 id = _propose(krOperator, _list(KR, KZ), SCOPE, BENEFITS, 1, 2);
        assertTerms(id, 1, 1, 2, SCOPE, BENEFITS, 0x1);
        id = _propose(krOperator, _list(KR, KZ), SCOPE, BENEFITS, type(uint64).max, 0);
        assertTerms(id, 1, type(uint64).max, 0, SCOPE, BENEFITS, 0x1);
    }

    function test_ConcludesA64PartyMraOnlyWhenTheLastPartyAccepts() public {
        bytes2[] memory codes = new bytes2[](64);
        address[] memory ops = new address[](64);
        for (uint256 i = 0; i < 64; ++i) {
            codes[i] = _code(i);
            ops[i] = _extraOperator(i);
        }
        MemberRegistry registry = new MemberRegistry(codes, ops, VOTING_PERIOD);
        MraRegistry large = new MraRegistry(IMemberRegistry(address(registry)));
        vm.prank(ops[63]);
        uint256 id = large.propose(codes, SCOPE, BENEFITS, T0, 0);
        vm.assertEq(uint256(large.termsOf(id, 1).acceptedMask), uint256(1) << 63);
        for (uint256 i = 0; i < 62; ++i) {
            vm.prank(ops[i]);
            large.accept(id, 1);
        }
        vm.assertEq(uint256(large.getMra(id).concludedVersion), 0);
        vm.expectEmit(address(large));
        emit IMraRegistry.MraConcluded(id, 1);
        vm.prank(ops[62]);
        large.accept(id, 1);
        vm.assertEq(uint256(large.getMra(id).concludedVersion), 1);
        vm.assertEq(uint256(large.getMra(id).partyCount), 64);
        vm.assertEq(uint256(large.termsOf(id, 1).acceptedMask), uint256(type(uint64).max));
        assertTrue(large.inForce(id, T0));
    }

    function test_RevertWhen_FewerThanTwoParties() public {
        vm.expectRevert(abi.encodeWithSelector(IMraRegistry.MraRegistryInvalidParties.selector));
        vm.prank(krOperator);
        mras.propose(new bytes2[](0), SCOPE, BENEFITS, T0, 0);
        vm.expectRevert(abi.encodeWithSelector(IMraRegistry.MraRegistryInvalidParties.selector));
        vm.prank(krOperator);
        mras.propose(_list(KR), SCOPE, BENEFITS, T0, 0);
    }

    function test_RevertWhen_MoreThan64Parties() public {
        bytes2[] memory parties = new bytes2[](65);
        for (uint256 i = 0; i < 65; ++i) {
            parties[i] = _code(i);
        }
        vm.expectRevert(abi.encodeWithSelector(IMraRegistry.MraRegistryInvalidParties.selector));
        vm.prank(krOperator);
        mras.propose(parties, SCOPE, BENEFITS, T0, 0);
    }

    function test_RevertWhen_PartiesAreNotAscending() public {
        vm.expectRevert(abi.encodeWithSelector(IMraRegistry.MraRegistryInvalidParties.selector));
        vm.prank(krOperator);
        mras.propose(_list(KZ, KR), SCOPE, BENEFITS, T0, 0);
        vm.expectRevert(abi.encodeWithSelector(IMraRegistry.MraRegistryInvalidParties.selector));
        vm.prank(krOperator);
        mras.propose(_list(KR, UZ, KZ), SCOPE, BENEFITS, T0, 0);
    }

    function test_RevertWhen_APartyIsListedTwice() public {
        vm.expectRevert(abi.encodeWithSelector(IMraRegistry.MraRegistryInvalidParties.selector));
        vm.prank(krOperator);
        mras.propose(_list(KR, KR), SCOPE, BENEFITS, T0, 0);
        vm.expectRevert(abi.encodeWithSelector(IMraRegistry.MraRegistryInvalidParties.selector));
        vm.prank(krOperator);
        mras.propose(_list(KR, KZ, KZ), SCOPE, BENEFITS, T0, 0);
    }

    function test_RevertWhen_APartyIsNotAMember() public {
        vm.expectRevert(abi.encodeWithSelector(IMraRegistry.MraRegistryPartyNotActive.selector, DE));
        vm.prank(krOperator);
        mras.propose(_list(DE, KR), SCOPE, BENEFITS, T0, 0);
    }

    function test_RevertWhen_APartyWasRemoved() public {
        _remove(UZ);
        vm.expectRevert(abi.encodeWithSelector(IMraRegistry.MraRegistryPartyNotActive.selector, UZ));
        vm.prank(krOperator);
        mras.propose(_list(KR, KZ, UZ), SCOPE, BENEFITS, T0, 0);
    }

    function test_RevertWhen_TheProposerIsNotAParty() public {
        // The error names the id the MRA would have had.
        vm.expectRevert(abi.encodeWithSelector(IMraRegistry.MraRegistryNotParty.selector, uint256(1), KR));
        vm.prank(krOperator);
        mras.propose(_list(KZ, UZ), SCOPE, BENEFITS, T0, 0);
        // Nothing was recorded and the id is still free.
        vm.assertEq(mras.mrasOf(KZ).length, 0);
        vm.assertEq(mras.mrasOf(UZ).length, 0);
        assertStatus(1, NONE);
        vm.assertEq(_bilateral(), 1);
    }

    function test_RevertWhen_ScopeIsEmpty() public {
        vm.expectRevert(abi.encodeWithSelector(IMraRegistry.MraRegistryInvalidScope.selector));
        vm.prank(krOperator);
        mras.propose(_list(KR, KZ), 0, BENEFITS, T0, 0);
    }

    function test_RevertWhen_ValidUntilEqualsValidFrom() public {
        vm.expectRevert(abi.encodeWithSelector(IMraRegistry.MraRegistryInvalidValidity.selector, T0, T0));
        vm.prank(krOperator);
        mras.propose(_list(KR, KZ), SCOPE, BENEFITS, T0, T0);
    }

    function testFuzz_RevertWhen_ValidUntilIsNotAfterValidFrom(uint64 validFrom, uint64 validUntil) public {
        validFrom = uint64(bound(validFrom, 1, type(uint64).max));
        validUntil = uint64(bound(validUntil, 1, validFrom));
        vm.expectRevert(
            abi.encodeWithSelector(IMraRegistry.MraRegistryInvalidValidity.selector, validFrom, validUntil)
        );
        vm.prank(krOperator);
        mras.propose(_list(KR, KZ), SCOPE, BENEFITS, validFrom, validUntil);
    }

    function test_RevertWhen_CallerIsNotAnOperator() public {
        vm.expectRevert(_notOperator(stranger));
        vm.prank(stranger);
        mras.propose(_list(KR, KZ), SCOPE, BENEFITS, T0, 0);
    }

    function test_RevertWhen_CallerIsAChamberAccount() public {
        _authorizeKzChamber();
        vm.expectRevert(_notOperator(chamberAccount));
        vm.prank(chamberAccount);
        mras.propose(_list(KR, KZ), SCOPE, BENEFITS, T0, 0);
    }

    function test_RevertWhen_CallerIsAnOperatorOfARemovedMember() public {
        _remove(KZ);
        vm.expectRevert(_notOperator(kzOperator));
        vm.prank(kzOperator);
        mras.propose(_list(KR, KZ), SCOPE, BENEFITS, T0, 0);
    }

    function test_AdmittedMemberMayProposeAtOnce() public {
        _admit(DE, deOperator);
        uint256 id = _propose(deOperator, _list(DE, KZ));
        assertEqCodes(mras.partiesOf(id), _list(DE, KZ));
        assertTerms(id, 1, T0, 0, SCOPE, BENEFITS, 0x1);
    }

    function testFuzz_ProposesWithAnyValidTerms(uint32 scope, uint32 benefits, uint64 validFrom, uint64 validUntil)
        public
    {
        vm.assume(scope != 0);
        vm.assume(validUntil == 0 || validUntil > validFrom);
        uint256 id = _propose(kzOperator, _list(KZ, UZ), scope, benefits, validFrom, validUntil);
        assertTerms(id, 1, validFrom, validUntil, scope, benefits, 0x1);
        assertMra(id, ACTIVE, 1, 0, 2);
    }
}

// ==================================================================== accept

contract MraRegistry_accept_Test is MraRegistryHelpers {
    function test_RecordsAnAcceptanceWithoutConcludingWhileAPartyIsMissing() public {
        uint256 id = _trilateral();
        vm.expectEmit(address(mras));
        emit IMraRegistry.MraAccepted(id, 1, UZ);
        _accept(uzOperator, id, 1);
        assertMra(id, ACTIVE, 1, 0, 3);
        assertTerms(id, 1, T0, 0, SCOPE, BENEFITS, 0x6);
        assertFalse(mras.inForce(id, T0));
    }

    function test_ConcludesWhenTheLastPartyAccepts() public {
        uint256 id = _trilateral();
        _accept(uzOperator, id, 1);
        vm.expectEmit(address(mras));
        emit IMraRegistry.MraAccepted(id, 1, KR);
        vm.expectEmit(address(mras));
        emit IMraRegistry.MraConcluded(id, 1);
        _accept(krOperator, id, 1);
        assertMra(id, ACTIVE, 1, 1, 3);
        assertTerms(id, 1, T0, 0, SCOPE, BENEFITS, 0x7);
        assertTrue(mras.inForce(id, T0));
    }

    function test_ConcludesABilateralMraWithTheSecondAcceptance() public {
        uint256 id = _bilateral();
        vm.expectEmit(address(mras));
        emit IMraRegistry.MraConcluded(id, 1);
        _accept(kzOperator, id, 1);
        assertMra(id, ACTIVE, 1, 1, 2);
    }

    function test_AnyOperatorOfAPartyAcceptsForIt() public {
        address kzOperator2 = vm.addr(0xA22);
        vm.prank(kzOperator);
        members.addOperator(kzOperator2);
        uint256 id = _bilateral();
        vm.expectEmit(address(mras));
        emit IMraRegistry.MraAccepted(id, 1, KZ);
        _accept(kzOperator2, id, 1);
        vm.assertEq(uint256(mras.getMra(id).concludedVersion), 1);
    }

    function test_AcceptsWhileSuspendedButStaysOutOfForceUntilResumed() public {
        uint256 id = _bilateral();
        _suspend(krOperator, id);
        _accept(kzOperator, id, 1);
        assertMra(id, SUSPENDED, 1, 1, 2);
        assertFalse(mras.inForce(id, T0));
        _resume(kzOperator, id);
        assertTrue(mras.inForce(id, T0));
    }

    function test_RevertWhen_TheVersionIsStale() public {
        uint256 id = _bilateral();
        _amend(krOperator, id, SCOPE, BENEFITS, T0, 0);
        vm.expectRevert(abi.encodeWithSelector(IMraRegistry.MraRegistryStaleVersion.selector, id, uint32(1), uint32(2)));
        _accept(kzOperator, id, 1);
    }

    function test_RevertWhen_TheVersionDoesNotExistYet() public {
        uint256 id = _bilateral();
        vm.expectRevert(abi.encodeWithSelector(IMraRegistry.MraRegistryStaleVersion.selector, id, uint32(2), uint32(1)));
        _accept(kzOperator, id, 2);
        vm.expectRevert(abi.encodeWithSelector(IMraRegistry.MraRegistryStaleVersion.selector, id, uint32(0), uint32(1)));
        _accept(kzOperator, id, 0);
    }

    function test_RevertWhen_TheProposerAcceptsAgain() public {
        uint256 id = _bilateral();
        vm.expectRevert(abi.encodeWithSelector(IMraRegistry.MraRegistryAlreadyAccepted.selector, id, uint32(1), KR));
        _accept(krOperator, id, 1);
    }

    function test_RevertWhen_APartyAcceptsTwice() public {
        uint256 id = _trilateral();
        _accept(uzOperator, id, 1);
        vm.expectRevert(abi.encodeWithSelector(IMraRegistry.MraRegistryAlreadyAccepted.selector, id, uint32(1), UZ));
        _accept(uzOperator, id, 1);
    }

    function test_RevertWhen_AcceptingAnAlreadyConcludedVersion() public {
        uint256 id = _concludedBilateral();
        vm.expectRevert(abi.encodeWithSelector(IMraRegistry.MraRegistryAlreadyAccepted.selector, id, uint32(1), KZ));
        _accept(kzOperator, id, 1);
    }

    function test_RevertWhen_CallerIsNotAParty() public {
        uint256 id = _bilateral();
        vm.expectRevert(abi.encodeWithSelector(IMraRegistry.MraRegistryNotParty.selector, id, UZ));
        _accept(uzOperator, id, 1);
    }

    function test_RevertWhen_TheMraIsUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(IMraRegistry.MraRegistryUnknownMra.selector, uint256(0)));
        _accept(kzOperator, 0, 1);
        _bilateral();
        vm.expectRevert(abi.encodeWithSelector(IMraRegistry.MraRegistryUnknownMra.selector, uint256(2)));
        _accept(kzOperator, 2, 1);
    }

    function test_RevertWhen_TheMraIsTerminated() public {
        uint256 id = _trilateral();
        _terminate(krOperator, id);
        vm.expectRevert(_invalidStatus(id, TERMINATED));
        _accept(uzOperator, id, 1);
    }

    function test_RevertWhen_CallerIsNotAnOperator() public {
        uint256 id = _bilateral();
        vm.expectRevert(_notOperator(stranger));
        _accept(stranger, id, 1);
    }

    function test_RevertWhen_CallerIsAChamberAccountOfAParty() public {
        _authorizeKzChamber();
        uint256 id = _bilateral();
        vm.expectRevert(_notOperator(chamberAccount));
        _accept(chamberAccount, id, 1);
    }

    function test_ARemovedPartyCannotAcceptSoTheVersionNeverConcludes() public {
        uint256 id = _trilateral();
        _accept(krOperator, id, 1);
        _remove(UZ);
        vm.expectRevert(_notOperator(uzOperator));
        _accept(uzOperator, id, 1);
        vm.assertEq(uint256(mras.getMra(id).concludedVersion), 0);
    }

    /// @dev n parties (2..12; extra members admitted through governance), accepting in a random order: the MRA is
    ///      concluded exactly when the last of them accepts.
    function testFuzz_ConcludesExactlyAfterTheLastPartyAccepts(uint256 partyCount, uint256 seed) public {
        uint256 n = bound(partyCount, 2, 12);
        bytes2[] memory parties = new bytes2[](n);
        address[] memory ops = new address[](n);
        if (n <= 3) {
            // A random subset of the founders, kept in ascending order (KR < KZ < UZ).
            bytes2[3] memory founders = [KR, KZ, UZ];
            address[3] memory founderOps = [krOperator, kzOperator, uzOperator];
            uint256 skip = n == 3 ? 3 : seed % 3;
            uint256 k;
            for (uint256 i = 0; i < 3; ++i) {
                if (i == skip) continue;
                parties[k] = founders[i];
                ops[k] = founderOps[i];
                ++k;
            }
        } else {
            // The extra codes ("AA", "AB", ...) sort before the founders.
            for (uint256 i = 0; i < n - 3; ++i) {
                _admitMember(_code(i), _extraOperator(i));
                parties[i] = _code(i);
                ops[i] = _extraOperator(i);
            }
            parties[n - 3] = KR;
            ops[n - 3] = krOperator;
            parties[n - 2] = KZ;
            ops[n - 2] = kzOperator;
            parties[n - 1] = UZ;
            ops[n - 1] = uzOperator;
        }

        // A random order of the parties (Fisher-Yates); the first proposes.
        uint256[] memory order = new uint256[](n);
        for (uint256 i = 0; i < n; ++i) {
            order[i] = i;
        }
        for (uint256 i = n - 1; i > 0; --i) {
            uint256 j = uint256(keccak256(abi.encode(seed, i))) % (i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        uint256 id = _propose(ops[order[0]], parties);
        uint64 mask = uint64(1) << uint64(order[0]);
        for (uint256 k = 1; k < n; ++k) {
            assertMra(id, ACTIVE, 1, 0, uint8(n));
            assertFalse(mras.inForce(id, T0));
            if (k == n - 1) {
                vm.expectEmit(address(mras));
                emit IMraRegistry.MraAccepted(id, 1, parties[order[k]]);
                vm.expectEmit(address(mras));
                emit IMraRegistry.MraConcluded(id, 1);
            }
            _accept(ops[order[k]], id, 1);
            mask |= uint64(1) << uint64(order[k]);
            vm.assertEq(uint256(mras.termsOf(id, 1).acceptedMask), uint256(mask));
        }
        assertMra(id, ACTIVE, 1, 1, uint8(n));
        vm.assertEq(uint256(mask), (uint256(1) << n) - 1);
        assertTrue(mras.inForce(id, T0));
        assertEqCodes(mras.partiesOf(id), parties);
    }
}

// ==================================================================== amend

contract MraRegistry_amend_Test is MraRegistryHelpers {
    function test_OpensANewVersionAcceptedByTheAmendingParty() public {
        uint256 id = _concludedTrilateral();
        vm.expectEmit(address(mras));
        emit IMraRegistry.MraAmended(id, 2, UZ, 0x4, 0x7, T0 + 10, T0 + 20);
        vm.expectEmit(address(mras));
        emit IMraRegistry.MraAccepted(id, 2, UZ);
        uint32 version = _amend(uzOperator, id, 0x4, 0x7, T0 + 10, T0 + 20);
        vm.assertEq(uint256(version), 2);
        assertMra(id, ACTIVE, 2, 1, 3);
        assertTerms(id, 2, T0 + 10, T0 + 20, 0x4, 0x7, 0x4);
        // The concluded version's terms are untouched.
        assertTerms(id, 1, T0, 0, SCOPE, BENEFITS, 0x7);
    }

    function test_KeepsTheConcludedVersionInForceUntilTheAmendmentIsConcluded() public {
        uint256 id = _concludedBilateral();
        // Version 2 moves the MRA to programme 2 only, with other benefits, from T0 + 100.
        _amend(kzOperator, id, 0x4, 0x9, T0 + 100, 0);

        // Version 1 still governs: programmes 0 and 1, from T0.
        assertTrue(mras.inForce(id, T0));
        assertRecognized(KR, KZ, 0, T0, id, 1, BENEFITS);
        assertNotRecognized(KR, KZ, 2, T0 + 100);

        vm.expectEmit(address(mras));
        emit IMraRegistry.MraConcluded(id, 2);
        _accept(krOperator, id, 2);

        // Now version 2 governs.
        assertMra(id, ACTIVE, 2, 2, 2);
        assertFalse(mras.inForce(id, T0));
        assertTrue(mras.inForce(id, T0 + 100));
        assertNotRecognized(KR, KZ, 0, T0 + 100);
        assertRecognized(KR, KZ, 2, T0 + 100, id, 2, 0x9);
        assertRecognized(KZ, KR, 2, T0 + 100, id, 2, 0x9);
    }

    function test_ReplacesAPendingVersionWithANewerAmendment() public {
        uint256 id = _concludedBilateral();
        _amend(kzOperator, id, 0x4, 0x9, T0, 0);
        uint32 version = _amend(krOperator, id, 0x8, 0xa, T0, 0);
        vm.assertEq(uint256(version), 3);
        assertMra(id, ACTIVE, 3, 1, 2);

        // The replaced version 2 can no longer be accepted.
        vm.expectRevert(abi.encodeWithSelector(IMraRegistry.MraRegistryStaleVersion.selector, id, uint32(2), uint32(3)));
        _accept(krOperator, id, 2);

        _accept(kzOperator, id, 3);
        assertMra(id, ACTIVE, 3, 3, 2);
        // Version 2 keeps only KZ's acceptance and never governed.
        assertTerms(id, 2, T0, 0, 0x4, 0x9, 0x2);
        assertTerms(id, 3, T0, 0, 0x8, 0xa, 0x3);
        assertRecognized(KR, KZ, 3, T0, id, 3, 0xa);
        assertNotRecognized(KR, KZ, 2, T0);
    }

    function test_AmendsAnMraNotYetConcluded() public {
        uint256 id = _trilateral();
        _accept(uzOperator, id, 1);
        _amend(krOperator, id, SCOPE, 0x1, T0, 0);
        assertMra(id, ACTIVE, 2, 0, 3);
        assertTerms(id, 2, T0, 0, SCOPE, 0x1, 0x1);
        _accept(kzOperator, id, 2);
        _accept(uzOperator, id, 2);
        assertMra(id, ACTIVE, 2, 2, 3);
    }

    function test_AmendsWhileSuspended() public {
        uint256 id = _concludedBilateral();
        _suspend(kzOperator, id);
        _amend(krOperator, id, 0x1, 0x1, T0, 0);
        _accept(kzOperator, id, 2);
        assertMra(id, SUSPENDED, 2, 2, 2);
        assertFalse(mras.inForce(id, T0));
    }

    function test_RevertWhen_TheMraIsTerminated() public {
        uint256 id = _concludedBilateral();
        _terminate(kzOperator, id);
        vm.expectRevert(_invalidStatus(id, TERMINATED));
        _amend(krOperator, id, SCOPE, BENEFITS, T0, 0);
    }

    function test_RevertWhen_ScopeIsEmpty() public {
        uint256 id = _concludedBilateral();
        vm.expectRevert(abi.encodeWithSelector(IMraRegistry.MraRegistryInvalidScope.selector));
        _amend(krOperator, id, 0, BENEFITS, T0, 0);
    }

    function test_RevertWhen_ValidUntilIsNotAfterValidFrom() public {
        uint256 id = _concludedBilateral();
        vm.expectRevert(abi.encodeWithSelector(IMraRegistry.MraRegistryInvalidValidity.selector, T0, T0 - 1));
        _amend(krOperator, id, SCOPE, BENEFITS, T0, T0 - 1);
    }

    function test_RevertWhen_CallerIsNotAParty() public {
        uint256 id = _concludedBilateral();
        vm.expectRevert(abi.encodeWithSelector(IMraRegistry.MraRegistryNotParty.selector, id, UZ));
        _amend(uzOperator, id, SCOPE, BENEFITS, T0, 0);
    }

    function test_RevertWhen_TheMraIsUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(IMraRegistry.MraRegistryUnknownMra.selector, uint256(7)));
        _amend(krOperator, 7, SCOPE, BENEFITS, T0, 0);
    }

    function test_RevertWhen_CallerIsNotAnOperator() public {
        uint256 id = _concludedBilateral();
        vm.expectRevert(_notOperator(stranger));
        _amend(stranger, id, SCOPE, BENEFITS, T0, 0);
    }
}

// ==================================================================== suspend

contract MraRegistry_suspend_Test is MraRegistryHelpers {
    function test_AnyPartySuspendsAnActiveMra() public {
        address[3] memory ops = [krOperator, kzOperator, uzOperator];
        bytes2[3] memory codes = [KR, KZ, UZ];
        for (uint256 i = 0; i < 3; ++i) {
            uint256 id = _concludedTrilateral();
            vm.expectEmit(address(mras));
            emit IMraRegistry.MraSuspended(id, codes[i], uint8(7 + i));
            vm.prank(ops[i]);
            mras.suspend(id, uint8(7 + i));
            assertMra(id, SUSPENDED, 1, 1, 3);
            assertFalse(mras.inForce(id, T0));
            assertNotRecognized(KR, KZ, 0, T0);
        }
    }

    function test_SuspendsAnMraNotYetConcluded() public {
        uint256 id = _bilateral();
        _suspend(kzOperator, id);
        assertMra(id, SUSPENDED, 1, 0, 2);
    }

    function test_RevertWhen_AlreadySuspended() public {
        uint256 id = _concludedBilateral();
        _suspend(krOperator, id);
        vm.expectRevert(_invalidStatus(id, SUSPENDED));
        _suspend(kzOperator, id);
    }

    function test_RevertWhen_Terminated() public {
        uint256 id = _concludedBilateral();
        _terminate(krOperator, id);
        vm.expectRevert(_invalidStatus(id, TERMINATED));
        _suspend(kzOperator, id);
    }

    function test_RevertWhen_CallerIsNotAParty() public {
        uint256 id = _concludedBilateral();
        vm.expectRevert(abi.encodeWithSelector(IMraRegistry.MraRegistryNotParty.selector, id, UZ));
        _suspend(uzOperator, id);
    }

    function test_RevertWhen_TheMraIsUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(IMraRegistry.MraRegistryUnknownMra.selector, uint256(1)));
        _suspend(krOperator, 1);
    }

    function test_RevertWhen_CallerIsNotAnOperator() public {
        uint256 id = _concludedBilateral();
        vm.expectRevert(_notOperator(stranger));
        _suspend(stranger, id);
    }
}

// ==================================================================== resume

contract MraRegistry_resume_Test is MraRegistryHelpers {
    function test_AnyPartyLiftsASuspension() public {
        uint256 id = _concludedTrilateral();
        _suspend(krOperator, id);
        vm.expectEmit(address(mras));
        emit IMraRegistry.MraResumed(id, UZ);
        _resume(uzOperator, id);
        assertMra(id, ACTIVE, 1, 1, 3);
        assertTrue(mras.inForce(id, T0));
        assertRecognized(UZ, KR, 0, T0, id, 1, BENEFITS);
    }

    function test_SuspendsAndResumesRepeatedly() public {
        uint256 id = _concludedBilateral();
        for (uint256 i = 0; i < 3; ++i) {
            _suspend(i % 2 == 0 ? krOperator : kzOperator, id);
            assertFalse(mras.inForce(id, T0));
            _resume(i % 2 == 0 ? kzOperator : krOperator, id);
            assertTrue(mras.inForce(id, T0));
        }
    }

    function test_RevertWhen_Active() public {
        uint256 id = _concludedBilateral();
        vm.expectRevert(_invalidStatus(id, ACTIVE));
        _resume(krOperator, id);
    }

    function test_RevertWhen_Terminated() public {
        uint256 id = _concludedBilateral();
        _suspend(krOperator, id);
        _terminate(kzOperator, id);
        vm.expectRevert(_invalidStatus(id, TERMINATED));
        _resume(krOperator, id);
    }

    function test_RevertWhen_CallerIsNotAParty() public {
        uint256 id = _concludedBilateral();
        _suspend(krOperator, id);
        vm.expectRevert(abi.encodeWithSelector(IMraRegistry.MraRegistryNotParty.selector, id, UZ));
        _resume(uzOperator, id);
    }

    function test_RevertWhen_TheMraIsUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(IMraRegistry.MraRegistryUnknownMra.selector, uint256(3)));
        _resume(krOperator, 3);
    }

    function test_RevertWhen_CallerIsNotAnOperator() public {
        uint256 id = _concludedBilateral();
        _suspend(krOperator, id);
        vm.expectRevert(_notOperator(deOperator));
        _resume(deOperator, id);
    }
}

// ==================================================================== terminate

contract MraRegistry_terminate_Test is MraRegistryHelpers {
    function test_AnyPartyTerminatesAnActiveMra() public {
        uint256 id = _concludedTrilateral();
        vm.expectEmit(address(mras));
        emit IMraRegistry.MraTerminated(id, UZ, 9);
        vm.prank(uzOperator);
        mras.terminate(id, 9);
        assertMra(id, TERMINATED, 1, 1, 3);
        assertFalse(mras.inForce(id, T0));
        assertNotRecognized(KR, KZ, 0, T0);
    }

    function test_TerminatesASuspendedMra() public {
        uint256 id = _concludedBilateral();
        _suspend(krOperator, id);
        vm.expectEmit(address(mras));
        emit IMraRegistry.MraTerminated(id, KZ, 1);
        _terminate(kzOperator, id);
        assertStatus(id, TERMINATED);
    }

    function test_TerminatesAnMraNotYetConcluded() public {
        uint256 id = _bilateral();
        _terminate(kzOperator, id);
        assertMra(id, TERMINATED, 1, 0, 2);
    }

    function test_RevertWhen_AlreadyTerminated() public {
        uint256 id = _concludedBilateral();
        _terminate(krOperator, id);
        vm.expectRevert(_invalidStatus(id, TERMINATED));
        _terminate(kzOperator, id);
    }

    function test_RevertWhen_CallerIsNotAParty() public {
        uint256 id = _concludedBilateral();
        vm.expectRevert(abi.encodeWithSelector(IMraRegistry.MraRegistryNotParty.selector, id, UZ));
        _terminate(uzOperator, id);
    }

    function test_RevertWhen_TheMraIsUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(IMraRegistry.MraRegistryUnknownMra.selector, uint256(1)));
        _terminate(krOperator, 1);
    }

    function test_RevertWhen_CallerIsNotAnOperator() public {
        uint256 id = _concludedBilateral();
        vm.expectRevert(_notOperator(stranger));
        _terminate(stranger, id);
    }

    /// @dev Random sequences of suspend, resume and terminate by random parties follow the state machine
    ///      Active <-> Suspended, Active|Suspended -> Terminated (final); refusals name the current status.
    function testFuzz_StatusFollowsTheStateMachine(uint256 seed) public {
        uint256 id = _concludedTrilateral();
        address[3] memory ops = [krOperator, kzOperator, uzOperator];
        IMraRegistry.MraStatus status = ACTIVE;
        for (uint256 step = 0; step < 8; ++step) {
            uint256 r = uint256(keccak256(abi.encode(seed, step)));
            uint256 action = r % 7; // 0-2 suspend, 3-5 resume, 6 terminate
            address op = ops[(r >> 8) % 3];
            vm.prank(op);
            if (action < 3) {
                if (status != ACTIVE) vm.expectRevert(_invalidStatus(id, status));
                mras.suspend(id, 1);
                if (status == ACTIVE) status = SUSPENDED;
            } else if (action < 6) {
                if (status != SUSPENDED) vm.expectRevert(_invalidStatus(id, status));
                mras.resume(id);
                if (status == SUSPENDED) status = ACTIVE;
            } else {
                if (status == TERMINATED) vm.expectRevert(_invalidStatus(id, status));
                mras.terminate(id, 1);
                status = TERMINATED;
            }
            assertStatus(id, status);
            vm.assertEq(mras.inForce(id, T0), status == ACTIVE);
        }
    }
}

// ==================================================================== getMra, partiesOf, termsOf, mrasOf

contract MraRegistry_getMra_Test is MraRegistryHelpers {
    function test_ReturnsAnEmptyRecordForAnUnknownMra() public view {
        assertMra(0, NONE, 0, 0, 0);
        assertMra(1, NONE, 0, 0, 0);
    }

    function test_TracksVersionsAndConclusion() public {
        uint256 id = _bilateral();
        assertMra(id, ACTIVE, 1, 0, 2);
        _accept(kzOperator, id, 1);
        assertMra(id, ACTIVE, 1, 1, 2);
        _amend(kzOperator, id, SCOPE, BENEFITS, T0, 0);
        assertMra(id, ACTIVE, 2, 1, 2);
        _suspend(krOperator, id);
        assertMra(id, SUSPENDED, 2, 1, 2);
    }
}

contract MraRegistry_partiesOf_Test is MraRegistryHelpers {
    function test_ReturnsThePartiesInAscendingOrder() public {
        _admit(DE, deOperator);
        uint256 id = _propose(uzOperator, _list(DE, KZ, UZ));
        assertEqCodes(mras.partiesOf(id), _list(DE, KZ, UZ));
    }

    function test_ReturnsNothingForAnUnknownMra() public view {
        vm.assertEq(mras.partiesOf(1).length, 0);
    }

    function test_KeepsARemovedMemberAsAParty() public {
        uint256 id = _concludedTrilateral();
        _remove(UZ);
        assertEqCodes(mras.partiesOf(id), _list(KR, KZ, UZ));
    }
}

contract MraRegistry_termsOf_Test is MraRegistryHelpers {
    function test_ReturnsEachVersionsTermsAndAcceptances() public {
        uint256 id = _trilateral();
        _amend(uzOperator, id, 0xff, 0x1, T0 + 5, T0 + 50);
        _accept(krOperator, id, 2);
        assertTerms(id, 1, T0, 0, SCOPE, BENEFITS, 0x2);
        assertTerms(id, 2, T0 + 5, T0 + 50, 0xff, 0x1, 0x5);
    }

    function test_ReturnsZeroTermsForAnUnknownVersionOrMra() public {
        uint256 id = _bilateral();
        assertTerms(id, 0, 0, 0, 0, 0, 0);
        assertTerms(id, 2, 0, 0, 0, 0, 0);
        assertTerms(id + 1, 1, 0, 0, 0, 0, 0);
    }
}

contract MraRegistry_mrasOf_Test is MraRegistryHelpers {
    function test_ListsTheMrasOfAMemberOldestFirst() public {
        uint256 a = _trilateral();
        uint256 b = _propose(kzOperator, _list(KZ, UZ));
        uint256 c = _bilateral();
        uint256[] memory expected = new uint256[](3);
        (expected[0], expected[1], expected[2]) = (a, b, c);
        assertEq(mras.mrasOf(KZ), expected);
        uint256[] memory uz = new uint256[](2);
        (uz[0], uz[1]) = (a, b);
        assertEq(mras.mrasOf(UZ), uz);
    }

    function test_ReturnsNothingForANonParty() public {
        _bilateral();
        vm.assertEq(mras.mrasOf(UZ).length, 0);
        vm.assertEq(mras.mrasOf(DE).length, 0);
    }

    function test_KeepsTerminatedMras() public {
        uint256 id = _concludedBilateral();
        _terminate(krOperator, id);
        vm.assertEq(mras.mrasOf(KR).length, 1);
        vm.assertEq(mras.mrasOf(KR)[0], id);
    }
}

// ==================================================================== inForce

contract MraRegistry_inForce_Test is MraRegistryHelpers {
    function test_ValidFromIsInclusiveAndValidUntilExclusive() public {
        uint256 id = _propose(krOperator, _list(KR, KZ), SCOPE, BENEFITS, T0 + 100, T0 + 200);
        _accept(kzOperator, id, 1);
        assertFalse(mras.inForce(id, T0 + 99));
        assertTrue(mras.inForce(id, T0 + 100));
        assertTrue(mras.inForce(id, T0 + 199));
        assertFalse(mras.inForce(id, T0 + 200));
    }

    function test_ValidUntilZeroMeansNoEnd() public {
        uint256 id = _concludedBilateral();
        assertFalse(mras.inForce(id, T0 - 1));
        assertTrue(mras.inForce(id, T0));
        assertTrue(mras.inForce(id, type(uint64).max));
    }

    function test_DoesNotDependOnTheBlockTime() public {
        uint256 id = _propose(krOperator, _list(KR, KZ), SCOPE, BENEFITS, T0, T0 + 10);
        _accept(kzOperator, id, 1);
        vm.warp(T0 + 1000);
        assertTrue(mras.inForce(id, T0 + 5));
        assertFalse(mras.inForce(id, T0 + 1000));
    }

    function test_IsFalseUntilConcluded() public {
        uint256 id = _trilateral();
        _accept(krOperator, id, 1);
        assertFalse(mras.inForce(id, T0));
        assertFalse(mras.inForce(id, type(uint64).max));
    }

    function test_IsFalseWhileSuspended() public {
        uint256 id = _concludedBilateral();
        _suspend(kzOperator, id);
        assertFalse(mras.inForce(id, T0));
    }

    function test_IsFalseOnceTerminated() public {
        uint256 id = _concludedBilateral();
        _terminate(kzOperator, id);
        assertFalse(mras.inForce(id, T0));
    }

    function test_IsFalseForAnUnknownMra() public view {
        assertFalse(mras.inForce(0, T0));
        assertFalse(mras.inForce(1, T0));
    }

    /// @dev `lifecycle`: 0 active, 1 suspended, 2 suspended and resumed, 3 terminated.
    function testFuzz_MatchesTheReferenceFormula(
        uint64 validFrom,
        uint64 validUntil,
        uint64 at,
        bool withEnd,
        uint8 atMode,
        bool conclude,
        uint8 lifecycle
    ) public {
        validFrom = uint64(bound(validFrom, 0, type(uint64).max - 1));
        validUntil = withEnd ? uint64(bound(validUntil, uint256(validFrom) + 1, type(uint64).max)) : 0;
        // Most times near the window's edges, where mistakes hide.
        atMode = uint8(bound(atMode, 0, 3));
        if (atMode == 0) at = _near(at, validFrom);
        if (atMode == 1 && withEnd) at = _near(at, validUntil);
        lifecycle = uint8(bound(lifecycle, 0, 3));

        uint256 id = _propose(krOperator, _list(KR, KZ), SCOPE, BENEFITS, validFrom, validUntil);
        if (conclude) _accept(kzOperator, id, 1);
        if (lifecycle == 1 || lifecycle == 2) _suspend(kzOperator, id);
        if (lifecycle == 2) _resume(krOperator, id);
        if (lifecycle == 3) _terminate(krOperator, id);

        bool expected = conclude && (lifecycle == 0 || lifecycle == 2) && at >= validFrom
            && (validUntil == 0 || at < validUntil);
        vm.assertEq(mras.inForce(id, at), expected);
    }

    /// @dev A time within 2 seconds of `edge`.
    function _near(uint64 at, uint64 edge) internal pure returns (uint64) {
        uint256 low = edge > 2 ? uint256(edge) - 2 : 0;
        uint256 high = edge < type(uint64).max - 2 ? uint256(edge) + 2 : type(uint64).max;
        return uint64(bound(at, low, high));
    }
}

// ==================================================================== recognizes

contract MraRegistry_recognizes_Test is MraRegistryHelpers {
    function test_ReturnsTheMraItsConcludedVersionAndBenefits() public {
        uint256 id = _concludedBilateral();
        assertRecognized(KR, KZ, 0, T0, id, 1, BENEFITS);
        assertRecognized(KZ, KR, 1, T0, id, 1, BENEFITS);
    }

    function test_IsFalseWhenVerifierIsTheIssuer() public {
        _concludedBilateral();
        assertNotRecognized(KR, KR, 0, T0);
    }

    function test_RevertWhen_ProgrammeIs32OrMore() public {
        _concludedBilateral();
        vm.expectRevert(abi.encodeWithSelector(IMraRegistry.MraRegistryInvalidProgramme.selector, uint8(32)));
        mras.recognizes(KR, KZ, 32, T0);
        vm.expectRevert(abi.encodeWithSelector(IMraRegistry.MraRegistryInvalidProgramme.selector, uint8(255)));
        mras.recognizes(KR, KR, 255, T0);
    }

    function test_RecognizesProgramme31() public {
        uint256 id = _propose(krOperator, _list(KR, KZ), uint32(1) << 31, 0, T0, 0);
        _accept(kzOperator, id, 1);
        assertRecognized(KR, KZ, 31, T0, id, 1, 0);
        assertNotRecognized(KR, KZ, 30, T0);
    }

    function test_IsFalseForAProgrammeOutsideTheScope() public {
        _concludedBilateral();
        assertNotRecognized(KR, KZ, 2, T0);
    }

    function test_IsFalseWhenTheIssuerIsNotAParty() public {
        _concludedBilateral();
        assertNotRecognized(KR, UZ, 0, T0);
        assertNotRecognized(UZ, KR, 0, T0);
    }

    function test_IsFalseForNonMembers() public {
        _concludedBilateral();
        assertNotRecognized(DE, KR, 0, T0);
        assertNotRecognized(KR, DE, 0, T0);
    }

    function test_IsFalseOnceAPartyIsRemovedThoughTheMraStaysInForce() public {
        uint256 id = _concludedTrilateral();
        _remove(KZ);
        assertTrue(mras.inForce(id, T0));
        assertNotRecognized(KR, KZ, 0, T0);
        assertNotRecognized(KZ, KR, 0, T0);
        // The remaining parties still recognize each other.
        assertRecognized(KR, UZ, 0, T0, id, 1, BENEFITS);
    }

    function test_IsFalseOutsideTheValidityWindow() public {
        uint256 id = _propose(krOperator, _list(KR, KZ), SCOPE, BENEFITS, T0 + 10, T0 + 20);
        _accept(kzOperator, id, 1);
        assertNotRecognized(KR, KZ, 0, T0 + 9);
        assertRecognized(KR, KZ, 0, T0 + 10, id, 1, BENEFITS);
        assertNotRecognized(KR, KZ, 0, T0 + 20);
    }

    function test_IsFalseUntilConcluded() public {
        uint256 id = _bilateral();
        assertNotRecognized(KR, KZ, 0, T0);
        _accept(kzOperator, id, 1);
        assertRecognized(KR, KZ, 0, T0, id, 1, BENEFITS);
    }

    function test_SubRegionalMraMakesUzRecognizeKrOnlyWhileInForce() public {
        // A bilateral KR-KZ MRA does not reach UZ.
        _concludedBilateral();
        assertNotRecognized(UZ, KR, 0, T0);

        uint256 id = _propose(kzOperator, _list(KR, KZ, UZ), SCOPE, 0x6, T0, T0 + 30 days);
        _accept(krOperator, id, 1);
        assertNotRecognized(UZ, KR, 0, T0);
        _accept(uzOperator, id, 1);
        assertRecognized(UZ, KR, 0, T0, id, 1, 0x6);
        assertRecognized(KR, UZ, 1, T0, id, 1, 0x6);

        _suspend(krOperator, id);
        assertNotRecognized(UZ, KR, 0, T0);
        _resume(uzOperator, id);
        assertRecognized(UZ, KR, 0, T0, id, 1, 0x6);
        assertNotRecognized(UZ, KR, 0, T0 + 30 days);

        _terminate(kzOperator, id);
        assertNotRecognized(UZ, KR, 0, T0);
        // KR and KZ still recognize each other through the bilateral MRA.
        assertRecognized(KZ, KR, 0, T0, 1, 1, BENEFITS);
    }

    function test_ReturnsTheFirstMraInForceThatCoversTheProgramme() public {
        // 1: KR-KZ, programme 0 only; 2: KR-KZ-UZ, programmes 0 and 2; 3: KR-KZ, programme 2.
        uint256 first = _propose(krOperator, _list(KR, KZ), 0x1, 0x1, T0, 0);
        _accept(kzOperator, first, 1);
        uint256 second = _propose(krOperator, _list(KR, KZ, UZ), 0x5, 0x2, T0, 0);
        _accept(kzOperator, second, 1);
        _accept(uzOperator, second, 1);
        uint256 third = _propose(krOperator, _list(KR, KZ), 0x4, 0x3, T0, 0);
        _accept(kzOperator, third, 1);

        assertRecognized(KR, KZ, 0, T0, first, 1, 0x1);
        assertRecognized(KR, KZ, 2, T0, second, 1, 0x2);
        _suspend(uzOperator, second);
        assertRecognized(KR, KZ, 2, T0, third, 1, 0x3);
        assertRecognized(KR, KZ, 0, T0, first, 1, 0x1);
        _terminate(kzOperator, first);
        assertNotRecognized(KR, KZ, 0, T0);
    }

    function testFuzz_RecognizesExactlyTheProgrammesInScope(uint32 scope, uint8 programme) public {
        scope = uint32(bound(scope, 1, type(uint32).max));
        uint256 id = _propose(krOperator, _list(KR, KZ), scope, BENEFITS, T0, 0);
        _accept(kzOperator, id, 1);
        if (programme >= 32) {
            vm.expectRevert(abi.encodeWithSelector(IMraRegistry.MraRegistryInvalidProgramme.selector, programme));
            mras.recognizes(KR, KZ, programme, T0);
        } else if ((scope >> programme) & 1 == 1) {
            assertRecognized(KR, KZ, programme, T0, id, 1, BENEFITS);
        } else {
            assertNotRecognized(KR, KZ, programme, T0);
        }
    }
}
