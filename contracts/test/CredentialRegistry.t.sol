// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {CredentialRegistry} from "../src/CredentialRegistry.sol";
import {ICredentialRegistry} from "../src/interfaces/ICredentialRegistry.sol";
import {IMemberRegistry} from "../src/interfaces/IMemberRegistry.sol";
import {Fixtures} from "./utils/Fixtures.sol";
import {MerkleTree} from "./utils/MerkleTree.sol";

/// @notice Shared state of the CredentialRegistry tests: three batches (two of KZ, one of KR) and helpers.
abstract contract CredentialRegistry_Base is Fixtures {
    bytes32 internal constant TAG = keccak256("CredentialLedger.AeoCredential.v1");
    bytes32 internal constant ORIGIN_TAG = keccak256("CredentialLedger.CertificateOfOrigin.v1");
    /// @dev KZ's batch the status tests change.
    bytes32 internal constant ROOT = keccak256("KZ batch");
    /// @dev KZ's batch of renewed credentials (replacements for supersede).
    bytes32 internal constant NEXT = keccak256("KZ renewals");
    bytes32 internal constant KR_ROOT = keccak256("KR batch");
    bytes32 internal constant UNKNOWN = keccak256("never anchored");
    /// @dev Three status words: 0..127, 128..255, 256..299.
    uint32 internal constant SIZE = 300;
    uint8 internal constant REASON = 4;
    uint64 internal constant START = 1_700_000_000;
    // forge-lint: disable-next-line(unsafe-typecast)
    bytes16 internal constant CHAMBER = bytes16("KZ-ATAMEKEN");

    ICredentialRegistry.CredentialStatus internal constant ACTIVE = ICredentialRegistry.CredentialStatus.Active;
    ICredentialRegistry.CredentialStatus internal constant SUSPENDED = ICredentialRegistry.CredentialStatus.Suspended;
    ICredentialRegistry.CredentialStatus internal constant REVOKED = ICredentialRegistry.CredentialStatus.Revoked;
    ICredentialRegistry.CredentialStatus internal constant SUPERSEDED = ICredentialRegistry.CredentialStatus.Superseded;

    /// @dev Next unused index of NEXT, for replacements.
    uint32 internal nextReplacement;

    function setUp() public virtual override {
        super.setUp();
        _anchor(kzOperator, ROOT, SIZE);
        _anchor(kzOperator, NEXT, SIZE);
        _anchor(krOperator, KR_ROOT, SIZE);
        vm.warp(START + 1 days);
    }

    function _anchor(address operator, bytes32 root, uint32 size) internal {
        vm.prank(operator);
        credentials.anchor(root, size);
    }

    /// @dev Moves a fresh credential of a KZ batch to `status` along the shortest legal path.
    function _bring(bytes32 root, uint32 index, ICredentialRegistry.CredentialStatus status) internal {
        if (status == SUSPENDED) {
            vm.prank(kzOperator);
            credentials.suspend(root, index, 0, 0);
        } else if (status == REVOKED) {
            vm.prank(kzOperator);
            credentials.revoke(root, index, 0, 0);
        } else if (status == SUPERSEDED) {
            vm.prank(kzOperator);
            credentials.supersede(root, index, NEXT, nextReplacement++, 9, 0);
        }
        _assertStatus(root, index, status);
    }

    function _assertStatus(bytes32 root, uint32 index, ICredentialRegistry.CredentialStatus expected) internal view {
        assertEq(uint256(credentials.statusOf(root, index)), uint256(expected), "status");
    }

    function _expectIllegal(
        bytes32 root,
        uint32 index,
        ICredentialRegistry.CredentialStatus from,
        ICredentialRegistry.CredentialStatus to
    ) internal {
        vm.expectRevert(
            abi.encodeWithSelector(
                ICredentialRegistry.CredentialRegistryIllegalTransition.selector, root, index, from, to
            )
        );
    }

    function _expectInvalidReplacement(bytes32 newRoot, uint32 newIndex) internal {
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialRegistryInvalidReplacement.selector, newRoot, newIndex)
        );
    }

    function _expectNotOperator(address account) internal {
        vm.expectRevert(abi.encodeWithSelector(ICredentialRegistry.CredentialRegistryNotOperator.selector, account));
    }

    /// @dev The leaf formula of contracts/README.md, written out independently of MerkleBatch.
    function _leaf(bytes32 tag, uint256 index, bytes32 documentHash) internal pure returns (bytes32) {
        return keccak256(abi.encodePacked(keccak256(abi.encode(tag, index, documentHash))));
    }

    function _documents(uint256 count, bytes32 seed) internal pure returns (bytes32[] memory documents) {
        documents = new bytes32[](count);
        for (uint256 i = 0; i < count; ++i) {
            documents[i] = keccak256(abi.encode("compact JWS", seed, i));
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

    /// @dev A chamber account of KZ (an account of the member registry that is not an operator).
    function _authorizeChamberAccount() internal {
        vm.prank(kzOperator);
        members.authorizeChamber(CHAMBER, chamberAccount);
    }
}

contract CredentialRegistry_constructor_Test is CredentialRegistry_Base {
    function test_LinksTheMemberRegistry() public view {
        assertEq(address(credentials.MEMBERS()), address(members));
    }

    function test_LeafTagIsTheDocumentedConstant() public view {
        assertEq(credentials.LEAF_TAG(), keccak256("CredentialLedger.AeoCredential.v1"));
    }

    function test_DeploysAgainstAnyMemberRegistry() public {
        CredentialRegistry other = new CredentialRegistry(IMemberRegistry(address(0xBEEF)));
        assertEq(address(other.MEMBERS()), address(0xBEEF));
    }
}

contract CredentialRegistry_anchor_Test is CredentialRegistry_Base {
    bytes32 internal constant NEW_ROOT = keccak256("new batch");

    function test_AnchorsABatchForTheCallersMember() public {
        vm.expectEmit(address(credentials));
        emit ICredentialRegistry.BatchAnchored(NEW_ROOT, KZ, 1000, uint64(block.timestamp));
        _anchor(kzOperator, NEW_ROOT, 1000);

        ICredentialRegistry.Batch memory batch = credentials.getBatch(NEW_ROOT);
        assertEq(bytes32(batch.issuer), bytes32(KZ));
        assertEq(batch.size, 1000);
        assertEq(batch.anchoredAt, START + 1 days);
    }

    function test_FreshCredentialsAreActiveAndNoStatusIsWritten() public {
        _anchor(kzOperator, NEW_ROOT, 1000);
        _assertStatus(NEW_ROOT, 0, ACTIVE);
        _assertStatus(NEW_ROOT, 999, ACTIVE);
        for (uint256 w = 0; w < 8; ++w) {
            assertEq(credentials.statusWord(NEW_ROOT, w), 0);
        }
    }

    function test_AnchorsABatchOfOneCredential() public {
        _anchor(krOperator, NEW_ROOT, 1);
        assertEq(credentials.getBatch(NEW_ROOT).size, 1);
        assertEq(bytes32(credentials.getBatch(NEW_ROOT).issuer), bytes32(KR));
    }

    function test_AnchorsTheLargestBatch() public {
        _anchor(uzOperator, NEW_ROOT, type(uint32).max);
        assertEq(credentials.getBatch(NEW_ROOT).size, type(uint32).max);
        _assertStatus(NEW_ROOT, type(uint32).max - 1, ACTIVE);
    }

    function test_ANewlyAdmittedMemberAnchors() public {
        _admit(DE, deOperator);
        vm.expectEmit(address(credentials));
        emit ICredentialRegistry.BatchAnchored(NEW_ROOT, DE, 5, uint64(block.timestamp));
        _anchor(deOperator, NEW_ROOT, 5);
        assertEq(bytes32(credentials.getBatch(NEW_ROOT).issuer), bytes32(DE));
    }

    function test_AnotherOperatorOfTheMemberAnchorsForIt() public {
        address second = vm.addr(0xA21);
        vm.prank(kzOperator);
        members.addOperator(second);
        _anchor(second, NEW_ROOT, 3);
        assertEq(bytes32(credentials.getBatch(NEW_ROOT).issuer), bytes32(KZ));
    }

    function test_RevertWhen_RootIsZero() public {
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialRegistryInvalidBatch.selector, bytes32(0), uint32(5))
        );
        _anchor(kzOperator, bytes32(0), 5);
    }

    function test_RevertWhen_SizeIsZero() public {
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialRegistryInvalidBatch.selector, NEW_ROOT, uint32(0))
        );
        _anchor(kzOperator, NEW_ROOT, 0);
        assertEq(bytes32(credentials.getBatch(NEW_ROOT).issuer), bytes32(0));
    }

    function test_RevertWhen_RootIsAnchoredTwice() public {
        _anchor(kzOperator, NEW_ROOT, 10);
        vm.expectRevert(abi.encodeWithSelector(ICredentialRegistry.CredentialRegistryRootExists.selector, NEW_ROOT));
        _anchor(kzOperator, NEW_ROOT, 20);
        assertEq(credentials.getBatch(NEW_ROOT).size, 10);
    }

    function test_RevertWhen_AnotherMemberAnchorsTheSameRoot() public {
        _anchor(kzOperator, NEW_ROOT, 10);
        vm.warp(block.timestamp + 1 hours);
        vm.expectRevert(abi.encodeWithSelector(ICredentialRegistry.CredentialRegistryRootExists.selector, NEW_ROOT));
        _anchor(krOperator, NEW_ROOT, 10);
        ICredentialRegistry.Batch memory batch = credentials.getBatch(NEW_ROOT);
        assertEq(bytes32(batch.issuer), bytes32(KZ));
        assertEq(batch.anchoredAt, START + 1 days);
    }

    function test_RevertWhen_CallerIsNotAnOperator() public {
        _expectNotOperator(stranger);
        _anchor(stranger, NEW_ROOT, 10);
    }

    function test_RevertWhen_CallerIsAChamberAccount() public {
        _authorizeChamberAccount();
        _expectNotOperator(chamberAccount);
        _anchor(chamberAccount, NEW_ROOT, 10);
    }

    function test_RevertWhen_CallerIsTheOperatorOfARemovedMember() public {
        _remove(KZ);
        _expectNotOperator(kzOperator);
        _anchor(kzOperator, NEW_ROOT, 10);
    }

    function test_RevertWhen_CallerIsARemovedOperator() public {
        address second = vm.addr(0xA21);
        vm.prank(kzOperator);
        members.addOperator(second);
        vm.prank(kzOperator);
        members.removeOperator(second);
        _expectNotOperator(second);
        _anchor(second, NEW_ROOT, 10);
    }

    function testFuzz_AnchorsAnyNonZeroRootAndSize(bytes32 root, uint32 size) public {
        vm.assume(root != bytes32(0) && root != ROOT && root != NEXT && root != KR_ROOT);
        // forge-lint: disable-next-line(unsafe-typecast)
        size = uint32(bound(size, 1, type(uint32).max));
        vm.expectEmit(address(credentials));
        emit ICredentialRegistry.BatchAnchored(root, UZ, size, uint64(block.timestamp));
        _anchor(uzOperator, root, size);
        assertEq(credentials.getBatch(root).size, size);
    }
}

