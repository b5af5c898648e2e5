// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IMemberRegistry} from "./interfaces/IMemberRegistry.sol";
import {IOriginRegistry} from "./interfaces/IOriginRegistry.sol";
import {MerkleBatch} from "./libraries/MerkleBatch.sol";

/// @title Certificate-of-origin registry
/// @notice See {IOriginRegistry}. Chamber authorization is read from the {IMemberRegistry} at every write, so a
///         suspension or withdrawal there stops a chamber here at once.
contract OriginRegistry is IOriginRegistry {
    /// @notice Domain tag of this registry's Merkle leaves.
    bytes32 public constant LEAF_TAG = keccak256("CredentialLedger.CertificateOfOrigin.v1");

    /// @notice The member registry that authorizes chambers and members.
    IMemberRegistry public immutable MEMBERS;

    mapping(bytes32 root => Batch) private _batches;
    /// @dev One revocation bit per certificate, 256 to a word; index i lives in word i >> 8 at bit i & 255.
    mapping(bytes32 root => mapping(uint256 wordIndex => uint256 word)) private _revokedWords;
    mapping(bytes32 root => mapping(uint32 index => Use)) private _uses;

    /// @notice Links the registry to its member registry.
    /// @param members The member registry.
    constructor(IMemberRegistry members) {
        MEMBERS = members;
    }

    /// @inheritdoc IOriginRegistry
    function anchor(bytes32 root, uint32 size) external {
        (bytes2 member, bytes16 chamber) = _requireAuthorizedChamber();
        if (root == bytes32(0) || size == 0) revert OriginRegistryInvalidBatch(root, size);
        if (_batches[root].chamber != bytes16(0)) revert OriginRegistryRootExists(root);
        _batches[root] = Batch({chamber: chamber, member: member, size: size, anchoredAt: uint64(block.timestamp)});
        emit OriginBatchAnchored(root, chamber, member, size, uint64(block.timestamp));
    }

    /// @inheritdoc IOriginRegistry
    function revoke(bytes32 root, uint32 index, uint8 reason, uint64 effectiveAt) external {
        effectiveAt = _effectiveTime(effectiveAt);
        uint32 size = _requireOwnBatch(root);
        mapping(uint256 => uint256) storage words = _revokedWords[root];
        words[index >> 8] = _markRevoked(root, index, size, words[index >> 8]);
        emit CertificateRevoked(root, index, reason, effectiveAt);
    }

    /// @inheritdoc IOriginRegistry
    function revokeMany(bytes32 root, uint32[] calldata indices, uint8 reason, uint64 effectiveAt) external {
        if (indices.length == 0) revert OriginRegistryInvalidList();
        effectiveAt = _effectiveTime(effectiveAt);
        uint32 size = _requireOwnBatch(root);
        mapping(uint256 => uint256) storage words = _revokedWords[root];
        for (uint256 i = 0; i < indices.length; ++i) {
            uint32 index = indices[i];
            words[index >> 8] = _markRevoked(root, index, size, words[index >> 8]);
            emit CertificateRevoked(root, index, reason, effectiveAt);
        }
    }

    /// @inheritdoc IOriginRegistry
    function markUsed(bytes32 root, uint32 index, bytes32 declarationRef) external {
        bytes2 member = MEMBERS.operatorMember(msg.sender);
        if (member == bytes2(0)) revert OriginRegistryNotOperator(msg.sender);
        if (declarationRef == bytes32(0)) revert OriginRegistryInvalidReference();
        _requireInRange(root, index);
        if (_isRevoked(root, index)) revert OriginRegistryRevoked(root, index);
        Use storage first = _uses[root][index];
        if (first.member != bytes2(0)) {
            revert OriginRegistryAlreadyUsed(root, index, first.member, first.declarationRef, first.usedAt);
        }
        _uses[root][index] = Use({member: member, usedAt: uint64(block.timestamp), declarationRef: declarationRef});
        emit CertificateUsed(root, index, member, declarationRef);
    }

    /// @inheritdoc IOriginRegistry
    function getBatch(bytes32 root) external view returns (Batch memory) {
        return _batches[root];
    }

    /// @inheritdoc IOriginRegistry
    function isRevoked(bytes32 root, uint32 index) external view returns (bool) {
        _requireInRange(root, index);
        return _isRevoked(root, index);
    }

    /// @inheritdoc IOriginRegistry
    function useOf(bytes32 root, uint32 index) external view returns (Use memory) {
        return _uses[root][index];
    }

    /// @inheritdoc IOriginRegistry
    function leafOf(uint32 index, bytes32 documentHash) external pure returns (bytes32) {
        return MerkleBatch.leaf(LEAF_TAG, index, documentHash);
    }

    /// @inheritdoc IOriginRegistry
    function verifyInclusion(bytes32 root, uint32 index, bytes32 documentHash, bytes32[] calldata proof)
        external
        view
        returns (bool)
    {
        Batch memory batch = _batches[root];
        if (batch.chamber == bytes16(0) || index >= batch.size) return false;
        return MerkleBatch.rootOf(proof, MerkleBatch.leaf(LEAF_TAG, index, documentHash)) == root;
    }

    // ---------------------------------------------------------------- internals

    function _markRevoked(bytes32 root, uint32 index, uint32 size, uint256 word) private pure returns (uint256) {
        if (index >= size) revert OriginRegistryIndexOutOfRange(root, index, size);
        uint256 bit = uint256(1) << (index & 255);
        if (word & bit != 0) revert OriginRegistryAlreadyRevoked(root, index);
        return word | bit;
    }

    function _isRevoked(bytes32 root, uint32 index) private view returns (bool) {
        return _revokedWords[root][index >> 8] & (uint256(1) << (index & 255)) != 0;
    }

    function _requireInRange(bytes32 root, uint32 index) private view {
        Batch memory batch = _batches[root];
        if (batch.chamber == bytes16(0)) revert OriginRegistryUnknownBatch(root);
        if (index >= batch.size) revert OriginRegistryIndexOutOfRange(root, index, batch.size);
    }

    function _requireOwnBatch(bytes32 root) private view returns (uint32 size) {
        (, bytes16 chamber) = _requireAuthorizedChamber();
        Batch memory batch = _batches[root];
        if (batch.chamber == bytes16(0)) revert OriginRegistryUnknownBatch(root);
        if (batch.chamber != chamber) revert OriginRegistryNotIssuer(root, batch.chamber, msg.sender);
        return batch.size;
    }

    function _requireAuthorizedChamber() private view returns (bytes2 member, bytes16 chamber) {
        bool authorized;
        (member, chamber, authorized) = MEMBERS.chamberOf(msg.sender);
        if (chamber == bytes16(0)) revert OriginRegistryNotChamber(msg.sender);
        if (!authorized) revert OriginRegistryChamberNotAuthorized(chamber);
    }

    function _effectiveTime(uint64 effectiveAt) private view returns (uint64) {
        if (effectiveAt == 0) return uint64(block.timestamp);
        if (effectiveAt > block.timestamp) {
            revert OriginRegistryEffectiveTimeInFuture(effectiveAt, uint64(block.timestamp));
        }
        return effectiveAt;
    }
}
