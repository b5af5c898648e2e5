// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

/// @title Leaves and proofs of the Merkle batches the registries anchor
/// @notice leaf = keccak256(keccak256(abi.encode(tag, index, documentHash))), with a tag per registry.
///         node = keccak256(min(a, b) || max(a, b)) (sorted pair), a lone node moves up a level unchanged.
///         The leaf is hashed twice so that no 64-byte inner node can pass for a leaf (second-preimage attack), and
///         the tag keeps a leaf of one registry from passing in another. The index inside the leaf binds each
///         document to its status slot, because sorted-pair proofs do not carry positions.
///         contracts/README.md gives the same formulas for off-chain implementations.
library MerkleBatch {
    /// @notice The leaf of a document at `index` of a batch, in the registry that owns `tag`.
    /// @param tag The registry's domain tag.
    /// @param index The document's index in its batch (its status slot).
    /// @param documentHash The document's hash (see the registry for what is hashed).
    /// @return The leaf.
    function leaf(bytes32 tag, uint256 index, bytes32 documentHash) internal pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(tag, index, documentHash))));
    }

    /// @notice The root a proof leads to from `leafHash`.
    /// @param proof Sibling hashes from the leaf's level upwards.
    /// @param leafHash The leaf.
    /// @return node The computed root.
    function rootOf(bytes32[] calldata proof, bytes32 leafHash) internal pure returns (bytes32 node) {
        node = leafHash;
        for (uint256 i = 0; i < proof.length; ++i) {
            node = _hashPair(node, proof[i]);
        }
    }

    function _hashPair(bytes32 a, bytes32 b) private pure returns (bytes32 result) {
        (bytes32 lo, bytes32 hi) = a < b ? (a, b) : (b, a);
        // Hash in the scratch space (0x00..0x3f) rather than allocating memory for every level.
        assembly ("memory-safe") {
            mstore(0x00, lo)
            mstore(0x20, hi)
            result := keccak256(0x00, 0x40)
        }
    }
}