// ---------------------------------------------------------------- single status changes

/// @notice What suspend, reinstate, revoke and supersede share: who may call, which batch and index, effective time.
abstract contract CredentialRegistry_SingleChange_Shared is CredentialRegistry_Base {
    /// @dev The status the function moves a credential to.
    function _to() internal pure virtual returns (ICredentialRegistry.CredentialStatus);

    /// @dev A status the function legally moves a credential from.
    function _from() internal pure virtual returns (ICredentialRegistry.CredentialStatus) {
        return ACTIVE;
    }

    function _change(address sender, bytes32 root, uint32 index, uint8 reason, uint64 effectiveAt) internal virtual;

    function _expectChanged(bytes32 root, uint32 index, uint8 reason, uint64 effectiveAt) internal virtual {
        vm.expectEmit(address(credentials));
        emit ICredentialRegistry.CredentialStatusChanged(root, index, _to(), reason, effectiveAt);
    }

    function test_ChangesTheStatusAndEmits() public {
        _bring(ROOT, 7, _from());
        _expectChanged(ROOT, 7, REASON, uint64(block.timestamp));
        _change(kzOperator, ROOT, 7, REASON, 0);
        _assertStatus(ROOT, 7, _to());
    }

    function test_LeavesEveryOtherCredentialAlone() public {
        _bring(ROOT, 7, _from());
        _change(kzOperator, ROOT, 7, REASON, 0);
        assertEq(credentials.statusWord(ROOT, 0), uint256(_to()) << 14);
        assertEq(credentials.statusWord(ROOT, 1), 0);
        _assertStatus(ROOT, 6, ACTIVE);
        _assertStatus(ROOT, 8, ACTIVE);
    }

    function test_ChangesTheLastCredentialOfTheBatch() public {
        _bring(ROOT, SIZE - 1, _from());
        _expectChanged(ROOT, SIZE - 1, REASON, uint64(block.timestamp));
        _change(kzOperator, ROOT, SIZE - 1, REASON, 0);
        _assertStatus(ROOT, SIZE - 1, _to());
        assertEq(credentials.statusWord(ROOT, 2), uint256(_to()) << (2 * ((SIZE - 1) % 128)));
    }

    function test_EffectiveTimeZeroMeansTheBlockTime() public {
        _bring(ROOT, 7, _from());
        vm.warp(START + 3 days + 17);
        _expectChanged(ROOT, 7, REASON, START + 3 days + 17);
        _change(kzOperator, ROOT, 7, REASON, 0);
    }

    function test_KeepsAnEffectiveTimeInThePast() public {
        _bring(ROOT, 7, _from());
        _expectChanged(ROOT, 7, 11, START - 30 days);
        _change(kzOperator, ROOT, 7, 11, START - 30 days);
        _assertStatus(ROOT, 7, _to());
    }

    function test_AcceptsTheBlockTimeAsEffectiveTime() public {
        _bring(ROOT, 7, _from());
        _expectChanged(ROOT, 7, REASON, uint64(block.timestamp));
        _change(kzOperator, ROOT, 7, REASON, uint64(block.timestamp));
    }

    function test_AnotherOperatorOfTheIssuerChanges() public {
        address second = vm.addr(0xA21);
        vm.prank(kzOperator);
        members.addOperator(second);
        _bring(ROOT, 7, _from());
        _change(second, ROOT, 7, REASON, 0);
        _assertStatus(ROOT, 7, _to());
    }

    function test_RevertWhen_EffectiveTimeIsInTheFuture() public {
        _bring(ROOT, 7, _from());
        uint64 future = uint64(block.timestamp) + 1;
        vm.expectRevert(
            abi.encodeWithSelector(
                ICredentialRegistry.CredentialRegistryEffectiveTimeInFuture.selector, future, uint64(block.timestamp)
            )
        );
        _change(kzOperator, ROOT, 7, REASON, future);
        _assertStatus(ROOT, 7, _from());
    }

    function test_RevertWhen_IndexIsOutOfRange() public {
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialRegistryIndexOutOfRange.selector, ROOT, SIZE, SIZE)
        );
        _change(kzOperator, ROOT, SIZE, REASON, 0);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICredentialRegistry.CredentialRegistryIndexOutOfRange.selector, ROOT, type(uint32).max, SIZE
            )
        );
        _change(kzOperator, ROOT, type(uint32).max, REASON, 0);
        assertEq(credentials.statusWord(ROOT, uint256(SIZE) >> 7), 0);
    }

    function test_RevertWhen_BatchIsUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(ICredentialRegistry.CredentialRegistryUnknownBatch.selector, UNKNOWN));
        _change(kzOperator, UNKNOWN, 0, REASON, 0);
    }

    function test_RevertWhen_CallerIsAnotherMembersOperator() public {
        _bring(ROOT, 7, _from());
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialRegistryNotIssuer.selector, ROOT, KZ, krOperator)
        );
        _change(krOperator, ROOT, 7, REASON, 0);
        _assertStatus(ROOT, 7, _from());
    }

    function test_RevertWhen_CallerIsNotAnOperator() public {
        _bring(ROOT, 7, _from());
        _expectNotOperator(stranger);
        _change(stranger, ROOT, 7, REASON, 0);
    }

    function test_RevertWhen_CallerIsAChamberAccount() public {
        _bring(ROOT, 7, _from());
        _authorizeChamberAccount();
        _expectNotOperator(chamberAccount);
        _change(chamberAccount, ROOT, 7, REASON, 0);
    }

    function test_RevertWhen_CallerIsTheOperatorOfARemovedMember() public {
        _bring(ROOT, 7, _from());
        _remove(KZ);
        _expectNotOperator(kzOperator);
        _change(kzOperator, ROOT, 7, REASON, 0);
        _assertStatus(ROOT, 7, _from());
    }
}

