// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {CredentialRegistry} from "../../../src/CredentialRegistry.sol";
import {MemberRegistry} from "../../../src/MemberRegistry.sol";
import {MraRegistry} from "../../../src/MraRegistry.sol";
import {OriginRegistry} from "../../../src/OriginRegistry.sol";
import {ICredentialRegistry} from "../../../src/interfaces/ICredentialRegistry.sol";
import {IMemberRegistry} from "../../../src/interfaces/IMemberRegistry.sol";
import {Vm} from "../../utils/Vm.sol";

/// @notice Drives the CredentialRegistry for the invariant tests. Actors: the operators of KZ and UZ, a stranger and
///         a KZ chamber account. Actions: anchoring, the single and bulk status changes, renewals, the removal of KZ
///         or UZ through governance (at most once) and, after it, attempts by the removed member's former operator
///         (and chamber) to write in every registry. Every call is predicted by an independent model of the rules;
///         the model's statuses change only on successful calls, and a differing outcome counts in
///         `unexpectedOutcomes`.
contract CredentialRegistryHandler {
    using CredentialModel for ICredentialRegistry.CredentialStatus;

    Vm internal constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    bytes2 internal constant KR = "KR";
    bytes2 internal constant KZ = "KZ";
    bytes2 internal constant UZ = "UZ";

    ICredentialRegistry.CredentialStatus internal constant ACTIVE = ICredentialRegistry.CredentialStatus.Active;
    ICredentialRegistry.CredentialStatus internal constant SUSPENDED = ICredentialRegistry.CredentialStatus.Suspended;
    ICredentialRegistry.CredentialStatus internal constant REVOKED = ICredentialRegistry.CredentialStatus.Revoked;
    ICredentialRegistry.CredentialStatus internal constant SUPERSEDED = ICredentialRegistry.CredentialStatus.Superseded;

    MemberRegistry public immutable members;
    CredentialRegistry public immutable credentials;
    MraRegistry public immutable mras;
    OriginRegistry public immutable origins;

    address internal immutable _krOperator;
    address internal immutable _kzOperator;
    address internal immutable _uzOperator;
    address internal immutable _stranger;
    address internal immutable _chamberAccount;

    // ------------------------------------------------------------ model

    /// @notice Every root anchored, in order.
    bytes32[] public roots;
    mapping(bytes32 root => bytes2) public ghostIssuer;
    mapping(bytes32 root => uint32) public ghostSize;
    mapping(bytes32 root => mapping(uint32 index => ICredentialRegistry.CredentialStatus)) public modelStatus;

    struct Terminal {
        bytes32 root;
        uint32 index;
        ICredentialRegistry.CredentialStatus status;
    }

    /// @dev Credentials that reached Revoked or Superseded, with that status.
    Terminal[] internal _terminals;

    /// @notice The member removed through governance (zero until then) and its former operator.
    bytes2 public removedMember;
    address public removedOperator;
    mapping(bytes32 root => bool) internal _originAnchored;
    /// @dev Suspended credentials per batch, to steer reinstatements to batches that have some.
    mapping(bytes32 root => uint256) internal _suspendedCount;
    uint256 internal _nonce;

    // ------------------------------------------------------------ counters

    /// @notice Handler actions called (by the fuzzer or a test).
    uint256 public calls;
    uint256 public unexpectedOutcomes;
    /// @notice Successful writes by an account that does not operate the batch's issuer.
    uint256 public nonIssuerWrites;
    /// @notice Writes refused because the caller was not an operator of the issuer (the check was exercised).
    uint256 public nonIssuerRefusals;
    /// @notice Successful writes, in any registry, by the removed member's former operator or its chamber.
    uint256 public writesAfterRemoval;
    uint256 public attemptsAfterRemoval;
    uint256 public anchorOk;
    uint256 public suspendOk;
    uint256 public reinstateOk;
    uint256 public revokeOk;
    uint256 public supersedeOk;
    uint256 public suspendManyOk;
    uint256 public reinstateManyOk;
    uint256 public revokeManyOk;
    uint256 public supersedeManyOk;
    uint256 public originAnchorOk;
    uint256 public reverts;

    constructor(
        MemberRegistry members_,
        CredentialRegistry credentials_,
        MraRegistry mras_,
        OriginRegistry origins_,
        address krOperator,
        address kzOperator,
        address uzOperator,
        address stranger,
        address chamberAccount
    ) {
        members = members_;
        credentials = credentials_;
        mras = mras_;
        origins = origins_;
        _krOperator = krOperator;
        _kzOperator = kzOperator;
        _uzOperator = uzOperator;
        _stranger = stranger;
        _chamberAccount = chamberAccount;
    }

    // ------------------------------------------------------------ actions

    function anchor(uint256 actorSeed, uint256 rootSeed, uint256 sizeSeed) external {
        ++calls;
        actorSeed = _mix(actorSeed, 1);
        rootSeed = _mix(rootSeed, 2);
        sizeSeed = _mix(sizeSeed, 3);
        bytes32 root = rootSeed % 32 == 0 ? bytes32(0) : keccak256(abi.encode("batch", rootSeed % 96));
        uint32 size = sizeSeed % 32 == 0 ? 0 : uint32(1 + (sizeSeed >> 5) % 300);
        _anchor(_anyActor(actorSeed), root, size);
    }

    /// @notice Anchors exactly as told (for the test's set-up; not a fuzz target).
    function anchorAs(address actor, bytes32 root, uint32 size) external {
        _anchor(actor, root, size);
    }

    function suspend(uint256 actorSeed, uint256 rootSeed, uint256 indexSeed, uint8 reason, uint256 timeSeed) external {
        ++calls;
        _changeOne(SUSPENDED, actorSeed, rootSeed, indexSeed, reason, timeSeed);
    }

    function reinstate(uint256 actorSeed, uint256 rootSeed, uint256 indexSeed, uint8 reason, uint256 timeSeed)
        external
    {
        ++calls;
        _changeOne(ACTIVE, actorSeed, rootSeed, indexSeed, reason, timeSeed);
    }

    function revoke(uint256 actorSeed, uint256 rootSeed, uint256 indexSeed, uint8 reason, uint256 timeSeed) external {
        ++calls;
        _changeOne(REVOKED, actorSeed, rootSeed, indexSeed, reason, timeSeed);
    }

    function supersede(
        uint256 actorSeed,
        uint256 rootSeed,
        uint256 indexSeed,
        uint256 replacementSeed,
        uint8 reason,
        uint256 timeSeed
    ) external {
        ++calls;
        actorSeed = _mix(actorSeed, 1);
        rootSeed = _mix(rootSeed, 2);
        indexSeed = _mix(indexSeed, 3);
        replacementSeed = _mix(replacementSeed, 4);
        timeSeed = _mix(timeSeed, 5);
        bytes32 root = _pickRoot(rootSeed, SUPERSEDED);
        address actor = _pickWriter(actorSeed, root);
        uint32 index = _pickIndex(root, indexSeed, SUPERSEDED);
        (bytes32 newRoot, uint32 newIndex) = _pickReplacement(root, index, replacementSeed);
        uint64 effectiveAt = _effectiveAt(timeSeed);

        bool expected = _mayWrite(actor, root, effectiveAt) && index < ghostSize[root]
            && modelStatus[root][index] == ACTIVE
            && _validReplacement(root, index, newRoot, newIndex, modelStatus[newRoot][newIndex]);

        vm.prank(actor);
        try credentials.supersede(root, index, newRoot, newIndex, reason, effectiveAt) {
            _expect(expected, true);
            _afterWrite(actor);
            _checkIssuer(actor, root);
            ++supersedeOk;
            _set(root, index, SUPERSEDED);
        } catch {
            _refused(expected, actor, root);
        }
    }

    function suspendMany(uint256 actorSeed, uint256 rootSeed, uint256 indexSeed, uint8 reason, uint256 timeSeed)
        external
    {
        ++calls;
        _changeMany(SUSPENDED, actorSeed, rootSeed, indexSeed, reason, timeSeed);
    }

    function reinstateMany(uint256 actorSeed, uint256 rootSeed, uint256 indexSeed, uint8 reason, uint256 timeSeed)
        external
    {
        ++calls;
        _changeMany(ACTIVE, actorSeed, rootSeed, indexSeed, reason, timeSeed);
    }

    function revokeMany(uint256 actorSeed, uint256 rootSeed, uint256 indexSeed, uint8 reason, uint256 timeSeed)
        external
    {
        ++calls;
        _changeMany(REVOKED, actorSeed, rootSeed, indexSeed, reason, timeSeed);
    }

    function supersedeMany(
        uint256 actorSeed,
        uint256 rootSeed,
        uint256 indexSeed,
        uint256 replacementSeed,
        uint8 reason,
        uint256 timeSeed
    ) external {
        ++calls;
        actorSeed = _mix(actorSeed, 1);
        rootSeed = _mix(rootSeed, 2);
        indexSeed = _mix(indexSeed, 3);
        replacementSeed = _mix(replacementSeed, 4);
        timeSeed = _mix(timeSeed, 5);
        Bulk memory c = _prepareBulk(SUPERSEDED, actorSeed, rootSeed, indexSeed, timeSeed);
        c.newRoot = _pickReplacementRoot(c.root, replacementSeed);
        c.newIndices =
            _pickReplacementIndices(c.root, c.indices, c.newRoot, replacementSeed >> 8, replacementSeed % 16 == 1);
        _predictSupersedeMany(c);

        vm.prank(c.actor);
        try credentials.supersedeMany(c.root, c.indices, c.newRoot, c.newIndices, reason, c.effectiveAt) {
            _bulkSucceeded(c, SUPERSEDED);
            ++supersedeManyOk;
        } catch {
            _refused(c.expected, c.actor, c.root);
        }
    }

    /// @dev Removes KZ or UZ by a proposal of KR voted by the other one; only once, and only on one call in four
    ///      so that most runs spend a while with both issuers.
    function removeMember(uint256 seed) external {
        ++calls;
        seed = _mix(seed, 1);
        if (removedMember != bytes2(0) || seed % 4 != 0) return;
        bytes2 code = (seed >> 2) % 2 == 0 ? KZ : UZ;
        address former = code == KZ ? _kzOperator : _uzOperator;
        address voter = code == KZ ? _uzOperator : _kzOperator;
        vm.prank(_krOperator);
        uint256 proposalId = members.propose(IMemberRegistry.ProposalKind.Remove, code, address(0));
        vm.prank(voter);
        members.vote(proposalId);
        members.execute(proposalId);
        removedMember = code;
        removedOperator = former;
    }

    /// @dev After the removal, the former operator tries a write in one of the registries (and its chamber, when KZ
    ///      was removed, tries to anchor certificates of origin). Every attempt must revert.
    function removedMemberTriesToWrite(uint256 seed) external {
        ++calls;
        seed = _mix(seed, 1);
        if (removedOperator == address(0)) return;
        ++attemptsAfterRemoval;
        address former = removedOperator;
        bytes32 ownRoot = _ownRoot(seed);
        uint32[] memory zero = new uint32[](1);
        uint256 action = seed % 10;
        bytes memory call;
        address target = address(credentials);
        if (action == 0) {
            call = abi.encodeCall(ICredentialRegistry.anchor, (keccak256(abi.encode("late", ++_nonce)), 10));
        } else if (action == 1) {
            call = abi.encodeCall(ICredentialRegistry.suspend, (ownRoot, 0, 1, 0));
        } else if (action == 2) {
            call = abi.encodeCall(ICredentialRegistry.revoke, (ownRoot, 0, 1, 0));
        } else if (action == 3) {
            call = abi.encodeCall(ICredentialRegistry.revokeMany, (ownRoot, zero, 1, 0));
        } else if (action == 4) {
            bytes2[] memory parties = new bytes2[](2);
            (parties[0], parties[1]) = removedMember == KZ ? (KR, KZ) : (KR, UZ);
            target = address(mras);
            call = abi.encodeWithSelector(MraRegistry.propose.selector, parties, uint32(1), uint32(1), uint64(0), uint64(0));
        } else if (action == 5) {
            target = address(members);
            call = abi.encodeCall(IMemberRegistry.addOperator, (vm.addr(0x5000 + ++_nonce)));
        } else if (action == 6) {
            target = address(members);
            bytes memory key = abi.encodePacked(bytes1(0x04), keccak256(abi.encode(++_nonce)), bytes32(0));
            call = abi.encodeCall(IMemberRegistry.registerKey, (key, 0, 0));
        } else if (action == 7) {
            target = address(members);
            call = abi.encodeCall(
                IMemberRegistry.propose, (IMemberRegistry.ProposalKind.Admit, bytes2("FR"), vm.addr(0x6000 + ++_nonce))
            );
        } else if (action == 8) {
            target = address(members);
            call = abi.encodeCall(IMemberRegistry.authorizeChamber, (bytes16(keccak256(abi.encode(++_nonce))), former));
        } else {
            // Its chamber, when the removed member is KZ; otherwise the former operator itself.
            former = removedMember == KZ ? _chamberAccount : former;
            target = address(origins);
            call = abi.encodeWithSelector(OriginRegistry.anchor.selector, keccak256(abi.encode("o-late", ++_nonce)), 5);
        }
        vm.prank(former);
        (bool ok,) = target.call(call);
        if (ok) ++writesAfterRemoval;
    }

    /// @dev The KZ chamber anchors certificates of origin: fine while KZ is a member, never after its removal.
    function chamberAnchorsOrigin(uint256 seed) external {
        ++calls;
        seed = _mix(seed, 1);
        bytes32 root = keccak256(abi.encode("origin", seed % 64));
        bool expected = removedMember != KZ && !_originAnchored[root];
        vm.prank(_chamberAccount);
        try origins.anchor(root, 5) {
            _expect(expected, true);
            _afterWrite(_chamberAccount);
            ++originAnchorOk;
            _originAnchored[root] = true;
        } catch {
            _expect(expected, false);
        }
    }

    // ------------------------------------------------------------ views for the invariants

    function rootCount() external view returns (uint256) {
        return roots.length;
    }

    function terminalCount() external view returns (uint256) {
        return _terminals.length;
    }

    function terminalAt(uint256 i) external view returns (bytes32, uint32, ICredentialRegistry.CredentialStatus) {
        Terminal memory t = _terminals[i];
        return (t.root, t.index, t.status);
    }

    /// @notice Differences between the registry and the model: batch records, and every status word of every
    ///         batch (plus the word after the last, which must stay empty), packed from the model's statuses.
    function modelMismatches() external view returns (uint256 mismatches) {
        for (uint256 r = 0; r < roots.length; ++r) {
            bytes32 root = roots[r];
            ICredentialRegistry.Batch memory b = credentials.getBatch(root);
            if (b.issuer != ghostIssuer[root] || b.size != ghostSize[root]) ++mismatches;
            uint32 size = ghostSize[root];
            uint256 words = (uint256(size) + 127) / 128;
            for (uint256 w = 0; w <= words; ++w) {
                uint256 expected;
                for (uint256 j = 0; j < 128; ++j) {
                    uint256 index = w * 128 + j;
                    if (index >= size) break;
                    expected |= uint256(modelStatus[root][uint32(index)]) << (2 * j);
                }
                if (credentials.statusWord(root, w) != expected) ++mismatches;
            }
        }
    }

    // ------------------------------------------------------------ internals

    function _anchor(address actor, bytes32 root, uint32 size) internal {
        bytes2 writer = _writerOf(actor);
        bool expected = writer != bytes2(0) && root != bytes32(0) && size != 0 && ghostIssuer[root] == bytes2(0);
        vm.prank(actor);
        try credentials.anchor(root, size) {
            _expect(expected, true);
            _afterWrite(actor);
            ++anchorOk;
            roots.push(root);
            ghostIssuer[root] = writer;
            ghostSize[root] = size;
        } catch {
            _expect(expected, false);
        }
    }

    function _changeOne(
        ICredentialRegistry.CredentialStatus to,
        uint256 actorSeed,
        uint256 rootSeed,
        uint256 indexSeed,
        uint8 reason,
        uint256 timeSeed
    ) internal {
        actorSeed = _mix(actorSeed, 1);
        rootSeed = _mix(rootSeed, 2);
        indexSeed = _mix(indexSeed, 3);
        timeSeed = _mix(timeSeed, 4);
        bytes32 root = _pickRoot(rootSeed, to);
        address actor = _pickWriter(actorSeed, root);
        uint32 index = _pickIndex(root, indexSeed, to);
        uint64 effectiveAt = _effectiveAt(timeSeed);
        bool expected = _mayWrite(actor, root, effectiveAt) && index < ghostSize[root]
            && modelStatus[root][index].canBecome(to);

        bool ok;
        vm.prank(actor);
        if (to == SUSPENDED) {
            try credentials.suspend(root, index, reason, effectiveAt) {
                ok = true;
            } catch {}
        } else if (to == ACTIVE) {
            try credentials.reinstate(root, index, reason, effectiveAt) {
                ok = true;
            } catch {}
        } else {
            try credentials.revoke(root, index, reason, effectiveAt) {
                ok = true;
            } catch {}
        }
        if (!ok) return _refused(expected, actor, root);
        _expect(expected, true);
        _afterWrite(actor);
        _checkIssuer(actor, root);
        if (to == SUSPENDED) ++suspendOk;
        else if (to == ACTIVE) ++reinstateOk;
        else ++revokeOk;
        _set(root, index, to);
    }

    function _changeMany(
        ICredentialRegistry.CredentialStatus to,
        uint256 actorSeed,
        uint256 rootSeed,
        uint256 indexSeed,
        uint8 reason,
        uint256 timeSeed
    ) internal {
        actorSeed = _mix(actorSeed, 1);
        rootSeed = _mix(rootSeed, 2);
        indexSeed = _mix(indexSeed, 3);
        timeSeed = _mix(timeSeed, 4);
        Bulk memory c = _prepareBulk(to, actorSeed, rootSeed, indexSeed, timeSeed);
        // Simulate the changes in order on a scratch copy of the touched statuses.
        Scratch memory s = _scratch(c.indices.length);
        c.expected = c.indices.length != 0 && c.expected;
        for (uint256 i = 0; c.expected && i < c.indices.length; ++i) {
            c.expected = c.indices[i] < ghostSize[c.root] && _read(s, c.root, c.indices[i]).canBecome(to);
            _write(s, c.indices[i], to);
        }

        bool ok;
        vm.prank(c.actor);
        if (to == SUSPENDED) {
            try credentials.suspendMany(c.root, c.indices, reason, c.effectiveAt) {
                ok = true;
            } catch {}
        } else if (to == ACTIVE) {
            try credentials.reinstateMany(c.root, c.indices, reason, c.effectiveAt) {
                ok = true;
            } catch {}
        } else {
            try credentials.revokeMany(c.root, c.indices, reason, c.effectiveAt) {
                ok = true;
            } catch {}
        }
        if (!ok) return _refused(c.expected, c.actor, c.root);
        _bulkSucceeded(c, to);
        if (to == SUSPENDED) ++suspendManyOk;
        else if (to == ACTIVE) ++reinstateManyOk;
        else ++revokeManyOk;
    }

    /// @dev A bulk call's inputs and the model's prediction of its outcome.
    struct Bulk {
        bytes32 root;
        address actor;
        uint32[] indices;
        uint64 effectiveAt;
        bytes32 newRoot;
        uint32[] newIndices;
        bool expected;
    }

    /// @dev Picks the inputs; `expected` holds the checks that do not depend on the indices.
    function _prepareBulk(
        ICredentialRegistry.CredentialStatus to,
        uint256 actorSeed,
        uint256 rootSeed,
        uint256 indexSeed,
        uint256 timeSeed
    ) internal view returns (Bulk memory c) {
        c.root = _pickRoot(rootSeed, to);
        c.actor = _pickWriter(actorSeed, c.root);
        c.indices = _pickIndices(c.root, indexSeed, to);
        c.effectiveAt = _effectiveAt(timeSeed);
        c.expected = _mayWrite(c.actor, c.root, c.effectiveAt);
    }

    /// @dev Simulates the renewals in order on a scratch copy of the touched statuses.
    function _predictSupersedeMany(Bulk memory c) internal view {
        Scratch memory s = _scratch(c.indices.length);
        c.expected = c.expected && c.indices.length != 0 && c.indices.length == c.newIndices.length;
        for (uint256 i = 0; c.expected && i < c.indices.length; ++i) {
            ICredentialRegistry.CredentialStatus replacement =
                c.newRoot == c.root ? _read(s, c.root, c.newIndices[i]) : modelStatus[c.newRoot][c.newIndices[i]];
            c.expected = _validReplacement(c.root, c.indices[i], c.newRoot, c.newIndices[i], replacement)
                && c.indices[i] < ghostSize[c.root] && _read(s, c.root, c.indices[i]) == ACTIVE;
            _write(s, c.indices[i], SUPERSEDED);
        }
    }

    function _bulkSucceeded(Bulk memory c, ICredentialRegistry.CredentialStatus to) internal {
        _expect(c.expected, true);
        _afterWrite(c.actor);
        _checkIssuer(c.actor, c.root);
        for (uint256 i = 0; i < c.indices.length; ++i) {
            _set(c.root, c.indices[i], to);
        }
    }

    /// @dev Spreads a fuzzed input over its range: the fuzzer favours edge values (0, 1, max) and repeats inputs,
    ///      which would otherwise pick the deliberately invalid branches far more often than their intended share.
    ///      The call count makes a repeated input pick afresh; a replayed sequence still picks the same.
    function _mix(uint256 seed, uint256 salt) internal view returns (uint256) {
        return uint256(keccak256(abi.encode(seed, salt, calls)));
    }

    function _set(bytes32 root, uint32 index, ICredentialRegistry.CredentialStatus to) internal {
        if (modelStatus[root][index] == SUSPENDED) --_suspendedCount[root];
        if (to == SUSPENDED) ++_suspendedCount[root];
        modelStatus[root][index] = to;
        if (to == REVOKED || to == SUPERSEDED) _terminals.push(Terminal({root: root, index: index, status: to}));
    }

    /// @dev The caller writes for the batch's issuer (by the model: KZ's and UZ's operators until removed), the
    ///      batch exists and the effective time is not in the future.
    function _mayWrite(address actor, bytes32 root, uint64 effectiveAt) internal view returns (bool) {
        bytes2 writer = _writerOf(actor);
        return effectiveAt <= block.timestamp && writer != bytes2(0) && ghostIssuer[root] == writer;
    }

    function _validReplacement(
        bytes32 root,
        uint32 index,
        bytes32 newRoot,
        uint32 newIndex,
        ICredentialRegistry.CredentialStatus replacementStatus
    ) internal view returns (bool) {
        return ghostIssuer[newRoot] == ghostIssuer[root] && newIndex < ghostSize[newRoot]
            && !(newRoot == root && newIndex == index) && replacementStatus == ACTIVE;
    }

    /// @dev The member an actor writes for, by the model.
    function _writerOf(address actor) internal view returns (bytes2) {
        if (actor == _kzOperator && removedMember != KZ) return KZ;
        if (actor == _uzOperator && removedMember != UZ) return UZ;
        return bytes2(0);
    }

    function _checkIssuer(address actor, bytes32 root) internal {
        bytes2 issuer = credentials.getBatch(root).issuer;
        if (_writerOf(actor) != issuer || members.operatorMember(actor) != issuer) ++nonIssuerWrites;
    }

    function _afterWrite(address actor) internal {
        if (removedMember == bytes2(0)) return;
        if (actor == removedOperator || (removedMember == KZ && actor == _chamberAccount)) ++writesAfterRemoval;
    }

    function _refused(bool expected, address actor, bytes32 root) internal {
        _expect(expected, false);
        bytes2 issuer = ghostIssuer[root];
        if (issuer != bytes2(0) && _writerOf(actor) != issuer) ++nonIssuerRefusals;
    }

    function _expect(bool expected, bool actual) internal {
        if (expected != actual) ++unexpectedOutcomes;
        if (!actual) ++reverts;
    }

    // ------------------------------------------------------------ input shaping

    /// @dev KZ's operator 3 in 8, UZ's 3 in 8, the stranger and the chamber account 1 in 8 each.
    function _anyActor(uint256 seed) internal view returns (address) {
        uint256 k = seed % 8;
        if (k < 3) return _kzOperator;
        if (k < 6) return _uzOperator;
        return k == 6 ? _stranger : _chamberAccount;
    }

    /// @dev Seven times in eight an operator of the batch's issuer (even a removed one); else any actor.
    function _pickWriter(uint256 seed, bytes32 root) internal view returns (address) {
        bytes2 issuer = ghostIssuer[root];
        if (seed % 8 != 0 && issuer != bytes2(0)) return issuer == KZ ? _kzOperator : _uzOperator;
        return _anyActor(seed >> 3);
    }

    /// @dev An anchored root, or (1 in 16, or before any anchoring) one never anchored. Three times in four the
    ///      root is steered: away from the removed member's batches, and for a reinstatement to a batch with
    ///      suspended credentials.
    function _pickRoot(uint256 seed, ICredentialRegistry.CredentialStatus to) internal view returns (bytes32) {
        uint256 n = roots.length;
        if (n == 0 || seed % 16 == 0) return keccak256(abi.encode("never anchored", seed % 3));
        uint256 start = (seed >> 6) % n;
        if ((seed >> 4) % 4 != 0) {
            for (uint256 k = 0; k < n; ++k) {
                bytes32 root = roots[(start + k) % n];
                if (removedMember != bytes2(0) && ghostIssuer[root] == removedMember) continue;
                if (to == ACTIVE && _suspendedCount[root] == 0) continue;
                return root;
            }
        }
        return roots[start];
    }

    /// @dev A root of the removed member, for its former operator to try.
    function _ownRoot(uint256 seed) internal view returns (bytes32) {
        uint256 n = roots.length;
        for (uint256 k = 0; k < n; ++k) {
            bytes32 root = roots[(seed + k) % n];
            if (ghostIssuer[root] == removedMember) return root;
        }
        return keccak256("none");
    }

    /// @dev Seven times in eight an index, among the first 16 (or 16 from 120, across the first word boundary), whose
    ///      status may become `to`; else any index up to the size (which is out of range).
    function _pickIndex(bytes32 root, uint256 seed, ICredentialRegistry.CredentialStatus to)
        internal
        view
        returns (uint32)
    {
        uint32 size = ghostSize[root];
        if (size == 0) return uint32(seed % 4);
        if (seed % 8 == 0) return uint32((seed >> 2) % (uint256(size) + 1));
        (uint32 low, uint32 high) = _window(size, seed >> 2);
        uint32 start = low + uint32((seed >> 3) % (high - low));
        for (uint32 k = 0; k < high - low; ++k) {
            uint32 index = low + (start - low + k) % (high - low);
            if (modelStatus[root][index].canBecome(to)) return index;
        }
        return start;
    }

    /// @dev 1 to 5 indices (none, 1 in 32); seven times in eight ascending indices whose statuses may become `to`,
    ///      else random ones, duplicates and out of range included.
    function _pickIndices(bytes32 root, uint256 seed, ICredentialRegistry.CredentialStatus to)
        internal
        view
        returns (uint32[] memory indices)
    {
        uint256 length = seed % 32 == 0 ? 0 : 1 + (seed >> 5) % 5;
        indices = new uint32[](length);
        uint32 size = ghostSize[root];
        seed >>= 8;
        if (length == 0) return indices;
        if (size == 0 || seed % 8 == 0) {
            uint256 next = (seed >> 3) % (uint256(size) + 2);
            for (uint256 i = 0; i < length; ++i) {
                indices[i] = uint32(next);
                next += (seed >> (8 + 2 * i)) % 3;
            }
            return indices;
        }
        (uint32 low, uint32 high) = _window(size, seed >> 2);
        uint256 found;
        for (uint32 index = low; index < high && found < length; ++index) {
            if (modelStatus[root][index].canBecome(to)) indices[found++] = index;
        }
        if (found == 0) {
            indices[0] = low;
            found = 1;
        }
        assembly ("memory-safe") {
            mstore(indices, found)
        }
    }

    /// @dev Indices [0, 16) or [120, 136) clipped to the size.
    function _window(uint32 size, uint256 seed) internal pure returns (uint32 low, uint32 high) {
        low = (seed % 2 == 1 && size > 136) ? 120 : 0;
        high = low + 16 < size ? low + 16 : size;
    }

    /// @dev Half the time the same root; else another root of the same issuer when there is one.
    function _pickReplacementRoot(bytes32 root, uint256 seed) internal view returns (bytes32) {
        uint256 n = roots.length;
        if (seed % 2 == 0 || n == 0) return root;
        for (uint256 k = 0; k < n; ++k) {
            bytes32 candidate = roots[((seed >> 1) + k) % n];
            if (candidate != root && ghostIssuer[candidate] == ghostIssuer[root]) return candidate;
        }
        return roots[(seed >> 1) % n];
    }

    function _pickReplacement(bytes32 root, uint32 index, uint256 seed)
        internal
        view
        returns (bytes32 newRoot, uint32 newIndex)
    {
        newRoot = _pickReplacementRoot(root, seed);
        uint32[] memory exclude = new uint32[](1);
        exclude[0] = index;
        newIndex = _pickReplacementIndices(root, exclude, newRoot, seed >> 8, false)[0];
    }

    /// @dev One replacement index per old index: Active credentials of `newRoot` that are not among the old ones
    ///      (one time in 8 an arbitrary index; `mismatch` adds one index too many).
    function _pickReplacementIndices(
        bytes32 root,
        uint32[] memory old,
        bytes32 newRoot,
        uint256 seed,
        bool mismatch
    ) internal view returns (uint32[] memory newIndices) {
        newIndices = new uint32[](old.length + (mismatch ? 1 : 0));
        uint32 size = ghostSize[newRoot];
        if (size == 0 || seed % 8 == 0) {
            for (uint256 i = 0; i < newIndices.length; ++i) {
                newIndices[i] = uint32((seed >> (3 + 8 * i)) % (uint256(size) + 1));
            }
            return newIndices;
        }
        uint32 next = uint32((seed >> 3) % size);
        for (uint256 i = 0; i < newIndices.length; ++i) {
            for (uint32 k = 0; k < size; ++k) {
                uint32 candidate = (next + k) % size;
                if (modelStatus[newRoot][candidate] == ACTIVE && !(newRoot == root && _contains(old, candidate))) {
                    next = candidate;
                    break;
                }
            }
            newIndices[i] = next;
            next = (next + 1) % size;
        }
    }

    /// @dev Now or earlier mostly; one time in 16 a second in the future (refused).
    function _effectiveAt(uint256 seed) internal view returns (uint64) {
        if (seed % 16 == 0) return uint64(block.timestamp) + 1;
        if (seed % 2 == 0) return 0;
        return uint64(block.timestamp) - uint64((seed >> 4) % 1 days);
    }

    function _contains(uint32[] memory list, uint32 value) internal pure returns (bool) {
        for (uint256 i = 0; i < list.length; ++i) {
            if (list[i] == value) return true;
        }
        return false;
    }

    // ------------------------------------------------------------ scratch statuses for bulk predictions

    struct Scratch {
        uint32[] indices;
        ICredentialRegistry.CredentialStatus[] statuses;
        uint256 count;
    }

    function _scratch(uint256 capacity) internal pure returns (Scratch memory s) {
        s.indices = new uint32[](capacity);
        s.statuses = new ICredentialRegistry.CredentialStatus[](capacity);
    }

    function _read(Scratch memory s, bytes32 root, uint32 index)
        internal
        view
        returns (ICredentialRegistry.CredentialStatus)
    {
        for (uint256 i = s.count; i > 0; --i) {
            if (s.indices[i - 1] == index) return s.statuses[i - 1];
        }
        return modelStatus[root][index];
    }

    function _write(Scratch memory s, uint32 index, ICredentialRegistry.CredentialStatus status) internal pure {
        s.indices[s.count] = index;
        s.statuses[s.count] = status;
        ++s.count;
    }
}

/// @notice The legal status moves, as ICredentialRegistry documents them.
library CredentialModel {
    function canBecome(ICredentialRegistry.CredentialStatus from, ICredentialRegistry.CredentialStatus to)
        internal
        pure
        returns (bool)
    {
        if (to == ICredentialRegistry.CredentialStatus.Suspended) return from == ICredentialRegistry.CredentialStatus.Active;
        if (to == ICredentialRegistry.CredentialStatus.Active) return from == ICredentialRegistry.CredentialStatus.Suspended;
        if (to == ICredentialRegistry.CredentialStatus.Revoked) {
            return from == ICredentialRegistry.CredentialStatus.Active
                || from == ICredentialRegistry.CredentialStatus.Suspended;
        }
        return from == ICredentialRegistry.CredentialStatus.Active;
    }
}
