// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {MemberRegistry} from "../src/MemberRegistry.sol";
import {IMemberRegistry} from "../src/interfaces/IMemberRegistry.sol";
import {Fixtures} from "./utils/Fixtures.sol";

/// @notice Helpers shared by the MemberRegistry tests: governance by majority, chambers, keys, typed assertions.
abstract contract MemberRegistryHelpers is Fixtures {
    bytes16 internal constant CHAMBER = bytes16("KZ-ATAMEKEN");
    bytes16 internal constant OTHER_CHAMBER = bytes16("KZ-OTHER");
    bytes16 internal constant UZ_CHAMBER = bytes16("UZ-CCI");
    uint64 internal constant T0 = 1_700_000_000;

    address internal otherChamberAccount = vm.addr(0xC0D);
    address internal uzChamberAccount = vm.addr(0xC0E);
    address internal kzOperator2 = vm.addr(0xA22);
    address internal kzReadmittedOperator = vm.addr(0xA32);

    IMemberRegistry.ProposalKind internal constant ADMIT = IMemberRegistry.ProposalKind.Admit;
    IMemberRegistry.ProposalKind internal constant REMOVE = IMemberRegistry.ProposalKind.Remove;

    // ------------------------------------------------------------ typed assertions

    function assertEqCode(bytes2 left, bytes2 right) internal pure {
        vm.assertEq(bytes32(left), bytes32(right));
    }

    function assertEqChamber(bytes16 left, bytes16 right) internal pure {
        vm.assertEq(bytes32(left), bytes32(right));
    }

    function assertMemberStatus(bytes2 code, IMemberRegistry.MemberStatus status) internal view {
        vm.assertEq(uint256(members.getMember(code).status), uint256(status));
    }

    function assertChamberStatus(bytes16 chamber, IMemberRegistry.ChamberStatus status) internal view {
        vm.assertEq(uint256(members.getChamber(chamber).status), uint256(status));
    }

    function assertChamberOf(address account, bytes2 member, bytes16 chamber, bool authorized) internal view {
        (bytes2 m, bytes16 c, bool a) = members.chamberOf(account);
        assertEqCode(m, member);
        assertEqChamber(c, chamber);
        vm.assertEq(a, authorized);
    }

    function assertTally(uint256 proposalId, uint256 votes, uint256 required) internal view {
        (uint256 v, uint256 r) = members.tally(proposalId);
        vm.assertEq(v, votes, "votes");
        vm.assertEq(r, required, "required");
    }

    // ------------------------------------------------------------ deployment

    function _one(bytes2 code) internal pure returns (bytes2[] memory codes) {
        codes = new bytes2[](1);
        codes[0] = code;
    }

    function _one(address account) internal pure returns (address[] memory accounts) {
        accounts = new address[](1);
        accounts[0] = account;
    }

    function _two(bytes2 a, bytes2 b) internal pure returns (bytes2[] memory codes) {
        codes = new bytes2[](2);
        codes[0] = a;
        codes[1] = b;
    }

    function _two(address a, address b) internal pure returns (address[] memory accounts) {
        accounts = new address[](2);
        accounts[0] = a;
        accounts[1] = b;
    }

    // ------------------------------------------------------------ governance

    /// @dev "AA", "AB", ... for extra members.
    function _code(uint256 i) internal pure returns (bytes2) {
        return bytes2(abi.encodePacked(bytes1(uint8(0x41 + i / 26)), bytes1(uint8(0x41 + i % 26))));
    }

    function _extraOperator(uint256 i) internal pure returns (address) {
        return vm.addr(0x1000 + i);
    }

    /// @dev The first operator of an active member.
    function _operatorOf(bytes2 code) internal view returns (address) {
        return members.operators(code)[0];
    }

    /// @dev Opens a proposal by the first active member other than `subject`, has the other active members (never
    ///      `subject`) vote until a majority is reached, and executes it.
    function _pass(IMemberRegistry.ProposalKind kind, bytes2 subject, address firstOperator)
        internal
        returns (uint256 proposalId)
    {
        bytes2[] memory codes = members.memberCodes();
        bytes2 proposer;
        for (uint256 i = 0; i < codes.length; ++i) {
            if (codes[i] != subject && members.isActiveMember(codes[i])) {
                proposer = codes[i];
                break;
            }
        }
        address proposerOperator = _operatorOf(proposer);
        vm.prank(proposerOperator);
        proposalId = members.propose(kind, subject, firstOperator);
        for (uint256 i = 0; i < codes.length; ++i) {
            (uint256 votes, uint256 required) = members.tally(proposalId);
            if (votes >= required) break;
            if (codes[i] == proposer || codes[i] == subject || !members.isActiveMember(codes[i])) continue;
            address voter = _operatorOf(codes[i]);
            vm.prank(voter);
            members.vote(proposalId);
        }
        members.execute(proposalId);
    }

    function _authorize(bytes16 chamber, address operator, address account) internal {
        vm.prank(operator);
        members.authorizeChamber(chamber, account);
    }

    /// @dev KZ authorizes CHAMBER (chamberAccount).
    function _authorizeKzChamber() internal {
        _authorize(CHAMBER, kzOperator, chamberAccount);
    }

    function _registerKey(address operator, uint256 seed, uint64 validFrom, uint64 validUntil)
        internal
        returns (bytes32 keyId)
    {
        bytes memory publicKey = _publicKey(seed);
        vm.prank(operator);
        keyId = members.registerKey(publicKey, validFrom, validUntil);
    }

    function _registerChamberKey(address caller, bytes16 chamber, uint256 seed, uint64 validFrom, uint64 validUntil)
        internal
        returns (bytes32 keyId)
    {
        bytes memory publicKey = _publicKey(seed);
        vm.prank(caller);
        keyId = members.registerChamberKey(chamber, publicKey, validFrom, validUntil);
    }

    function _isUpper(uint8 c) internal pure returns (bool) {
        return c >= 0x41 && c <= 0x5a;
    }
}

// ==================================================================== constructor

contract MemberRegistry_constructor_Test is Fixtures, MemberRegistryHelpers {
    function test_SetsFoundingMembersWithOneOperatorEach() public view {
        bytes2[] memory codes = members.memberCodes();
        vm.assertEq(codes.length, 3);
        assertEqCode(codes[0], KR);
        assertEqCode(codes[1], KZ);
        assertEqCode(codes[2], UZ);
        vm.assertEq(members.activeMemberCount(), 3);
        address[3] memory ops = [krOperator, kzOperator, uzOperator];
        for (uint256 i = 0; i < 3; ++i) {
            IMemberRegistry.Member memory m = members.getMember(codes[i]);
            vm.assertEq(uint256(m.status), uint256(IMemberRegistry.MemberStatus.Active));
            vm.assertEq(uint256(m.epoch), 1);
            vm.assertEq(uint256(m.since), T0);
            vm.assertEq(uint256(m.operatorCount), 1);
            assertEq(members.operators(codes[i]), _one(ops[i]));
            assertEqCode(members.operatorMember(ops[i]), codes[i]);
        }
        vm.assertEq(uint256(members.VOTING_PERIOD()), VOTING_PERIOD);
        vm.assertEq(members.MAX_OPERATORS(), 16);
    }

    function test_EmitsAdmissionAndOperatorEventsForEachFounder() public {
        vm.expectEmit();
        emit IMemberRegistry.MemberAdmitted(DE, 1, 0);
        vm.expectEmit();
        emit IMemberRegistry.OperatorAdded(DE, deOperator);
        vm.expectEmit();
        emit IMemberRegistry.MemberAdmitted(KZ, 1, 0);
        vm.expectEmit();
        emit IMemberRegistry.OperatorAdded(KZ, kzOperator);
        new MemberRegistry(_two(DE, KZ), _two(deOperator, kzOperator), 1);
    }

    function test_AcceptsASingleFounder() public {
        MemberRegistry registry = new MemberRegistry(_one(DE), _one(deOperator), 1);
        vm.assertEq(registry.activeMemberCount(), 1);
        assertTrue(registry.isActiveMember(DE));
        vm.assertEq(uint256(registry.VOTING_PERIOD()), 1);
    }

    function test_RevertWhen_FoundersEmpty() public {
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryInvalidFounders.selector));
        new MemberRegistry(new bytes2[](0), new address[](0), VOTING_PERIOD);
    }

    function test_RevertWhen_OperatorCountDiffersFromFounderCount() public {
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryInvalidFounders.selector));
        new MemberRegistry(_two(DE, KZ), _one(deOperator), VOTING_PERIOD);
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryInvalidFounders.selector));
        new MemberRegistry(_one(DE), _two(deOperator, kzOperator), VOTING_PERIOD);
    }

    function test_RevertWhen_FounderNamedTwice() public {
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryInvalidFounders.selector));
        new MemberRegistry(_two(DE, DE), _two(deOperator, kzOperator), VOTING_PERIOD);
    }

    function test_RevertWhen_VotingPeriodZero() public {
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryInvalidVotingPeriod.selector, uint64(0)));
        new MemberRegistry(_one(DE), _one(deOperator), 0);
    }

    function test_RevertWhen_VotingPeriodCouldOverflowExpiry() public {
        uint64 tooLong = members.MAX_VOTING_PERIOD() + 1;
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryInvalidVotingPeriod.selector, tooLong));
        new MemberRegistry(_one(DE), _one(deOperator), tooLong);
    }

    function test_Accepts_the_longest_voting_period() public {
        MemberRegistry registry = new MemberRegistry(_one(DE), _one(deOperator), members.MAX_VOTING_PERIOD());
        vm.assertEq(uint256(registry.VOTING_PERIOD()), 365 days);
    }

    function test_RevertWhen_FounderCodeLowerCase() public {
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryInvalidCode.selector, bytes2("kz")));
        new MemberRegistry(_two(DE, bytes2("kz")), _two(deOperator, kzOperator), VOTING_PERIOD);
    }

    function test_RevertWhen_FounderCodeHasDigit() public {
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryInvalidCode.selector, bytes2("K1")));
        new MemberRegistry(_one(bytes2("K1")), _one(kzOperator), VOTING_PERIOD);
    }

    function test_RevertWhen_FounderCodeZero() public {
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryInvalidCode.selector, bytes2(0)));
        new MemberRegistry(_one(bytes2(0)), _one(kzOperator), VOTING_PERIOD);
    }

    function test_RevertWhen_FounderOperatorZero() public {
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryZeroAccount.selector));
        new MemberRegistry(_two(DE, KZ), _two(deOperator, address(0)), VOTING_PERIOD);
    }

    function test_RevertWhen_FounderOperatorReused() public {
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryAccountInUse.selector, deOperator));
        new MemberRegistry(_two(DE, KZ), _two(deOperator, deOperator), VOTING_PERIOD);
    }

    function testFuzz_AcceptsFounderCodeIffBothBytesAreUpperCaseLetters(uint8 a, uint8 b, bool nearLetters) public {
        if (nearLetters) {
            // Concentrate on the edges of 'A'..'Z' (0x41..0x5a).
            a = uint8(bound(a, 0x3f, 0x5c));
            b = uint8(bound(b, 0x3f, 0x5c));
        }
        bytes2 code = bytes2(abi.encodePacked(bytes1(a), bytes1(b)));
        if (_isUpper(a) && _isUpper(b)) {
            MemberRegistry registry = new MemberRegistry(_one(code), _one(deOperator), VOTING_PERIOD);
            assertTrue(registry.isActiveMember(code));
        } else {
            vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryInvalidCode.selector, code));
            new MemberRegistry(_one(code), _one(deOperator), VOTING_PERIOD);
        }
    }
}

// ==================================================================== propose

