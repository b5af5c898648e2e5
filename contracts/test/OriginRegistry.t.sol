// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {OriginRegistry} from "../src/OriginRegistry.sol";
import {IMemberRegistry} from "../src/interfaces/IMemberRegistry.sol";
import {IOriginRegistry} from "../src/interfaces/IOriginRegistry.sol";
import {Fixtures} from "./utils/Fixtures.sol";
import {MerkleTree} from "./utils/MerkleTree.sol";

/// @notice Shared state of the OriginRegistry tests: KZ's chamber Atameken (two accounts) and KR's chamber KCCI
///         (one account), each with an anchored batch.
abstract contract OriginRegistry_Base is Fixtures {
    bytes32 internal constant TAG = keccak256("CredentialLedger.CertificateOfOrigin.v1");
    bytes32 internal constant CREDENTIAL_TAG = keccak256("CredentialLedger.AeoCredential.v1");
    // forge-lint: disable-next-line(unsafe-typecast)
    bytes16 internal constant ATAMEKEN = bytes16("KZ-ATAMEKEN");
    // forge-lint: disable-next-line(unsafe-typecast)
    bytes16 internal constant KCCI = bytes16("KR-KCCI");
    /// @dev Atameken's batch; three revocation words: 0..255, 256..511, 512..599.
    bytes32 internal constant ROOT = keccak256("Atameken batch");
    bytes32 internal constant KCCI_ROOT = keccak256("KCCI batch");
    bytes32 internal constant UNKNOWN = keccak256("never anchored");
    uint32 internal constant SIZE = 600;
    uint8 internal constant REASON = 7;
    uint64 internal constant START = 1_700_000_000;
    bytes32 internal constant REF = keccak256("KR declaration 2024-000123");

    address internal atamekenClerk = vm.addr(0xC0E);
    address internal kcciAccount = vm.addr(0xC0D);

    function setUp() public virtual override {
        super.setUp();
        vm.label(atamekenClerk, "atamekenClerk");
        vm.label(kcciAccount, "kcciAccount");
        vm.prank(kzOperator);
        members.authorizeChamber(ATAMEKEN, chamberAccount);
        vm.prank(kzOperator);
        members.addChamberAccount(ATAMEKEN, atamekenClerk);
        vm.prank(krOperator);
        members.authorizeChamber(KCCI, kcciAccount);
        _anchor(chamberAccount, ROOT, SIZE);
        _anchor(kcciAccount, KCCI_ROOT, SIZE);
        vm.warp(START + 1 days);
    }

    function _anchor(address account, bytes32 root, uint32 size) internal {
        vm.prank(account);
        origins.anchor(root, size);
    }

    function _revoke(address account, bytes32 root, uint32 index) internal {
        vm.prank(account);
        origins.revoke(root, index, REASON, 0);
    }

    function _markUsed(address operator, bytes32 root, uint32 index, bytes32 ref) internal {
        vm.prank(operator);
        origins.markUsed(root, index, ref);
    }

    function _expectNotChamber(address account) internal {
        vm.expectRevert(abi.encodeWithSelector(IOriginRegistry.OriginRegistryNotChamber.selector, account));
    }

    function _expectNotAuthorized(bytes16 chamber) internal {
        vm.expectRevert(abi.encodeWithSelector(IOriginRegistry.OriginRegistryChamberNotAuthorized.selector, chamber));
    }

    function _expectNotOperator(address account) internal {
        vm.expectRevert(abi.encodeWithSelector(IOriginRegistry.OriginRegistryNotOperator.selector, account));
    }

    function _expectOutOfRange(bytes32 root, uint32 index, uint32 size) internal {
        vm.expectRevert(
            abi.encodeWithSelector(IOriginRegistry.OriginRegistryIndexOutOfRange.selector, root, index, size)
        );
    }

    function _expectUnknownBatch(bytes32 root) internal {
        vm.expectRevert(abi.encodeWithSelector(IOriginRegistry.OriginRegistryUnknownBatch.selector, root));
    }

    function _expectAlreadyRevoked(bytes32 root, uint32 index) internal {
        vm.expectRevert(abi.encodeWithSelector(IOriginRegistry.OriginRegistryAlreadyRevoked.selector, root, index));
    }

    function _expectFuture(uint64 effectiveAt) internal {
        vm.expectRevert(
            abi.encodeWithSelector(
                IOriginRegistry.OriginRegistryEffectiveTimeInFuture.selector, effectiveAt, uint64(block.timestamp)
            )
        );
    }

    function _suspendAtameken() internal {
        vm.prank(kzOperator);
        members.suspendChamber(ATAMEKEN, 1);
    }

    /// @dev Removes KZ and admits it again (a new membership epoch) with `newOperator`, by KR and UZ.
    function _removeAndReadmitKz(address newOperator) internal {
        _remove(KZ);
        vm.prank(krOperator);
        uint256 id = members.propose(IMemberRegistry.ProposalKind.Admit, KZ, newOperator);
        vm.prank(uzOperator);
        members.vote(id);
        members.execute(id);
        assertTrue(members.isActiveMember(KZ));
    }

    /// @dev The leaf formula of contracts/README.md, written out independently of MerkleBatch.
    function _leaf(bytes32 tag, uint256 index, bytes32 documentHash) internal pure returns (bytes32) {
        return keccak256(abi.encodePacked(keccak256(abi.encode(tag, index, documentHash))));
    }

    function _documents(uint256 count, bytes32 seed) internal pure returns (bytes32[] memory documents) {
        documents = new bytes32[](count);
        for (uint256 i = 0; i < count; ++i) {
            documents[i] = keccak256(abi.encode("signed e-CoO XML", seed, i));
        }
    }

    function _leaves(bytes32 tag, bytes32[] memory documents) internal pure returns (bytes32[] memory leaves) {
        leaves = new bytes32[](documents.length);
        for (uint256 i = 0; i < documents.length; ++i) {
            leaves[i] = _leaf(tag, i, documents[i]);
        }
    }

    function _list(uint32 a) internal pure returns (uint32[] memory list) {
        list = new uint32[](1);
        list[0] = a;
    }

    function _list(uint32 a, uint32 b) internal pure returns (uint32[] memory list) {
        list = new uint32[](2);
        list[0] = a;
        list[1] = b;
    }

    function _list(uint32 a, uint32 b, uint32 c) internal pure returns (uint32[] memory list) {
        list = new uint32[](3);
        list[0] = a;
        list[1] = b;
        list[2] = c;
    }
}