contract CredentialRegistry_suspend_Test is CredentialRegistry_SingleChange_Shared {
    function _to() internal pure override returns (ICredentialRegistry.CredentialStatus) {
        return SUSPENDED;
    }

    function _change(address sender, bytes32 root, uint32 index, uint8 reason, uint64 effectiveAt) internal override {
        vm.prank(sender);
        credentials.suspend(root, index, reason, effectiveAt);
    }

    function test_SuspendsAReinstatedCredentialAgain() public {
        _bring(ROOT, 3, SUSPENDED);
        vm.prank(kzOperator);
        credentials.reinstate(ROOT, 3, 0, 0);
        _change(kzOperator, ROOT, 3, REASON, 0);
        _assertStatus(ROOT, 3, SUSPENDED);
    }

    function test_RevertWhen_CredentialIsSuspended() public {
        _bring(ROOT, 3, SUSPENDED);
        _expectIllegal(ROOT, 3, SUSPENDED, SUSPENDED);
        _change(kzOperator, ROOT, 3, REASON, 0);
    }

    function test_RevertWhen_CredentialIsRevoked() public {
        _bring(ROOT, 3, REVOKED);
        _expectIllegal(ROOT, 3, REVOKED, SUSPENDED);
        _change(kzOperator, ROOT, 3, REASON, 0);
        _assertStatus(ROOT, 3, REVOKED);
    }

    function test_RevertWhen_CredentialIsSuperseded() public {
        _bring(ROOT, 3, SUPERSEDED);
        _expectIllegal(ROOT, 3, SUPERSEDED, SUSPENDED);
        _change(kzOperator, ROOT, 3, REASON, 0);
        _assertStatus(ROOT, 3, SUPERSEDED);
    }
}

contract CredentialRegistry_reinstate_Test is CredentialRegistry_SingleChange_Shared {
    function _to() internal pure override returns (ICredentialRegistry.CredentialStatus) {
        return ACTIVE;
    }

    function _from() internal pure override returns (ICredentialRegistry.CredentialStatus) {
        return SUSPENDED;
    }

    function _change(address sender, bytes32 root, uint32 index, uint8 reason, uint64 effectiveAt) internal override {
        vm.prank(sender);
        credentials.reinstate(root, index, reason, effectiveAt);
    }

    function test_RevertWhen_CredentialIsActive() public {
        _expectIllegal(ROOT, 3, ACTIVE, ACTIVE);
        _change(kzOperator, ROOT, 3, REASON, 0);
    }

    function test_RevertWhen_CredentialIsRevoked() public {
        _bring(ROOT, 3, REVOKED);
        _expectIllegal(ROOT, 3, REVOKED, ACTIVE);
        _change(kzOperator, ROOT, 3, REASON, 0);
        _assertStatus(ROOT, 3, REVOKED);
    }

    function test_RevertWhen_CredentialWasRevokedWhileSuspended() public {
        _bring(ROOT, 3, SUSPENDED);
        vm.prank(kzOperator);
        credentials.revoke(ROOT, 3, 0, 0);
        _expectIllegal(ROOT, 3, REVOKED, ACTIVE);
        _change(kzOperator, ROOT, 3, REASON, 0);
    }

    function test_RevertWhen_CredentialIsSuperseded() public {
        _bring(ROOT, 3, SUPERSEDED);
        _expectIllegal(ROOT, 3, SUPERSEDED, ACTIVE);
        _change(kzOperator, ROOT, 3, REASON, 0);
        _assertStatus(ROOT, 3, SUPERSEDED);
    }
}

contract CredentialRegistry_revoke_Test is CredentialRegistry_SingleChange_Shared {
    function _to() internal pure override returns (ICredentialRegistry.CredentialStatus) {
        return REVOKED;
    }

    function _change(address sender, bytes32 root, uint32 index, uint8 reason, uint64 effectiveAt) internal override {
        vm.prank(sender);
        credentials.revoke(root, index, reason, effectiveAt);
    }

    function test_RevokesASuspendedCredential() public {
        _bring(ROOT, 3, SUSPENDED);
        _expectChanged(ROOT, 3, REASON, uint64(block.timestamp));
        _change(kzOperator, ROOT, 3, REASON, 0);
        _assertStatus(ROOT, 3, REVOKED);
    }

    function test_RevertWhen_CredentialIsRevoked() public {
        _bring(ROOT, 3, REVOKED);
        _expectIllegal(ROOT, 3, REVOKED, REVOKED);
        _change(kzOperator, ROOT, 3, REASON, 0);
    }

    function test_RevertWhen_CredentialIsSuperseded() public {
        _bring(ROOT, 3, SUPERSEDED);
        _expectIllegal(ROOT, 3, SUPERSEDED, REVOKED);
        _change(kzOperator, ROOT, 3, REASON, 0);
        _assertStatus(ROOT, 3, SUPERSEDED);
    }
}

contract CredentialRegistry_supersede_Test is CredentialRegistry_SingleChange_Shared {
    function _to() internal pure override returns (ICredentialRegistry.CredentialStatus) {
        return SUPERSEDED;
    }

    function _change(address sender, bytes32 root, uint32 index, uint8 reason, uint64 effectiveAt) internal override {
        vm.prank(sender);
        credentials.supersede(root, index, NEXT, nextReplacement++, reason, effectiveAt);
    }

    function _expectChanged(bytes32 root, uint32 index, uint8 reason, uint64 effectiveAt) internal override {
        vm.expectEmit(address(credentials));
        emit ICredentialRegistry.CredentialSuperseded(root, index, NEXT, nextReplacement, reason, effectiveAt);
    }

    function _supersede(bytes32 root, uint32 index, bytes32 newRoot, uint32 newIndex) internal {
        vm.prank(kzOperator);
        credentials.supersede(root, index, newRoot, newIndex, 9, 0);
    }

    function test_LeavesTheReplacementActive() public {
        _supersede(ROOT, 3, NEXT, 40);
        _assertStatus(ROOT, 3, SUPERSEDED);
        _assertStatus(NEXT, 40, ACTIVE);
        assertEq(credentials.statusWord(NEXT, 0), 0);
    }

    function test_SupersedesByACredentialOfTheSameBatch() public {
        vm.expectEmit(address(credentials));
        emit ICredentialRegistry.CredentialSuperseded(ROOT, 3, ROOT, 200, 9, uint64(block.timestamp));
        _supersede(ROOT, 3, ROOT, 200);
        _assertStatus(ROOT, 3, SUPERSEDED);
        _assertStatus(ROOT, 200, ACTIVE);
    }

    function test_SupersedesAReplacementInTurn() public {
        _supersede(ROOT, 3, NEXT, 40);
        _supersede(NEXT, 40, NEXT, 41);
        _assertStatus(NEXT, 40, SUPERSEDED);
        _assertStatus(NEXT, 41, ACTIVE);
    }

    function test_RevertWhen_CredentialIsSuspended() public {
        _bring(ROOT, 3, SUSPENDED);
        _expectIllegal(ROOT, 3, SUSPENDED, SUPERSEDED);
        _supersede(ROOT, 3, NEXT, 40);
        _assertStatus(ROOT, 3, SUSPENDED);
    }

    function test_RevertWhen_CredentialIsRevoked() public {
        _bring(ROOT, 3, REVOKED);
        _expectIllegal(ROOT, 3, REVOKED, SUPERSEDED);
        _supersede(ROOT, 3, NEXT, 40);
    }

    function test_RevertWhen_CredentialIsSuperseded() public {
        _supersede(ROOT, 3, NEXT, 40);
        _expectIllegal(ROOT, 3, SUPERSEDED, SUPERSEDED);
        _supersede(ROOT, 3, NEXT, 41);
    }

    function test_RevertWhen_ReplacementBelongsToAnotherIssuer() public {
        _expectInvalidReplacement(KR_ROOT, 5);
        _supersede(ROOT, 3, KR_ROOT, 5);
        _assertStatus(ROOT, 3, ACTIVE);
    }

    function test_RevertWhen_ReplacementBatchIsUnknown() public {
        _expectInvalidReplacement(UNKNOWN, 0);
        _supersede(ROOT, 3, UNKNOWN, 0);
    }

    function test_RevertWhen_ReplacementIndexIsOutOfRange() public {
        _expectInvalidReplacement(NEXT, SIZE);
        _supersede(ROOT, 3, NEXT, SIZE);
        _expectInvalidReplacement(NEXT, type(uint32).max);
        _supersede(ROOT, 3, NEXT, type(uint32).max);
    }

    function test_RevertWhen_ReplacementIsTheSameCredential() public {
        _expectInvalidReplacement(ROOT, 3);
        _supersede(ROOT, 3, ROOT, 3);
        _assertStatus(ROOT, 3, ACTIVE);
    }

    function test_RevertWhen_ReplacementIsSuspended() public {
        _bring(NEXT, 40, SUSPENDED);
        _expectInvalidReplacement(NEXT, 40);
        _supersede(ROOT, 3, NEXT, 40);
    }

    function test_RevertWhen_ReplacementIsRevoked() public {
        _bring(NEXT, 40, REVOKED);
        _expectInvalidReplacement(NEXT, 40);
        _supersede(ROOT, 3, NEXT, 40);
    }

    function test_RevertWhen_ReplacementIsSuperseded() public {
        _supersede(ROOT, 200, ROOT, 201);
        _expectInvalidReplacement(ROOT, 200);
        _supersede(ROOT, 3, ROOT, 200);
    }

    function test_RevertWhen_ReplacementIsInvalidAndIndexOutOfRange() public {
        // The replacement is checked first.
        _expectInvalidReplacement(KR_ROOT, 0);
        _supersede(ROOT, SIZE, KR_ROOT, 0);
    }
}

