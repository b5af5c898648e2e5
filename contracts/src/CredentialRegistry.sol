// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {ICredentialRegistry} from "./interfaces/ICredentialRegistry.sol";
import {IMemberRegistry} from "./interfaces/IMemberRegistry.sol";
import {MerkleBatch} from "./libraries/MerkleBatch.sol";

/// @title AEO credential registry
/// @notice See {ICredentialRegistry}. Writers are the operators of the issuing member, as recorded in the
///         {IMemberRegistry} given at deployment.
contract CredentialRegistry is ICredentialRegistry {
    /// @notice Domain tag of this registry's Merkle leaves.
    bytes32 public constant LEAF_TAG = keccak256("CredentialLedger.AeoCredential.v1");

    /// @notice The member registry that says who writes for which member.
    IMemberRegistry public immutable MEMBERS;

    mapping(bytes32 root => Batch) private _batches;
    /// @dev 128 two-bit statuses per word; index i lives in word i >> 7 at bit (i & 127) << 1.
    mapping(bytes32 root => mapping(uint256 wordIndex => uint256 word)) private _statusWords;

    /// @notice Links the registry to its member registry.
    /// @param members The member registry.
    constructor(IMemberRegistry members) {
        MEMBERS = members;
    }

    /// @inheritdoc ICredentialRegistry
    function anchor(bytes32 root, uint32 size) external {
        bytes2 issuer = _requireOperator();
        if (root == bytes32(0) || size == 0) revert CredentialRegistryInvalidBatch(root, size);
        if (_batches[root].issuer != bytes2(0)) revert CredentialRegistryRootExists(root);
        _batches[root] = Batch({issuer: issuer, size: size, anchoredAt: uint64(block.timestamp)});
        emit BatchAnchored(root, issuer, size, uint64(block.timestamp));
    }

    /// @inheritdoc ICredentialRegistry
    function suspend(bytes32 root, uint32 index, uint8 reason, uint64 effectiveAt) external {
        _changeOne(root, index, CredentialStatus.Suspended, reason, effectiveAt);
    }

    /// @inheritdoc ICredentialRegistry
    function reinstate(bytes32 root, uint32 index, uint8 reason, uint64 effectiveAt) external {
        _changeOne(root, index, CredentialStatus.Active, reason, effectiveAt);
    }

    /// @inheritdoc ICredentialRegistry
    function revoke(bytes32 root, uint32 index, uint8 reason, uint64 effectiveAt) external {
        _changeOne(root, index, CredentialStatus.Revoked, reason, effectiveAt);
    }

    /// @inheritdoc ICredentialRegistry
    function supersede(bytes32 root, uint32 index, bytes32 newRoot, uint32 newIndex, uint8 reason, uint64 effectiveAt)
        external
    {
        effectiveAt = _effectiveTime(effectiveAt);
        Batch memory batch = _requireOwnBatch(root);
        _requireReplacement(root, index, newRoot, newIndex, batch.issuer);
        _setStatus(root, index, batch.size, CredentialStatus.Superseded);
        emit CredentialSuperseded(root, index, newRoot, newIndex, reason, effectiveAt);
    }

    /// @inheritdoc ICredentialRegistry
    function suspendMany(bytes32 root, uint32[] calldata indices, uint8 reason, uint64 effectiveAt) external {
        _changeMany(root, indices, CredentialStatus.Suspended, reason, effectiveAt);
    }

    /// @inheritdoc ICredentialRegistry
    function reinstateMany(bytes32 root, uint32[] calldata indices, uint8 reason, uint64 effectiveAt) external {
        _changeMany(root, indices, CredentialStatus.Active, reason, effectiveAt);
    }

    /// @inheritdoc ICredentialRegistry
    function revokeMany(bytes32 root, uint32[] calldata indices, uint8 reason, uint64 effectiveAt) external {
        _changeMany(root, indices, CredentialStatus.Revoked, reason, effectiveAt);
    }

    /// @inheritdoc ICredentialRegistry
    function supersedeMany(
        bytes32 root,
        uint32[] calldata indices,
        bytes32 newRoot,
        uint32[] calldata newIndices,
        uint8 reason,
        uint64 effectiveAt
    ) external {
        if (indices.length == 0 || indices.length != newIndices.length) {
            revert CredentialRegistryInvalidList();
        }
        effectiveAt = _effectiveTime(effectiveAt);
        Batch memory batch = _requireOwnBatch(root);
        for (uint256 i = 0; i < indices.length; ++i) {
            _requireReplacement(root, indices[i], newRoot, newIndices[i], batch.issuer);
            _setStatus(root, indices[i], batch.size, CredentialStatus.Superseded);
            emit CredentialSuperseded(root, indices[i], newRoot, newIndices[i], reason, effectiveAt);
        }
    }

    /// @inheritdoc ICredentialRegistry
    function getBatch(bytes32 root) external view returns (Batch memory) {
        return _batches[root];
    }

    /// @inheritdoc ICredentialRegistry
    function statusOf(bytes32 root, uint32 index) external view returns (CredentialStatus) {
        Batch memory batch = _batches[root];
        if (batch.issuer == bytes2(0)) revert CredentialRegistryUnknownBatch(root);
        if (index >= batch.size) revert CredentialRegistryIndexOutOfRange(root, index, batch.size);
        return _statusIn(_statusWords[root][index >> 7], index);
    }

    /// @inheritdoc ICredentialRegistry
    function statusWord(bytes32 root, uint256 wordIndex) external view returns (uint256) {
        return _statusWords[root][wordIndex];
    }

    /// @inheritdoc ICredentialRegistry
    function leafOf(uint32 index, bytes32 documentHash) external pure returns (bytes32) {
        return MerkleBatch.leaf(LEAF_TAG, index, documentHash);
    }

    /// @inheritdoc ICredentialRegistry
    function verifyInclusion(bytes32 root, uint32 index, bytes32 documentHash, bytes32[] calldata proof)
        external
        view
        returns (bool)
    {
        Batch memory batch = _batches[root];
        if (batch.issuer == bytes2(0) || index >= batch.size) return false;
        return MerkleBatch.rootOf(proof, MerkleBatch.leaf(LEAF_TAG, index, documentHash)) == root;
    }

    // ---------------------------------------------------------------- internals

    function _changeOne(bytes32 root, uint32 index, CredentialStatus to, uint8 reason, uint64 effectiveAt) private {
        effectiveAt = _effectiveTime(effectiveAt);
        Batch memory batch = _requireOwnBatch(root);
        _setStatus(root, index, batch.size, to);
        emit CredentialStatusChanged(root, index, to, reason, effectiveAt);
    }

    /// @dev Reads and writes each status word once per run of indices that share it, so sorted lists cost one
    ///      storage write per 128 credentials.
    function _changeMany(bytes32 root, uint32[] calldata indices, CredentialStatus to, uint8 reason, uint64 effectiveAt)
        private
    {
        if (indices.length == 0) revert CredentialRegistryInvalidList();
        effectiveAt = _effectiveTime(effectiveAt);
        Batch memory batch = _requireOwnBatch(root);
        mapping(uint256 => uint256) storage words = _statusWords[root];
        uint256 current = type(uint256).max;
        uint256 word;
        for (uint256 i = 0; i < indices.length; ++i) {
            uint32 index = indices[i];
            if (index >= batch.size) revert CredentialRegistryIndexOutOfRange(root, index, batch.size);
            uint256 wordIndex = index >> 7;
            if (wordIndex != current) {
                if (current != type(uint256).max) words[current] = word;
                current = wordIndex;
                word = words[wordIndex];
            }
            word = _transition(root, index, word, to);
        }
        words[current] = word;
        emit CredentialStatusesChanged(root, to, reason, effectiveAt, indices);
    }

    function _setStatus(bytes32 root, uint32 index, uint32 size, CredentialStatus to) private {
        if (index >= size) revert CredentialRegistryIndexOutOfRange(root, index, size);
        mapping(uint256 => uint256) storage words = _statusWords[root];
        uint256 wordIndex = index >> 7;
        words[wordIndex] = _transition(root, index, words[wordIndex], to);
    }

    /// @dev The only legal moves: Active -> Suspended, Suspended -> Active, Active|Suspended -> Revoked,
    ///      Active -> Superseded. Revoked and Superseded are terminal.
    function _transition(bytes32 root, uint32 index, uint256 word, CredentialStatus to) private pure returns (uint256) {
        CredentialStatus from = _statusIn(word, index);
        bool legal;
        if (to == CredentialStatus.Suspended) {
            legal = from == CredentialStatus.Active;
        } else if (to == CredentialStatus.Active) {
            legal = from == CredentialStatus.Suspended;
        } else if (to == CredentialStatus.Revoked) {
            legal = from == CredentialStatus.Active || from == CredentialStatus.Suspended;
        } else {
            legal = from == CredentialStatus.Active;
        }
        if (!legal) revert CredentialRegistryIllegalTransition(root, index, from, to);
        uint256 shift = uint256(index & 127) << 1;
        return (word & ~(uint256(3) << shift)) | (uint256(to) << shift);
    }

    function _requireReplacement(bytes32 root, uint32 index, bytes32 newRoot, uint32 newIndex, bytes2 issuer)
        private
        view
    {
        Batch memory replacement = _batches[newRoot];
        bool valid = replacement.issuer == issuer && newIndex < replacement.size
            && !(newRoot == root && newIndex == index)
            && _statusIn(_statusWords[newRoot][newIndex >> 7], newIndex) == CredentialStatus.Active;
        if (!valid) revert CredentialRegistryInvalidReplacement(newRoot, newIndex);
    }

    function _requireOwnBatch(bytes32 root) private view returns (Batch memory batch) {
        bytes2 writer = _requireOperator();
        batch = _batches[root];
        if (batch.issuer == bytes2(0)) revert CredentialRegistryUnknownBatch(root);
        if (batch.issuer != writer) revert CredentialRegistryNotIssuer(root, batch.issuer, msg.sender);
    }

    function _requireOperator() private view returns (bytes2 code) {
        code = MEMBERS.operatorMember(msg.sender);
        if (code == bytes2(0)) revert CredentialRegistryNotOperator(msg.sender);
    }

    function _effectiveTime(uint64 effectiveAt) private view returns (uint64) {
        if (effectiveAt == 0) return uint64(block.timestamp);
        if (effectiveAt > block.timestamp) {
            revert CredentialRegistryEffectiveTimeInFuture(effectiveAt, uint64(block.timestamp));
        }
        return effectiveAt;
    }

    function _statusIn(uint256 word, uint32 index) private pure returns (CredentialStatus) {
        return CredentialStatus((word >> (uint256(index & 127) << 1)) & 3);
    }
}