contract OriginRegistry_constructor_Test is OriginRegistry_Base {
    function test_LinksTheMemberRegistry() public view {
        assertEq(address(origins.MEMBERS()), address(members));
    }

    function test_LeafTagIsTheDocumentedConstant() public view {
        assertEq(origins.LEAF_TAG(), keccak256("CredentialLedger.CertificateOfOrigin.v1"));
    }

    function test_DeploysAgainstAnyMemberRegistry() public {
        OriginRegistry other = new OriginRegistry(IMemberRegistry(address(0xBEEF)));
        assertEq(address(other.MEMBERS()), address(0xBEEF));
    }
}

contract OriginRegistry_anchor_Test is OriginRegistry_Base {
    bytes32 internal constant NEW_ROOT = keccak256("new batch");

    function test_AnchorsABatchForTheChamberAndItsMember() public {
        vm.expectEmit(address(origins));
        emit IOriginRegistry.OriginBatchAnchored(NEW_ROOT, ATAMEKEN, KZ, 40, uint64(block.timestamp));
        _anchor(chamberAccount, NEW_ROOT, 40);

        IOriginRegistry.Batch memory batch = origins.getBatch(NEW_ROOT);
        assertEq(bytes32(batch.chamber), bytes32(ATAMEKEN));
        assertEq(bytes32(batch.member), bytes32(KZ));
        assertEq(batch.size, 40);
        assertEq(batch.anchoredAt, START + 1 days);
        assertFalse(origins.isRevoked(NEW_ROOT, 39));
        assertEq(bytes32(origins.useOf(NEW_ROOT, 39).member), bytes32(0));
    }

    function test_AnotherAccountOfTheChamberAnchorsForIt() public {
        vm.expectEmit(address(origins));
        emit IOriginRegistry.OriginBatchAnchored(NEW_ROOT, ATAMEKEN, KZ, 2, uint64(block.timestamp));
        _anchor(atamekenClerk, NEW_ROOT, 2);
    }

    function test_AChamberOfAnotherMemberAnchorsForThatMember() public {
        vm.expectEmit(address(origins));
        emit IOriginRegistry.OriginBatchAnchored(NEW_ROOT, KCCI, KR, 1, uint64(block.timestamp));
        _anchor(kcciAccount, NEW_ROOT, 1);
        assertEq(bytes32(origins.getBatch(NEW_ROOT).member), bytes32(KR));
    }

    function test_AnchorsTheLargestBatch() public {
        _anchor(chamberAccount, NEW_ROOT, type(uint32).max);
        assertFalse(origins.isRevoked(NEW_ROOT, type(uint32).max - 1));
    }

    function test_AnchorsAgainAfterTheChamberIsReinstated() public {
        _suspendAtameken();
        vm.prank(kzOperator);
        members.reinstateChamber(ATAMEKEN);
        _anchor(chamberAccount, NEW_ROOT, 3);
        assertEq(origins.getBatch(NEW_ROOT).size, 3);
    }

    function test_RevertWhen_CallerIsAMemberOperator() public {
        _expectNotChamber(kzOperator);
        _anchor(kzOperator, NEW_ROOT, 3);
    }

    function test_RevertWhen_CallerIsAStranger() public {
        _expectNotChamber(stranger);
        _anchor(stranger, NEW_ROOT, 3);
    }

    function test_RevertWhen_CallerWasRemovedFromTheChamber() public {
        vm.prank(kzOperator);
        members.removeChamberAccount(ATAMEKEN, atamekenClerk);
        _expectNotChamber(atamekenClerk);
        _anchor(atamekenClerk, NEW_ROOT, 3);
    }

    function test_RevertWhen_ChamberIsSuspended() public {
        _suspendAtameken();
        _expectNotAuthorized(ATAMEKEN);
        _anchor(chamberAccount, NEW_ROOT, 3);
        assertEq(origins.getBatch(NEW_ROOT).size, 0);
    }

    function test_RevertWhen_ChamberIsWithdrawn() public {
        vm.prank(kzOperator);
        members.withdrawChamber(ATAMEKEN, 2);
        _expectNotAuthorized(ATAMEKEN);
        _anchor(chamberAccount, NEW_ROOT, 3);
    }

    function test_RevertWhen_ChambersMemberWasRemoved() public {
        _remove(KZ);
        _expectNotAuthorized(ATAMEKEN);
        _anchor(chamberAccount, NEW_ROOT, 3);
        // Other members' chambers are unaffected.
        _anchor(kcciAccount, NEW_ROOT, 3);
    }

    function test_RevertWhen_ChambersMemberWasRemovedAndAdmittedAgain() public {
        _removeAndReadmitKz(deOperator);
        _expectNotAuthorized(ATAMEKEN);
        _anchor(chamberAccount, NEW_ROOT, 3);
    }

    function test_RevertWhen_RootIsZero() public {
        vm.expectRevert(
            abi.encodeWithSelector(IOriginRegistry.OriginRegistryInvalidBatch.selector, bytes32(0), uint32(3))
        );
        _anchor(chamberAccount, bytes32(0), 3);
    }

    function test_RevertWhen_SizeIsZero() public {
        vm.expectRevert(
            abi.encodeWithSelector(IOriginRegistry.OriginRegistryInvalidBatch.selector, NEW_ROOT, uint32(0))
        );
        _anchor(chamberAccount, NEW_ROOT, 0);
    }

    function test_RevertWhen_RootIsAnchoredTwice() public {
        vm.expectRevert(abi.encodeWithSelector(IOriginRegistry.OriginRegistryRootExists.selector, ROOT));
        _anchor(atamekenClerk, ROOT, 5);
        assertEq(origins.getBatch(ROOT).size, SIZE);
    }

    function test_RevertWhen_AnotherChamberAnchorsTheSameRoot() public {
        vm.expectRevert(abi.encodeWithSelector(IOriginRegistry.OriginRegistryRootExists.selector, ROOT));
        _anchor(kcciAccount, ROOT, SIZE);
        assertEq(bytes32(origins.getBatch(ROOT).chamber), bytes32(ATAMEKEN));
    }
}

