// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

/// @title AEO credential registry: anchored batches and per-credential status
/// @notice A member's operator anchors the Merkle root of a batch of credentials; each credential is then addressed
///         as (root, index) and carries a 2-bit status packed 128 to a storage slot, like a bitstring status list.
///         A fresh credential is Active (the zero value), so anchoring writes no status at all.
interface ICredentialRegistry {
    /// @notice A credential's status. Revoked and Superseded are terminal.
    enum CredentialStatus {
        Active,
        Suspended,
        Revoked,
        Superseded
    }

    /// @notice An anchored batch (issuer 0x0000 when the root is unknown).
    struct Batch {
        bytes2 issuer;
        uint32 size;
        uint64 anchoredAt;
    }

    /// @notice `issuer` anchored the root of a batch of `size` credentials.
    event BatchAnchored(bytes32 indexed root, bytes2 indexed issuer, uint32 size, uint64 anchoredAt);
    /// @notice One credential changed status.
    event CredentialStatusChanged(
        bytes32 indexed root, uint32 indexed index, CredentialStatus status, uint8 reason, uint64 effectiveAt
    );
    /// @notice Many credentials of one batch changed to the same status, in the order given.
    event CredentialStatusesChanged(
        bytes32 indexed root, CredentialStatus status, uint8 reason, uint64 effectiveAt, uint32[] indices
    );
    /// @notice A credential was renewed: (root, index) is Superseded by (newRoot, newIndex).
    event CredentialSuperseded(
        bytes32 indexed root, uint32 indexed index, bytes32 newRoot, uint32 newIndex, uint8 reason, uint64 effectiveAt
    );

    /// @notice `account` is not an operator of an active member.
    error CredentialRegistryNotOperator(address account);
    /// @notice The batch `root` belongs to `issuer`, and `account` does not write for it.
    error CredentialRegistryNotIssuer(bytes32 root, bytes2 issuer, address account);
    /// @notice The zero root or a zero batch size.
    error CredentialRegistryInvalidBatch(bytes32 root, uint32 size);
    /// @notice The root is already anchored.
    error CredentialRegistryRootExists(bytes32 root);
    /// @notice No batch has this root.
    error CredentialRegistryUnknownBatch(bytes32 root);
    /// @notice The index lies outside the batch.
    error CredentialRegistryIndexOutOfRange(bytes32 root, uint32 index, uint32 size);
    /// @notice The credential is in `from`, which cannot change to `to`.
    error CredentialRegistryIllegalTransition(bytes32 root, uint32 index, CredentialStatus from, CredentialStatus to);
    /// @notice Effective times may not lie in the future.
    error CredentialRegistryEffectiveTimeInFuture(uint64 effectiveAt, uint64 blockTime);
    /// @notice An empty list, or lists of different lengths.
    error CredentialRegistryInvalidList();
    /// @notice The replacement of a renewal must be another Active credential of the same issuer.
    error CredentialRegistryInvalidReplacement(bytes32 newRoot, uint32 newIndex);

    /// @notice Anchors the Merkle root of a batch of `size` credentials for the caller's member.
    /// @param root The batch's Merkle root (see contracts/README.md for the leaf and node formulas).
    /// @param size The number of credentials in the batch; valid indices are 0 .. size-1.
    function anchor(bytes32 root, uint32 size) external;

    /// @notice Suspends an Active credential.
    /// @param root The batch root.
    /// @param index The credential's index in the batch.
    /// @param reason A reason code (see contracts/README.md).
    /// @param effectiveAt When the change takes effect; 0 means the block time; never in the future.
    function suspend(bytes32 root, uint32 index, uint8 reason, uint64 effectiveAt) external;

    /// @notice Reinstates a Suspended credential.
    /// @param root The batch root.
    /// @param index The credential's index in the batch.
    /// @param reason A reason code.
    /// @param effectiveAt When the change takes effect; 0 means the block time; never in the future.
    function reinstate(bytes32 root, uint32 index, uint8 reason, uint64 effectiveAt) external;

    /// @notice Revokes an Active or Suspended credential, for good.
    /// @param root The batch root.
    /// @param index The credential's index in the batch.
    /// @param reason A reason code.
    /// @param effectiveAt When the change takes effect; 0 means the block time; never in the future.
    function revoke(bytes32 root, uint32 index, uint8 reason, uint64 effectiveAt) external;