contract MemberRegistry_propose_Test is Fixtures, MemberRegistryHelpers {
    function test_OpensAdmissionWithTheProposersVote() public {
        uint64 expiresAt = T0 + VOTING_PERIOD;
        vm.expectEmit();
        emit IMemberRegistry.ProposalCreated(1, ADMIT, DE, KZ, deOperator, expiresAt);
        vm.expectEmit();
        emit IMemberRegistry.VoteCast(1, KZ);
        vm.prank(kzOperator);
        uint256 id = members.propose(ADMIT, DE, deOperator);

        vm.assertEq(id, 1);
        IMemberRegistry.Proposal memory p = members.getProposal(id);
        vm.assertEq(uint256(p.kind), uint256(ADMIT));
        assertEqCode(p.subject, DE);
        assertEqCode(p.proposer, KZ);
        assertFalse(p.executed);
        vm.assertEq(uint256(p.createdAt), T0);
        vm.assertEq(uint256(p.expiresAt), expiresAt);
        assertEq(p.firstOperator, deOperator);
        assertTally(id, 1, 2);
        assertFalse(members.isActiveMember(DE));
    }

    function test_NumbersProposalsConsecutivelyFromOne() public {
        vm.prank(kzOperator);
        vm.assertEq(members.propose(ADMIT, DE, deOperator), 1);
        vm.prank(krOperator);
        vm.assertEq(members.propose(REMOVE, UZ, address(0)), 2);
        vm.prank(uzOperator);
        vm.assertEq(members.propose(ADMIT, bytes2("FR"), stranger), 3);
    }

    function test_OpensRemovalAndIgnoresFirstOperator() public {
        vm.expectEmit();
        emit IMemberRegistry.ProposalCreated(1, REMOVE, UZ, KR, address(0), T0 + VOTING_PERIOD);
        vm.expectEmit();
        emit IMemberRegistry.VoteCast(1, KR);
        vm.prank(krOperator);
        uint256 id = members.propose(REMOVE, UZ, stranger);
        assertEq(members.getProposal(id).firstOperator, address(0));
    }

    function test_MemberMayProposeItsOwnRemoval() public {
        vm.prank(uzOperator);
        uint256 id = members.propose(REMOVE, UZ, address(0));
        assertEqCode(members.getProposal(id).proposer, UZ);
        assertTally(id, 1, 2);
    }

    function test_MayProposeReadmissionOfRemovedMember() public {
        _remove(UZ);
        vm.prank(krOperator);
        uint256 id = members.propose(ADMIT, UZ, uzOperator);
        assertEqCode(members.getProposal(id).subject, UZ);
    }

    function test_MayProposeTheSameAdmissionTwice() public {
        vm.prank(kzOperator);
        uint256 first = members.propose(ADMIT, DE, deOperator);
        vm.prank(krOperator);
        uint256 second = members.propose(ADMIT, DE, deOperator);
        vm.assertEq(second, first + 1);
    }

    function test_ExpiryFollowsBlockTime() public {
        vm.warp(T0 + 1234);
        vm.prank(kzOperator);
        uint256 id = members.propose(ADMIT, DE, deOperator);
        vm.assertEq(uint256(members.getProposal(id).createdAt), T0 + 1234);
        vm.assertEq(uint256(members.getProposal(id).expiresAt), T0 + 1234 + VOTING_PERIOD);
    }

    function test_RevertWhen_CallerIsNotOperator() public {
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryNotOperator.selector, stranger));
        vm.prank(stranger);
        members.propose(ADMIT, DE, deOperator);
    }

    function test_RevertWhen_CallerIsChamberAccount() public {
        _authorizeKzChamber();
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryNotOperator.selector, chamberAccount));
        vm.prank(chamberAccount);
        members.propose(ADMIT, DE, deOperator);
    }

    function test_RevertWhen_CallerIsOperatorOfRemovedMember() public {
        _remove(UZ);
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryNotOperator.selector, uzOperator));
        vm.prank(uzOperator);
        members.propose(REMOVE, KR, address(0));
    }

    function test_RevertWhen_AdmittingLowerCaseCode() public {
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryInvalidCode.selector, bytes2("de")));
        vm.prank(kzOperator);
        members.propose(ADMIT, bytes2("de"), deOperator);
    }

    function test_RevertWhen_AdmittingCodeWithDigit() public {
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryInvalidCode.selector, bytes2("D1")));
        vm.prank(kzOperator);
        members.propose(ADMIT, bytes2("D1"), deOperator);
    }

    function test_RevertWhen_AdmittingActiveMember() public {
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryAlreadyActive.selector, UZ));
        vm.prank(kzOperator);
        members.propose(ADMIT, UZ, deOperator);
    }

    function test_RevertWhen_FirstOperatorZero() public {
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryZeroAccount.selector));
        vm.prank(kzOperator);
        members.propose(ADMIT, DE, address(0));
    }

    function test_RevertWhen_FirstOperatorIsAnOperator() public {
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryAccountInUse.selector, uzOperator));
        vm.prank(kzOperator);
        members.propose(ADMIT, DE, uzOperator);
    }

    function test_RevertWhen_FirstOperatorIsChamberAccount() public {
        _authorizeKzChamber();
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryAccountInUse.selector, chamberAccount));
        vm.prank(krOperator);
        members.propose(ADMIT, DE, chamberAccount);
    }

    function test_RevertWhen_RemovingUnknownMember() public {
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryNotActive.selector, DE));
        vm.prank(kzOperator);
        members.propose(REMOVE, DE, address(0));
    }

    function test_RevertWhen_RemovingRemovedMember() public {
        _remove(UZ);
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryNotActive.selector, UZ));
        vm.prank(kzOperator);
        members.propose(REMOVE, UZ, address(0));
    }

    function testFuzz_AcceptsSubjectIffBothBytesAreUpperCaseLetters(uint8 a, uint8 b, bool nearLetters) public {
        if (nearLetters) {
            a = uint8(bound(a, 0x3f, 0x5c));
            b = uint8(bound(b, 0x3f, 0x5c));
        }
        bytes2 code = bytes2(abi.encodePacked(bytes1(a), bytes1(b)));
        if (!_isUpper(a) || !_isUpper(b)) {
            vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryInvalidCode.selector, code));
            vm.prank(kzOperator);
            members.propose(ADMIT, code, deOperator);
        } else if (code == KR || code == KZ || code == UZ) {
            vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryAlreadyActive.selector, code));
            vm.prank(kzOperator);
            members.propose(ADMIT, code, deOperator);
        } else {
            vm.prank(kzOperator);
            uint256 id = members.propose(ADMIT, code, deOperator);
            assertEqCode(members.getProposal(id).subject, code);
        }
    }
}

// ==================================================================== vote

contract MemberRegistry_vote_Test is Fixtures, MemberRegistryHelpers {
    uint256 internal id;

    function setUp() public override {
        super.setUp();
        vm.prank(kzOperator);
        id = members.propose(ADMIT, DE, deOperator);
    }

    function test_CountsTheVote() public {
        vm.expectEmit();
        emit IMemberRegistry.VoteCast(id, UZ);
        vm.prank(uzOperator);
        members.vote(id);
        assertTally(id, 2, 2);
    }

    function test_AnyOperatorOfAMemberVotesForIt() public {
        vm.prank(uzOperator);
        members.addOperator(stranger);
        vm.expectEmit();
        emit IMemberRegistry.VoteCast(id, UZ);
        vm.prank(stranger);
        members.vote(id);
        assertTally(id, 2, 2);
    }

    function test_CountsVoteOneSecondBeforeExpiry() public {
        vm.warp(T0 + VOTING_PERIOD - 1);
        vm.prank(uzOperator);
        members.vote(id);
        assertTally(id, 2, 2);
    }

    function test_RevertWhen_ProposerVotesAgain() public {
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryAlreadyVoted.selector, id, KZ));
        vm.prank(kzOperator);
        members.vote(id);
    }

    function test_RevertWhen_MemberVotesTwice() public {
        vm.prank(uzOperator);
        members.vote(id);
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryAlreadyVoted.selector, id, UZ));
        vm.prank(uzOperator);
        members.vote(id);
    }

    function test_RevertWhen_AnotherOperatorOfSameMemberVotesAgain() public {
        vm.prank(kzOperator);
        members.addOperator(kzOperator2);
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryAlreadyVoted.selector, id, KZ));
        vm.prank(kzOperator2);
        members.vote(id);
        assertTally(id, 1, 2);
    }

    function test_RevertWhen_ProposalUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryUnknownProposal.selector, 0));
        vm.prank(uzOperator);
        members.vote(0);
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryUnknownProposal.selector, id + 1));
        vm.prank(uzOperator);
        members.vote(id + 1);
    }

    function test_RevertWhen_ProposalExpiredAtExactlyExpiresAt() public {
        uint64 expiresAt = T0 + VOTING_PERIOD;
        vm.warp(expiresAt);
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryProposalExpired.selector, id, expiresAt));
        vm.prank(uzOperator);
        members.vote(id);
    }

    function test_RevertWhen_ProposalExecuted() public {
        vm.prank(uzOperator);
        members.vote(id);
        members.execute(id);
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryProposalExecuted.selector, id));
        vm.prank(krOperator);
        members.vote(id);
    }

    function test_RevertWhen_CallerIsNotOperator() public {
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryNotOperator.selector, stranger));
        vm.prank(stranger);
        members.vote(id);
    }

    function test_RevertWhen_CallerIsChamberAccount() public {
        _authorize(UZ_CHAMBER, uzOperator, uzChamberAccount);
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryNotOperator.selector, uzChamberAccount));
        vm.prank(uzChamberAccount);
        members.vote(id);
        assertTally(id, 1, 2);
    }

    function test_RevertWhen_CallerIsOperatorOfRemovedMember() public {
        _remove(UZ);
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryNotOperator.selector, uzOperator));
        vm.prank(uzOperator);
        members.vote(id);
    }

    function test_RemovedVotersVoteStopsCounting() public {
        vm.prank(uzOperator);
        members.vote(id);
        assertTally(id, 2, 2);
        _remove(UZ);
        // Two active members remain: KZ's vote alone is not a majority of them.
        assertTally(id, 1, 2);
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryNoMajority.selector, id, 1, 2));
        members.execute(id);
    }

    function test_ReadmittedMembersOldVoteDoesNotCountButItMayVoteAgain() public {
        vm.prank(uzOperator);
        members.vote(id);
        _remove(UZ);
        _pass(ADMIT, UZ, uzOperator);
        assertEq(uint256(members.getMember(UZ).epoch), 2);
        // The vote UZ cast in its first membership does not count for its second one.
        assertTally(id, 1, 2);

        vm.expectEmit();
        emit IMemberRegistry.VoteCast(id, UZ);
        vm.prank(uzOperator);
        members.vote(id);
        assertTally(id, 2, 2);

        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryAlreadyVoted.selector, id, UZ));
        vm.prank(uzOperator);
        members.vote(id);

        members.execute(id);
        assertTrue(members.isActiveMember(DE));
    }
}

// ==================================================================== execute

