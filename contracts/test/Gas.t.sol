// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {ICredentialRegistry} from "../src/interfaces/ICredentialRegistry.sol";
import {IMraRegistry} from "../src/interfaces/IMraRegistry.sol";
import {Fixtures} from "./utils/Fixtures.sol";

/// @notice The gas budgets of issue 3. foundry.toml sets `isolate = true`, so every call below runs as a transaction
///         of its own (cold accounts and slots) and `lastCallGas` is that transaction's gas, including the 21,000
///         base and the calldata. Execution gas is that minus the intrinsic gas, which no contract can change.
contract Gas_Test is Fixtures {
    uint256 internal constant ANCHOR_BUDGET = 60_000;
    uint256 internal constant STATUS_CHANGE_BUDGET = 30_000;
    uint256 internal constant BULK_REVOKE_BUDGET_EACH = 5000;
    uint256 internal constant ACCEPT_MRA_BUDGET = 80_000;
    /// @dev EIP-2200: the first non-zero write to a storage slot costs 20,000 instead of 2,900.
    uint256 internal constant ZERO_TO_NONZERO_SURCHARGE = 20_000 - 2900;

    struct Measured {
        uint256 transaction;
        uint256 execution;
    }

    function _send(address sender, address target, bytes memory data) internal returns (Measured memory m) {
        vm.prank(sender);
        (bool ok, bytes memory result) = target.call(data);
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(result, 0x20), mload(result))
            }
        }
        m.transaction = vm.lastCallGas().gasTotalUsed;
        m.execution = m.transaction - _intrinsic(data);
    }

    /// @dev Intrinsic gas of a call (EIP-2028 calldata pricing, no access list).
    function _intrinsic(bytes memory data) internal pure returns (uint256 gas) {
        gas = 21_000;
        for (uint256 i = 0; i < data.length; ++i) {
            gas += data[i] == 0 ? 4 : 16;
        }
    }

    function test_anchoring_a_root_is_within_budget_whatever_the_batch_size() public {
        Measured memory small =
            _send(kzOperator, address(credentials), abi.encodeCall(ICredentialRegistry.anchor, (keccak256("s"), 1)));
        Measured memory large = _send(
            kzOperator,
            address(credentials),
            abi.encodeCall(ICredentialRegistry.anchor, (keccak256("l"), type(uint32).max))
        );
        vm.snapshotValue("anchor_transaction", large.transaction);
        assertEq(small.execution, large.execution, "anchoring cost depends on the batch size");
        assertLe(large.transaction, ANCHOR_BUDGET, "anchoring a root over budget");
    }

    function test_one_status_change_is_within_budget() public {
        bytes32 root = keccak256("batch");
        vm.prank(kzOperator);
        credentials.anchor(root, 1000);
        vm.prank(kzOperator);
        credentials.suspend(root, 5, 1, 0);
        Measured memory m =
            _send(kzOperator, address(credentials), abi.encodeCall(ICredentialRegistry.suspend, (root, 6, 1, 0)));
        vm.snapshotValue("suspend_transaction", m.transaction);
        vm.snapshotValue("suspend_execution", m.execution);
        assertLe(m.execution, STATUS_CHANGE_BUDGET, "status change over budget");
    }

    /// @dev The first change among a word's 128 credentials pays the EVM's zero-to-non-zero store once; no packing
    ///      avoids it. The budget holds apart from that surcharge.
    function test_first_status_change_in_a_word_exceeds_budget_only_by_the_first_store_surcharge() public {
        bytes32 root = keccak256("batch");
        vm.prank(kzOperator);
        credentials.anchor(root, 1000);
        Measured memory m =
            _send(kzOperator, address(credentials), abi.encodeCall(ICredentialRegistry.suspend, (root, 5, 1, 0)));
        vm.snapshotValue("suspend_first_in_word_transaction", m.transaction);
        vm.snapshotValue("suspend_first_in_word_execution", m.execution);
        assertLe(m.execution, STATUS_CHANGE_BUDGET + ZERO_TO_NONZERO_SURCHARGE, "first status change over budget");
    }

    function test_revoking_1000_credentials_of_one_batch_in_4_transactions_is_within_budget_each() public {
        bytes32 root = keccak256("batch");
        vm.prank(kzOperator);
        credentials.anchor(root, 1000);
        uint256 total;
        for (uint32 t = 0; t < 4; ++t) {
            uint32[] memory indices = new uint32[](250);
            for (uint32 i = 0; i < 250; ++i) {
                indices[i] = t * 250 + i;
            }
            total += _send(
                kzOperator, address(credentials), abi.encodeCall(ICredentialRegistry.revokeMany, (root, indices, 3, 0))
            )
            .transaction;
        }
        vm.snapshotValue("revokeMany_1000_in_4_transactions_per_credential", total / 1000);
        assertLe(total / 1000, BULK_REVOKE_BUDGET_EACH, "bulk revocation over budget per credential");
        assertEq(uint256(credentials.statusOf(root, 999)), uint256(ICredentialRegistry.CredentialStatus.Revoked));
    }

    function test_accepting_an_mra_is_within_budget() public {
        bytes2[] memory parties = new bytes2[](3);
        parties[0] = KR;
        parties[1] = KZ;
        parties[2] = UZ;
        vm.prank(kzOperator);
        uint256 id = mras.propose(parties, 3, 1, uint64(block.timestamp), 0);
        Measured memory first = _send(krOperator, address(mras), abi.encodeCall(IMraRegistry.accept, (id, 1)));
        Measured memory concluding = _send(uzOperator, address(mras), abi.encodeCall(IMraRegistry.accept, (id, 1)));
        vm.snapshotValue("accept_transaction", first.transaction);
        vm.snapshotValue("accept_concluding_transaction", concluding.transaction);
        assertLe(first.transaction, ACCEPT_MRA_BUDGET, "accept over budget");
        assertLe(concluding.transaction, ACCEPT_MRA_BUDGET, "concluding accept over budget");
        assertTrue(mras.inForce(id, uint64(block.timestamp)));
    }
}
