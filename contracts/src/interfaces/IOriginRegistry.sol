// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

/// @title Certificate-of-origin registry: batches anchored by chambers of commerce, revocations and uses
/// @notice Chambers authorized in the {IMemberRegistry} anchor Merkle roots of e-CoO batches and revoke single
///         certificates while their authorization stands. An importing member marks a certificate as used for a
///         declaration once; a second use is refused with the first one's reference.
interface IOriginRegistry {
    /// @notice An anchored batch (chamber zero when the root is unknown).
    struct Batch {
        bytes16 chamber;
        bytes2 member;
        uint32 size;
        uint64 anchoredAt;
    }

    /// @notice The first use of a certificate for preference (member 0x0000 when unused).
    struct Use {
        bytes2 member;
        uint64 usedAt;
        bytes32 declarationRef;
    }

    /// @notice `chamber` of `member` anchored the root of a batch of `size` certificates.
    event OriginBatchAnchored(
        bytes32 indexed root, bytes16 indexed chamber, bytes2 indexed member, uint32 size, uint64 anchoredAt
    );
    /// @notice The certificate at (root, index) is revoked from `effectiveAt`.
    event CertificateRevoked(bytes32 indexed root, uint32 indexed index, uint8 reason, uint64 effectiveAt);
    /// @notice `member` used the certificate at (root, index) for the declaration it calls `declarationRef`.
    event CertificateUsed(bytes32 indexed root, uint32 indexed index, bytes2 indexed member, bytes32 declarationRef);

    /// @notice `account` is not an account of a chamber.
    error OriginRegistryNotChamber(address account);
    /// @notice The chamber is suspended or withdrawn, or its member is no longer active.
    error OriginRegistryChamberNotAuthorized(bytes16 chamber);
    /// @notice The batch belongs to `chamber`, and `account` does not write for it.
    error OriginRegistryNotIssuer(bytes32 root, bytes16 chamber, address account);
    /// @notice The zero root or a zero batch size.
    error OriginRegistryInvalidBatch(bytes32 root, uint32 size);
    /// @notice The root is already anchored.
    error OriginRegistryRootExists(bytes32 root);
    /// @notice No batch has this root.
    error OriginRegistryUnknownBatch(bytes32 root);
    /// @notice The index lies outside the batch.
    error OriginRegistryIndexOutOfRange(bytes32 root, uint32 index, uint32 size);
    /// @notice The certificate is already revoked.
    error OriginRegistryAlreadyRevoked(bytes32 root, uint32 index);
    /// @notice Effective times may not lie in the future.
    error OriginRegistryEffectiveTimeInFuture(uint64 effectiveAt, uint64 blockTime);
    /// @notice An empty list.
    error OriginRegistryInvalidList();
    /// @notice `account` is not an operator of an active member.
    error OriginRegistryNotOperator(address account);
    /// @notice The zero declaration reference.
    error OriginRegistryInvalidReference();
    /// @notice The certificate was already used by `member` for `declarationRef` at `usedAt`.
    error OriginRegistryAlreadyUsed(bytes32 root, uint32 index, bytes2 member, bytes32 declarationRef, uint64 usedAt);
    /// @notice A revoked certificate cannot be used.
    error OriginRegistryRevoked(bytes32 root, uint32 index);

    /// @notice Anchors the Merkle root of a batch of `size` certificates for the caller's chamber.
    /// @param root The batch's Merkle root (see contracts/README.md for the leaf and node formulas).
    /// @param size The number of certificates; valid indices are 0 .. size-1.
    function anchor(bytes32 root, uint32 size) external;

    /// @notice Revokes one certificate of a batch the caller's chamber anchored.
    /// @param root The batch root.
    /// @param index The certificate's index.
    /// @param reason A reason code (see contracts/README.md).
    /// @param effectiveAt When it takes effect; 0 means the block time; never in the future.
    function revoke(bytes32 root, uint32 index, uint8 reason, uint64 effectiveAt) external;

    /// @notice Revokes many certificates of one batch the caller's chamber anchored.
    /// @param root The batch root.
    /// @param indices The certificates' indices.
    /// @param reason A reason code for all of them.
    /// @param effectiveAt When it takes effect; 0 means the block time; never in the future.
    function revokeMany(bytes32 root, uint32[] calldata indices, uint8 reason, uint64 effectiveAt) external;

    /// @notice The caller's member (an importing administration) records that it used a certificate for a
    ///         declaration. Only the first use stands; later ones revert with it.
    /// @param root The batch root.
    /// @param index The certificate's index.
    /// @param declarationRef The importing member's declaration reference (for example a hash of the declaration id).
    function markUsed(bytes32 root, uint32 index, bytes32 declarationRef) external;

    /// @notice An anchored batch.
    /// @param root The batch root.
    /// @return The batch (chamber zero when unknown).
    function getBatch(bytes32 root) external view returns (Batch memory);

    /// @notice Whether a certificate is revoked.
    /// @param root The batch root.
    /// @param index The certificate's index.
    /// @return True when revoked; reverts for unknown roots and indices out of range.
    function isRevoked(bytes32 root, uint32 index) external view returns (bool);

    /// @notice The first use of a certificate.
    /// @param root The batch root.
    /// @param index The certificate's index.
    /// @return The use (member 0x0000 when unused).
    function useOf(bytes32 root, uint32 index) external view returns (Use memory);

    /// @notice This registry's leaf of a certificate.
    /// @param index The certificate's index in its batch.
    /// @param documentHash keccak256 of the signed XML document's bytes.
    /// @return The leaf.
    function leafOf(uint32 index, bytes32 documentHash) external pure returns (bytes32);

    /// @notice Whether a certificate is included in an anchored batch.
    /// @param root The batch root.
    /// @param index The certificate's index.
    /// @param documentHash keccak256 of the signed XML document's bytes.
    /// @param proof Sibling hashes from the leaf upwards.
    /// @return True when the batch is anchored, the index is in range and the proof leads to the root.
    function verifyInclusion(bytes32 root, uint32 index, bytes32 documentHash, bytes32[] calldata proof)
        external
        view
        returns (bool);
}