contract MemberRegistry_execute_Test is Fixtures, MemberRegistryHelpers {
    function _proposeAdmitDe() internal returns (uint256 id) {
        vm.prank(kzOperator);
        id = members.propose(ADMIT, DE, deOperator);
    }

    function test_AdmitsMemberWithAMajority() public {
        uint256 id = _proposeAdmitDe();
        vm.prank(uzOperator);
        members.vote(id);
        vm.warp(T0 + 100);

        vm.expectEmit();
        emit IMemberRegistry.MemberAdmitted(DE, 1, id);
        vm.expectEmit();
        emit IMemberRegistry.OperatorAdded(DE, deOperator);
        vm.expectEmit();
        emit IMemberRegistry.ProposalExecuted(id);
        members.execute(id);

        IMemberRegistry.Member memory m = members.getMember(DE);
        vm.assertEq(uint256(m.status), uint256(IMemberRegistry.MemberStatus.Active));
        vm.assertEq(uint256(m.epoch), 1);
        vm.assertEq(uint256(m.since), T0 + 100);
        vm.assertEq(uint256(m.operatorCount), 1);
        assertEq(members.operators(DE), _one(deOperator));
        assertEqCode(members.operatorMember(deOperator), DE);
        vm.assertEq(members.activeMemberCount(), 4);
        bytes2[] memory codes = members.memberCodes();
        vm.assertEq(codes.length, 4);
        assertEqCode(codes[3], DE);
        assertTrue(members.getProposal(id).executed);
    }

    function test_AnyoneMayExecute() public {
        uint256 id = _proposeAdmitDe();
        vm.prank(uzOperator);
        members.vote(id);
        vm.prank(stranger);
        members.execute(id);
        assertTrue(members.isActiveMember(DE));
    }

    function test_AdmittedMembersOperatorMayActAtOnce() public {
        _admit(DE, deOperator);
        vm.prank(deOperator);
        uint256 id = members.propose(REMOVE, UZ, address(0));
        assertEqCode(members.getProposal(id).proposer, DE);
    }

    function test_ExecutesOneSecondBeforeExpiry() public {
        uint256 id = _proposeAdmitDe();
        vm.prank(uzOperator);
        members.vote(id);
        vm.warp(T0 + VOTING_PERIOD - 1);
        members.execute(id);
        assertTrue(members.isActiveMember(DE));
    }

    function test_RemovesMemberAndAllItsOperators() public {
        address uzOperator2 = vm.addr(0xA23);
        vm.prank(uzOperator);
        members.addOperator(uzOperator2);
        vm.prank(krOperator);
        uint256 id = members.propose(REMOVE, UZ, address(0));
        vm.prank(kzOperator);
        members.vote(id);
        vm.warp(T0 + 50);

        vm.expectEmit();
        emit IMemberRegistry.OperatorRemoved(UZ, uzOperator);
        vm.expectEmit();
        emit IMemberRegistry.OperatorRemoved(UZ, uzOperator2);
        vm.expectEmit();
        emit IMemberRegistry.MemberRemoved(UZ, id);
        vm.expectEmit();
        emit IMemberRegistry.ProposalExecuted(id);
        members.execute(id);

        IMemberRegistry.Member memory m = members.getMember(UZ);
        vm.assertEq(uint256(m.status), uint256(IMemberRegistry.MemberStatus.Removed));
        vm.assertEq(uint256(m.epoch), 1);
        vm.assertEq(uint256(m.since), T0 + 50);
        vm.assertEq(uint256(m.operatorCount), 0);
        vm.assertEq(members.operators(UZ).length, 0);
        assertEqCode(members.operatorMember(uzOperator), bytes2(0));
        assertEqCode(members.operatorMember(uzOperator2), bytes2(0));
        assertFalse(members.isActiveMember(UZ));
        vm.assertEq(members.activeMemberCount(), 2);
        // The code stays listed, once.
        vm.assertEq(members.memberCodes().length, 3);
    }

    function test_RemovedOperatorsCanNoLongerCallAnything() public {
        bytes32 keyId = _registerKey(uzOperator, 1, 0, 0);
        _authorize(UZ_CHAMBER, uzOperator, uzChamberAccount);
        vm.prank(krOperator);
        uint256 pending = members.propose(ADMIT, DE, deOperator);
        _remove(UZ);

        bytes memory notOperator =
            abi.encodeWithSelector(IMemberRegistry.MemberRegistryNotOperator.selector, uzOperator);
        vm.startPrank(uzOperator);
        vm.expectRevert(notOperator);
        members.propose(ADMIT, DE, stranger);
        vm.expectRevert(notOperator);
        members.vote(pending);
        vm.expectRevert(notOperator);
        members.addOperator(stranger);
        vm.expectRevert(notOperator);
        members.removeOperator(uzOperator);
        vm.expectRevert(notOperator);
        members.registerKey(_publicKey(2), 0, 0);
        vm.expectRevert(notOperator);
        members.registerChamberKey(UZ_CHAMBER, _publicKey(3), 0, 0);
        vm.expectRevert(notOperator);
        members.authorizeChamber(bytes16("UZ-NEW"), stranger);
        vm.expectRevert(notOperator);
        members.suspendChamber(UZ_CHAMBER, 1);
        vm.expectRevert(notOperator);
        members.reinstateChamber(UZ_CHAMBER);
        vm.expectRevert(notOperator);
        members.withdrawChamber(UZ_CHAMBER, 1);
        vm.expectRevert(notOperator);
        members.addChamberAccount(UZ_CHAMBER, stranger);
        vm.expectRevert(notOperator);
        members.removeChamberAccount(UZ_CHAMBER, uzChamberAccount);
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryNotKeyManager.selector, keyId, uzOperator));
        members.revokeKey(keyId, 0, 1);
        vm.stopPrank();
    }

    function test_RemovedOperatorAccountIsFreeAgain() public {
        _remove(UZ);
        vm.prank(krOperator);
        members.addOperator(uzOperator);
        assertEqCode(members.operatorMember(uzOperator), KR);
    }

    function test_ReadmissionStartsANewEpoch() public {
        _remove(UZ);
        vm.prank(krOperator);
        uint256 id = members.propose(ADMIT, UZ, uzOperator);
        vm.prank(kzOperator);
        members.vote(id);
        vm.expectEmit();
        emit IMemberRegistry.MemberAdmitted(UZ, 2, id);
        vm.expectEmit();
        emit IMemberRegistry.OperatorAdded(UZ, uzOperator);
        vm.expectEmit();
        emit IMemberRegistry.ProposalExecuted(id);
        members.execute(id);
        vm.assertEq(uint256(members.getMember(UZ).epoch), 2);
        vm.assertEq(members.activeMemberCount(), 3);
        vm.assertEq(members.memberCodes().length, 3);
    }

    function test_RevertWhen_OnlyTheProposerVoted() public {
        uint256 id = _proposeAdmitDe();
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryNoMajority.selector, id, 1, 2));
        members.execute(id);
    }

    function test_RevertWhen_OnlyHalfOfTheMembersVoted() public {
        _admit(DE, deOperator);
        vm.prank(krOperator);
        uint256 id = members.propose(ADMIT, bytes2("FR"), stranger);
        vm.prank(kzOperator);
        members.vote(id);
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryNoMajority.selector, id, 2, 3));
        members.execute(id);
        vm.prank(uzOperator);
        members.vote(id);
        members.execute(id);
        assertTrue(members.isActiveMember(bytes2("FR")));
    }

    function test_RevertWhen_MajorityLostToAnAdmissionMeanwhile() public {
        vm.prank(krOperator);
        uint256 id = members.propose(ADMIT, bytes2("FR"), stranger);
        vm.prank(kzOperator);
        members.vote(id);
        assertTally(id, 2, 2);
        _admit(DE, deOperator);
        // The majority is of the members active at execution: 2 of 4 is not enough.
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryNoMajority.selector, id, 2, 3));
        members.execute(id);
    }

    function test_RevertWhen_ProposalExpiredAtExactlyExpiresAt() public {
        uint256 id = _proposeAdmitDe();
        vm.prank(uzOperator);
        members.vote(id);
        uint64 expiresAt = T0 + VOTING_PERIOD;
        vm.warp(expiresAt);
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryProposalExpired.selector, id, expiresAt));
        members.execute(id);
    }

    function test_RevertWhen_ExecutedTwice() public {
        uint256 id = _admit(DE, deOperator);
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryProposalExecuted.selector, id));
        members.execute(id);
    }

    function test_RevertWhen_ProposalUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryUnknownProposal.selector, 1));
        members.execute(1);
    }

    function test_RevertWhen_SubjectAdmittedMeanwhile() public {
        uint256 first = _proposeAdmitDe();
        vm.prank(krOperator);
        uint256 second = members.propose(ADMIT, DE, stranger);
        vm.prank(uzOperator);
        members.vote(first);
        vm.prank(uzOperator);
        members.vote(second);
        members.execute(first);
        // Four members now: DE's own vote makes three of four.
        vm.prank(deOperator);
        members.vote(second);
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryAlreadyActive.selector, DE));
        members.execute(second);
        assertFalse(members.getProposal(second).executed);
    }

    function test_RevertWhen_FirstOperatorTakenByAnOperatorBeforeExecution() public {
        uint256 id = _proposeAdmitDe();
        vm.prank(uzOperator);
        members.vote(id);
        vm.prank(krOperator);
        members.addOperator(deOperator);
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryAccountInUse.selector, deOperator));
        members.execute(id);
        assertFalse(members.isActiveMember(DE));
    }

    function test_RevertWhen_FirstOperatorTakenByAChamberBeforeExecution() public {
        uint256 id = _proposeAdmitDe();
        vm.prank(uzOperator);
        members.vote(id);
        _authorize(CHAMBER, kzOperator, deOperator);
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryAccountInUse.selector, deOperator));
        members.execute(id);
    }

    function test_RevertWhen_SubjectRemovedMeanwhile() public {
        vm.prank(krOperator);
        uint256 first = members.propose(REMOVE, UZ, address(0));
        vm.prank(kzOperator);
        uint256 second = members.propose(REMOVE, UZ, address(0));
        vm.prank(kzOperator);
        members.vote(first);
        vm.prank(krOperator);
        members.vote(second);
        members.execute(first);
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryNotActive.selector, UZ));
        members.execute(second);
    }

    function test_RevertWhen_RemovingTheLastMember() public {
        MemberRegistry registry = new MemberRegistry(_one(DE), _one(deOperator), VOTING_PERIOD);
        vm.prank(deOperator);
        uint256 id = registry.propose(REMOVE, DE, address(0));
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryLastMember.selector, DE));
        registry.execute(id);
        assertTrue(registry.isActiveMember(DE));
    }

    function test_RevertWhen_RemovingTheLastMemberAfterOthersLeft() public {
        _remove(KR);
        // KZ and UZ agree that KZ leaves; UZ is then alone.
        vm.prank(uzOperator);
        uint256 id = members.propose(REMOVE, KZ, address(0));
        vm.prank(kzOperator);
        members.vote(id);
        members.execute(id);
        vm.assertEq(members.activeMemberCount(), 1);
        vm.prank(uzOperator);
        id = members.propose(REMOVE, UZ, address(0));
        assertTally(id, 1, 1);
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryLastMember.selector, UZ));
        members.execute(id);
    }

    /// @dev Vote counting: a random number of extra members, a random subset voting, optionally one voter removed
    ///      before execution. Execution succeeds iff the votes of members still active reach a strict majority.
    function testFuzz_ExecutesIffCountedVotesReachAMajority(uint256 extra, uint256 voterMask, bool removeOne) public {
        extra = bound(extra, 1, 12);
        for (uint256 i = 0; i < extra; ++i) {
            _pass(ADMIT, _code(i), _extraOperator(i));
        }
        uint256 total = 3 + extra;
        vm.assertEq(members.activeMemberCount(), total);

        address[] memory voters = new address[](total);
        voters[0] = krOperator;
        voters[1] = kzOperator;
        voters[2] = uzOperator;
        for (uint256 i = 0; i < extra; ++i) {
            voters[3 + i] = _extraOperator(i);
        }

        vm.prank(krOperator);
        uint256 id = members.propose(ADMIT, DE, deOperator);
        uint256 votes = 1;
        for (uint256 i = 1; i < total; ++i) {
            if ((voterMask >> i) & 1 == 1) {
                vm.prank(voters[i]);
                members.vote(id);
                ++votes;
            }
        }
        assertTally(id, votes, total / 2 + 1);

        if (removeOne) {
            // The first extra member leaves; its vote, if cast, no longer counts.
            _pass(REMOVE, _code(0), address(0));
            if ((voterMask >> 3) & 1 == 1) --votes;
            --total;
        }
        uint256 required = total / 2 + 1;
        assertTally(id, votes, required);

        if (votes >= required) {
            members.execute(id);
            assertTrue(members.isActiveMember(DE));
        } else {
            vm.expectRevert(
                abi.encodeWithSelector(IMemberRegistry.MemberRegistryNoMajority.selector, id, votes, required)
            );
            members.execute(id);
        }
    }
}

// ==================================================================== getProposal