    /// @notice Renewal: an Active credential is Superseded by an Active credential of the same issuer.
    /// @param root The old credential's batch root.
    /// @param index The old credential's index.
    /// @param newRoot The renewed credential's batch root.
    /// @param newIndex The renewed credential's index.
    /// @param reason A reason code.
    /// @param effectiveAt When the change takes effect; 0 means the block time; never in the future.
    function supersede(bytes32 root, uint32 index, bytes32 newRoot, uint32 newIndex, uint8 reason, uint64 effectiveAt)
        external;

    /// @notice Suspends many Active credentials of one batch in one transaction.
    /// @param root The batch root.
    /// @param indices The credentials' indices (sorted indices share storage writes and cost least).
    /// @param reason A reason code for all of them.
    /// @param effectiveAt When the change takes effect; 0 means the block time; never in the future.
    function suspendMany(bytes32 root, uint32[] calldata indices, uint8 reason, uint64 effectiveAt) external;

    /// @notice Reinstates many Suspended credentials of one batch in one transaction.
    /// @param root The batch root.
    /// @param indices The credentials' indices.
    /// @param reason A reason code for all of them.
    /// @param effectiveAt When the change takes effect; 0 means the block time; never in the future.
    function reinstateMany(bytes32 root, uint32[] calldata indices, uint8 reason, uint64 effectiveAt) external;

    /// @notice Revokes many Active or Suspended credentials of one batch in one transaction.
    /// @param root The batch root.
    /// @param indices The credentials' indices.
    /// @param reason A reason code for all of them.
    /// @param effectiveAt When the change takes effect; 0 means the block time; never in the future.
    function revokeMany(bytes32 root, uint32[] calldata indices, uint8 reason, uint64 effectiveAt) external;

    /// @notice Renews many credentials of one batch: `indices[i]` is Superseded by (newRoot, newIndices[i]).
    /// @param root The old credentials' batch root.
    /// @param indices The old credentials' indices.
    /// @param newRoot The renewed credentials' batch root.
    /// @param newIndices The renewed credentials' indices, one per old index.
    /// @param reason A reason code for all of them.
    /// @param effectiveAt When the change takes effect; 0 means the block time; never in the future.
    function supersedeMany(
        bytes32 root,
        uint32[] calldata indices,
        bytes32 newRoot,
        uint32[] calldata newIndices,
        uint8 reason,
        uint64 effectiveAt
    ) external;

    /// @notice An anchored batch.
    /// @param root The batch root.
    /// @return The batch (issuer 0x0000 when unknown).
    function getBatch(bytes32 root) external view returns (Batch memory);

    /// @notice A credential's current status.
    /// @param root The batch root.
    /// @param index The credential's index.
    /// @return The status; reverts for unknown roots and indices out of range.
    function statusOf(bytes32 root, uint32 index) external view returns (CredentialStatus);

    /// @notice A raw status word: the 2-bit statuses of indices 128*wordIndex .. 128*wordIndex+127, index i at bits
    ///         2*(i mod 128) and up, for bulk synchronisation.
    /// @param root The batch root.
    /// @param wordIndex The word's index.
    /// @return The packed statuses.
    function statusWord(bytes32 root, uint256 wordIndex) external view returns (uint256);

    /// @notice This registry's leaf of a credential.
    /// @param index The credential's index in its batch.
    /// @param documentHash keccak256 of the credential's compact JWS (ASCII).
    /// @return The leaf.
    function leafOf(uint32 index, bytes32 documentHash) external pure returns (bytes32);

    /// @notice Whether a credential is included in an anchored batch.
    /// @param root The batch root.
    /// @param index The credential's index.
    /// @param documentHash keccak256 of the credential's compact JWS (ASCII).
    /// @param proof Sibling hashes from the leaf upwards.
    /// @return True when the batch is anchored, the index is in range and the proof leads to the root.
    function verifyInclusion(bytes32 root, uint32 index, bytes32 documentHash, bytes32[] calldata proof)
        external
        view
        returns (bool);
}