contract OriginRegistry_revoke_Test is OriginRegistry_Base {
    function test_RevokesACertificateAndEmits() public {
        vm.expectEmit(address(origins));
        emit IOriginRegistry.CertificateRevoked(ROOT, 7, REASON, uint64(block.timestamp));
        _revoke(chamberAccount, ROOT, 7);
        assertTrue(origins.isRevoked(ROOT, 7));
        assertFalse(origins.isRevoked(ROOT, 6));
        assertFalse(origins.isRevoked(ROOT, 8));
        assertFalse(origins.isRevoked(KCCI_ROOT, 7));
    }

    function test_AnotherAccountOfTheAnchoringChamberRevokes() public {
        _revoke(atamekenClerk, ROOT, 7);
        assertTrue(origins.isRevoked(ROOT, 7));
    }

    function test_RevokesOnBothSidesOfWordBoundaries() public {
        _revoke(chamberAccount, ROOT, 255);
        _revoke(chamberAccount, ROOT, 256);
        _revoke(chamberAccount, ROOT, SIZE - 1);
        assertTrue(origins.isRevoked(ROOT, 255));
        assertTrue(origins.isRevoked(ROOT, 256));
        assertTrue(origins.isRevoked(ROOT, SIZE - 1));
        assertFalse(origins.isRevoked(ROOT, 254));
        assertFalse(origins.isRevoked(ROOT, 257));
        assertFalse(origins.isRevoked(ROOT, 0));
        assertFalse(origins.isRevoked(ROOT, 512 - 1));
    }

    function test_EffectiveTimeZeroMeansTheBlockTime() public {
        vm.warp(START + 4 days + 1);
        vm.expectEmit(address(origins));
        emit IOriginRegistry.CertificateRevoked(ROOT, 7, REASON, START + 4 days + 1);
        _revoke(chamberAccount, ROOT, 7);
    }

    function test_KeepsAnEffectiveTimeInThePast() public {
        vm.expectEmit(address(origins));
        emit IOriginRegistry.CertificateRevoked(ROOT, 7, 8, START - 10 days);
        vm.prank(chamberAccount);
        origins.revoke(ROOT, 7, 8, START - 10 days);
        assertTrue(origins.isRevoked(ROOT, 7));
    }

    function test_RevokesAUsedCertificateAndKeepsTheUse() public {
        _markUsed(krOperator, ROOT, 7, REF);
        _revoke(chamberAccount, ROOT, 7);
        assertTrue(origins.isRevoked(ROOT, 7));
        assertEq(origins.useOf(ROOT, 7).declarationRef, REF);
    }

    function test_RevokesAgainAfterTheChamberIsReinstated() public {
        _suspendAtameken();
        vm.prank(kzOperator);
        members.reinstateChamber(ATAMEKEN);
        _revoke(chamberAccount, ROOT, 7);
        assertTrue(origins.isRevoked(ROOT, 7));
    }

    function test_RevertWhen_EffectiveTimeIsInTheFuture() public {
        uint64 future = uint64(block.timestamp) + 1;
        _expectFuture(future);
        vm.prank(chamberAccount);
        origins.revoke(ROOT, 7, REASON, future);
        assertFalse(origins.isRevoked(ROOT, 7));
    }

    function test_RevertWhen_CertificateIsAlreadyRevoked() public {
        _revoke(chamberAccount, ROOT, 7);
        _expectAlreadyRevoked(ROOT, 7);
        _revoke(atamekenClerk, ROOT, 7);
    }

    function test_RevertWhen_IndexIsOutOfRange() public {
        _expectOutOfRange(ROOT, SIZE, SIZE);
        _revoke(chamberAccount, ROOT, SIZE);
        _expectOutOfRange(ROOT, type(uint32).max, SIZE);
        _revoke(chamberAccount, ROOT, type(uint32).max);
    }

    function test_RevertWhen_BatchIsUnknown() public {
        _expectUnknownBatch(UNKNOWN);
        _revoke(chamberAccount, UNKNOWN, 0);
    }

    function test_RevertWhen_CallerIsAnotherChambersAccount() public {
        vm.expectRevert(
            abi.encodeWithSelector(IOriginRegistry.OriginRegistryNotIssuer.selector, ROOT, ATAMEKEN, kcciAccount)
        );
        _revoke(kcciAccount, ROOT, 7);
        assertFalse(origins.isRevoked(ROOT, 7));
    }

    function test_RevertWhen_CallerIsAnotherChamberOfTheSameMember() public {
        // forge-lint: disable-next-line(unsafe-typecast)
        bytes16 almaty = bytes16("KZ-ALMATY");
        address almatyAccount = vm.addr(0xC0F);
        vm.prank(kzOperator);
        members.authorizeChamber(almaty, almatyAccount);
        vm.expectRevert(
            abi.encodeWithSelector(IOriginRegistry.OriginRegistryNotIssuer.selector, ROOT, ATAMEKEN, almatyAccount)
        );
        _revoke(almatyAccount, ROOT, 7);
    }

    function test_RevertWhen_CallerIsTheMembersOperator() public {
        _expectNotChamber(kzOperator);
        _revoke(kzOperator, ROOT, 7);
    }

    function test_RevertWhen_CallerIsAStranger() public {
        _expectNotChamber(stranger);
        _revoke(stranger, ROOT, 7);
    }

    function test_RevertWhen_ChamberIsSuspended() public {
        _suspendAtameken();
        _expectNotAuthorized(ATAMEKEN);
        _revoke(chamberAccount, ROOT, 7);
        assertFalse(origins.isRevoked(ROOT, 7));
    }

    function test_RevertWhen_ChamberIsWithdrawn() public {
        vm.prank(kzOperator);
        members.withdrawChamber(ATAMEKEN, 2);
        _expectNotAuthorized(ATAMEKEN);
        _revoke(chamberAccount, ROOT, 7);
    }

    function test_RevertWhen_ChambersMemberWasRemoved() public {
        _remove(KZ);
        _expectNotAuthorized(ATAMEKEN);
        _revoke(chamberAccount, ROOT, 7);
    }
}