contract MemberRegistry_getProposal_Test is Fixtures, MemberRegistryHelpers {
    function test_ReturnsTheRecordWithExecutedFlag() public {
        vm.warp(T0 + 7);
        uint256 id = _remove(UZ);
        IMemberRegistry.Proposal memory p = members.getProposal(id);
        vm.assertEq(uint256(p.kind), uint256(REMOVE));
        assertEqCode(p.subject, UZ);
        assertEqCode(p.proposer, KR);
        assertTrue(p.executed);
        vm.assertEq(uint256(p.createdAt), T0 + 7);
        vm.assertEq(uint256(p.expiresAt), T0 + 7 + VOTING_PERIOD);
        assertEq(p.firstOperator, address(0));
    }

    function test_RevertWhen_ProposalUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryUnknownProposal.selector, 0));
        members.getProposal(0);
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryUnknownProposal.selector, 1));
        members.getProposal(1);
    }
}

// ==================================================================== tally

contract MemberRegistry_tally_Test is Fixtures, MemberRegistryHelpers {
    function test_CountsVotesAndRequiresAStrictMajority() public {
        vm.prank(kzOperator);
        uint256 id = members.propose(ADMIT, bytes2("FR"), stranger);
        assertTally(id, 1, 2); // 3 active
        _admit(DE, deOperator);
        assertTally(id, 1, 3); // 4 active
        vm.prank(deOperator);
        members.vote(id);
        assertTally(id, 2, 3);
        _pass(ADMIT, bytes2("GB"), vm.addr(0x6B));
        assertTally(id, 2, 3); // 5 active
    }

    function test_KeepsCountingAfterExpiry() public {
        vm.prank(kzOperator);
        uint256 id = members.propose(ADMIT, DE, deOperator);
        vm.warp(T0 + VOTING_PERIOD + 1);
        assertTally(id, 1, 2);
    }

    function test_RevertWhen_ProposalUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryUnknownProposal.selector, 5));
        members.tally(5);
    }
}

// ==================================================================== addOperator

contract MemberRegistry_addOperator_Test is Fixtures, MemberRegistryHelpers {
    function test_AddsAnOperator() public {
        vm.expectEmit();
        emit IMemberRegistry.OperatorAdded(KZ, kzOperator2);
        vm.prank(kzOperator);
        members.addOperator(kzOperator2);
        assertEq(members.operators(KZ), _two(kzOperator, kzOperator2));
        vm.assertEq(uint256(members.getMember(KZ).operatorCount), 2);
        assertEqCode(members.operatorMember(kzOperator2), KZ);
        // The new operator writes for KZ.
        vm.prank(kzOperator2);
        uint256 id = members.propose(ADMIT, DE, deOperator);
        assertEqCode(members.getProposal(id).proposer, KZ);
    }

    function test_AllowsUpToMaxOperators() public {
        uint256 max = members.MAX_OPERATORS();
        for (uint256 i = 1; i < max; ++i) {
            vm.prank(kzOperator);
            members.addOperator(vm.addr(0x2000 + i));
        }
        vm.assertEq(uint256(members.getMember(KZ).operatorCount), max);
        vm.assertEq(members.operators(KZ).length, max);
    }

    function test_RevertWhen_MaxOperatorsReached() public {
        uint256 max = members.MAX_OPERATORS();
        for (uint256 i = 1; i < max; ++i) {
            vm.prank(kzOperator);
            members.addOperator(vm.addr(0x2000 + i));
        }
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryTooManyOperators.selector, KZ, max));
        vm.prank(kzOperator);
        members.addOperator(stranger);
    }

    function test_RevertWhen_AccountZero() public {
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryZeroAccount.selector));
        vm.prank(kzOperator);
        members.addOperator(address(0));
    }

    function test_RevertWhen_AccountIsAlreadyOwnOperator() public {
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryAccountInUse.selector, kzOperator));
        vm.prank(kzOperator);
        members.addOperator(kzOperator);
    }

    function test_RevertWhen_AccountIsOtherMembersOperator() public {
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryAccountInUse.selector, uzOperator));
        vm.prank(kzOperator);
        members.addOperator(uzOperator);
    }

    function test_RevertWhen_AccountIsChamberAccount() public {
        _authorizeKzChamber();
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryAccountInUse.selector, chamberAccount));
        vm.prank(kzOperator);
        members.addOperator(chamberAccount);
    }

    function test_RevertWhen_CallerIsNotOperator() public {
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryNotOperator.selector, stranger));
        vm.prank(stranger);
        members.addOperator(kzOperator2);
    }

    function test_RevertWhen_CallerIsChamberAccount() public {
        _authorizeKzChamber();
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryNotOperator.selector, chamberAccount));
        vm.prank(chamberAccount);
        members.addOperator(kzOperator2);
    }
}

// ==================================================================== removeOperator

contract MemberRegistry_removeOperator_Test is Fixtures, MemberRegistryHelpers {
    address internal kzOperator3 = vm.addr(0xA42);

    function setUp() public override {
        super.setUp();
        vm.startPrank(kzOperator);
        members.addOperator(kzOperator2);
        members.addOperator(kzOperator3);
        vm.stopPrank();
    }

    function test_RemovesAnOperator() public {
        vm.expectEmit();
        emit IMemberRegistry.OperatorRemoved(KZ, kzOperator);
        vm.prank(kzOperator2);
        members.removeOperator(kzOperator);
        // The last entry takes the removed one's place.
        assertEq(members.operators(KZ), _two(kzOperator3, kzOperator2));
        vm.assertEq(uint256(members.getMember(KZ).operatorCount), 2);
        assertEqCode(members.operatorMember(kzOperator), bytes2(0));
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryNotOperator.selector, kzOperator));
        vm.prank(kzOperator);
        members.addOperator(stranger);
    }

    function test_RemovesTheCallerItself() public {
        vm.expectEmit();
        emit IMemberRegistry.OperatorRemoved(KZ, kzOperator3);
        vm.prank(kzOperator3);
        members.removeOperator(kzOperator3);
        assertEq(members.operators(KZ), _two(kzOperator, kzOperator2));
        assertEqCode(members.operatorMember(kzOperator3), bytes2(0));
    }

    function test_RemovedAccountMayBeAddedAgain() public {
        vm.prank(kzOperator);
        members.removeOperator(kzOperator2);
        vm.prank(uzOperator);
        members.addOperator(kzOperator2);
        assertEqCode(members.operatorMember(kzOperator2), UZ);
    }

    function test_RevertWhen_RemovingTheLastOperator() public {
        vm.startPrank(kzOperator);
        members.removeOperator(kzOperator2);
        members.removeOperator(kzOperator3);
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryLastOperator.selector, KZ));
        members.removeOperator(kzOperator);
        vm.stopPrank();
        assertEq(members.operators(KZ), _one(kzOperator));
    }

    function test_RevertWhen_AccountIsNoOperator() public {
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryUnknownOperator.selector, KZ, stranger));
        vm.prank(kzOperator);
        members.removeOperator(stranger);
    }

    function test_RevertWhen_AccountIsOtherMembersOperator() public {
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryUnknownOperator.selector, KZ, uzOperator));
        vm.prank(kzOperator);
        members.removeOperator(uzOperator);
    }

    function test_RevertWhen_AccountIsOwnChamberAccount() public {
        _authorizeKzChamber();
        vm.expectRevert(
            abi.encodeWithSelector(IMemberRegistry.MemberRegistryUnknownOperator.selector, KZ, chamberAccount)
        );
        vm.prank(kzOperator);
        members.removeOperator(chamberAccount);
    }

    function test_RevertWhen_CallerIsNotOperator() public {
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryNotOperator.selector, stranger));
        vm.prank(stranger);
        members.removeOperator(kzOperator);
    }

    function test_RevertWhen_CallerIsChamberAccount() public {
        _authorizeKzChamber();
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryNotOperator.selector, chamberAccount));
        vm.prank(chamberAccount);
        members.removeOperator(kzOperator);
    }
}

// ==================================================================== member views

contract MemberRegistry_getMember_Test is Fixtures, MemberRegistryHelpers {
    function test_ReturnsEmptyRecordForUnknownCode() public view {
        IMemberRegistry.Member memory m = members.getMember(DE);
        vm.assertEq(uint256(m.status), uint256(IMemberRegistry.MemberStatus.None));
        vm.assertEq(uint256(m.epoch), 0);
        vm.assertEq(uint256(m.since), 0);
        vm.assertEq(uint256(m.operatorCount), 0);
    }

    function test_TracksStatusEpochAndSinceAcrossRemovalAndReadmission() public {
        vm.warp(T0 + 10);
        _remove(UZ);
        IMemberRegistry.Member memory m = members.getMember(UZ);
        vm.assertEq(uint256(m.status), uint256(IMemberRegistry.MemberStatus.Removed));
        vm.assertEq(uint256(m.since), T0 + 10);
        vm.warp(T0 + 20);
        _pass(ADMIT, UZ, uzOperator);
        m = members.getMember(UZ);
        vm.assertEq(uint256(m.status), uint256(IMemberRegistry.MemberStatus.Active));
        vm.assertEq(uint256(m.epoch), 2);
        vm.assertEq(uint256(m.since), T0 + 20);
        vm.assertEq(uint256(m.operatorCount), 1);
    }
}

contract MemberRegistry_isActiveMember_Test is Fixtures, MemberRegistryHelpers {
    function test_TrueOnlyWhileActive() public {
        assertTrue(members.isActiveMember(UZ));
        assertFalse(members.isActiveMember(DE));
        assertFalse(members.isActiveMember(bytes2(0)));
        _remove(UZ);
        assertFalse(members.isActiveMember(UZ));
        _admit(DE, deOperator);
        assertTrue(members.isActiveMember(DE));
    }
}

contract MemberRegistry_operatorMember_Test is Fixtures, MemberRegistryHelpers {
    function test_ReturnsTheMemberOfAnOperatorOnly() public {
        _authorizeKzChamber();
        assertEqCode(members.operatorMember(kzOperator), KZ);
        assertEqCode(members.operatorMember(uzOperator), UZ);
        assertEqCode(members.operatorMember(chamberAccount), bytes2(0));
        assertEqCode(members.operatorMember(stranger), bytes2(0));
        assertEqCode(members.operatorMember(address(0)), bytes2(0));
    }

    function test_ReturnsZeroOnceTheMemberIsRemoved() public {
        _remove(UZ);
        assertEqCode(members.operatorMember(uzOperator), bytes2(0));
    }
}

contract MemberRegistry_operators_Test is Fixtures, MemberRegistryHelpers {
    function test_ListsOperatorsInOrderOfAddition() public {
        vm.prank(kzOperator);
        members.addOperator(kzOperator2);
        assertEq(members.operators(KZ), _two(kzOperator, kzOperator2));
        vm.assertEq(members.operators(DE).length, 0);
    }
}

contract MemberRegistry_memberCodes_Test is Fixtures, MemberRegistryHelpers {
    function test_ListsEveryCodeOnceInOrderOfFirstAdmission() public {
        _admit(DE, deOperator);
        _pass(REMOVE, KZ, address(0));
        _pass(ADMIT, KZ, kzReadmittedOperator);
        bytes2[] memory codes = members.memberCodes();
        vm.assertEq(codes.length, 4);
        assertEqCode(codes[0], KR);
        assertEqCode(codes[1], KZ);
        assertEqCode(codes[2], UZ);
        assertEqCode(codes[3], DE);
    }
}

contract MemberRegistry_activeMemberCount_Test is Fixtures, MemberRegistryHelpers {
    function test_FollowsAdmissionsAndRemovals() public {
        vm.assertEq(members.activeMemberCount(), 3);
        _admit(DE, deOperator);
        vm.assertEq(members.activeMemberCount(), 4);
        _pass(REMOVE, UZ, address(0));
        vm.assertEq(members.activeMemberCount(), 3);
        _pass(ADMIT, UZ, uzOperator);
        vm.assertEq(members.activeMemberCount(), 4);
    }
}

// ==================================================================== registerKey

