// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

/// @notice Builds sorted-pair Merkle trees and proofs in tests, the way contracts/README.md specifies: a lone node
///         at the end of a level moves up unchanged.
library MerkleTree {
    function hashPair(bytes32 a, bytes32 b) internal pure returns (bytes32) {
        return a < b ? keccak256(abi.encodePacked(a, b)) : keccak256(abi.encodePacked(b, a));
    }

    function root(bytes32[] memory leaves) internal pure returns (bytes32) {
        require(leaves.length > 0, "empty tree");
        bytes32[] memory level = leaves;
        while (level.length > 1) {
            level = _up(level);
        }
        return level[0];
    }

    function proof(bytes32[] memory leaves, uint256 index) internal pure returns (bytes32[] memory) {
        require(index < leaves.length, "index out of range");
        bytes32[] memory path = new bytes32[](64);
        uint256 depth;
        bytes32[] memory level = leaves;
        while (level.length > 1) {
            uint256 sibling = index ^ 1;
            if (sibling < level.length) path[depth++] = level[sibling];
            level = _up(level);
            index >>= 1;
        }
        bytes32[] memory result = new bytes32[](depth);
        for (uint256 i = 0; i < depth; ++i) {
            result[i] = path[i];
        }
        return result;
    }

    function _up(bytes32[] memory level) private pure returns (bytes32[] memory next) {
        next = new bytes32[]((level.length + 1) / 2);
        for (uint256 i = 0; i < next.length; ++i) {
            uint256 left = 2 * i;
            next[i] = left + 1 < level.length ? hashPair(level[left], level[left + 1]) : level[left];
        }
    }
}