contract OriginRegistry_revokeMany_Test is OriginRegistry_Base {
    function _revokeMany(address account, bytes32 root, uint32[] memory indices) internal {
        vm.prank(account);
        origins.revokeMany(root, indices, REASON, 0);
    }

    function test_RevokesEveryListedCertificateWithOneEventEach() public {
        uint32[] memory indices = _list(3, 9, 4);
        for (uint256 i = 0; i < indices.length; ++i) {
            vm.expectEmit(address(origins));
            emit IOriginRegistry.CertificateRevoked(ROOT, indices[i], REASON, uint64(block.timestamp));
        }
        _revokeMany(chamberAccount, ROOT, indices);
        assertTrue(origins.isRevoked(ROOT, 3));
        assertTrue(origins.isRevoked(ROOT, 4));
        assertTrue(origins.isRevoked(ROOT, 9));
        assertFalse(origins.isRevoked(ROOT, 5));
    }

    function test_RevokesUnsortedIndicesAcrossWords() public {
        uint32[] memory indices = new uint32[](5);
        indices[0] = 511;
        indices[1] = 0;
        indices[2] = 256;
        indices[3] = 255;
        indices[4] = SIZE - 1;
        _revokeMany(atamekenClerk, ROOT, indices);
        for (uint256 i = 0; i < indices.length; ++i) {
            assertTrue(origins.isRevoked(ROOT, indices[i]));
        }
        assertFalse(origins.isRevoked(ROOT, 1));
        assertFalse(origins.isRevoked(ROOT, 257));
        assertFalse(origins.isRevoked(ROOT, 512));
    }

    function test_KeepsAnEffectiveTimeInThePast() public {
        vm.expectEmit(address(origins));
        emit IOriginRegistry.CertificateRevoked(ROOT, 1, 3, START);
        vm.expectEmit(address(origins));
        emit IOriginRegistry.CertificateRevoked(ROOT, 2, 3, START);
        vm.prank(chamberAccount);
        origins.revokeMany(ROOT, _list(1, 2), 3, START);
    }

    function test_RevertWhen_ListIsEmpty() public {
        vm.expectRevert(IOriginRegistry.OriginRegistryInvalidList.selector);
        _revokeMany(chamberAccount, ROOT, new uint32[](0));
    }

    function test_RevertWhen_AnIndexIsListedTwice() public {
        _expectAlreadyRevoked(ROOT, 3);
        _revokeMany(chamberAccount, ROOT, _list(3, 4, 3));
        assertFalse(origins.isRevoked(ROOT, 3));
        assertFalse(origins.isRevoked(ROOT, 4));
    }

    function test_RevertWhen_ACertificateIsAlreadyRevoked() public {
        _revoke(chamberAccount, ROOT, 4);
        _expectAlreadyRevoked(ROOT, 4);
        _revokeMany(chamberAccount, ROOT, _list(3, 4));
        assertFalse(origins.isRevoked(ROOT, 3));
    }

    function test_RevertWhen_AnIndexIsOutOfRange() public {
        _expectOutOfRange(ROOT, SIZE, SIZE);
        _revokeMany(chamberAccount, ROOT, _list(1, SIZE));
        assertFalse(origins.isRevoked(ROOT, 1));
    }

    function test_RevertWhen_BatchIsUnknown() public {
        _expectUnknownBatch(UNKNOWN);
        _revokeMany(chamberAccount, UNKNOWN, _list(1));
    }

    function test_RevertWhen_EffectiveTimeIsInTheFuture() public {
        uint64 future = uint64(block.timestamp) + 1 hours;
        _expectFuture(future);
        vm.prank(chamberAccount);
        origins.revokeMany(ROOT, _list(1), REASON, future);
    }

    function test_RevertWhen_CallerIsAnotherChambersAccount() public {
        vm.expectRevert(
            abi.encodeWithSelector(IOriginRegistry.OriginRegistryNotIssuer.selector, KCCI_ROOT, KCCI, chamberAccount)
        );
        _revokeMany(chamberAccount, KCCI_ROOT, _list(1));
    }

    function test_RevertWhen_CallerIsAMemberOperator() public {
        _expectNotChamber(krOperator);
        _revokeMany(krOperator, KCCI_ROOT, _list(1));
    }

    function test_RevertWhen_ChamberIsSuspended() public {
        _suspendAtameken();
        _expectNotAuthorized(ATAMEKEN);
        _revokeMany(chamberAccount, ROOT, _list(1));
        vm.prank(kzOperator);
        members.reinstateChamber(ATAMEKEN);
        _revokeMany(chamberAccount, ROOT, _list(1));
        assertTrue(origins.isRevoked(ROOT, 1));
    }

    function test_RevertWhen_ChambersMemberWasRemoved() public {
        _remove(KR);
        _expectNotAuthorized(KCCI);
        _revokeMany(kcciAccount, KCCI_ROOT, _list(1));
    }

    function testFuzz_EqualsSingleRevocations(uint256 seed, uint8 count) public {
        bytes32 mirror = keccak256("mirror");
        _anchor(chamberAccount, mirror, SIZE);
        uint256 n = bound(count, 1, 30);
        uint32[] memory picked = new uint32[](n);
        uint256 found;
        for (uint256 attempt = 0; found < n; ++attempt) {
            // forge-lint: disable-next-line(unsafe-typecast)
            uint32 candidate = uint32(uint256(keccak256(abi.encode(seed, attempt))) % SIZE);
            bool seen;
            for (uint256 i = 0; i < found; ++i) {
                if (picked[i] == candidate) seen = true;
            }
            if (!seen) picked[found++] = candidate;
        }
        _revokeMany(chamberAccount, ROOT, picked);
        for (uint256 i = 0; i < n; ++i) {
            _revoke(chamberAccount, mirror, picked[i]);
        }
        for (uint256 i = 0; i < n; ++i) {
            assertTrue(origins.isRevoked(ROOT, picked[i]));
            // forge-lint: disable-next-line(unsafe-typecast)
            uint32 neighbour = uint32((uint256(picked[i]) + 1) % SIZE);
            assertEq(origins.isRevoked(ROOT, neighbour), origins.isRevoked(mirror, neighbour));
            assertTrue(origins.isRevoked(mirror, picked[i]));
        }
    }
}