contract MemberRegistry_registerKey_Test is Fixtures, MemberRegistryHelpers {
    function test_RegistersKeyUnderItsHash() public {
        bytes memory publicKey = _publicKey(1);
        bytes32 expectedId = keccak256(publicKey);
        uint64 from = T0 + 100;
        uint64 until = T0 + 1000;
        vm.expectEmit();
        emit IMemberRegistry.KeyRegistered(expectedId, KZ, bytes16(0), from, until, publicKey);
        vm.prank(kzOperator);
        bytes32 keyId = members.registerKey(publicKey, from, until);

        assertEq(keyId, expectedId);
        IMemberRegistry.SigningKey memory k = members.getKey(keyId);
        assertEqCode(k.member, KZ);
        assertEqChamber(k.chamber, bytes16(0));
        vm.assertEq(uint256(k.validFrom), from);
        vm.assertEq(uint256(k.validUntil), until);
        vm.assertEq(uint256(k.revokedAt), 0);
        vm.assertEq(uint256(k.revocationReason), 0);
        assertEq(k.publicKey, publicKey);
    }

    function test_RaisesValidFromInThePastToBlockTime() public {
        vm.warp(T0 + 500);
        bytes memory publicKey = _publicKey(1);
        vm.expectEmit();
        emit IMemberRegistry.KeyRegistered(keccak256(publicKey), KZ, bytes16(0), T0 + 500, 0, publicKey);
        vm.prank(kzOperator);
        bytes32 keyId = members.registerKey(publicKey, T0, 0);
        vm.assertEq(uint256(members.getKey(keyId).validFrom), T0 + 500);
        (bool valid,,) = members.keyValidAt(keyId, T0 + 499);
        assertFalse(valid);
    }

    function test_AcceptsOpenEndedKey() public {
        bytes32 keyId = _registerKey(kzOperator, 1, 0, 0);
        vm.assertEq(uint256(members.getKey(keyId).validUntil), 0);
        vm.assertEq(uint256(members.getKey(keyId).validFrom), T0);
    }

    function test_AcceptsOneSecondWindow() public {
        bytes32 keyId = _registerKey(kzOperator, 1, T0 + 10, T0 + 11);
        (bool valid,,) = members.keyValidAt(keyId, T0 + 10);
        assertTrue(valid);
        (valid,,) = members.keyValidAt(keyId, T0 + 11);
        assertFalse(valid);
    }

    function test_AnyOperatorOfTheMemberRegisters() public {
        vm.prank(kzOperator);
        members.addOperator(kzOperator2);
        bytes32 keyId = _registerKey(kzOperator2, 1, 0, 0);
        assertEqCode(members.getKey(keyId).member, KZ);
    }

    function test_RevertWhen_ValidUntilEqualsValidFrom() public {
        bytes memory publicKey = _publicKey(1);
        vm.expectRevert(
            abi.encodeWithSelector(IMemberRegistry.MemberRegistryInvalidValidity.selector, T0 + 10, T0 + 10)
        );
        vm.prank(kzOperator);
        members.registerKey(publicKey, T0 + 10, T0 + 10);
    }

    function test_RevertWhen_ValidUntilBeforeValidFrom() public {
        bytes memory publicKey = _publicKey(1);
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryInvalidValidity.selector, T0 + 10, T0 + 9));
        vm.prank(kzOperator);
        members.registerKey(publicKey, T0 + 10, T0 + 9);
    }

    function test_RevertWhen_ValidUntilNotAfterRaisedValidFrom() public {
        bytes memory publicKey = _publicKey(1);
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryInvalidValidity.selector, T0, T0));
        vm.prank(kzOperator);
        members.registerKey(publicKey, 0, T0);
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryInvalidValidity.selector, T0, T0 - 1));
        vm.prank(kzOperator);
        members.registerKey(publicKey, T0 - 100, T0 - 1);
    }

    function test_RevertWhen_PublicKeyHasWrongLength() public {
        bytes memory compressed = abi.encodePacked(bytes1(0x02), keccak256("x"));
        bytes memory long = abi.encodePacked(_publicKey(1), bytes1(0));
        bytes memory short = new bytes(64);
        short[0] = 0x04;
        vm.startPrank(kzOperator);
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryInvalidPublicKey.selector, 33));
        members.registerKey(compressed, 0, 0);
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryInvalidPublicKey.selector, 66));
        members.registerKey(long, 0, 0);
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryInvalidPublicKey.selector, 64));
        members.registerKey(short, 0, 0);
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryInvalidPublicKey.selector, 0));
        members.registerKey("", 0, 0);
        vm.stopPrank();
    }

    function test_RevertWhen_PublicKeyPrefixIsNot04() public {
        bytes memory publicKey = _publicKey(1);
        publicKey[0] = 0x03;
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryInvalidPublicKey.selector, 65));
        vm.prank(kzOperator);
        members.registerKey(publicKey, 0, 0);
    }

    function test_RevertWhen_KeyAlreadyRegistered() public {
        bytes32 keyId = _registerKey(kzOperator, 1, 0, 0);
        bytes memory publicKey = _publicKey(1);
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryKeyExists.selector, keyId));
        vm.prank(kzOperator);
        members.registerKey(publicKey, T0 + 5, 0);
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryKeyExists.selector, keyId));
        vm.prank(uzOperator);
        members.registerKey(publicKey, 0, 0);
    }

    function test_RevertWhen_KeyRegisteredAndRevoked() public {
        bytes32 keyId = _registerKey(kzOperator, 1, 0, 0);
        vm.prank(kzOperator);
        members.revokeKey(keyId, T0, 1);
        bytes memory publicKey = _publicKey(1);
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryKeyExists.selector, keyId));
        vm.prank(kzOperator);
        members.registerKey(publicKey, 0, 0);
    }

    function test_RevertWhen_CallerIsNotOperator() public {
        bytes memory publicKey = _publicKey(1);
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryNotOperator.selector, stranger));
        vm.prank(stranger);
        members.registerKey(publicKey, 0, 0);
    }

    function test_RevertWhen_CallerIsChamberAccount() public {
        _authorizeKzChamber();
        bytes memory publicKey = _publicKey(1);
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryNotOperator.selector, chamberAccount));
        vm.prank(chamberAccount);
        members.registerKey(publicKey, 0, 0);
    }
}

// ==================================================================== registerChamberKey

contract MemberRegistry_registerChamberKey_Test is Fixtures, MemberRegistryHelpers {
    function setUp() public override {
        super.setUp();
        _authorizeKzChamber();
    }

    function test_ChamberAccountRegistersKey() public {
        bytes memory publicKey = _publicKey(1);
        vm.expectEmit();
        emit IMemberRegistry.KeyRegistered(keccak256(publicKey), KZ, CHAMBER, T0 + 1, T0 + 9, publicKey);
        vm.prank(chamberAccount);
        bytes32 keyId = members.registerChamberKey(CHAMBER, publicKey, T0 + 1, T0 + 9);
        assertEq(keyId, keccak256(publicKey));
        IMemberRegistry.SigningKey memory k = members.getKey(keyId);
        assertEqCode(k.member, KZ);
        assertEqChamber(k.chamber, CHAMBER);
        vm.assertEq(uint256(k.validFrom), T0 + 1);
        vm.assertEq(uint256(k.validUntil), T0 + 9);
        assertEq(k.publicKey, publicKey);
    }

    function test_MemberOperatorRegistersChamberKey() public {
        bytes memory publicKey = _publicKey(1);
        vm.expectEmit();
        emit IMemberRegistry.KeyRegistered(keccak256(publicKey), KZ, CHAMBER, T0, 0, publicKey);
        vm.prank(kzOperator);
        bytes32 keyId = members.registerChamberKey(CHAMBER, publicKey, 0, 0);
        assertEqChamber(members.getKey(keyId).chamber, CHAMBER);
    }

    function test_RaisesValidFromInThePastToBlockTime() public {
        vm.warp(T0 + 77);
        bytes32 keyId = _registerChamberKey(chamberAccount, CHAMBER, 1, 5, 0);
        vm.assertEq(uint256(members.getKey(keyId).validFrom), T0 + 77);
    }

    function test_RevertWhen_ChamberUnknown() public {
        bytes memory publicKey = _publicKey(1);
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryUnknownChamber.selector, UZ_CHAMBER));
        vm.prank(uzOperator);
        members.registerChamberKey(UZ_CHAMBER, publicKey, 0, 0);
    }

    function test_RevertWhen_CallerIsStranger() public {
        bytes memory publicKey = _publicKey(1);
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryNotOperator.selector, stranger));
        vm.prank(stranger);
        members.registerChamberKey(CHAMBER, publicKey, 0, 0);
    }

    function test_RevertWhen_CallerIsOtherMembersOperator() public {
        bytes memory publicKey = _publicKey(1);
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryNotOperator.selector, uzOperator));
        vm.prank(uzOperator);
        members.registerChamberKey(CHAMBER, publicKey, 0, 0);
    }

    function test_RevertWhen_CallerIsAccountOfAnotherChamberOfTheSameMember() public {
        _authorize(OTHER_CHAMBER, kzOperator, otherChamberAccount);
        bytes memory publicKey = _publicKey(1);
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryNotOperator.selector, otherChamberAccount));
        vm.prank(otherChamberAccount);
        members.registerChamberKey(CHAMBER, publicKey, 0, 0);
    }

    function test_RevertWhen_ChamberSuspended() public {
        vm.prank(kzOperator);
        members.suspendChamber(CHAMBER, 1);
        bytes memory publicKey = _publicKey(1);
        bytes memory err = abi.encodeWithSelector(
            IMemberRegistry.MemberRegistryChamberStatus.selector, CHAMBER, IMemberRegistry.ChamberStatus.Suspended
        );
        vm.expectRevert(err);
        vm.prank(chamberAccount);
        members.registerChamberKey(CHAMBER, publicKey, 0, 0);
        vm.expectRevert(err);
        vm.prank(kzOperator);
        members.registerChamberKey(CHAMBER, publicKey, 0, 0);
    }

    function test_RevertWhen_ChamberWithdrawn() public {
        vm.prank(kzOperator);
        members.withdrawChamber(CHAMBER, 2);
        bytes memory publicKey = _publicKey(1);
        bytes memory err = abi.encodeWithSelector(
            IMemberRegistry.MemberRegistryChamberStatus.selector, CHAMBER, IMemberRegistry.ChamberStatus.Withdrawn
        );
        vm.expectRevert(err);
        vm.prank(chamberAccount);
        members.registerChamberKey(CHAMBER, publicKey, 0, 0);
        vm.expectRevert(err);
        vm.prank(kzOperator);
        members.registerChamberKey(CHAMBER, publicKey, 0, 0);
    }

    function test_RevertWhen_MemberRemoved() public {
        _remove(KZ);
        bytes memory publicKey = _publicKey(1);
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryNotActive.selector, KZ));
        vm.prank(chamberAccount);
        members.registerChamberKey(CHAMBER, publicKey, 0, 0);
    }

    function test_RevertWhen_MemberReadmittedInANewEpoch() public {
        _remove(KZ);
        _pass(ADMIT, KZ, kzReadmittedOperator);
        bytes memory publicKey = _publicKey(1);
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryNotActive.selector, KZ));
        vm.prank(chamberAccount);
        members.registerChamberKey(CHAMBER, publicKey, 0, 0);
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryNotActive.selector, KZ));
        vm.prank(kzReadmittedOperator);
        members.registerChamberKey(CHAMBER, publicKey, 0, 0);
    }

    function test_RevertWhen_PublicKeyInvalid() public {
        bytes memory publicKey = _publicKey(1);
        publicKey[0] = 0x02;
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryInvalidPublicKey.selector, 65));
        vm.prank(chamberAccount);
        members.registerChamberKey(CHAMBER, publicKey, 0, 0);
    }

    function test_RevertWhen_ValidityInvalid() public {
        bytes memory publicKey = _publicKey(1);
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryInvalidValidity.selector, T0, T0));
        vm.prank(chamberAccount);
        members.registerChamberKey(CHAMBER, publicKey, 0, T0);
    }

    function test_RevertWhen_KeyAlreadyRegisteredAsMemberKey() public {
        bytes32 keyId = _registerKey(kzOperator, 1, 0, 0);
        bytes memory publicKey = _publicKey(1);
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryKeyExists.selector, keyId));
        vm.prank(chamberAccount);
        members.registerChamberKey(CHAMBER, publicKey, 0, 0);
    }
}

// ==================================================================== revokeKey

