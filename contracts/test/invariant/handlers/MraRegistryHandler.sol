// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {MraRegistry} from "../../../src/MraRegistry.sol";
import {IMraRegistry} from "../../../src/interfaces/IMraRegistry.sol";
import {Vm} from "../../utils/Vm.sol";

/// @notice Drives the MraRegistry for the invariant tests: proposals, acceptances, amendments, suspensions,
///         resumptions and terminations by parties and non-parties, and the passing of time. Inputs are bent so
///         that most calls are legal; every call is also predicted by an independent model of the rules, and each
///         prediction that differs from the outcome is counted in `unexpectedOutcomes`.
contract MraRegistryHandler {
    Vm internal constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    uint256 internal constant MEMBER_COUNT = 4;
    uint256 internal constant ACTOR_COUNT = 6;

    MraRegistry public immutable mras;

    /// @dev The active members, ascending, and one operator of each (same positions).
    bytes2[MEMBER_COUNT] internal _codes;
    /// @dev Operators of `_codes`, then a stranger and a chamber account (neither may write).
    address[ACTOR_COUNT] internal _actors;

    /// @notice The handler's clock; `warp` moves it and the block time together.
    uint64 public currentTime;

    // ------------------------------------------------------------ model

    /// @notice MRAs created so far (ids 1 .. mraCount).
    uint256 public mraCount;
    /// @notice MRAs not terminated.
    uint256 public liveCount;
    /// @dev Which of `_codes` are parties (bit i = `_codes[i]`).
    mapping(uint256 mraId => uint256 mask) internal _memberMask;
    mapping(uint256 mraId => IMraRegistry.MraStatus) public modelStatus;
    mapping(uint256 mraId => uint32) public modelLatest;
    mapping(uint256 mraId => uint32) public modelConcluded;
    /// @dev Acceptances per version, by slot (bit s-1 = party at slot s), as the registry defines them.
    mapping(uint256 mraId => mapping(uint32 version => uint64 mask)) public modelAccepted;
    /// @notice Set once a termination succeeded.
    mapping(uint256 mraId => bool) public ghostTerminated;
    /// @notice The highest concluded version observed after any call.
    mapping(uint256 mraId => uint32) public ghostHighestConcluded;

    // ------------------------------------------------------------ counters

    /// @notice Handler actions called (by the fuzzer or a test).
    uint256 public calls;
    uint256 public unexpectedOutcomes;
    uint256 public concludedDecreases;
    uint256 public terminatedRevived;
    uint256 public proposeOk;
    uint256 public acceptOk;
    uint256 public amendOk;
    uint256 public suspendOk;
    uint256 public resumeOk;
    uint256 public terminateOk;
    uint256 public conclusions;
    uint256 public reverts;
    uint256 public warps;
    /// @notice Observations (after a call) of an MRA in force at the current time.
    uint256 public inForceObservations;

    constructor(MraRegistry mras_, bytes2[MEMBER_COUNT] memory codes, address[ACTOR_COUNT] memory actors) {
        mras = mras_;
        for (uint256 i = 0; i < MEMBER_COUNT; ++i) {
            if (i > 0) require(codes[i] > codes[i - 1], "codes not ascending");
            _codes[i] = codes[i];
        }
        _actors = actors;
        currentTime = uint64(block.timestamp);
    }

    // ------------------------------------------------------------ actions

    function propose(
        uint256 actorSeed,
        uint256 partySeed,
        uint32 scope,
        uint32 benefits,
        uint256 fromSeed,
        uint256 untilSeed
    ) external {
        ++calls;
        actorSeed = _mix(actorSeed, 1);
        partySeed = _mix(partySeed, 2);
        scope = uint32(_mix(scope, 3));
        fromSeed = _mix(fromSeed, 4);
        untilSeed = _mix(untilSeed, 5);
        // 2 to 4 parties; one time in eight any mask (those with fewer than two bits are invalid on purpose).
        uint256 mask = partySeed % 16;
        // Otherwise a short list becomes KR and KZ (bits 1 and 2) plus whatever it named.
        if (partySeed % 8 != 0 && _popcount(mask) < 2) mask |= 0x6;
        bytes2[] memory parties = _partiesOf(mask);
        address actor = _pickActor(actorSeed, mask);
        scope = scope % 16 == 0 ? 0 : scope;
        (uint64 from, uint64 until) = _window(fromSeed, untilSeed);

        uint256 actorIndex = _memberIndex(actor);
        bool expected = actorIndex < MEMBER_COUNT && parties.length >= 2 && scope != 0
            && (until == 0 || until > from) && (mask >> actorIndex) & 1 == 1;

        vm.prank(actor);
        try mras.propose(parties, scope, benefits, from, until) returns (uint256 id) {
            _expect(expected, true);
            ++proposeOk;
            if (id != mraCount + 1) ++unexpectedOutcomes;
            mraCount = id;
            ++liveCount;
            _memberMask[id] = mask;
            modelStatus[id] = IMraRegistry.MraStatus.Active;
            modelLatest[id] = 1;
            _modelAccept(id, 1, actorIndex);
        } catch {
            _expect(expected, false);
        }
        _observe();
    }

    function accept(uint256 actorSeed, uint256 idSeed, uint256 versionSeed) external {
        ++calls;
        if (liveCount == 0) return; // no MRA left to act on
        actorSeed = _mix(actorSeed, 1);
        idSeed = _mix(idSeed, 2);
        versionSeed = _mix(versionSeed, 3);
        uint256 id = _pickPendingMra(idSeed);
        uint32 latest = modelLatest[id];
        // Three times in four a party that has not accepted the latest version yet, when there is one.
        address actor = _pickActor(actorSeed, actorSeed % 4 == 0 ? _memberMask[id] : _notYetAccepted(id, latest));
        // Mostly the latest version; sometimes an older or a future one.
        uint32 version = versionSeed % 8 == 0 ? latest - (latest > 0 ? 1 : 0) : versionSeed % 8 == 1 ? latest + 1 : latest;

        uint256 actorIndex = _memberIndex(actor);
        bool expected = _mayAct(id, actorIndex) && modelStatus[id] != IMraRegistry.MraStatus.Terminated
            && version == latest && modelAccepted[id][version] & _bit(id, actorIndex) == 0;

        vm.prank(actor);
        try mras.accept(id, version) {
            _expect(expected, true);
            ++acceptOk;
            _modelAccept(id, version, actorIndex);
        } catch {
            _expect(expected, false);
        }
        _observe();
    }

    function amend(
        uint256 actorSeed,
        uint256 idSeed,
        uint32 scope,
        uint32 benefits,
        uint256 fromSeed,
        uint256 untilSeed
    ) external {
        ++calls;
        if (liveCount == 0) return; // no MRA left to act on
        actorSeed = _mix(actorSeed, 1);
        idSeed = _mix(idSeed, 2);
        scope = uint32(_mix(scope, 3));
        fromSeed = _mix(fromSeed, 4);
        untilSeed = _mix(untilSeed, 5);
        // Only every other call goes ahead: each amendment restarts the acceptances.
        if (untilSeed % 2 == 1) return;
        untilSeed >>= 1;
        uint256 id = _pickMra(idSeed);
        address actor = _pickActor(actorSeed, _memberMask[id]);
        scope = scope % 16 == 0 ? 0 : scope;
        (uint64 from, uint64 until) = _window(fromSeed, untilSeed);

        uint256 actorIndex = _memberIndex(actor);
        bool expected = _mayAct(id, actorIndex) && modelStatus[id] != IMraRegistry.MraStatus.Terminated
            && scope != 0 && (until == 0 || until > from);

        vm.prank(actor);
        try mras.amend(id, scope, benefits, from, until) returns (uint32 version) {
            _expect(expected, true);
            ++amendOk;
            if (version != modelLatest[id] + 1) ++unexpectedOutcomes;
            modelLatest[id] = version;
            _modelAccept(id, version, actorIndex);
        } catch {
            _expect(expected, false);
        }
        _observe();
    }

    function suspend(uint256 actorSeed, uint256 idSeed, uint8 reason) external {
        ++calls;
        if (liveCount == 0) return; // no MRA left to act on
        actorSeed = _mix(actorSeed, 1);
        idSeed = _mix(idSeed, 2);
        uint256 id = _pickMraIn(idSeed, IMraRegistry.MraStatus.Active);
        address actor = _pickActor(actorSeed, _memberMask[id]);
        bool expected = _mayAct(id, _memberIndex(actor)) && modelStatus[id] == IMraRegistry.MraStatus.Active;

        vm.prank(actor);
        try mras.suspend(id, reason) {
            _expect(expected, true);
            ++suspendOk;
            modelStatus[id] = IMraRegistry.MraStatus.Suspended;
        } catch {
            _expect(expected, false);
        }
        _observe();
    }

    function resume(uint256 actorSeed, uint256 idSeed) external {
        ++calls;
        if (liveCount == 0) return; // no MRA left to act on
        actorSeed = _mix(actorSeed, 1);
        idSeed = _mix(idSeed, 2);
        uint256 id = _pickMraIn(idSeed, IMraRegistry.MraStatus.Suspended);
        address actor = _pickActor(actorSeed, _memberMask[id]);
        bool expected = _mayAct(id, _memberIndex(actor)) && modelStatus[id] == IMraRegistry.MraStatus.Suspended;

        vm.prank(actor);
        try mras.resume(id) {
            _expect(expected, true);
            ++resumeOk;
            modelStatus[id] = IMraRegistry.MraStatus.Active;
        } catch {
            _expect(expected, false);
        }
        _observe();
    }

    /// @dev Only one call in four goes ahead, or terminations would end every MRA early in a run.
    function terminate(uint256 actorSeed, uint256 idSeed, uint8 reason) external {
        ++calls;
        if (liveCount == 0) return; // no MRA left to act on
        actorSeed = _mix(actorSeed, 1);
        idSeed = _mix(idSeed, 2);
        if (actorSeed % 4 != 0) return;
        actorSeed >>= 2;
        uint256 id = _pickMra(idSeed);
        address actor = _pickActor(actorSeed, _memberMask[id]);
        bool expected = _mayAct(id, _memberIndex(actor)) && modelStatus[id] != IMraRegistry.MraStatus.Terminated;

        vm.prank(actor);
        try mras.terminate(id, reason) {
            _expect(expected, true);
            ++terminateOk;
            modelStatus[id] = IMraRegistry.MraStatus.Terminated;
            ghostTerminated[id] = true;
            --liveCount;
        } catch {
            _expect(expected, false);
        }
        _observe();
    }

    /// @dev Up to 3 days at a time, so windows of a few days open and close during a run.
    function warp(uint256 secondsSeed) external {
        ++calls;
        secondsSeed = _mix(secondsSeed, 1);
        currentTime += uint64(secondsSeed % 3 days);
        vm.warp(currentTime);
        ++warps;
        _observe();
    }

    // ------------------------------------------------------------ views for the invariants

    /// @notice The model's acceptance mask that concludes `mraId` (all party bits).
    function allPartiesMask(uint256 mraId) public view returns (uint64) {
        uint256 n = _popcount(_memberMask[mraId]);
        return n == 64 ? type(uint64).max : uint64((uint256(1) << n) - 1);
    }

    // ------------------------------------------------------------ internals

    /// @dev Spreads a fuzzed input over its range: the fuzzer favours edge values (0, 1, max) and repeats inputs,
    ///      which would otherwise pick the deliberately invalid branches far more often than their intended share.
    ///      The call count makes a repeated input pick afresh; a replayed sequence still picks the same.
    function _mix(uint256 seed, uint256 salt) internal view returns (uint256) {
        return uint256(keccak256(abi.encode(seed, salt, calls)));
    }

    function _modelAccept(uint256 id, uint32 version, uint256 memberIndex) internal {
        uint64 mask = modelAccepted[id][version] | _bit(id, memberIndex);
        modelAccepted[id][version] = mask;
        if (mask == allPartiesMask(id)) {
            modelConcluded[id] = version;
            ++conclusions;
        }
    }

    /// @dev After every call: concluded versions never go down, terminated MRAs stay terminated.
    function _observe() internal {
        for (uint256 id = 1; id <= mraCount; ++id) {
            IMraRegistry.Mra memory m = mras.getMra(id);
            if (m.concludedVersion < ghostHighestConcluded[id]) ++concludedDecreases;
            else ghostHighestConcluded[id] = m.concludedVersion;
            if (ghostTerminated[id] && m.status != IMraRegistry.MraStatus.Terminated) ++terminatedRevived;
            if (mras.inForce(id, currentTime)) ++inForceObservations;
        }
    }

    function _expect(bool expected, bool actual) internal {
        if (expected != actual) ++unexpectedOutcomes;
        if (!actual) ++reverts;
    }

    /// @dev Known MRAs mostly, three times in four one not terminated when there is one; id 0 and the next id
    ///      (unknown) sometimes.
    function _pickMra(uint256 seed) internal view returns (uint256) {
        if (seed % 16 == 0) return seed % 32 == 0 ? 0 : mraCount + 1;
        if (mraCount == 0) return 1;
        uint256 start = (seed >> 6) % mraCount;
        if ((seed >> 4) % 4 != 0) {
            for (uint256 k = 0; k < mraCount; ++k) {
                uint256 id = 1 + (start + k) % mraCount;
                if (modelStatus[id] != IMraRegistry.MraStatus.Terminated) return id;
            }
        }
        return 1 + start;
    }

    /// @dev Half the time an MRA whose latest version is not concluded and that is not terminated, when there is
    ///      one; else any.
    function _pickPendingMra(uint256 seed) internal view returns (uint256) {
        if (seed % 2 == 0) {
            uint256 start = (seed >> 1) % mraCount;
            for (uint256 k = 0; k < mraCount; ++k) {
                uint256 id = 1 + (start + k) % mraCount;
                if (modelStatus[id] != IMraRegistry.MraStatus.Terminated && modelConcluded[id] != modelLatest[id]) {
                    return id;
                }
            }
        }
        return _pickMra(seed >> 1);
    }

    /// @dev The members (as a mask over `_codes`) that are parties to `id` and have not accepted `version`.
    function _notYetAccepted(uint256 id, uint32 version) internal view returns (uint256 mask) {
        for (uint256 i = 0; i < MEMBER_COUNT; ++i) {
            if ((_memberMask[id] >> i) & 1 == 1 && modelAccepted[id][version] & _bit(id, i) == 0) mask |= 1 << i;
        }
    }

    /// @dev Half the time an MRA in `status` when there is one, else any.
    function _pickMraIn(uint256 seed, IMraRegistry.MraStatus status) internal view returns (uint256) {
        if (seed % 2 == 0) {
            uint256 start = (seed >> 1) % mraCount;
            for (uint256 k = 0; k < mraCount; ++k) {
                uint256 id = 1 + (start + k) % mraCount;
                if (modelStatus[id] == status) return id;
            }
        }
        return _pickMra(seed >> 1);
    }

    /// @dev Three times in four an operator of one of the parties in `mask`; else any actor.
    function _pickActor(uint256 seed, uint256 mask) internal view returns (address) {
        uint256 n = _popcount(mask);
        if (seed % 4 != 0 && n > 0) {
            uint256 k = (seed >> 2) % n;
            for (uint256 i = 0; i < MEMBER_COUNT; ++i) {
                if ((mask >> i) & 1 == 0) continue;
                if (k == 0) return _actors[i];
                --k;
            }
        }
        return _actors[(seed >> 2) % ACTOR_COUNT];
    }

    /// @dev A window around the current time: from up to a day back to two days ahead; no end one time in four,
    ///      an empty window (invalid) one time in 16, else up to 10 days long.
    function _window(uint256 fromSeed, uint256 untilSeed) internal view returns (uint64 from, uint64 until) {
        from = currentTime - 1 days + uint64(fromSeed % 3 days);
        if (untilSeed % 4 == 0) until = 0;
        else if (untilSeed % 16 == 1) until = from - uint64((untilSeed >> 4) % 2);
        else until = from + 1 + uint64((untilSeed >> 4) % 10 days);
    }

    function _partiesOf(uint256 mask) internal view returns (bytes2[] memory parties) {
        parties = new bytes2[](_popcount(mask));
        uint256 k;
        for (uint256 i = 0; i < MEMBER_COUNT; ++i) {
            if ((mask >> i) & 1 == 1) parties[k++] = _codes[i];
        }
    }

    /// @dev The member `actor` operates, as an index into `_codes`, or MEMBER_COUNT for none.
    function _memberIndex(address actor) internal view returns (uint256) {
        for (uint256 i = 0; i < MEMBER_COUNT; ++i) {
            if (_actors[i] == actor) return i;
        }
        return MEMBER_COUNT;
    }

    /// @dev The caller is an operator of a party to a known MRA.
    function _mayAct(uint256 id, uint256 memberIndex) internal view returns (bool) {
        return memberIndex < MEMBER_COUNT && id >= 1 && id <= mraCount && (_memberMask[id] >> memberIndex) & 1 == 1;
    }

    /// @dev The acceptance bit of member `memberIndex` in MRA `id`: its slot is its rank among the parties.
    function _bit(uint256 id, uint256 memberIndex) internal view returns (uint64) {
        if (memberIndex >= MEMBER_COUNT) return 0;
        uint256 rank = _popcount(_memberMask[id] & ((uint256(1) << memberIndex) - 1));
        return uint64(1) << uint64(rank);
    }

    function _popcount(uint256 x) internal pure returns (uint256 n) {
        while (x != 0) {
            n += x & 1;
            x >>= 1;
        }
    }
}