// ---------------------------------------------------------------- bulk status changes

/// @notice What suspendMany, reinstateMany and revokeMany share.
abstract contract CredentialRegistry_ManyChange_Shared is CredentialRegistry_Base {
    function _to() internal pure virtual returns (ICredentialRegistry.CredentialStatus);

    function _from() internal pure virtual returns (ICredentialRegistry.CredentialStatus) {
        return ACTIVE;
    }

    function _changeMany(address sender, bytes32 root, uint32[] memory indices, uint8 reason, uint64 effectiveAt)
        internal
        virtual;

    /// @dev Brings each of `distinct` (no duplicates) to `_from()`.
    function _prepare(uint32[] memory distinct) internal {
        for (uint256 i = 0; i < distinct.length; ++i) {
            _bring(ROOT, distinct[i], _from());
        }
    }

    function _expectChangedMany(bytes32 root, uint32[] memory indices, uint8 reason, uint64 effectiveAt) internal {
        vm.expectEmit(address(credentials));
        emit ICredentialRegistry.CredentialStatusesChanged(root, _to(), reason, effectiveAt, indices);
    }

    function _boundaryIndices() internal pure returns (uint32[] memory indices) {
        indices = new uint32[](7);
        indices[0] = 126;
        indices[1] = 127;
        indices[2] = 128;
        indices[3] = 129;
        indices[4] = 255;
        indices[5] = 256;
        indices[6] = SIZE - 1;
    }

    function _assertWords(uint32[] memory changed) internal view {
        uint256[3] memory expected;
        for (uint256 i = 0; i < changed.length; ++i) {
            expected[changed[i] >> 7] |= uint256(_to()) << (2 * (changed[i] % 128));
        }
        for (uint256 w = 0; w < 3; ++w) {
            assertEq(credentials.statusWord(ROOT, w), expected[w], "status word");
        }
    }

    function test_ChangesEveryListedCredentialAndEmitsTheList() public {
        uint32[] memory indices = _list(3, 9, 4);
        _prepare(indices);
        _expectChangedMany(ROOT, indices, REASON, uint64(block.timestamp));
        _changeMany(kzOperator, ROOT, indices, REASON, 0);
        _assertStatus(ROOT, 3, _to());
        _assertStatus(ROOT, 4, _to());
        _assertStatus(ROOT, 9, _to());
        _assertStatus(ROOT, 5, ACTIVE);
        _assertWords(indices);
    }

    function test_ChangesASingleCredential() public {
        uint32[] memory indices = _list(42);
        _prepare(indices);
        _expectChangedMany(ROOT, indices, REASON, uint64(block.timestamp));
        _changeMany(kzOperator, ROOT, indices, REASON, 0);
        _assertWords(indices);
    }

    function test_ChangesCredentialsOnBothSidesOfWordBoundaries() public {
        uint32[] memory indices = _boundaryIndices();
        _prepare(indices);
        _expectChangedMany(ROOT, indices, REASON, uint64(block.timestamp));
        _changeMany(kzOperator, ROOT, indices, REASON, 0);
        _assertWords(indices);
    }

    function test_ChangesUnsortedIndicesThatJumpBetweenWords() public {
        uint32[] memory indices = new uint32[](6);
        indices[0] = 256;
        indices[1] = 0;
        indices[2] = 128;
        indices[3] = 1;
        indices[4] = SIZE - 1;
        indices[5] = 127;
        _prepare(indices);
        _expectChangedMany(ROOT, indices, REASON, uint64(block.timestamp));
        _changeMany(kzOperator, ROOT, indices, REASON, 0);
        _assertWords(indices);
        for (uint256 i = 0; i < indices.length; ++i) {
            _assertStatus(ROOT, indices[i], _to());
        }
    }

    function test_EffectiveTimeZeroMeansTheBlockTime() public {
        uint32[] memory indices = _list(1, 2);
        _prepare(indices);
        vm.warp(START + 5 days + 3);
        _expectChangedMany(ROOT, indices, REASON, START + 5 days + 3);
        _changeMany(kzOperator, ROOT, indices, REASON, 0);
    }

    function test_KeepsAnEffectiveTimeInThePast() public {
        uint32[] memory indices = _list(1, 2);
        _prepare(indices);
        _expectChangedMany(ROOT, indices, 8, START - 1);
        _changeMany(kzOperator, ROOT, indices, 8, START - 1);
        _assertWords(indices);
    }

    function test_RevertWhen_EffectiveTimeIsInTheFuture() public {
        uint32[] memory indices = _list(1, 2);
        _prepare(indices);
        uint64 future = uint64(block.timestamp) + 1 days;
        vm.expectRevert(
            abi.encodeWithSelector(
                ICredentialRegistry.CredentialRegistryEffectiveTimeInFuture.selector, future, uint64(block.timestamp)
            )
        );
        _changeMany(kzOperator, ROOT, indices, REASON, future);
        _assertStatus(ROOT, 1, _from());
    }

    function test_RevertWhen_ListIsEmpty() public {
        vm.expectRevert(ICredentialRegistry.CredentialRegistryInvalidList.selector);
        _changeMany(kzOperator, ROOT, new uint32[](0), REASON, 0);
    }

    function test_RevertWhen_AnIndexIsListedTwice() public {
        _prepare(_list(5, 6));
        // The second occurrence finds the credential already moved.
        _expectIllegal(ROOT, 5, _to(), _to());
        _changeMany(kzOperator, ROOT, _list(5, 6, 5), REASON, 0);
        _assertStatus(ROOT, 5, _from());
        _assertStatus(ROOT, 6, _from());
    }

    function test_RevertWhen_AnIndexIsListedTwiceAroundAnotherWord() public {
        _prepare(_list(5, 200));
        _expectIllegal(ROOT, 5, _to(), _to());
        _changeMany(kzOperator, ROOT, _list(5, 200, 5), REASON, 0);
        _assertStatus(ROOT, 200, _from());
    }

    function test_RevertWhen_OneTransitionIsIllegal() public {
        _prepare(_list(1, 3));
        _bring(ROOT, 2, SUPERSEDED);
        _expectIllegal(ROOT, 2, SUPERSEDED, _to());
        _changeMany(kzOperator, ROOT, _list(1, 2, 3), REASON, 0);
        _assertStatus(ROOT, 1, _from());
        _assertStatus(ROOT, 2, SUPERSEDED);
    }

    function test_RevertWhen_AnIndexIsOutOfRange() public {
        _prepare(_list(1));
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialRegistryIndexOutOfRange.selector, ROOT, SIZE, SIZE)
        );
        _changeMany(kzOperator, ROOT, _list(1, SIZE), REASON, 0);
        _assertStatus(ROOT, 1, _from());
    }

    function test_RevertWhen_BatchIsUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(ICredentialRegistry.CredentialRegistryUnknownBatch.selector, UNKNOWN));
        _changeMany(kzOperator, UNKNOWN, _list(1), REASON, 0);
    }

    function test_RevertWhen_CallerIsAnotherMembersOperator() public {
        _prepare(_list(1));
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialRegistryNotIssuer.selector, ROOT, KZ, uzOperator)
        );
        _changeMany(uzOperator, ROOT, _list(1), REASON, 0);
    }

    function test_RevertWhen_CallerIsNotAnOperator() public {
        _expectNotOperator(stranger);
        _changeMany(stranger, ROOT, _list(1), REASON, 0);
    }

    function test_RevertWhen_CallerIsAChamberAccount() public {
        _authorizeChamberAccount();
        _expectNotOperator(chamberAccount);
        _changeMany(chamberAccount, ROOT, _list(1), REASON, 0);
    }

    function test_RevertWhen_CallerIsTheOperatorOfARemovedMember() public {
        _prepare(_list(1));
        _remove(KZ);
        _expectNotOperator(kzOperator);
        _changeMany(kzOperator, ROOT, _list(1), REASON, 0);
    }
}