contract MemberRegistry_revokeKey_Test is Fixtures, MemberRegistryHelpers {
    bytes32 internal memberKey;
    bytes32 internal chamberKey;

    function setUp() public override {
        super.setUp();
        _authorizeKzChamber();
        memberKey = _registerKey(kzOperator, 1, 0, 0);
        chamberKey = _registerChamberKey(chamberAccount, CHAMBER, 2, 0, 0);
    }

    function test_RevokesFromNow() public {
        vm.warp(T0 + 100);
        vm.expectEmit();
        emit IMemberRegistry.KeyRevoked(memberKey, T0 + 100, 4);
        vm.prank(kzOperator);
        members.revokeKey(memberKey, T0 + 100, 4);
        IMemberRegistry.SigningKey memory k = members.getKey(memberKey);
        vm.assertEq(uint256(k.revokedAt), T0 + 100);
        vm.assertEq(uint256(k.revocationReason), 4);
        (bool valid,,) = members.keyValidAt(memberKey, T0 + 99);
        assertTrue(valid);
        (valid,,) = members.keyValidAt(memberKey, T0 + 100);
        assertFalse(valid);
    }

    function test_RevokesFromATimeInThePast() public {
        vm.warp(T0 + 1000);
        vm.expectEmit();
        emit IMemberRegistry.KeyRevoked(memberKey, T0 + 50, 2);
        vm.prank(kzOperator);
        members.revokeKey(memberKey, T0 + 50, 2);
        (bool valid,,) = members.keyValidAt(memberKey, T0 + 49);
        assertTrue(valid);
        (valid,,) = members.keyValidAt(memberKey, T0 + 50);
        assertFalse(valid);
    }

    function test_RevokesFromATimeInTheFuture() public {
        vm.prank(kzOperator);
        members.revokeKey(memberKey, T0 + 500, 1);
        (bool valid,,) = members.keyValidAt(memberKey, T0 + 499);
        assertTrue(valid);
        (valid,,) = members.keyValidAt(memberKey, T0 + 500);
        assertFalse(valid);
    }

    function test_ClampsEffectiveTimeBeforeValidFromToValidFrom() public {
        bytes32 keyId = _registerKey(kzOperator, 3, T0 + 1000, T0 + 2000);
        vm.expectEmit();
        emit IMemberRegistry.KeyRevoked(keyId, T0 + 1000, 1);
        vm.prank(kzOperator);
        members.revokeKey(keyId, 0, 1);
        vm.assertEq(uint256(members.getKey(keyId).revokedAt), T0 + 1000);
        (bool valid,,) = members.keyValidAt(keyId, T0 + 1000);
        assertFalse(valid);
    }

    function test_MovesRevocationEarlier() public {
        vm.warp(T0 + 1000);
        vm.prank(kzOperator);
        members.revokeKey(memberKey, T0 + 500, 1);
        vm.expectEmit();
        emit IMemberRegistry.KeyRevoked(memberKey, T0 + 499, 3);
        vm.prank(kzOperator);
        members.revokeKey(memberKey, T0 + 499, 3);
        IMemberRegistry.SigningKey memory k = members.getKey(memberKey);
        vm.assertEq(uint256(k.revokedAt), T0 + 499);
        vm.assertEq(uint256(k.revocationReason), 3);
    }

    function test_RevertWhen_RevocationNotMovedEarlier() public {
        vm.prank(kzOperator);
        members.revokeKey(memberKey, T0 + 500, 1);
        vm.expectRevert(
            abi.encodeWithSelector(IMemberRegistry.MemberRegistryKeyAlreadyRevoked.selector, memberKey, T0 + 500)
        );
        vm.prank(kzOperator);
        members.revokeKey(memberKey, T0 + 500, 2);
        vm.expectRevert(
            abi.encodeWithSelector(IMemberRegistry.MemberRegistryKeyAlreadyRevoked.selector, memberKey, T0 + 500)
        );
        vm.prank(kzOperator);
        members.revokeKey(memberKey, T0 + 501, 2);
        vm.assertEq(uint256(members.getKey(memberKey).revocationReason), 1);
    }

    function test_RevertWhen_RevokedFromValidFromAndRevokedEarlierAgain() public {
        vm.prank(kzOperator);
        members.revokeKey(memberKey, 0, 1);
        vm.assertEq(uint256(members.getKey(memberKey).revokedAt), T0);
        // An earlier time clamps to validFrom, which is not earlier than the recorded revocation.
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryKeyAlreadyRevoked.selector, memberKey, T0));
        vm.prank(kzOperator);
        members.revokeKey(memberKey, 0, 2);
    }

    function test_RevertWhen_KeyUnknown() public {
        bytes32 unknown = keccak256(_publicKey(99));
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryUnknownKey.selector, unknown));
        vm.prank(kzOperator);
        members.revokeKey(unknown, T0, 1);
    }

    function test_AnyOperatorOfTheMemberRevokesAnyKeyOfIt() public {
        vm.prank(kzOperator);
        members.addOperator(kzOperator2);
        vm.prank(kzOperator2);
        members.revokeKey(memberKey, T0, 1);
        vm.expectEmit();
        emit IMemberRegistry.KeyRevoked(chamberKey, T0 + 3, 2);
        vm.prank(kzOperator2);
        members.revokeKey(chamberKey, T0 + 3, 2);
        vm.assertEq(uint256(members.getKey(chamberKey).revokedAt), T0 + 3);
    }

    function test_MemberOperatorRevokesKeyOfWithdrawnChamber() public {
        vm.prank(kzOperator);
        members.withdrawChamber(CHAMBER, 1);
        vm.prank(kzOperator);
        members.revokeKey(chamberKey, T0, 1);
        vm.assertEq(uint256(members.getKey(chamberKey).revokedAt), T0);
    }

    function test_ReadmittedMembersOperatorRevokesOldKeys() public {
        _remove(KZ);
        _pass(ADMIT, KZ, kzReadmittedOperator);
        vm.prank(kzReadmittedOperator);
        members.revokeKey(memberKey, T0, 1);
        vm.prank(kzReadmittedOperator);
        members.revokeKey(chamberKey, T0, 1);
        vm.assertEq(uint256(members.getKey(memberKey).revokedAt), T0);
        vm.assertEq(uint256(members.getKey(chamberKey).revokedAt), T0);
    }

    function test_ChamberAccountRevokesItsChambersKey() public {
        vm.expectEmit();
        emit IMemberRegistry.KeyRevoked(chamberKey, T0 + 10, 7);
        vm.prank(chamberAccount);
        members.revokeKey(chamberKey, T0 + 10, 7);
        vm.assertEq(uint256(members.getKey(chamberKey).revokedAt), T0 + 10);
    }

    function test_SuspendedChamberRevokesItsKey() public {
        vm.prank(kzOperator);
        members.suspendChamber(CHAMBER, 1);
        vm.prank(chamberAccount);
        members.revokeKey(chamberKey, T0, 1);
        vm.assertEq(uint256(members.getKey(chamberKey).revokedAt), T0);
    }

    function test_RevertWhen_ChamberWithdrawn() public {
        vm.prank(kzOperator);
        members.withdrawChamber(CHAMBER, 1);
        vm.expectRevert(
            abi.encodeWithSelector(IMemberRegistry.MemberRegistryNotKeyManager.selector, chamberKey, chamberAccount)
        );
        vm.prank(chamberAccount);
        members.revokeKey(chamberKey, T0, 1);
    }

    function test_RevertWhen_ChambersMemberRemoved() public {
        _remove(KZ);
        vm.expectRevert(
            abi.encodeWithSelector(IMemberRegistry.MemberRegistryNotKeyManager.selector, chamberKey, chamberAccount)
        );
        vm.prank(chamberAccount);
        members.revokeKey(chamberKey, T0, 1);
    }

    function test_RevertWhen_ChambersMemberReadmittedInANewEpoch() public {
        _remove(KZ);
        _pass(ADMIT, KZ, kzReadmittedOperator);
        vm.expectRevert(
            abi.encodeWithSelector(IMemberRegistry.MemberRegistryNotKeyManager.selector, chamberKey, chamberAccount)
        );
        vm.prank(chamberAccount);
        members.revokeKey(chamberKey, T0, 1);
    }

    function test_RevertWhen_ChamberAccountRevokesItsMembersKey() public {
        vm.expectRevert(
            abi.encodeWithSelector(IMemberRegistry.MemberRegistryNotKeyManager.selector, memberKey, chamberAccount)
        );
        vm.prank(chamberAccount);
        members.revokeKey(memberKey, T0, 1);
    }

    function test_RevertWhen_ChamberAccountRevokesAnotherChambersKey() public {
        _authorize(OTHER_CHAMBER, kzOperator, otherChamberAccount);
        vm.expectRevert(
            abi.encodeWithSelector(
                IMemberRegistry.MemberRegistryNotKeyManager.selector, chamberKey, otherChamberAccount
            )
        );
        vm.prank(otherChamberAccount);
        members.revokeKey(chamberKey, T0, 1);
    }

    function test_RevertWhen_CallerIsOtherMembersOperator() public {
        vm.expectRevert(
            abi.encodeWithSelector(IMemberRegistry.MemberRegistryNotKeyManager.selector, memberKey, uzOperator)
        );
        vm.prank(uzOperator);
        members.revokeKey(memberKey, T0, 1);
        vm.expectRevert(
            abi.encodeWithSelector(IMemberRegistry.MemberRegistryNotKeyManager.selector, chamberKey, uzOperator)
        );
        vm.prank(uzOperator);
        members.revokeKey(chamberKey, T0, 1);
    }

    function test_RevertWhen_CallerIsStranger() public {
        vm.expectRevert(
            abi.encodeWithSelector(IMemberRegistry.MemberRegistryNotKeyManager.selector, memberKey, stranger)
        );
        vm.prank(stranger);
        members.revokeKey(memberKey, T0, 1);
        vm.expectRevert(
            abi.encodeWithSelector(IMemberRegistry.MemberRegistryNotKeyManager.selector, chamberKey, stranger)
        );
        vm.prank(stranger);
        members.revokeKey(chamberKey, T0, 1);
    }
}

// ==================================================================== getKey

contract MemberRegistry_getKey_Test is Fixtures, MemberRegistryHelpers {
    function test_ReturnsEmptyRecordForUnknownKey() public view {
        IMemberRegistry.SigningKey memory k = members.getKey(keccak256(_publicKey(1)));
        assertEqCode(k.member, bytes2(0));
        assertEqChamber(k.chamber, bytes16(0));
        vm.assertEq(uint256(k.validFrom), 0);
        vm.assertEq(uint256(k.validUntil), 0);
        vm.assertEq(uint256(k.revokedAt), 0);
        vm.assertEq(k.publicKey.length, 0);
    }
}

// ==================================================================== keyValidAt

