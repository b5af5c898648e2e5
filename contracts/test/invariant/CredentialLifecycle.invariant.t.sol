// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {ICredentialRegistry} from "../../src/interfaces/ICredentialRegistry.sol";
import {Fixtures} from "../utils/Fixtures.sol";
import {CredentialRegistryHandler} from "./handlers/CredentialRegistryHandler.sol";

/// @notice Invariants of credential statuses under random anchoring, status changes (single and bulk) and renewals
///         by the operators of KZ and UZ, a stranger and a chamber account, with one member possibly removed.
contract CredentialLifecycle_Invariant_Test is Fixtures {
    /// @dev The shape forge reads from `targetSelectors()`.
    struct FuzzSelector {
        address addr;
        bytes4[] selectors;
    }

    bytes16 internal constant KZ_CHAMBER = bytes16("KZ-ATAMEKEN");

    CredentialRegistryHandler internal handler;

    function setUp() public override {
        super.setUp();
        vm.prank(kzOperator);
        members.authorizeChamber(KZ_CHAMBER, chamberAccount);
        handler = new CredentialRegistryHandler(
            members, credentials, mras, origins, krOperator, kzOperator, uzOperator, stranger, chamberAccount
        );
        // One batch of each issuer to start from, both larger than one status word (128 credentials).
        handler.anchorAs(kzOperator, keccak256(abi.encode("batch", 1)), 201);
        handler.anchorAs(uzOperator, keccak256(abi.encode("batch", 2)), 151);
        require(handler.rootCount() == 2, "setup anchoring failed");
    }

    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    function targetSelectors() public view returns (FuzzSelector[] memory targets) {
        bytes4[] memory selectors = new bytes4[](12);
        selectors[0] = CredentialRegistryHandler.anchor.selector;
        selectors[1] = CredentialRegistryHandler.suspend.selector;
        selectors[2] = CredentialRegistryHandler.reinstate.selector;
        selectors[3] = CredentialRegistryHandler.revoke.selector;
        selectors[4] = CredentialRegistryHandler.supersede.selector;
        selectors[5] = CredentialRegistryHandler.suspendMany.selector;
        selectors[6] = CredentialRegistryHandler.reinstateMany.selector;
        selectors[7] = CredentialRegistryHandler.revokeMany.selector;
        selectors[8] = CredentialRegistryHandler.supersedeMany.selector;
        selectors[9] = CredentialRegistryHandler.removeMember.selector;
        selectors[10] = CredentialRegistryHandler.removedMemberTriesToWrite.selector;
        selectors[11] = CredentialRegistryHandler.chamberAnchorsOrigin.selector;
        targets = new FuzzSelector[](1);
        targets[0] = FuzzSelector({addr: address(handler), selectors: selectors});
    }

    /// @notice A credential once Revoked or Superseded never becomes anything else.
    function invariant_RevokedOrSupersededCredentialsStaySo() public view {
        uint256 n = handler.terminalCount();
        for (uint256 i = 0; i < n; ++i) {
            (bytes32 root, uint32 index, ICredentialRegistry.CredentialStatus status) = handler.terminalAt(i);
            vm.assertEq(uint256(credentials.statusOf(root, index)), uint256(status), "terminal status changed");
        }
    }

    /// @notice Every successful status change was made by an operator of the batch's issuer, and the registry's
    ///         state is exactly the model's, which changes only on successful calls.
    function invariant_OnlyTheIssuersOperatorsChangeStatuses() public view {
        vm.assertEq(handler.nonIssuerWrites(), 0, "a non-issuer changed a status");
        vm.assertEq(handler.unexpectedOutcomes(), 0, "outcome differs from the model");
        vm.assertEq(handler.modelMismatches(), 0, "registry state differs from the model");
    }

    /// @notice A removed member can write nothing, in any registry.
    function invariant_ARemovedMemberWritesNothing() public view {
        vm.assertEq(handler.writesAfterRemoval(), 0, "removed member wrote");
        bytes2 removed = handler.removedMember();
        if (removed != bytes2(0)) {
            assertFalse(members.isActiveMember(removed));
            vm.assertEq(bytes32(members.operatorMember(handler.removedOperator())), bytes32(0));
        }
    }

    /// @notice Every full run of the campaign changed some statuses, and at least a fifth of its registry calls succeeded.
    function afterInvariant() public view {
        // Only full runs are judged (a replayed or shrunk sequence may be a handful of calls).
        if (handler.calls() < 32) return;
        uint256 ok = _successes();
        assertTrue(ok >= 1, "no successful call in this run");
        assertTrue(ok * 5 >= ok + handler.reverts(), "fewer than a fifth of the calls succeeded");
    }

    function _successes() internal view returns (uint256) {
        return handler.anchorOk() + handler.suspendOk() + handler.reinstateOk() + handler.revokeOk()
            + handler.supersedeOk() + handler.suspendManyOk() + handler.reinstateManyOk() + handler.revokeManyOk()
            + handler.supersedeManyOk() + handler.originAnchorOk();
    }

    /// @notice The handler's actions do succeed: a fixed pseudo-random campaign of 600 calls exercises every action,
    ///         refuses non-issuers, removes a member and has it try to write (so the invariants are not vacuous).
    function test_HandlerActionsSucceedInAGoodShareOfCalls() public {
        for (uint256 i = 0; i < 600; ++i) {
            uint256 r = uint256(keccak256(abi.encode("campaign", i)));
            uint256 a = uint256(keccak256(abi.encode(r, 1)));
            uint256 b = uint256(keccak256(abi.encode(r, 2)));
            uint256 c = uint256(keccak256(abi.encode(r, 3)));
            uint256 d = uint256(keccak256(abi.encode(r, 4)));
            uint256 action = r % 12;
            // Keep both issuers for the first half of the campaign.
            if (action == 9 && i < 300) action = 0;
            if (action == 0) handler.anchor(a, b, c);
            else if (action == 1) handler.suspend(a, b, c, uint8(d), d >> 8);
            else if (action == 2) handler.reinstate(a, b, c, uint8(d), d >> 8);
            else if (action == 3) handler.revoke(a, b, c, uint8(d), d >> 8);
            else if (action == 4) handler.supersede(a, b, c, d, uint8(d), d >> 8);
            else if (action == 5) handler.suspendMany(a, b, c, uint8(d), d >> 8);
            else if (action == 6) handler.reinstateMany(a, b, c, uint8(d), d >> 8);
            else if (action == 7) handler.revokeMany(a, b, c, uint8(d), d >> 8);
            else if (action == 8) handler.supersedeMany(a, b, c, d, uint8(d), d >> 8);
            else if (action == 9) handler.removeMember(a);
            else if (action == 10) handler.removedMemberTriesToWrite(a);
            else handler.chamberAnchorsOrigin(a);
        }
        vm.assertEq(handler.unexpectedOutcomes(), 0, "outcome differs from the model");
        vm.assertGe(handler.anchorOk(), 20);
        vm.assertGe(handler.suspendOk(), 20);
        vm.assertGe(handler.reinstateOk(), 15);
        vm.assertGe(handler.revokeOk(), 15);
        vm.assertGe(handler.supersedeOk(), 15);
        vm.assertGe(handler.suspendManyOk(), 20);
        vm.assertGe(handler.reinstateManyOk(), 8);
        vm.assertGe(handler.revokeManyOk(), 15);
        vm.assertGe(handler.supersedeManyOk(), 15);
        vm.assertGe(handler.originAnchorOk(), 10);
        vm.assertGe(handler.nonIssuerRefusals(), 25);
        vm.assertGe(handler.terminalCount(), 100);
        assertTrue(handler.removedMember() != bytes2(0), "no member removed");
        vm.assertGe(handler.attemptsAfterRemoval(), 10);
        // At least 40% of the registry calls succeed (the rest are refusals by design: non-issuers, illegal moves,
        // future times, and writes to the removed member's batches).
        uint256 ok = _successes();
        vm.assertGe(ok * 5, (ok + handler.reverts()) * 2);
        invariant_RevokedOrSupersededCredentialsStaySo();
        invariant_OnlyTheIssuersOperatorsChangeStatuses();
        invariant_ARemovedMemberWritesNothing();
    }
}
