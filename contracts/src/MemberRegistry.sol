// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IMemberRegistry} from "./interfaces/IMemberRegistry.sol";

/// @title Member registry (governance, operators, signing keys, chambers of commerce)
/// @notice See {IMemberRegistry}. Founding members are set at deployment; later admissions and removals need the
///         votes of more than half of the members active when the proposal is executed.
contract MemberRegistry is IMemberRegistry {
    /// @notice The most operator accounts a member may hold (removal of a member walks them).
    uint256 public constant MAX_OPERATORS = 16;

    /// @notice How long a proposal stays open for votes and execution, in seconds.
    uint64 public immutable VOTING_PERIOD;

    /// @notice The longest voting period accepted at deployment.
    uint64 public constant MAX_VOTING_PERIOD = 365 days;

    /// @dev Who an account writes for. `chamber == 0` marks a member operator.
    struct Account {
        bytes2 member;
        bytes16 chamber;
    }

    mapping(bytes2 code => Member) private _members;
    bytes2[] private _codes;
    uint256 private _activeCount;
    mapping(bytes2 code => address[]) private _operators;
    mapping(address account => Account) private _accounts;

    uint256 private _proposalCount;
    mapping(uint256 proposalId => Proposal) private _proposals;
    mapping(uint256 proposalId => bytes2[]) private _voters;
    /// @dev The voter's membership epoch when it voted; a vote counts only while that membership lasts.
    mapping(uint256 proposalId => mapping(bytes2 code => uint32 epoch)) private _voteEpochs;

    mapping(bytes32 keyId => SigningKey) private _keys;
    mapping(bytes16 chamber => Chamber) private _chambers;

    /// @notice Deploys the registry with its founding members, each with one operator account.
    /// @param founders ISO 3166-1 alpha-2 codes, distinct, at least one.
    /// @param firstOperators One operator account per founder, distinct and non-zero.
    /// @param votingPeriod Seconds a proposal stays open (1 .. MAX_VOTING_PERIOD).
    constructor(bytes2[] memory founders, address[] memory firstOperators, uint64 votingPeriod) {
        if (founders.length == 0 || founders.length != firstOperators.length) revert MemberRegistryInvalidFounders();
        if (votingPeriod == 0 || votingPeriod > MAX_VOTING_PERIOD) {
            revert MemberRegistryInvalidVotingPeriod(votingPeriod);
        }
        VOTING_PERIOD = votingPeriod;
        for (uint256 i = 0; i < founders.length; ++i) {
            _requireValidCode(founders[i]);
            if (_members[founders[i]].status != MemberStatus.None) revert MemberRegistryInvalidFounders();
            _admit(founders[i], firstOperators[i], 0);
        }
    }

    // ---------------------------------------------------------------- governance

    /// @inheritdoc IMemberRegistry
    function propose(ProposalKind kind, bytes2 subject, address firstOperator) external returns (uint256 proposalId) {
        bytes2 proposer = _requireOperator();
        if (kind == ProposalKind.Admit) {
            _requireValidCode(subject);
            if (_members[subject].status == MemberStatus.Active) revert MemberRegistryAlreadyActive(subject);
            _requireFreeAccount(firstOperator);
        } else {
            if (_members[subject].status != MemberStatus.Active) revert MemberRegistryNotActive(subject);
            firstOperator = address(0);
        }
        proposalId = ++_proposalCount;
        uint64 expiresAt = uint64(block.timestamp) + VOTING_PERIOD;
        _proposals[proposalId] = Proposal({
            kind: kind,
            subject: subject,
            proposer: proposer,
            executed: false,
            createdAt: uint64(block.timestamp),
            expiresAt: expiresAt,
            firstOperator: firstOperator
        });
        emit ProposalCreated(proposalId, kind, subject, proposer, firstOperator, expiresAt);
        _vote(proposalId, proposer);
    }

    /// @inheritdoc IMemberRegistry
    function vote(uint256 proposalId) external {
        bytes2 voter = _requireOperator();
        _requireOpen(proposalId);
        _vote(proposalId, voter);
    }

    /// @inheritdoc IMemberRegistry
    function execute(uint256 proposalId) external {
        Proposal storage p = _requireOpen(proposalId);
        (uint256 votes, uint256 required) = _tally(proposalId);
        if (votes < required) revert MemberRegistryNoMajority(proposalId, votes, required);
        p.executed = true;
        if (p.kind == ProposalKind.Admit) {
            if (_members[p.subject].status == MemberStatus.Active) revert MemberRegistryAlreadyActive(p.subject);
            _admit(p.subject, p.firstOperator, proposalId);
        } else {
            _remove(p.subject, proposalId);
        }
        emit ProposalExecuted(proposalId);
    }

    /// @inheritdoc IMemberRegistry
    function getProposal(uint256 proposalId) external view returns (Proposal memory) {
        return _requireProposal(proposalId);
    }

    /// @inheritdoc IMemberRegistry
    function tally(uint256 proposalId) external view returns (uint256 votes, uint256 required) {
        _requireProposal(proposalId);
        return _tally(proposalId);
    }

    // ---------------------------------------------------------------- members and operators

    /// @inheritdoc IMemberRegistry
    function addOperator(address account) external {
        bytes2 code = _requireOperator();
        _requireFreeAccount(account);
        if (_members[code].operatorCount >= MAX_OPERATORS) revert MemberRegistryTooManyOperators(code, MAX_OPERATORS);
        _addOperator(code, account);
    }

    /// @inheritdoc IMemberRegistry
    function removeOperator(address account) external {
        bytes2 code = _requireOperator();
        Account memory target = _accounts[account];
        if (target.member != code || target.chamber != bytes16(0)) revert MemberRegistryUnknownOperator(code, account);
        if (_members[code].operatorCount == 1) revert MemberRegistryLastOperator(code);
        address[] storage list = _operators[code];
        uint256 last = list.length - 1;
        for (uint256 i = 0; i <= last; ++i) {
            if (list[i] == account) {
                list[i] = list[last];
                list.pop();
                break;
            }
        }
        --_members[code].operatorCount;
        delete _accounts[account];
        emit OperatorRemoved(code, account);
    }

    /// @inheritdoc IMemberRegistry
    function getMember(bytes2 code) external view returns (Member memory) {
        return _members[code];
    }

    /// @inheritdoc IMemberRegistry
    function isActiveMember(bytes2 code) external view returns (bool) {
        return _members[code].status == MemberStatus.Active;
    }

    /// @inheritdoc IMemberRegistry
    function operatorMember(address account) external view returns (bytes2) {
        // Operators are deleted when their member is removed, so a present entry always belongs to an active member.
        Account memory a = _accounts[account];
        return a.chamber == bytes16(0) ? a.member : bytes2(0);
    }

    /// @inheritdoc IMemberRegistry
    function operators(bytes2 code) external view returns (address[] memory) {
        return _operators[code];
    }

    /// @inheritdoc IMemberRegistry
    function memberCodes() external view returns (bytes2[] memory) {
        return _codes;
    }

    /// @inheritdoc IMemberRegistry
    function activeMemberCount() external view returns (uint256) {
        return _activeCount;
    }

    // ---------------------------------------------------------------- signing keys

    /// @inheritdoc IMemberRegistry
    function registerKey(bytes calldata publicKey, uint64 validFrom, uint64 validUntil)
        external
        returns (bytes32 keyId)
    {
        bytes2 code = _requireOperator();
        return _registerKey(code, bytes16(0), publicKey, validFrom, validUntil);
    }

    /// @inheritdoc IMemberRegistry
    function registerChamberKey(bytes16 chamberId, bytes calldata publicKey, uint64 validFrom, uint64 validUntil)
        external
        returns (bytes32 keyId)
    {
        Chamber memory c = _requireChamber(chamberId);
        Account memory caller = _accounts[msg.sender];
        bool isOwnOperator = caller.chamber == bytes16(0) && caller.member == c.member && c.member != bytes2(0);
        if (!isOwnOperator && caller.chamber != chamberId) revert MemberRegistryNotOperator(msg.sender);
        if (c.status != ChamberStatus.Active) revert MemberRegistryChamberStatus(chamberId, c.status);
        if (!_memberStands(c)) revert MemberRegistryNotActive(c.member);
        return _registerKey(c.member, chamberId, publicKey, validFrom, validUntil);
    }

    /// @inheritdoc IMemberRegistry
    function revokeKey(bytes32 keyId, uint64 effectiveAt, uint8 reason) external {
        SigningKey storage k = _keys[keyId];
        if (k.member == bytes2(0)) revert MemberRegistryUnknownKey(keyId);
        Account memory caller = _accounts[msg.sender];
        bool isOperator = caller.chamber == bytes16(0) && caller.member == k.member;
        // A chamber may revoke its own keys even while suspended, but not once withdrawn or its member is gone.
        bool isChamber = k.chamber != bytes16(0) && caller.chamber == k.chamber
            && _chambers[k.chamber].status != ChamberStatus.Withdrawn && _memberStands(_chambers[k.chamber]);
        if (!isOperator && !isChamber) revert MemberRegistryNotKeyManager(keyId, msg.sender);
        // A key never valid at all is revoked from its first second, which keeps 0 free to mean "not revoked".
        if (effectiveAt < k.validFrom) effectiveAt = k.validFrom;
        if (k.revokedAt != 0 && effectiveAt >= k.revokedAt) revert MemberRegistryKeyAlreadyRevoked(keyId, k.revokedAt);
        k.revokedAt = effectiveAt;
        k.revocationReason = reason;
        emit KeyRevoked(keyId, effectiveAt, reason);
    }

    /// @inheritdoc IMemberRegistry
    function getKey(bytes32 keyId) external view returns (SigningKey memory) {
        return _keys[keyId];
    }

    /// @inheritdoc IMemberRegistry
    function keyValidAt(bytes32 keyId, uint64 at) external view returns (bool valid, bytes2 owner, bytes16 chamberId) {
        SigningKey storage k = _keys[keyId];
        owner = k.member;
        chamberId = k.chamber;
        valid = owner != bytes2(0) && at >= k.validFrom && (k.validUntil == 0 || at < k.validUntil)
            && (k.revokedAt == 0 || at < k.revokedAt);
    }

    // ---------------------------------------------------------------- chambers of commerce

    /// @inheritdoc IMemberRegistry
    function authorizeChamber(bytes16 chamberId, address account) external {
        bytes2 code = _requireOperator();
        if (chamberId == bytes16(0)) revert MemberRegistryInvalidChamber();
        if (_chambers[chamberId].status != ChamberStatus.None) revert MemberRegistryChamberExists(chamberId);
        _requireFreeAccount(account);
        _chambers[chamberId] = Chamber({member: code, status: ChamberStatus.Active, memberEpoch: _members[code].epoch});
        _accounts[account] = Account({member: code, chamber: chamberId});
        emit ChamberAuthorized(chamberId, code, account);
        emit ChamberAccountAdded(chamberId, account);
    }

    /// @inheritdoc IMemberRegistry
    function suspendChamber(bytes16 chamberId, uint8 reason) external {
        Chamber storage c = _requireOwnChamber(chamberId);
        if (c.status != ChamberStatus.Active) revert MemberRegistryChamberStatus(chamberId, c.status);
        c.status = ChamberStatus.Suspended;
        emit ChamberSuspended(chamberId, reason);
    }

    /// @inheritdoc IMemberRegistry
    function reinstateChamber(bytes16 chamberId) external {
        Chamber storage c = _requireOwnChamber(chamberId);
        if (c.status != ChamberStatus.Suspended) revert MemberRegistryChamberStatus(chamberId, c.status);
        c.status = ChamberStatus.Active;
        emit ChamberReinstated(chamberId);
    }

    /// @inheritdoc IMemberRegistry
    function withdrawChamber(bytes16 chamberId, uint8 reason) external {
        Chamber storage c = _requireOwnChamber(chamberId);
        if (c.status == ChamberStatus.Withdrawn) revert MemberRegistryChamberStatus(chamberId, c.status);
        c.status = ChamberStatus.Withdrawn;
        emit ChamberWithdrawn(chamberId, reason);
    }

    /// @inheritdoc IMemberRegistry
    function addChamberAccount(bytes16 chamberId, address account) external {
        Chamber storage c = _requireOwnChamber(chamberId);
        if (c.status == ChamberStatus.Withdrawn) revert MemberRegistryChamberStatus(chamberId, c.status);
        _requireFreeAccount(account);
        _accounts[account] = Account({member: c.member, chamber: chamberId});
        emit ChamberAccountAdded(chamberId, account);
    }

    /// @inheritdoc IMemberRegistry
    function removeChamberAccount(bytes16 chamberId, address account) external {
        _requireOwnChamber(chamberId);
        if (_accounts[account].chamber != chamberId) revert MemberRegistryUnknownChamberAccount(chamberId, account);
        delete _accounts[account];
        emit ChamberAccountRemoved(chamberId, account);
    }

    /// @inheritdoc IMemberRegistry
    function getChamber(bytes16 chamberId) external view returns (Chamber memory) {
        return _chambers[chamberId];
    }

    /// @inheritdoc IMemberRegistry
    function chamberOf(address account) external view returns (bytes2 owner, bytes16 chamberId, bool authorized) {
        Account memory a = _accounts[account];
        if (a.chamber == bytes16(0)) return (bytes2(0), bytes16(0), false);
        Chamber memory c = _chambers[a.chamber];
        authorized = c.status == ChamberStatus.Active && _memberStands(c);
        return (c.member, a.chamber, authorized);
    }

    // ---------------------------------------------------------------- internals

    function _admit(bytes2 code, address firstOperator, uint256 proposalId) private {
        _requireFreeAccount(firstOperator);
        Member storage m = _members[code];
        if (m.status == MemberStatus.None) _codes.push(code);
        m.status = MemberStatus.Active;
        m.epoch += 1;
        m.since = uint64(block.timestamp);
        ++_activeCount;
        emit MemberAdmitted(code, m.epoch, proposalId);
        _addOperator(code, firstOperator);
    }

    function _remove(bytes2 code, uint256 proposalId) private {
        Member storage m = _members[code];
        if (m.status != MemberStatus.Active) revert MemberRegistryNotActive(code);
        if (_activeCount == 1) revert MemberRegistryLastMember(code);
        address[] storage list = _operators[code];
        for (uint256 i = 0; i < list.length; ++i) {
            delete _accounts[list[i]];
            emit OperatorRemoved(code, list[i]);
        }
        delete _operators[code];
        m.operatorCount = 0;
        m.status = MemberStatus.Removed;
        m.since = uint64(block.timestamp);
        --_activeCount;
        emit MemberRemoved(code, proposalId);
    }

    function _addOperator(bytes2 code, address account) private {
        _accounts[account] = Account({member: code, chamber: bytes16(0)});
        _operators[code].push(account);
        ++_members[code].operatorCount;
        emit OperatorAdded(code, account);
    }

    function _vote(uint256 proposalId, bytes2 voter) private {
        uint32 epoch = _members[voter].epoch;
        uint32 recorded = _voteEpochs[proposalId][voter];
        if (recorded == epoch) revert MemberRegistryAlreadyVoted(proposalId, voter);
        // A member re-admitted after voting keeps one entry in the list; its epoch decides whether it counts.
        if (recorded == 0) _voters[proposalId].push(voter);
        _voteEpochs[proposalId][voter] = epoch;
        emit VoteCast(proposalId, voter);
    }

    function _tally(uint256 proposalId) private view returns (uint256 votes, uint256 required) {
        bytes2[] storage voters = _voters[proposalId];
        for (uint256 i = 0; i < voters.length; ++i) {
            Member storage m = _members[voters[i]];
            if (m.status == MemberStatus.Active && m.epoch == _voteEpochs[proposalId][voters[i]]) ++votes;
        }
        required = _activeCount / 2 + 1;
    }

    function _registerKey(bytes2 code, bytes16 chamberId, bytes calldata publicKey, uint64 validFrom, uint64 validUntil)
        private
        returns (bytes32 keyId)
    {
        if (publicKey.length != 65 || publicKey[0] != 0x04) revert MemberRegistryInvalidPublicKey(publicKey.length);
        // A key cannot be made valid for the past: that would let it vouch for documents dated before it existed.
        if (validFrom < block.timestamp) validFrom = uint64(block.timestamp);
        if (validUntil != 0 && validUntil <= validFrom) revert MemberRegistryInvalidValidity(validFrom, validUntil);
        keyId = keccak256(publicKey);
        if (_keys[keyId].member != bytes2(0)) revert MemberRegistryKeyExists(keyId);
        _keys[keyId] = SigningKey({
            member: code,
            chamber: chamberId,
            validFrom: validFrom,
            validUntil: validUntil,
            revokedAt: 0,
            revocationReason: 0,
            publicKey: publicKey
        });
        emit KeyRegistered(keyId, code, chamberId, validFrom, validUntil, publicKey);
    }

    /// @dev The chamber's member is active in the same membership (epoch) that authorized the chamber.
    function _memberStands(Chamber memory c) private view returns (bool) {
        Member storage m = _members[c.member];
        return m.status == MemberStatus.Active && m.epoch == c.memberEpoch;
    }

    function _requireOperator() private view returns (bytes2 code) {
        Account memory a = _accounts[msg.sender];
        if (a.member == bytes2(0) || a.chamber != bytes16(0)) revert MemberRegistryNotOperator(msg.sender);
        return a.member;
    }

    function _requireOwnChamber(bytes16 chamberId) private view returns (Chamber storage c) {
        bytes2 code = _requireOperator();
        c = _chambers[chamberId];
        if (c.status == ChamberStatus.None) revert MemberRegistryUnknownChamber(chamberId);
        if (c.member != code) revert MemberRegistryWrongMember(msg.sender, c.member, code);
    }

    function _requireChamber(bytes16 chamberId) private view returns (Chamber memory c) {
        c = _chambers[chamberId];
        if (c.status == ChamberStatus.None) revert MemberRegistryUnknownChamber(chamberId);
    }

    function _requireFreeAccount(address account) private view {
        if (account == address(0)) revert MemberRegistryZeroAccount();
        if (_accounts[account].member != bytes2(0)) revert MemberRegistryAccountInUse(account);
    }

    function _requireProposal(uint256 proposalId) private view returns (Proposal storage p) {
        p = _proposals[proposalId];
        if (p.createdAt == 0) revert MemberRegistryUnknownProposal(proposalId);
    }

    function _requireOpen(uint256 proposalId) private view returns (Proposal storage p) {
        p = _requireProposal(proposalId);
        if (p.executed) revert MemberRegistryProposalExecuted(proposalId);
        if (block.timestamp >= p.expiresAt) revert MemberRegistryProposalExpired(proposalId, p.expiresAt);
    }

    function _requireValidCode(bytes2 code) private pure {
        uint8 a = uint8(code[0]);
        uint8 b = uint8(code[1]);
        if (a < 0x41 || a > 0x5a || b < 0x41 || b > 0x5a) revert MemberRegistryInvalidCode(code);
    }
}