contract CredentialRegistry_suspendMany_Test is CredentialRegistry_ManyChange_Shared {
    function _to() internal pure override returns (ICredentialRegistry.CredentialStatus) {
        return SUSPENDED;
    }

    function _changeMany(address sender, bytes32 root, uint32[] memory indices, uint8 reason, uint64 effectiveAt)
        internal
        override
    {
        vm.prank(sender);
        credentials.suspendMany(root, indices, reason, effectiveAt);
    }

    function test_RevertWhen_ACredentialIsSuspended() public {
        _bring(ROOT, 2, SUSPENDED);
        _expectIllegal(ROOT, 2, SUSPENDED, SUSPENDED);
        _changeMany(kzOperator, ROOT, _list(1, 2), REASON, 0);
    }

    function test_RevertWhen_ACredentialIsRevoked() public {
        _bring(ROOT, 2, REVOKED);
        _expectIllegal(ROOT, 2, REVOKED, SUSPENDED);
        _changeMany(kzOperator, ROOT, _list(1, 2), REASON, 0);
        _assertStatus(ROOT, 1, ACTIVE);
    }
}

contract CredentialRegistry_reinstateMany_Test is CredentialRegistry_ManyChange_Shared {
    function _to() internal pure override returns (ICredentialRegistry.CredentialStatus) {
        return ACTIVE;
    }

    function _from() internal pure override returns (ICredentialRegistry.CredentialStatus) {
        return SUSPENDED;
    }

    function _changeMany(address sender, bytes32 root, uint32[] memory indices, uint8 reason, uint64 effectiveAt)
        internal
        override
    {
        vm.prank(sender);
        credentials.reinstateMany(root, indices, reason, effectiveAt);
    }

    function test_RevertWhen_ACredentialIsActive() public {
        _bring(ROOT, 1, SUSPENDED);
        _expectIllegal(ROOT, 2, ACTIVE, ACTIVE);
        _changeMany(kzOperator, ROOT, _list(1, 2), REASON, 0);
        _assertStatus(ROOT, 1, SUSPENDED);
    }

    function test_RevertWhen_ACredentialIsRevoked() public {
        _bring(ROOT, 1, SUSPENDED);
        _bring(ROOT, 2, REVOKED);
        _expectIllegal(ROOT, 2, REVOKED, ACTIVE);
        _changeMany(kzOperator, ROOT, _list(1, 2), REASON, 0);
    }
}

contract CredentialRegistry_revokeMany_Test is CredentialRegistry_ManyChange_Shared {
    function _to() internal pure override returns (ICredentialRegistry.CredentialStatus) {
        return REVOKED;
    }

    function _changeMany(address sender, bytes32 root, uint32[] memory indices, uint8 reason, uint64 effectiveAt)
        internal
        override
    {
        vm.prank(sender);
        credentials.revokeMany(root, indices, reason, effectiveAt);
    }

    function test_RevokesActiveAndSuspendedCredentialsTogether() public {
        _bring(ROOT, 2, SUSPENDED);
        _expectChangedMany(ROOT, _list(1, 2, 130), REASON, uint64(block.timestamp));
        _changeMany(kzOperator, ROOT, _list(1, 2, 130), REASON, 0);
        _assertWords(_list(1, 2, 130));
    }

    function test_RevertWhen_ACredentialIsRevoked() public {
        _bring(ROOT, 2, REVOKED);
        _expectIllegal(ROOT, 2, REVOKED, REVOKED);
        _changeMany(kzOperator, ROOT, _list(1, 2), REASON, 0);
        _assertStatus(ROOT, 1, ACTIVE);
    }
}

contract CredentialRegistry_supersedeMany_Test is CredentialRegistry_Base {
    function _supersedeMany(
        address sender,
        bytes32 root,
        uint32[] memory indices,
        bytes32 newRoot,
        uint32[] memory newIndices
    ) internal {
        vm.prank(sender);
        credentials.supersedeMany(root, indices, newRoot, newIndices, 9, 0);
    }

    function test_SupersedesEveryListedCredentialAndEmitsOneEventEach() public {
        uint32[] memory indices = _list(0, 200, 1);
        uint32[] memory newIndices = _list(10, 11, 12);
        for (uint256 i = 0; i < 3; ++i) {
            vm.expectEmit(address(credentials));
            emit ICredentialRegistry.CredentialSuperseded(
                ROOT, indices[i], NEXT, newIndices[i], 9, uint64(block.timestamp)
            );
        }
        _supersedeMany(kzOperator, ROOT, indices, NEXT, newIndices);
        _assertStatus(ROOT, 0, SUPERSEDED);
        _assertStatus(ROOT, 1, SUPERSEDED);
        _assertStatus(ROOT, 200, SUPERSEDED);
        _assertStatus(ROOT, 2, ACTIVE);
        _assertStatus(NEXT, 10, ACTIVE);
        assertEq(credentials.statusWord(ROOT, 0), 3 | (3 << 2));
        assertEq(credentials.statusWord(ROOT, 1), uint256(3) << (2 * 72));
        assertEq(credentials.statusWord(NEXT, 0), 0);
    }

    function test_SupersedesAcrossAWordBoundary() public {
        _supersedeMany(kzOperator, ROOT, _list(127, 128), NEXT, _list(0, 1));
        assertEq(credentials.statusWord(ROOT, 0), uint256(3) << 254);
        assertEq(credentials.statusWord(ROOT, 1), 3);
    }

    function test_SupersedesByCredentialsOfTheSameBatch() public {
        _supersedeMany(kzOperator, ROOT, _list(0, 1), ROOT, _list(1, 2));
        _assertStatus(ROOT, 0, SUPERSEDED);
        _assertStatus(ROOT, 1, SUPERSEDED);
        _assertStatus(ROOT, 2, ACTIVE);
    }

    function test_KeepsAnEffectiveTimeInThePast() public {
        vm.expectEmit(address(credentials));
        emit ICredentialRegistry.CredentialSuperseded(ROOT, 4, NEXT, 5, 9, START);
        vm.prank(kzOperator);
        credentials.supersedeMany(ROOT, _list(4), NEXT, _list(5), 9, START);
    }

    function test_EffectiveTimeZeroMeansTheBlockTime() public {
        vm.warp(START + 9 days);
        vm.expectEmit(address(credentials));
        emit ICredentialRegistry.CredentialSuperseded(ROOT, 4, NEXT, 5, 9, START + 9 days);
        _supersedeMany(kzOperator, ROOT, _list(4), NEXT, _list(5));
    }

    function test_RevertWhen_EffectiveTimeIsInTheFuture() public {
        uint64 future = uint64(block.timestamp) + 1;
        vm.expectRevert(
            abi.encodeWithSelector(
                ICredentialRegistry.CredentialRegistryEffectiveTimeInFuture.selector, future, uint64(block.timestamp)
            )
        );
        vm.prank(kzOperator);
        credentials.supersedeMany(ROOT, _list(4), NEXT, _list(5), 9, future);
    }

    function test_RevertWhen_ListsAreEmpty() public {
        vm.expectRevert(ICredentialRegistry.CredentialRegistryInvalidList.selector);
        _supersedeMany(kzOperator, ROOT, new uint32[](0), NEXT, new uint32[](0));
    }

    function test_RevertWhen_ListsDifferInLength() public {
        vm.expectRevert(ICredentialRegistry.CredentialRegistryInvalidList.selector);
        _supersedeMany(kzOperator, ROOT, _list(1, 2), NEXT, _list(1));
        vm.expectRevert(ICredentialRegistry.CredentialRegistryInvalidList.selector);
        _supersedeMany(kzOperator, ROOT, _list(1), NEXT, _list(1, 2));
        vm.expectRevert(ICredentialRegistry.CredentialRegistryInvalidList.selector);
        _supersedeMany(kzOperator, ROOT, _list(1), NEXT, new uint32[](0));
    }

    function test_RevertWhen_AnIndexIsListedTwice() public {
        _expectIllegal(ROOT, 4, SUPERSEDED, SUPERSEDED);
        _supersedeMany(kzOperator, ROOT, _list(4, 4), NEXT, _list(10, 11));
        _assertStatus(ROOT, 4, ACTIVE);
    }

    function test_RevertWhen_ACredentialIsNotActive() public {
        _bring(ROOT, 5, SUSPENDED);
        _expectIllegal(ROOT, 5, SUSPENDED, SUPERSEDED);
        _supersedeMany(kzOperator, ROOT, _list(4, 5), NEXT, _list(10, 11));
        _assertStatus(ROOT, 4, ACTIVE);
    }

    function test_RevertWhen_AReplacementWasSupersededEarlierInTheSameCall() public {
        _expectInvalidReplacement(ROOT, 0);
        _supersedeMany(kzOperator, ROOT, _list(0, 1), ROOT, _list(1, 0));
        _assertStatus(ROOT, 0, ACTIVE);
    }

    function test_RevertWhen_ReplacementBelongsToAnotherIssuer() public {
        _expectInvalidReplacement(KR_ROOT, 10);
        _supersedeMany(kzOperator, ROOT, _list(4), KR_ROOT, _list(10));
    }

    function test_RevertWhen_ReplacementBatchIsUnknown() public {
        _expectInvalidReplacement(UNKNOWN, 10);
        _supersedeMany(kzOperator, ROOT, _list(4), UNKNOWN, _list(10));
    }

    function test_RevertWhen_AReplacementIndexIsOutOfRange() public {
        _expectInvalidReplacement(NEXT, SIZE);
        _supersedeMany(kzOperator, ROOT, _list(4, 5), NEXT, _list(10, SIZE));
        _assertStatus(ROOT, 4, ACTIVE);
    }

    function test_RevertWhen_AReplacementIsTheSameCredential() public {
        _expectInvalidReplacement(ROOT, 5);
        _supersedeMany(kzOperator, ROOT, _list(4, 5), ROOT, _list(6, 5));
    }

    function test_RevertWhen_AReplacementIsNotActive() public {
        _bring(NEXT, 11, SUSPENDED);
        _bring(NEXT, 12, REVOKED);
        _expectInvalidReplacement(NEXT, 11);
        _supersedeMany(kzOperator, ROOT, _list(4, 5), NEXT, _list(10, 11));
        _expectInvalidReplacement(NEXT, 12);
        _supersedeMany(kzOperator, ROOT, _list(4, 5), NEXT, _list(10, 12));
    }

    function test_RevertWhen_AnIndexIsOutOfRange() public {
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialRegistryIndexOutOfRange.selector, ROOT, SIZE, SIZE)
        );
        _supersedeMany(kzOperator, ROOT, _list(4, SIZE), NEXT, _list(10, 11));
    }

    function test_RevertWhen_BatchIsUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(ICredentialRegistry.CredentialRegistryUnknownBatch.selector, UNKNOWN));
        _supersedeMany(kzOperator, UNKNOWN, _list(4), NEXT, _list(10));
    }

    function test_RevertWhen_CallerIsAnotherMembersOperator() public {
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialRegistryNotIssuer.selector, ROOT, KZ, krOperator)
        );
        _supersedeMany(krOperator, ROOT, _list(4), KR_ROOT, _list(10));
    }

    function test_RevertWhen_CallerIsNotAnOperator() public {
        _expectNotOperator(stranger);
        _supersedeMany(stranger, ROOT, _list(4), NEXT, _list(10));
    }

    function test_RevertWhen_CallerIsAChamberAccount() public {
        _authorizeChamberAccount();
        _expectNotOperator(chamberAccount);
        _supersedeMany(chamberAccount, ROOT, _list(4), NEXT, _list(10));
    }

    function test_RevertWhen_CallerIsTheOperatorOfARemovedMember() public {
        _remove(KZ);
        _expectNotOperator(kzOperator);
        _supersedeMany(kzOperator, ROOT, _list(4), NEXT, _list(10));
    }
}