contract OriginRegistry_markUsed_Test is OriginRegistry_Base {
    function test_RecordsTheFirstUseAndEmits() public {
        vm.expectEmit(address(origins));
        emit IOriginRegistry.CertificateUsed(ROOT, 7, KR, REF);
        _markUsed(krOperator, ROOT, 7, REF);
        IOriginRegistry.Use memory use = origins.useOf(ROOT, 7);
        assertEq(bytes32(use.member), bytes32(KR));
        assertEq(use.usedAt, START + 1 days);
        assertEq(use.declarationRef, REF);
        assertEq(bytes32(origins.useOf(ROOT, 8).member), bytes32(0));
    }

    function test_TheIssuingMembersOperatorUses() public {
        vm.expectEmit(address(origins));
        emit IOriginRegistry.CertificateUsed(ROOT, 0, KZ, REF);
        _markUsed(kzOperator, ROOT, 0, REF);
    }

    function test_ANewlyAdmittedMembersOperatorUses() public {
        _admit(DE, deOperator);
        _markUsed(deOperator, KCCI_ROOT, SIZE - 1, REF);
        assertEq(bytes32(origins.useOf(KCCI_ROOT, SIZE - 1).member), bytes32(DE));
    }

    function test_UsesOfDifferentCertificatesAreIndependent() public {
        _markUsed(krOperator, ROOT, 7, REF);
        _markUsed(uzOperator, ROOT, 8, keccak256("UZ declaration"));
        _markUsed(uzOperator, KCCI_ROOT, 7, keccak256("UZ declaration 2"));
        assertEq(bytes32(origins.useOf(ROOT, 8).member), bytes32(UZ));
        assertEq(bytes32(origins.useOf(KCCI_ROOT, 7).member), bytes32(UZ));
        assertEq(bytes32(origins.useOf(ROOT, 7).member), bytes32(KR));
    }

    function test_UsesACertificateWhoseChamberIsSuspended() public {
        // Suspension stops the chamber's writes; its certificates already issued stay usable until revoked.
        _suspendAtameken();
        _markUsed(uzOperator, ROOT, 7, REF);
        assertEq(bytes32(origins.useOf(ROOT, 7).member), bytes32(UZ));
    }

    function test_RevertWhen_CertificateWasAlreadyUsed() public {
        _markUsed(krOperator, ROOT, 7, REF);
        vm.warp(START + 20 days);
        vm.expectRevert(
            abi.encodeWithSelector(IOriginRegistry.OriginRegistryAlreadyUsed.selector, ROOT, 7, KR, REF, START + 1 days)
        );
        _markUsed(uzOperator, ROOT, 7, keccak256("UZ declaration"));
        IOriginRegistry.Use memory use = origins.useOf(ROOT, 7);
        assertEq(bytes32(use.member), bytes32(KR));
        assertEq(use.usedAt, START + 1 days);
    }

    function test_RevertWhen_TheSameMemberUsesACertificateAgain() public {
        _markUsed(krOperator, ROOT, 7, REF);
        vm.expectRevert(
            abi.encodeWithSelector(IOriginRegistry.OriginRegistryAlreadyUsed.selector, ROOT, 7, KR, REF, START + 1 days)
        );
        _markUsed(krOperator, ROOT, 7, REF);
    }

    function test_RevertWhen_ReferenceIsZero() public {
        vm.expectRevert(IOriginRegistry.OriginRegistryInvalidReference.selector);
        _markUsed(krOperator, ROOT, 7, bytes32(0));
    }

    function test_RevertWhen_BatchIsUnknown() public {
        _expectUnknownBatch(UNKNOWN);
        _markUsed(krOperator, UNKNOWN, 7, REF);
    }

    function test_RevertWhen_IndexIsOutOfRange() public {
        _expectOutOfRange(ROOT, SIZE, SIZE);
        _markUsed(krOperator, ROOT, SIZE, REF);
    }

    function test_RevertWhen_CertificateIsRevoked() public {
        _revoke(chamberAccount, ROOT, 7);
        vm.expectRevert(abi.encodeWithSelector(IOriginRegistry.OriginRegistryRevoked.selector, ROOT, 7));
        _markUsed(krOperator, ROOT, 7, REF);
        assertEq(bytes32(origins.useOf(ROOT, 7).member), bytes32(0));
    }

    function test_RevertWhen_CallerIsAChamberAccount() public {
        _expectNotOperator(chamberAccount);
        _markUsed(chamberAccount, ROOT, 7, REF);
    }

    function test_RevertWhen_CallerIsAStranger() public {
        _expectNotOperator(stranger);
        _markUsed(stranger, ROOT, 7, REF);
    }

    function test_RevertWhen_CallerIsTheOperatorOfARemovedMember() public {
        _remove(UZ);
        _expectNotOperator(uzOperator);
        _markUsed(uzOperator, ROOT, 7, REF);
    }
}