contract MemberRegistry_keyValidAt_Test is Fixtures, MemberRegistryHelpers {
    function _assertValidAt(bytes32 keyId, uint64 at, bool expected) internal view {
        (bool valid,,) = members.keyValidAt(keyId, at);
        vm.assertEq(valid, expected);
    }

    function test_ValidFromInclusiveValidUntilExclusive() public {
        bytes32 keyId = _registerKey(kzOperator, 1, T0 + 100, T0 + 200);
        _assertValidAt(keyId, 0, false);
        _assertValidAt(keyId, T0 + 99, false);
        _assertValidAt(keyId, T0 + 100, true);
        _assertValidAt(keyId, T0 + 199, true);
        _assertValidAt(keyId, T0 + 200, false);
        _assertValidAt(keyId, type(uint64).max, false);
    }

    function test_OpenEndedKeyStaysValid() public {
        bytes32 keyId = _registerKey(kzOperator, 1, 0, 0);
        _assertValidAt(keyId, T0 - 1, false);
        _assertValidAt(keyId, T0, true);
        _assertValidAt(keyId, type(uint64).max, true);
    }

    function test_RevokedAtIsExclusive() public {
        bytes32 keyId = _registerKey(kzOperator, 1, T0 + 100, T0 + 200);
        vm.prank(kzOperator);
        members.revokeKey(keyId, T0 + 150, 1);
        _assertValidAt(keyId, T0 + 100, true);
        _assertValidAt(keyId, T0 + 149, true);
        _assertValidAt(keyId, T0 + 150, false);
        _assertValidAt(keyId, T0 + 199, false);
    }

    function test_ReturnsOwnerEvenWhenInvalid() public {
        _authorizeKzChamber();
        bytes32 keyId = _registerChamberKey(chamberAccount, CHAMBER, 1, T0 + 100, 0);
        (bool valid, bytes2 member, bytes16 chamber) = members.keyValidAt(keyId, T0);
        assertFalse(valid);
        assertEqCode(member, KZ);
        assertEqChamber(chamber, CHAMBER);
        (valid, member, chamber) = members.keyValidAt(keyId, T0 + 100);
        assertTrue(valid);
        assertEqCode(member, KZ);
        assertEqChamber(chamber, CHAMBER);
    }

    function test_MemberKeyHasNoChamber() public {
        bytes32 keyId = _registerKey(uzOperator, 1, 0, 0);
        (bool valid, bytes2 member, bytes16 chamber) = members.keyValidAt(keyId, T0);
        assertTrue(valid);
        assertEqCode(member, UZ);
        assertEqChamber(chamber, bytes16(0));
    }

    function test_UnknownKeyIsNeverValid() public view {
        (bool valid, bytes2 member, bytes16 chamber) = members.keyValidAt(keccak256(_publicKey(1)), T0);
        assertFalse(valid);
        assertEqCode(member, bytes2(0));
        assertEqChamber(chamber, bytes16(0));
        (valid,,) = members.keyValidAt(bytes32(0), 0);
        assertFalse(valid);
    }

    /// @dev Random windows, revocations (including a second, earlier one) and query times against the reference
    ///      formula `max(validFrom, now) <= at < validUntil (or no end) and at < revokedAt (or not revoked)`.
    function testFuzz_MatchesTheReferenceFormula(
        uint64 registeredAt,
        uint64 validFrom,
        uint64 validUntil,
        bool openEnded,
        bool revoke,
        uint64 effectiveAt,
        bool revokeAgain,
        uint64 effectiveAgain,
        uint64 at
    ) public {
        // A narrow range around T0 makes the edges coincide often.
        uint64 lo = T0 - 100;
        uint64 hi = T0 + 400;
        registeredAt = uint64(bound(registeredAt, T0, T0 + 100));
        validFrom = uint64(bound(validFrom, lo, hi));
        validUntil = openEnded ? 0 : uint64(bound(validUntil, lo, hi));
        effectiveAt = uint64(bound(effectiveAt, lo, hi));
        effectiveAgain = uint64(bound(effectiveAgain, lo, hi));
        at = uint64(bound(at, lo, hi));

        vm.warp(registeredAt);
        bytes memory publicKey = _publicKey(1);
        uint64 from = validFrom < registeredAt ? registeredAt : validFrom;
        if (validUntil != 0 && validUntil <= from) {
            vm.expectRevert(
                abi.encodeWithSelector(IMemberRegistry.MemberRegistryInvalidValidity.selector, from, validUntil)
            );
            vm.prank(kzOperator);
            members.registerKey(publicKey, validFrom, validUntil);
            return;
        }
        vm.prank(kzOperator);
        bytes32 keyId = members.registerKey(publicKey, validFrom, validUntil);

        uint64 revokedAt = 0;
        if (revoke) {
            revokedAt = effectiveAt < from ? from : effectiveAt;
            vm.prank(kzOperator);
            members.revokeKey(keyId, effectiveAt, 1);
            if (revokeAgain) {
                uint64 again = effectiveAgain < from ? from : effectiveAgain;
                if (again >= revokedAt) {
                    vm.expectRevert(
                        abi.encodeWithSelector(
                            IMemberRegistry.MemberRegistryKeyAlreadyRevoked.selector, keyId, revokedAt
                        )
                    );
                } else {
                    revokedAt = again;
                }
                vm.prank(kzOperator);
                members.revokeKey(keyId, effectiveAgain, 2);
            }
        }
        vm.assertEq(uint256(members.getKey(keyId).revokedAt), revokedAt);

        bool expected = at >= from && (validUntil == 0 || at < validUntil) && (revokedAt == 0 || at < revokedAt);
        (bool valid, bytes2 member, bytes16 chamber) = members.keyValidAt(keyId, at);
        vm.assertEq(valid, expected);
        assertEqCode(member, KZ);
        assertEqChamber(chamber, bytes16(0));
    }
}

// ==================================================================== authorizeChamber

contract MemberRegistry_authorizeChamber_Test is Fixtures, MemberRegistryHelpers {
    function test_AuthorizesChamberWithItsFirstAccount() public {
        vm.expectEmit();
        emit IMemberRegistry.ChamberAuthorized(CHAMBER, KZ, chamberAccount);
        vm.expectEmit();
        emit IMemberRegistry.ChamberAccountAdded(CHAMBER, chamberAccount);
        vm.prank(kzOperator);
        members.authorizeChamber(CHAMBER, chamberAccount);
        IMemberRegistry.Chamber memory c = members.getChamber(CHAMBER);
        assertEqCode(c.member, KZ);
        vm.assertEq(uint256(c.status), uint256(IMemberRegistry.ChamberStatus.Active));
        vm.assertEq(uint256(c.memberEpoch), 1);
        assertChamberOf(chamberAccount, KZ, CHAMBER, true);
        assertEqCode(members.operatorMember(chamberAccount), bytes2(0));
    }

    function test_RecordsTheMembersCurrentEpoch() public {
        _remove(KZ);
        _pass(ADMIT, KZ, kzReadmittedOperator);
        _authorize(OTHER_CHAMBER, kzReadmittedOperator, otherChamberAccount);
        vm.assertEq(uint256(members.getChamber(OTHER_CHAMBER).memberEpoch), 2);
        assertChamberOf(otherChamberAccount, KZ, OTHER_CHAMBER, true);
    }

    function test_RevertWhen_ChamberIdZero() public {
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryInvalidChamber.selector));
        vm.prank(kzOperator);
        members.authorizeChamber(bytes16(0), chamberAccount);
    }

    function test_RevertWhen_ChamberExists() public {
        _authorizeKzChamber();
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryChamberExists.selector, CHAMBER));
        vm.prank(kzOperator);
        members.authorizeChamber(CHAMBER, otherChamberAccount);
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryChamberExists.selector, CHAMBER));
        vm.prank(uzOperator);
        members.authorizeChamber(CHAMBER, otherChamberAccount);
    }

    function test_RevertWhen_ChamberWithdrawnIdReused() public {
        _authorizeKzChamber();
        vm.prank(kzOperator);
        members.withdrawChamber(CHAMBER, 1);
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryChamberExists.selector, CHAMBER));
        vm.prank(kzOperator);
        members.authorizeChamber(CHAMBER, otherChamberAccount);
    }

    function test_RevertWhen_AccountZero() public {
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryZeroAccount.selector));
        vm.prank(kzOperator);
        members.authorizeChamber(CHAMBER, address(0));
    }

    function test_RevertWhen_AccountIsAnOperator() public {
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryAccountInUse.selector, kzOperator));
        vm.prank(kzOperator);
        members.authorizeChamber(CHAMBER, kzOperator);
    }

    function test_RevertWhen_AccountIsAnotherChambersAccount() public {
        _authorizeKzChamber();
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryAccountInUse.selector, chamberAccount));
        vm.prank(uzOperator);
        members.authorizeChamber(UZ_CHAMBER, chamberAccount);
    }

    function test_RevertWhen_CallerIsNotOperator() public {
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryNotOperator.selector, stranger));
        vm.prank(stranger);
        members.authorizeChamber(CHAMBER, chamberAccount);
    }

    function test_RevertWhen_CallerIsChamberAccount() public {
        _authorizeKzChamber();
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryNotOperator.selector, chamberAccount));
        vm.prank(chamberAccount);
        members.authorizeChamber(OTHER_CHAMBER, otherChamberAccount);
    }
}

// ==================================================================== suspendChamber

contract MemberRegistry_suspendChamber_Test is Fixtures, MemberRegistryHelpers {
    function setUp() public override {
        super.setUp();
        _authorizeKzChamber();
    }

    function test_SuspendsActiveChamber() public {
        vm.expectEmit();
        emit IMemberRegistry.ChamberSuspended(CHAMBER, 3);
        vm.prank(kzOperator);
        members.suspendChamber(CHAMBER, 3);
        assertChamberStatus(CHAMBER, IMemberRegistry.ChamberStatus.Suspended);
        assertChamberOf(chamberAccount, KZ, CHAMBER, false);
    }

    function test_AnyOperatorOfTheMemberSuspends() public {
        vm.prank(kzOperator);
        members.addOperator(kzOperator2);
        vm.prank(kzOperator2);
        members.suspendChamber(CHAMBER, 1);
        assertChamberStatus(CHAMBER, IMemberRegistry.ChamberStatus.Suspended);
    }

    function test_RevertWhen_AlreadySuspended() public {
        vm.prank(kzOperator);
        members.suspendChamber(CHAMBER, 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IMemberRegistry.MemberRegistryChamberStatus.selector, CHAMBER, IMemberRegistry.ChamberStatus.Suspended
            )
        );
        vm.prank(kzOperator);
        members.suspendChamber(CHAMBER, 1);
    }

    function test_RevertWhen_Withdrawn() public {
        vm.prank(kzOperator);
        members.withdrawChamber(CHAMBER, 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IMemberRegistry.MemberRegistryChamberStatus.selector, CHAMBER, IMemberRegistry.ChamberStatus.Withdrawn
            )
        );
        vm.prank(kzOperator);
        members.suspendChamber(CHAMBER, 1);
    }

    function test_RevertWhen_ChamberUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryUnknownChamber.selector, OTHER_CHAMBER));
        vm.prank(kzOperator);
        members.suspendChamber(OTHER_CHAMBER, 1);
    }

    function test_RevertWhen_CallerIsOtherMembersOperator() public {
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryWrongMember.selector, uzOperator, KZ, UZ));
        vm.prank(uzOperator);
        members.suspendChamber(CHAMBER, 1);
    }

    function test_RevertWhen_CallerIsChamberAccount() public {
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryNotOperator.selector, chamberAccount));
        vm.prank(chamberAccount);
        members.suspendChamber(CHAMBER, 1);
    }

    function test_RevertWhen_CallerIsStranger() public {
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryNotOperator.selector, stranger));
        vm.prank(stranger);
        members.suspendChamber(CHAMBER, 1);
    }
}

// ==================================================================== reinstateChamber

contract MemberRegistry_reinstateChamber_Test is Fixtures, MemberRegistryHelpers {
    function setUp() public override {
        super.setUp();
        _authorizeKzChamber();
    }

    function test_ReinstatesSuspendedChamber() public {
        vm.prank(kzOperator);
        members.suspendChamber(CHAMBER, 1);
        vm.expectEmit();
        emit IMemberRegistry.ChamberReinstated(CHAMBER);
        vm.prank(kzOperator);
        members.reinstateChamber(CHAMBER);
        assertChamberStatus(CHAMBER, IMemberRegistry.ChamberStatus.Active);
        assertChamberOf(chamberAccount, KZ, CHAMBER, true);
    }

    function test_RevertWhen_Active() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IMemberRegistry.MemberRegistryChamberStatus.selector, CHAMBER, IMemberRegistry.ChamberStatus.Active
            )
        );
        vm.prank(kzOperator);
        members.reinstateChamber(CHAMBER);
    }

    function test_RevertWhen_Withdrawn() public {
        vm.prank(kzOperator);
        members.suspendChamber(CHAMBER, 1);
        vm.prank(kzOperator);
        members.withdrawChamber(CHAMBER, 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IMemberRegistry.MemberRegistryChamberStatus.selector, CHAMBER, IMemberRegistry.ChamberStatus.Withdrawn
            )
        );
        vm.prank(kzOperator);
        members.reinstateChamber(CHAMBER);
    }

    function test_RevertWhen_ChamberUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryUnknownChamber.selector, OTHER_CHAMBER));
        vm.prank(kzOperator);
        members.reinstateChamber(OTHER_CHAMBER);
    }

    function test_RevertWhen_CallerIsOtherMembersOperator() public {
        vm.prank(kzOperator);
        members.suspendChamber(CHAMBER, 1);
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryWrongMember.selector, krOperator, KZ, KR));
        vm.prank(krOperator);
        members.reinstateChamber(CHAMBER);
    }

    function test_RevertWhen_CallerIsChamberAccount() public {
        vm.prank(kzOperator);
        members.suspendChamber(CHAMBER, 1);
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryNotOperator.selector, chamberAccount));
        vm.prank(chamberAccount);
        members.reinstateChamber(CHAMBER);
    }
}