// ---------------------------------------------------------------- views

contract CredentialRegistry_getBatch_Test is CredentialRegistry_Base {
    function test_ReturnsTheAnchoredBatch() public view {
        ICredentialRegistry.Batch memory batch = credentials.getBatch(KR_ROOT);
        assertEq(bytes32(batch.issuer), bytes32(KR));
        assertEq(batch.size, SIZE);
        assertEq(batch.anchoredAt, START);
    }

    function test_RecordsTheBlockTimeOfAnchoring() public {
        vm.warp(START + 40 days);
        _anchor(uzOperator, keccak256("late"), 2);
        assertEq(credentials.getBatch(keccak256("late")).anchoredAt, START + 40 days);
    }

    function test_ReturnsZeroForAnUnknownRoot() public view {
        ICredentialRegistry.Batch memory batch = credentials.getBatch(UNKNOWN);
        assertEq(bytes32(batch.issuer), bytes32(0));
        assertEq(batch.size, 0);
        assertEq(batch.anchoredAt, 0);
    }

    function test_OutlivesTheIssuersRemoval() public {
        _remove(KR);
        assertEq(bytes32(credentials.getBatch(KR_ROOT).issuer), bytes32(KR));
    }
}

contract CredentialRegistry_statusOf_Test is CredentialRegistry_Base {
    function test_ReportsEachStatus() public {
        _bring(ROOT, 0, SUSPENDED);
        _bring(ROOT, 1, REVOKED);
        _bring(ROOT, 2, SUPERSEDED);
        assertEq(uint256(credentials.statusOf(ROOT, 0)), uint256(SUSPENDED));
        assertEq(uint256(credentials.statusOf(ROOT, 1)), uint256(REVOKED));
        assertEq(uint256(credentials.statusOf(ROOT, 2)), uint256(SUPERSEDED));
        assertEq(uint256(credentials.statusOf(ROOT, 3)), uint256(ACTIVE));
    }

    function test_KeepsBatchesApart() public {
        _bring(ROOT, 0, REVOKED);
        assertEq(uint256(credentials.statusOf(NEXT, 0)), uint256(ACTIVE));
    }

    function test_RevertWhen_BatchIsUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(ICredentialRegistry.CredentialRegistryUnknownBatch.selector, UNKNOWN));
        credentials.statusOf(UNKNOWN, 0);
    }

    function test_RevertWhen_IndexIsOutOfRange() public {
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialRegistryIndexOutOfRange.selector, ROOT, SIZE, SIZE)
        );
        credentials.statusOf(ROOT, SIZE);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICredentialRegistry.CredentialRegistryIndexOutOfRange.selector, ROOT, type(uint32).max, SIZE
            )
        );
        credentials.statusOf(ROOT, type(uint32).max);
    }
}

contract CredentialRegistry_statusWord_Test is CredentialRegistry_Base {
    function test_PacksIndexIAtBits2TimesIMod128() public {
        _bring(ROOT, 0, SUSPENDED);
        _bring(ROOT, 1, REVOKED);
        _bring(ROOT, 63, SUPERSEDED);
        _bring(ROOT, 127, SUPERSEDED);
        _bring(ROOT, 128, SUSPENDED);
        _bring(ROOT, 255, REVOKED);
        _bring(ROOT, 256, REVOKED);
        _bring(ROOT, SIZE - 1, SUSPENDED);
        assertEq(credentials.statusWord(ROOT, 0), 1 | (2 << 2) | (uint256(3) << 126) | (uint256(3) << 254));
        assertEq(credentials.statusWord(ROOT, 1), 1 | (uint256(2) << 254));
        assertEq(credentials.statusWord(ROOT, 2), 2 | (uint256(1) << (2 * 43)));
    }

    function test_ReinstatingClearsTheBits() public {
        _bring(ROOT, 77, SUSPENDED);
        assertEq(credentials.statusWord(ROOT, 0), uint256(1) << 154);
        vm.prank(kzOperator);
        credentials.reinstate(ROOT, 77, 0, 0);
        assertEq(credentials.statusWord(ROOT, 0), 0);
    }

    function test_ReturnsZeroForUnknownRootsAndWordsBeyondTheBatch() public view {
        assertEq(credentials.statusWord(UNKNOWN, 0), 0);
        assertEq(credentials.statusWord(ROOT, 3), 0);
        assertEq(credentials.statusWord(ROOT, type(uint256).max), 0);
    }

    function testFuzz_AgreesWithStatusOf(uint32 index, uint8 status) public {
        index = uint32(bound(index, 0, SIZE - 1));
        ICredentialRegistry.CredentialStatus target = ICredentialRegistry.CredentialStatus(bound(status, 0, 3));
        _bring(ROOT, index, target);
        uint256 word = credentials.statusWord(ROOT, index / 128);
        assertEq((word >> (2 * (index % 128))) & 3, uint256(target));
        assertEq(word & ~(uint256(3) << (2 * (index % 128))), 0, "other bits");
    }
}

contract CredentialRegistry_leafOf_Test is CredentialRegistry_Base {
    function test_MatchesTheDocumentedFormula() public view {
        bytes32 document = keccak256("eyJhbGciOiJFUzI1NiJ9.payload.signature");
        bytes32 inner = keccak256(abi.encode(keccak256("CredentialLedger.AeoCredential.v1"), uint256(5), document));
        assertEq(credentials.leafOf(5, document), keccak256(abi.encodePacked(inner)));
    }

    function test_DependsOnTheIndex() public view {
        bytes32 document = keccak256("doc");
        assertTrue(credentials.leafOf(0, document) != credentials.leafOf(1, document));
    }

    function test_DiffersFromTheOriginRegistrysLeaf() public view {
        bytes32 document = keccak256("doc");
        assertTrue(credentials.leafOf(0, document) != origins.leafOf(0, document));
        assertEq(origins.leafOf(0, document), _leaf(ORIGIN_TAG, 0, document));
    }

    function testFuzz_MatchesTheDocumentedFormula(uint32 index, bytes32 documentHash) public view {
        assertEq(credentials.leafOf(index, documentHash), _leaf(TAG, index, documentHash));
    }
}