// ---------------------------------------------------------------- views

contract OriginRegistry_getBatch_Test is OriginRegistry_Base {
    function test_ReturnsTheAnchoredBatch() public view {
        IOriginRegistry.Batch memory batch = origins.getBatch(KCCI_ROOT);
        assertEq(bytes32(batch.chamber), bytes32(KCCI));
        assertEq(bytes32(batch.member), bytes32(KR));
        assertEq(batch.size, SIZE);
        assertEq(batch.anchoredAt, START);
    }

    function test_ReturnsZeroForAnUnknownRoot() public view {
        IOriginRegistry.Batch memory batch = origins.getBatch(UNKNOWN);
        assertEq(bytes32(batch.chamber), bytes32(0));
        assertEq(bytes32(batch.member), bytes32(0));
        assertEq(batch.size, 0);
        assertEq(batch.anchoredAt, 0);
    }
}

contract OriginRegistry_isRevoked_Test is OriginRegistry_Base {
    function test_IsFalseForAFreshCertificate() public view {
        assertFalse(origins.isRevoked(ROOT, 0));
        assertFalse(origins.isRevoked(ROOT, SIZE - 1));
    }

    function test_IsTrueOnlyForTheRevokedCertificate() public {
        _revoke(chamberAccount, ROOT, 300);
        assertTrue(origins.isRevoked(ROOT, 300));
        assertFalse(origins.isRevoked(ROOT, 299));
        assertFalse(origins.isRevoked(ROOT, 301));
        assertFalse(origins.isRevoked(ROOT, 300 - 256));
        assertFalse(origins.isRevoked(KCCI_ROOT, 300));
    }

    function test_RevertWhen_BatchIsUnknown() public {
        _expectUnknownBatch(UNKNOWN);
        origins.isRevoked(UNKNOWN, 0);
    }

    function test_RevertWhen_IndexIsOutOfRange() public {
        _expectOutOfRange(ROOT, SIZE, SIZE);
        origins.isRevoked(ROOT, SIZE);
    }
}