// ==================================================================== withdrawChamber

contract MemberRegistry_withdrawChamber_Test is Fixtures, MemberRegistryHelpers {
    function setUp() public override {
        super.setUp();
        _authorizeKzChamber();
    }

    function test_WithdrawsActiveChamber() public {
        vm.expectEmit();
        emit IMemberRegistry.ChamberWithdrawn(CHAMBER, 9);
        vm.prank(kzOperator);
        members.withdrawChamber(CHAMBER, 9);
        assertChamberStatus(CHAMBER, IMemberRegistry.ChamberStatus.Withdrawn);
        assertChamberOf(chamberAccount, KZ, CHAMBER, false);
    }

    function test_WithdrawsSuspendedChamber() public {
        vm.prank(kzOperator);
        members.suspendChamber(CHAMBER, 1);
        vm.expectEmit();
        emit IMemberRegistry.ChamberWithdrawn(CHAMBER, 2);
        vm.prank(kzOperator);
        members.withdrawChamber(CHAMBER, 2);
        assertChamberStatus(CHAMBER, IMemberRegistry.ChamberStatus.Withdrawn);
    }

    function test_ReadmittedMemberWithdrawsItsOldChamber() public {
        _remove(KZ);
        _pass(ADMIT, KZ, kzReadmittedOperator);
        vm.prank(kzReadmittedOperator);
        members.withdrawChamber(CHAMBER, 1);
        assertChamberStatus(CHAMBER, IMemberRegistry.ChamberStatus.Withdrawn);
    }

    function test_RevertWhen_AlreadyWithdrawn() public {
        vm.prank(kzOperator);
        members.withdrawChamber(CHAMBER, 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IMemberRegistry.MemberRegistryChamberStatus.selector, CHAMBER, IMemberRegistry.ChamberStatus.Withdrawn
            )
        );
        vm.prank(kzOperator);
        members.withdrawChamber(CHAMBER, 1);
    }

    function test_RevertWhen_ChamberUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryUnknownChamber.selector, OTHER_CHAMBER));
        vm.prank(kzOperator);
        members.withdrawChamber(OTHER_CHAMBER, 1);
    }

    function test_RevertWhen_CallerIsOtherMembersOperator() public {
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryWrongMember.selector, uzOperator, KZ, UZ));
        vm.prank(uzOperator);
        members.withdrawChamber(CHAMBER, 1);
    }

    function test_RevertWhen_CallerIsChamberAccount() public {
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryNotOperator.selector, chamberAccount));
        vm.prank(chamberAccount);
        members.withdrawChamber(CHAMBER, 1);
    }
}

// ==================================================================== addChamberAccount

contract MemberRegistry_addChamberAccount_Test is Fixtures, MemberRegistryHelpers {
    address internal chamberAccount2 = vm.addr(0xC1C);

    function setUp() public override {
        super.setUp();
        _authorizeKzChamber();
    }

    function test_AddsAnAccount() public {
        vm.expectEmit();
        emit IMemberRegistry.ChamberAccountAdded(CHAMBER, chamberAccount2);
        vm.prank(kzOperator);
        members.addChamberAccount(CHAMBER, chamberAccount2);
        assertChamberOf(chamberAccount2, KZ, CHAMBER, true);
        bytes32 keyId = _registerChamberKey(chamberAccount2, CHAMBER, 1, 0, 0);
        assertEqChamber(members.getKey(keyId).chamber, CHAMBER);
    }

    function test_AddsAnAccountToSuspendedChamber() public {
        vm.prank(kzOperator);
        members.suspendChamber(CHAMBER, 1);
        vm.prank(kzOperator);
        members.addChamberAccount(CHAMBER, chamberAccount2);
        assertChamberOf(chamberAccount2, KZ, CHAMBER, false);
    }

    function test_RevertWhen_Withdrawn() public {
        vm.prank(kzOperator);
        members.withdrawChamber(CHAMBER, 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IMemberRegistry.MemberRegistryChamberStatus.selector, CHAMBER, IMemberRegistry.ChamberStatus.Withdrawn
            )
        );
        vm.prank(kzOperator);
        members.addChamberAccount(CHAMBER, chamberAccount2);
    }

    function test_RevertWhen_AccountZero() public {
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryZeroAccount.selector));
        vm.prank(kzOperator);
        members.addChamberAccount(CHAMBER, address(0));
    }

    function test_RevertWhen_AccountInUse() public {
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryAccountInUse.selector, chamberAccount));
        vm.prank(kzOperator);
        members.addChamberAccount(CHAMBER, chamberAccount);
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryAccountInUse.selector, uzOperator));
        vm.prank(kzOperator);
        members.addChamberAccount(CHAMBER, uzOperator);
    }

    function test_RevertWhen_ChamberUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryUnknownChamber.selector, OTHER_CHAMBER));
        vm.prank(kzOperator);
        members.addChamberAccount(OTHER_CHAMBER, chamberAccount2);
    }

    function test_RevertWhen_CallerIsOtherMembersOperator() public {
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryWrongMember.selector, uzOperator, KZ, UZ));
        vm.prank(uzOperator);
        members.addChamberAccount(CHAMBER, chamberAccount2);
    }

    function test_RevertWhen_CallerIsChamberAccount() public {
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryNotOperator.selector, chamberAccount));
        vm.prank(chamberAccount);
        members.addChamberAccount(CHAMBER, chamberAccount2);
    }
}

// ==================================================================== removeChamberAccount

contract MemberRegistry_removeChamberAccount_Test is Fixtures, MemberRegistryHelpers {
    function setUp() public override {
        super.setUp();
        _authorizeKzChamber();
    }

    function test_RemovesAnAccount() public {
        vm.expectEmit();
        emit IMemberRegistry.ChamberAccountRemoved(CHAMBER, chamberAccount);
        vm.prank(kzOperator);
        members.removeChamberAccount(CHAMBER, chamberAccount);
        assertChamberOf(chamberAccount, bytes2(0), bytes16(0), false);
        bytes memory publicKey = _publicKey(1);
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryNotOperator.selector, chamberAccount));
        vm.prank(chamberAccount);
        members.registerChamberKey(CHAMBER, publicKey, 0, 0);
    }

    function test_RemovedAccountLosesKeyManagement() public {
        bytes32 keyId = _registerChamberKey(chamberAccount, CHAMBER, 1, 0, 0);
        vm.prank(kzOperator);
        members.removeChamberAccount(CHAMBER, chamberAccount);
        vm.expectRevert(
            abi.encodeWithSelector(IMemberRegistry.MemberRegistryNotKeyManager.selector, keyId, chamberAccount)
        );
        vm.prank(chamberAccount);
        members.revokeKey(keyId, T0, 1);
    }

    function test_RemovesAnAccountOfWithdrawnChamberAndFreesIt() public {
        vm.prank(kzOperator);
        members.withdrawChamber(CHAMBER, 1);
        vm.prank(kzOperator);
        members.removeChamberAccount(CHAMBER, chamberAccount);
        _authorize(UZ_CHAMBER, uzOperator, chamberAccount);
        assertChamberOf(chamberAccount, UZ, UZ_CHAMBER, true);
    }

    function test_RevertWhen_AccountNotOfTheChamber() public {
        _authorize(OTHER_CHAMBER, kzOperator, otherChamberAccount);
        address[3] memory accounts = [stranger, kzOperator, otherChamberAccount];
        for (uint256 i = 0; i < accounts.length; ++i) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IMemberRegistry.MemberRegistryUnknownChamberAccount.selector, CHAMBER, accounts[i]
                )
            );
            vm.prank(kzOperator);
            members.removeChamberAccount(CHAMBER, accounts[i]);
        }
    }

    function test_RevertWhen_ChamberUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryUnknownChamber.selector, OTHER_CHAMBER));
        vm.prank(kzOperator);
        members.removeChamberAccount(OTHER_CHAMBER, chamberAccount);
    }

    function test_RevertWhen_CallerIsOtherMembersOperator() public {
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryWrongMember.selector, uzOperator, KZ, UZ));
        vm.prank(uzOperator);
        members.removeChamberAccount(CHAMBER, chamberAccount);
    }

    function test_RevertWhen_CallerIsChamberAccount() public {
        vm.expectRevert(abi.encodeWithSelector(IMemberRegistry.MemberRegistryNotOperator.selector, chamberAccount));
        vm.prank(chamberAccount);
        members.removeChamberAccount(CHAMBER, chamberAccount);
    }
}

// ==================================================================== getChamber

contract MemberRegistry_getChamber_Test is Fixtures, MemberRegistryHelpers {
    function test_ReturnsEmptyRecordForUnknownChamber() public view {
        IMemberRegistry.Chamber memory c = members.getChamber(CHAMBER);
        assertEqCode(c.member, bytes2(0));
        vm.assertEq(uint256(c.status), uint256(IMemberRegistry.ChamberStatus.None));
        vm.assertEq(uint256(c.memberEpoch), 0);
    }

    function test_KeepsTheRecordAfterItsMemberIsRemoved() public {
        _authorizeKzChamber();
        _remove(KZ);
        IMemberRegistry.Chamber memory c = members.getChamber(CHAMBER);
        assertEqCode(c.member, KZ);
        vm.assertEq(uint256(c.status), uint256(IMemberRegistry.ChamberStatus.Active));
        vm.assertEq(uint256(c.memberEpoch), 1);
    }
}

// ==================================================================== chamberOf

contract MemberRegistry_chamberOf_Test is Fixtures, MemberRegistryHelpers {
    function setUp() public override {
        super.setUp();
        _authorizeKzChamber();
    }

    function test_AuthorizedWhileActive() public view {
        assertChamberOf(chamberAccount, KZ, CHAMBER, true);
    }

    function test_NotAuthorizedWhileSuspendedAgainOnceReinstated() public {
        vm.prank(kzOperator);
        members.suspendChamber(CHAMBER, 1);
        assertChamberOf(chamberAccount, KZ, CHAMBER, false);
        vm.prank(kzOperator);
        members.reinstateChamber(CHAMBER);
        assertChamberOf(chamberAccount, KZ, CHAMBER, true);
    }

    function test_NotAuthorizedOnceWithdrawn() public {
        vm.prank(kzOperator);
        members.withdrawChamber(CHAMBER, 1);
        assertChamberOf(chamberAccount, KZ, CHAMBER, false);
    }

    function test_NotAuthorizedOnceTheMemberIsRemoved() public {
        _remove(KZ);
        assertChamberOf(chamberAccount, KZ, CHAMBER, false);
    }

    function test_NotAuthorizedAfterTheMemberIsReadmittedInANewEpoch() public {
        _remove(KZ);
        _pass(ADMIT, KZ, kzReadmittedOperator);
        assertTrue(members.isActiveMember(KZ));
        assertChamberOf(chamberAccount, KZ, CHAMBER, false);
        // Reinstating cannot revive a grant of an earlier membership.
        vm.prank(kzReadmittedOperator);
        members.suspendChamber(CHAMBER, 1);
        vm.prank(kzReadmittedOperator);
        members.reinstateChamber(CHAMBER);
        assertChamberOf(chamberAccount, KZ, CHAMBER, false);
    }

    function test_ReturnsNothingForOperatorsAndStrangers() public view {
        assertChamberOf(kzOperator, bytes2(0), bytes16(0), false);
        assertChamberOf(stranger, bytes2(0), bytes16(0), false);
        assertChamberOf(address(0), bytes2(0), bytes16(0), false);
    }
}