contract CredentialRegistry_verifyInclusion_Test is CredentialRegistry_Base {
    function _tree(uint256 count, bytes32 seed)
        internal
        returns (bytes32 root, bytes32[] memory documents, bytes32[] memory leaves)
    {
        documents = _documents(count, seed);
        leaves = _leaves(TAG, documents);
        root = MerkleTree.root(leaves);
        // forge-lint: disable-next-line(unsafe-typecast)
        _anchor(kzOperator, root, uint32(count));
    }

    function _verify(bytes32 root, uint256 index, bytes32 document, bytes32[] memory proof)
        internal
        view
        returns (bool)
    {
        // forge-lint: disable-next-line(unsafe-typecast)
        return credentials.verifyInclusion(root, uint32(index), document, proof);
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

    function test_ABatchOfOneHasItsLeafAsRootAndAnEmptyProof() public {
        (bytes32 root, bytes32[] memory documents,) = _tree(1, "single");
        assertEq(root, _leaf(TAG, 0, documents[0]));
        assertTrue(_verify(root, 0, documents[0], new bytes32[](0)));
    }

    function test_PromotesALoneNodeUnchanged() public {
        (bytes32 root, bytes32[] memory documents, bytes32[] memory leaves) = _tree(3, "three");
        assertEq(root, MerkleTree.hashPair(MerkleTree.hashPair(leaves[0], leaves[1]), leaves[2]));
        bytes32[] memory proof = new bytes32[](1);
        proof[0] = MerkleTree.hashPair(leaves[0], leaves[1]);
        assertTrue(_verify(root, 2, documents[2], proof));
    }

    function test_ReturnsFalseForAWrongIndex() public {
        (bytes32 root, bytes32[] memory documents, bytes32[] memory leaves) = _tree(8, "eight");
        assertFalse(_verify(root, 4, documents[3], MerkleTree.proof(leaves, 3)));
    }

    function test_ReturnsFalseForAWrongDocumentHash() public {
        (bytes32 root, bytes32[] memory documents, bytes32[] memory leaves) = _tree(8, "eight");
        assertFalse(_verify(root, 3, documents[4], MerkleTree.proof(leaves, 3)));
        assertFalse(_verify(root, 3, bytes32(0), MerkleTree.proof(leaves, 3)));
    }

    function test_ReturnsFalseForAnotherAnchoredRoot() public {
        (, bytes32[] memory documents, bytes32[] memory leaves) = _tree(8, "eight");
        (bytes32 otherRoot,,) = _tree(8, "other eight");
        assertFalse(_verify(otherRoot, 3, documents[3], MerkleTree.proof(leaves, 3)));
    }

    function test_ReturnsFalseForAnUnanchoredRoot() public view {
        bytes32[] memory documents = _documents(5, "five");
        bytes32[] memory leaves = _leaves(TAG, documents);
        bytes32 root = MerkleTree.root(leaves);
        assertFalse(_verify(root, 1, documents[1], MerkleTree.proof(leaves, 1)));
    }

    function test_ReturnsFalseForATamperedProof() public {
        (bytes32 root, bytes32[] memory documents, bytes32[] memory leaves) = _tree(13, "thirteen");
        bytes32[] memory proof = MerkleTree.proof(leaves, 6);
        proof[1] = bytes32(uint256(proof[1]) ^ 1);
        assertFalse(_verify(root, 6, documents[6], proof));
    }

    function test_ReturnsFalseForAProofWithAnElementMissingOrAdded() public {
        (bytes32 root, bytes32[] memory documents, bytes32[] memory leaves) = _tree(8, "eight");
        bytes32[] memory proof = MerkleTree.proof(leaves, 2);
        bytes32[] memory shorter = new bytes32[](proof.length - 1);
        bytes32[] memory longer = new bytes32[](proof.length + 1);
        for (uint256 i = 0; i < proof.length; ++i) {
            if (i < shorter.length) shorter[i] = proof[i];
            longer[i] = proof[i];
        }
        longer[proof.length] = root;
        assertFalse(_verify(root, 2, documents[2], shorter));
        assertFalse(_verify(root, 2, documents[2], longer));
    }

    function test_ReturnsFalseForAnIndexBeyondTheAnchoredSize() public {
        bytes32[] memory documents = _documents(5, "five");
        bytes32[] memory leaves = _leaves(TAG, documents);
        bytes32 root = MerkleTree.root(leaves);
        // The tree holds five leaves, but only three were anchored.
        _anchor(kzOperator, root, 3);
        assertTrue(_verify(root, 2, documents[2], MerkleTree.proof(leaves, 2)));
        assertFalse(_verify(root, 3, documents[3], MerkleTree.proof(leaves, 3)));
        assertFalse(_verify(root, 4, documents[4], MerkleTree.proof(leaves, 4)));
    }

    function test_ReturnsFalseForALeafOfTheOriginRegistry() public {
        bytes32[] memory documents = _documents(5, "five");
        bytes32[] memory leaves = _leaves(ORIGIN_TAG, documents);
        bytes32 root = MerkleTree.root(leaves);
        _anchor(kzOperator, root, 5);
        for (uint256 i = 0; i < 5; ++i) {
            assertFalse(_verify(root, i, documents[i], MerkleTree.proof(leaves, i)));
        }
        // The same tree does verify in the OriginRegistry.
        vm.prank(kzOperator);
        members.authorizeChamber(CHAMBER, chamberAccount);
        vm.prank(chamberAccount);
        origins.anchor(root, 5);
        assertTrue(origins.verifyInclusion(root, 1, documents[1], MerkleTree.proof(leaves, 1)));
    }

    function test_ReturnsFalseForAnInnerNodeOfferedAsALeaf() public {
        (bytes32 root,, bytes32[] memory leaves) = _tree(4, "four");
        // The parent of leaves 0 and 1 with its sibling is a valid path to the root, but the registry derives the
        // leaf from the document hash, so the parent offered as a document does not pass for a leaf.
        bytes32[] memory proof = new bytes32[](1);
        proof[0] = MerkleTree.hashPair(leaves[2], leaves[3]);
        assertFalse(_verify(root, 0, MerkleTree.hashPair(leaves[0], leaves[1]), proof));
    }

    function testFuzz_EveryProofOfARandomTreeVerifiesAndNoFlippedBitDoes(uint256 count, bytes32 seed) public {
        count = bound(count, 1, 64);
        (bytes32 root, bytes32[] memory documents, bytes32[] memory leaves) = _tree(count, seed);
        for (uint256 i = 0; i < count; ++i) {
            bytes32[] memory proof = MerkleTree.proof(leaves, i);
            assertTrue(_verify(root, i, documents[i], proof), "proof does not verify");
            uint256 random = uint256(keccak256(abi.encode(seed, i)));
            bytes32 flip = bytes32(uint256(1) << (random % 256));
            assertFalse(_verify(root, i, documents[i] ^ flip, proof), "flipped document verifies");
            for (uint256 j = 0; j < proof.length; ++j) {
                flip = bytes32(uint256(1) << ((random >> (8 * (j + 1))) % 256));
                proof[j] ^= flip;
                assertFalse(_verify(root, i, documents[i], proof), "flipped proof verifies");
                proof[j] ^= flip;
            }
        }
    }
}

// ---------------------------------------------------------------- the state machine as a whole

/// @notice Random sequences of status changes against a reference model, and bulk forms against single ones.
contract CredentialRegistry_transitions_Test is CredentialRegistry_Base {
    uint256 internal constant SLOTS = 5;

    /// @dev The credentials the sequences play with: both sides of the first word boundary and the last index.
    function _index(uint256 slot) internal pure returns (uint32) {
        uint32[5] memory indices = [uint32(0), 1, 127, 128, SIZE - 1];
        return indices[slot];
    }

    function _legal(ICredentialRegistry.CredentialStatus from, ICredentialRegistry.CredentialStatus to)
        internal
        pure
        returns (bool)
    {
        if (to == SUSPENDED) return from == ACTIVE;
        if (to == ACTIVE) return from == SUSPENDED;
        if (to == REVOKED) return from == ACTIVE || from == SUSPENDED;
        return from == ACTIVE;
    }

    function _illegal(uint32 index, ICredentialRegistry.CredentialStatus from, ICredentialRegistry.CredentialStatus to)
        internal
        pure
        returns (bytes memory)
    {
        return
            abi.encodeWithSelector(
                ICredentialRegistry.CredentialRegistryIllegalTransition.selector, ROOT, index, from, to
            );
    }

    struct Action {
        uint256 kind; // 0 suspend, 1 reinstate, 2 revoke, 3 supersede, 4..7 the Many forms in the same order
        uint256[] slots;
        bytes32 newRoot;
        uint32[] newIndices;
    }

    function _action(uint256 r) internal pure returns (Action memory a) {
        a.kind = r % 8;
        uint256 count = a.kind < 4 ? 1 : 1 + (r >> 8) % 3;
        a.slots = new uint256[](count);
        a.newIndices = new uint32[](count);
        uint256 choice = (r >> 16) % 4;
        a.newRoot = choice == 0 ? NEXT : choice == 1 ? ROOT : choice == 2 ? KR_ROOT : UNKNOWN;
        for (uint256 k = 0; k < count; ++k) {
            a.slots[k] = (r >> (24 + 8 * k)) % SLOTS;
            uint256 pick = r >> (64 + 16 * k);
            // Replacements in ROOT are one of the played credentials, so some are the credential itself.
            // forge-lint: disable-next-line(unsafe-typecast)
            a.newIndices[k] = a.newRoot == ROOT ? _index(pick % SLOTS) : uint32(pick % SIZE);
        }
    }

    /// @dev Plays the action on the model: the statuses afterwards and the error the registry must raise (if any).
    function _simulate(Action memory a, ICredentialRegistry.CredentialStatus[5] memory model)
        internal
        pure
        returns (ICredentialRegistry.CredentialStatus[5] memory next, bytes memory err)
    {
        for (uint256 s = 0; s < SLOTS; ++s) {
            next[s] = model[s];
        }
        ICredentialRegistry.CredentialStatus to = ICredentialRegistry.CredentialStatus([uint8(1), 0, 2, 3][a.kind % 4]);
        for (uint256 k = 0; k < a.slots.length; ++k) {
            uint32 index = _index(a.slots[k]);
            if (to == SUPERSEDED) {
                bool valid;
                if (a.newRoot == NEXT) {
                    valid = true;
                } else if (a.newRoot == ROOT) {
                    for (uint256 s = 0; s < SLOTS; ++s) {
                        if (_index(s) == a.newIndices[k]) valid = a.newIndices[k] != index && next[s] == ACTIVE;
                    }
                }
                if (!valid) {
                    return (
                        model,
                        abi.encodeWithSelector(
                            ICredentialRegistry.CredentialRegistryInvalidReplacement.selector,
                            a.newRoot,
                            a.newIndices[k]
                        )
                    );
                }
            }
            if (!_legal(next[a.slots[k]], to)) return (model, _illegal(index, next[a.slots[k]], to));
            next[a.slots[k]] = to;
        }
    }

    function _play(Action memory a) internal {
        uint32[] memory indices = new uint32[](a.slots.length);
        for (uint256 k = 0; k < indices.length; ++k) {
            indices[k] = _index(a.slots[k]);
        }
        vm.prank(kzOperator);
        if (a.kind == 0) credentials.suspend(ROOT, indices[0], 1, 0);
        else if (a.kind == 1) credentials.reinstate(ROOT, indices[0], 1, 0);
        else if (a.kind == 2) credentials.revoke(ROOT, indices[0], 1, 0);
        else if (a.kind == 3) credentials.supersede(ROOT, indices[0], a.newRoot, a.newIndices[0], 1, 0);
        else if (a.kind == 4) credentials.suspendMany(ROOT, indices, 1, 0);
        else if (a.kind == 5) credentials.reinstateMany(ROOT, indices, 1, 0);
        else if (a.kind == 6) credentials.revokeMany(ROOT, indices, 1, 0);
        else credentials.supersedeMany(ROOT, indices, a.newRoot, a.newIndices, 1, 0);
    }

    function _assertModel(ICredentialRegistry.CredentialStatus[5] memory model) internal view {
        uint256[3] memory words;
        for (uint256 s = 0; s < SLOTS; ++s) {
            words[_index(s) >> 7] |= uint256(model[s]) << (2 * (_index(s) % 128));
        }
        for (uint256 w = 0; w < 3; ++w) {
            assertEq(credentials.statusWord(ROOT, w), words[w], "status word differs from the model");
        }
    }

    function testFuzz_RandomSequencesFollowTheTransitionTable(uint256 seed, uint8 length) public {
        uint256 steps = bound(length, 1, 30);
        ICredentialRegistry.CredentialStatus[5] memory model;
        for (uint256 step = 0; step < steps; ++step) {
            Action memory a = _action(uint256(keccak256(abi.encode(seed, step))));
            (ICredentialRegistry.CredentialStatus[5] memory next, bytes memory err) = _simulate(a, model);
            if (err.length != 0) vm.expectRevert(err);
            _play(a);
            for (uint256 s = 0; s < SLOTS; ++s) {
                if (model[s] == REVOKED || model[s] == SUPERSEDED) {
                    assertEq(uint256(credentials.statusOf(ROOT, _index(s))), uint256(model[s]), "left a final status");
                }
            }
            model = next;
            _assertModel(model);
        }
        // Replacements are never touched by a renewal.
        assertEq(credentials.statusWord(NEXT, 0), 0);
        assertEq(credentials.statusWord(NEXT, 1), 0);
        assertEq(credentials.statusWord(NEXT, 2), 0);
    }

    /// @dev `count` distinct indices of ROOT in random order.
    function _distinct(uint256 seed, uint256 count) internal pure returns (uint32[] memory picked) {
        picked = new uint32[](count);
        uint256 n;
        for (uint256 attempt = 0; n < count; ++attempt) {
            // forge-lint: disable-next-line(unsafe-typecast)
            uint32 candidate = uint32(uint256(keccak256(abi.encode(seed, attempt))) % SIZE);
            bool seen;
            for (uint256 i = 0; i < n; ++i) {
                if (picked[i] == candidate) seen = true;
            }
            if (!seen) picked[n++] = candidate;
        }
    }

    function _every(uint32[] memory list, uint256 modulus, uint256 remainder)
        internal
        pure
        returns (uint32[] memory out)
    {
        uint256 n;
        for (uint256 i = 0; i < list.length; ++i) {
            if (i % modulus == remainder) ++n;
        }
        out = new uint32[](n);
        n = 0;
        for (uint256 i = 0; i < list.length; ++i) {
            if (i % modulus == remainder) out[n++] = list[i];
        }
    }

    function _assertSameWords(bytes32 bulk, bytes32 single) internal view {
        for (uint256 w = 0; w < 3; ++w) {
            assertEq(credentials.statusWord(bulk, w), credentials.statusWord(single, w), "bulk differs from single");
        }
    }

    function testFuzz_BulkFormsEqualTheSingleForms(uint256 seed, uint8 count) public {
        bytes32 mirror = keccak256("mirror");
        _anchor(kzOperator, mirror, SIZE);
        uint32[] memory picked = _distinct(seed, bound(count, 4, 40));

        vm.prank(kzOperator);
        credentials.suspendMany(ROOT, picked, 1, 0);
        for (uint256 i = 0; i < picked.length; ++i) {
            vm.prank(kzOperator);
            credentials.suspend(mirror, picked[i], 1, 0);
        }
        _assertSameWords(ROOT, mirror);
        _assertStatus(ROOT, picked[0], SUSPENDED);

        uint32[] memory revoked = _every(picked, 2, 0);
        vm.prank(kzOperator);
        credentials.revokeMany(ROOT, revoked, 2, 0);
        for (uint256 i = 0; i < revoked.length; ++i) {
            vm.prank(kzOperator);
            credentials.revoke(mirror, revoked[i], 2, 0);
        }
        _assertSameWords(ROOT, mirror);
        _assertStatus(ROOT, picked[0], REVOKED);

        uint32[] memory reinstated = _every(picked, 2, 1);
        vm.prank(kzOperator);
        credentials.reinstateMany(ROOT, reinstated, 3, 0);
        for (uint256 i = 0; i < reinstated.length; ++i) {
            vm.prank(kzOperator);
            credentials.reinstate(mirror, reinstated[i], 3, 0);
        }
        _assertSameWords(ROOT, mirror);
        _assertStatus(ROOT, picked[1], ACTIVE);

        uint32[] memory renewed = _every(picked, 4, 1);
        uint32[] memory replacements = new uint32[](renewed.length);
        for (uint256 i = 0; i < renewed.length; ++i) {
            replacements[i] = renewed[i];
        }
        vm.prank(kzOperator);
        credentials.supersedeMany(ROOT, renewed, NEXT, replacements, 9, 0);
        for (uint256 i = 0; i < renewed.length; ++i) {
            vm.prank(kzOperator);
            credentials.supersede(mirror, renewed[i], NEXT, replacements[i], 9, 0);
        }
        _assertSameWords(ROOT, mirror);
        _assertStatus(ROOT, picked[1], SUPERSEDED);
    }
}