contract OriginRegistry_useOf_Test is OriginRegistry_Base {
    function test_ReturnsTheFirstUse() public {
        vm.warp(START + 3 days);
        _markUsed(uzOperator, KCCI_ROOT, 12, REF);
        IOriginRegistry.Use memory use = origins.useOf(KCCI_ROOT, 12);
        assertEq(bytes32(use.member), bytes32(UZ));
        assertEq(use.usedAt, START + 3 days);
        assertEq(use.declarationRef, REF);
    }

    function test_ReturnsZeroForAnUnusedCertificateOrUnknownRoot() public view {
        IOriginRegistry.Use memory use = origins.useOf(ROOT, 12);
        assertEq(bytes32(use.member), bytes32(0));
        assertEq(use.usedAt, 0);
        assertEq(use.declarationRef, bytes32(0));
        assertEq(bytes32(origins.useOf(UNKNOWN, 0).member), bytes32(0));
    }
}

contract OriginRegistry_leafOf_Test is OriginRegistry_Base {
    function test_MatchesTheDocumentedFormula() public view {
        bytes32 document = keccak256("<CertificateOfOrigin/>");
        bytes32 inner =
            keccak256(abi.encode(keccak256("CredentialLedger.CertificateOfOrigin.v1"), uint256(9), document));
        assertEq(origins.leafOf(9, document), keccak256(abi.encodePacked(inner)));
    }

    function test_DiffersFromTheCredentialRegistrysLeaf() public view {
        bytes32 document = keccak256("doc");
        assertTrue(origins.leafOf(3, document) != credentials.leafOf(3, document));
    }

    function testFuzz_MatchesTheDocumentedFormula(uint32 index, bytes32 documentHash) public view {
        assertEq(origins.leafOf(index, documentHash), _leaf(TAG, index, documentHash));
    }
}

