// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IMraRegistry} from "../../src/interfaces/IMraRegistry.sol";
import {Fixtures} from "../utils/Fixtures.sol";
import {MraRegistryHandler} from "./handlers/MraRegistryHandler.sol";

/// @notice Invariants of MRA acceptance and lifecycle under random proposals, acceptances, amendments, suspensions,
///         resumptions and terminations by parties and non-parties, while time passes.
contract MraAcceptance_Invariant_Test is Fixtures {
    /// @dev The shape forge reads from `targetSelectors()`.
    struct FuzzSelector {
        address addr;
        bytes4[] selectors;
    }

    bytes16 internal constant KZ_CHAMBER = bytes16("KZ-ATAMEKEN");

    MraRegistryHandler internal handler;

    function setUp() public override {
        super.setUp();
        // A fourth member, so MRAs have 2 to 4 parties: DE < KR < KZ < UZ.
        _admit(DE, deOperator);
        vm.prank(kzOperator);
        members.authorizeChamber(KZ_CHAMBER, chamberAccount);
        handler = new MraRegistryHandler(
            mras, [DE, KR, KZ, UZ], [deOperator, krOperator, kzOperator, uzOperator, stranger, chamberAccount]
        );
    }

    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    function targetSelectors() public view returns (FuzzSelector[] memory targets) {
        bytes4[] memory selectors = new bytes4[](7);
        selectors[0] = MraRegistryHandler.propose.selector;
        selectors[1] = MraRegistryHandler.accept.selector;
        selectors[2] = MraRegistryHandler.amend.selector;
        selectors[3] = MraRegistryHandler.suspend.selector;
        selectors[4] = MraRegistryHandler.resume.selector;
        selectors[5] = MraRegistryHandler.terminate.selector;
        selectors[6] = MraRegistryHandler.warp.selector;
        targets = new FuzzSelector[](1);
        targets[0] = FuzzSelector({addr: address(handler), selectors: selectors});
    }

    /// @notice An MRA is in force only if it is Active and every party accepted its concluded version.
    function invariant_InForceOnlyWhenActiveAndEveryPartyAcceptedTheConcludedVersion() public view {
        uint256 count = handler.mraCount();
        uint64 at = handler.currentTime();
        for (uint256 id = 1; id <= count; ++id) {
            if (!mras.inForce(id, at)) continue;
            IMraRegistry.Mra memory m = mras.getMra(id);
            vm.assertEq(uint256(m.status), uint256(IMraRegistry.MraStatus.Active), "in force but not Active");
            assertTrue(m.concludedVersion != 0, "in force without a concluded version");
            uint256 n = mras.partiesOf(id).length;
            vm.assertEq(uint256(m.partyCount), n, "partyCount");
            uint256 all = n == 64 ? type(uint64).max : (uint256(1) << n) - 1;
            vm.assertEq(
                uint256(mras.termsOf(id, m.concludedVersion).acceptedMask), all, "in force without every acceptance"
            );
        }
    }

    /// @notice The concluded version never decreases, and equals the model's (the last version every party
    ///         accepted).
    function invariant_ConcludedVersionNeverDecreases() public view {
        vm.assertEq(handler.concludedDecreases(), 0, "concluded version decreased");
        uint256 count = handler.mraCount();
        for (uint256 id = 1; id <= count; ++id) {
            IMraRegistry.Mra memory m = mras.getMra(id);
            vm.assertGe(uint256(m.concludedVersion), uint256(handler.ghostHighestConcluded(id)));
            vm.assertEq(uint256(m.concludedVersion), uint256(handler.modelConcluded(id)), "concluded version vs model");
            vm.assertLe(uint256(m.concludedVersion), uint256(m.latestVersion), "concluded after latest");
        }
    }

    /// @notice A terminated MRA stays terminated.
    function invariant_TerminatedMraStaysTerminated() public view {
        vm.assertEq(handler.terminatedRevived(), 0, "terminated MRA revived between calls");
        uint256 count = handler.mraCount();
        for (uint256 id = 1; id <= count; ++id) {
            if (!handler.ghostTerminated(id)) continue;
            vm.assertEq(uint256(mras.getMra(id).status), uint256(IMraRegistry.MraStatus.Terminated));
            assertFalse(mras.inForce(id, handler.currentTime()), "terminated MRA in force");
        }
    }

    /// @notice Every call succeeded exactly when the model of the rules said it would, and the records match it.
    function invariant_RegistryFollowsTheModel() public view {
        vm.assertEq(handler.unexpectedOutcomes(), 0, "outcome differs from the model");
        uint256 count = handler.mraCount();
        for (uint256 id = 1; id <= count; ++id) {
            IMraRegistry.Mra memory m = mras.getMra(id);
            vm.assertEq(uint256(m.status), uint256(handler.modelStatus(id)), "status vs model");
            vm.assertEq(uint256(m.latestVersion), uint256(handler.modelLatest(id)), "latest version vs model");
            vm.assertEq(
                uint256(mras.termsOf(id, m.latestVersion).acceptedMask),
                uint256(handler.modelAccepted(id, m.latestVersion)),
                "acceptances vs model"
            );
        }
    }

    /// @notice Every full run of the campaign proposed MRAs, and at least a fifth of its registry calls succeeded.
    function afterInvariant() public view {
        // Only full runs are judged (a replayed or shrunk sequence may be a handful of calls).
        if (handler.calls() < 32) return;
        uint256 ok = _successes();
        assertTrue(handler.proposeOk() >= 1, "no MRA proposed in this run");
        assertTrue(ok * 5 >= ok + handler.reverts(), "fewer than a fifth of the calls succeeded");
    }

    function _successes() internal view returns (uint256) {
        return handler.proposeOk() + handler.acceptOk() + handler.amendOk() + handler.suspendOk()
            + handler.resumeOk() + handler.terminateOk();
    }

    /// @notice The handler's actions do succeed: a fixed pseudo-random campaign of 400 calls exercises every
    ///         action, concludes MRAs and brings some into force (so the invariants above are not vacuous).
    function test_HandlerActionsSucceedInAGoodShareOfCalls() public {
        for (uint256 i = 0; i < 400; ++i) {
            uint256 r = uint256(keccak256(abi.encode("campaign", i)));
            uint256 a = uint256(keccak256(abi.encode(r, 1)));
            uint256 b = uint256(keccak256(abi.encode(r, 2)));
            uint256 c = uint256(keccak256(abi.encode(r, 3)));
            uint256 action = r % 7;
            if (action == 0) handler.propose(a, b, uint32(c), uint32(c >> 32), c >> 64, c >> 128);
            else if (action == 1) handler.accept(a, b, c);
            else if (action == 2) handler.amend(a, b, uint32(c), uint32(c >> 32), c >> 64, c >> 128);
            else if (action == 3) handler.suspend(a, b, uint8(c));
            else if (action == 4) handler.resume(a, b);
            else if (action == 5) handler.terminate(a, b, uint8(c));
            else handler.warp(a);
        }
        vm.assertEq(handler.unexpectedOutcomes(), 0, "outcome differs from the model");
        vm.assertGe(handler.proposeOk(), 20);
        vm.assertGe(handler.acceptOk(), 15);
        vm.assertGe(handler.amendOk(), 8);
        vm.assertGe(handler.suspendOk(), 15);
        vm.assertGe(handler.resumeOk(), 15);
        vm.assertGe(handler.terminateOk(), 3);
        vm.assertGe(handler.conclusions(), 8);
        vm.assertGe(handler.inForceObservations(), 50);
        uint256 ok = _successes();
        // At least a third of the registry calls succeed.
        vm.assertGe(ok * 3, ok + handler.reverts());
        invariant_InForceOnlyWhenActiveAndEveryPartyAcceptedTheConcludedVersion();
        invariant_ConcludedVersionNeverDecreases();
        invariant_TerminatedMraStaysTerminated();
        invariant_RegistryFollowsTheModel();
    }
}