contract OriginRegistry_verifyInclusion_Test is OriginRegistry_Base {
    function _tree(uint256 count, bytes32 seed)
        internal
        returns (bytes32 root, bytes32[] memory documents, bytes32[] memory leaves)
    {
        documents = _documents(count, seed);
        leaves = _leaves(TAG, documents);
        root = MerkleTree.root(leaves);
        // forge-lint: disable-next-line(unsafe-typecast)
        _anchor(chamberAccount, root, uint32(count));
    }

    function _verify(bytes32 root, uint256 index, bytes32 document, bytes32[] memory proof)
        internal
        view
        returns (bool)
    {
        // forge-lint: disable-next-line(unsafe-typecast)
        return origins.verifyInclusion(root, uint32(index), document, proof);
    }

    function test_VerifiesEveryLeafOfTreesOfSeveralSizes() public {
        uint256[6] memory sizes = [uint256(1), 2, 3, 5, 8, 13];
        for (uint256 s = 0; s < sizes.length; ++s) {
            (bytes32 root, bytes32[] memory documents, bytes32[] memory leaves) = _tree(sizes[s], bytes32(s));
            for (uint256 i = 0; i < sizes[s]; ++i) {
                assertTrue(_verify(root, i, documents[i], MerkleTree.proof(leaves, i)), "leaf does not verify");
            }
        }
    }

    function test_VerifiesARevokedCertificate() public {
        // Inclusion and revocation are separate questions.
        (bytes32 root, bytes32[] memory documents, bytes32[] memory leaves) = _tree(5, "five");
        _revoke(chamberAccount, root, 2);
        assertTrue(_verify(root, 2, documents[2], MerkleTree.proof(leaves, 2)));
    }

    function test_ReturnsFalseForAWrongIndexOrDocument() public {
        (bytes32 root, bytes32[] memory documents, bytes32[] memory leaves) = _tree(8, "eight");
        assertFalse(_verify(root, 4, documents[3], MerkleTree.proof(leaves, 3)));
        assertFalse(_verify(root, 3, documents[4], MerkleTree.proof(leaves, 3)));
    }

    function test_ReturnsFalseForAnotherOrAnUnanchoredRoot() public {
        (, bytes32[] memory documents, bytes32[] memory leaves) = _tree(8, "eight");
        assertFalse(_verify(ROOT, 3, documents[3], MerkleTree.proof(leaves, 3)));
        bytes32[] memory unanchored = _leaves(TAG, _documents(8, "unanchored"));
        assertFalse(
            _verify(MerkleTree.root(unanchored), 3, _documents(8, "unanchored")[3], MerkleTree.proof(unanchored, 3))
        );
    }

    function test_ReturnsFalseForATamperedProof() public {
        (bytes32 root, bytes32[] memory documents, bytes32[] memory leaves) = _tree(13, "thirteen");
        bytes32[] memory proof = MerkleTree.proof(leaves, 12);
        proof[0] = bytes32(uint256(proof[0]) ^ (uint256(1) << 255));
        assertFalse(_verify(root, 12, documents[12], proof));
    }

    function test_ReturnsFalseForAnIndexBeyondTheAnchoredSize() public {
        bytes32[] memory documents = _documents(5, "five");
        bytes32[] memory leaves = _leaves(TAG, documents);
        bytes32 root = MerkleTree.root(leaves);
        _anchor(chamberAccount, root, 4);
        assertTrue(_verify(root, 3, documents[3], MerkleTree.proof(leaves, 3)));
        assertFalse(_verify(root, 4, documents[4], MerkleTree.proof(leaves, 4)));
    }

    function test_ReturnsFalseForALeafOfTheCredentialRegistry() public {
        bytes32[] memory documents = _documents(5, "five");
        bytes32[] memory leaves = _leaves(CREDENTIAL_TAG, documents);
        bytes32 root = MerkleTree.root(leaves);
        _anchor(chamberAccount, root, 5);
        vm.prank(kzOperator);
        credentials.anchor(root, 5);
        for (uint256 i = 0; i < 5; ++i) {
            assertFalse(_verify(root, i, documents[i], MerkleTree.proof(leaves, i)));
            // forge-lint: disable-next-line(unsafe-typecast)
            assertTrue(credentials.verifyInclusion(root, uint32(i), documents[i], MerkleTree.proof(leaves, i)));
        }
    }

    function testFuzz_EveryProofOfARandomTreeVerifies(uint256 count, bytes32 seed) public {
        count = bound(count, 1, 64);
        (bytes32 root, bytes32[] memory documents, bytes32[] memory leaves) = _tree(count, seed);
        for (uint256 i = 0; i < count; ++i) {
            bytes32[] memory proof = MerkleTree.proof(leaves, i);
            assertTrue(_verify(root, i, documents[i], proof), "proof does not verify");
            bytes32 flip = bytes32(uint256(1) << (uint256(keccak256(abi.encode(seed, i))) % 256));
            assertFalse(_verify(root, i, documents[i] ^ flip, proof), "flipped document verifies");
        }
    }
}
