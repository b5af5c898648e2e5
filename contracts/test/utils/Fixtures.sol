// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {CredentialRegistry} from "../../src/CredentialRegistry.sol";
import {MemberRegistry} from "../../src/MemberRegistry.sol";
import {MraRegistry} from "../../src/MraRegistry.sol";
import {OriginRegistry} from "../../src/OriginRegistry.sol";
import {IMemberRegistry} from "../../src/interfaces/IMemberRegistry.sol";
import {Test} from "./Test.sol";

/// @notice Deploys the four registries with three founding members (KR, KZ, UZ) and names the actors.
abstract contract Fixtures is Test {
    bytes2 internal constant KR = "KR";
    bytes2 internal constant KZ = "KZ";
    bytes2 internal constant UZ = "UZ";
    bytes2 internal constant DE = "DE";
    uint64 internal constant VOTING_PERIOD = 7 days;

    address internal krOperator = vm.addr(0xA11);
    address internal kzOperator = vm.addr(0xA12);
    address internal uzOperator = vm.addr(0xA13);
    address internal deOperator = vm.addr(0xA14);
    address internal stranger = vm.addr(0xBAD);
    address internal chamberAccount = vm.addr(0xC0C);

    MemberRegistry internal members;
    CredentialRegistry internal credentials;
    MraRegistry internal mras;
    OriginRegistry internal origins;

    function setUp() public virtual {
        bytes2[] memory founders = new bytes2[](3);
        founders[0] = KR;
        founders[1] = KZ;
        founders[2] = UZ;
        address[] memory firstOperators = new address[](3);
        firstOperators[0] = krOperator;
        firstOperators[1] = kzOperator;
        firstOperators[2] = uzOperator;
        members = new MemberRegistry(founders, firstOperators, VOTING_PERIOD);
        credentials = new CredentialRegistry(IMemberRegistry(address(members)));
        mras = new MraRegistry(IMemberRegistry(address(members)));
        origins = new OriginRegistry(IMemberRegistry(address(members)));
        vm.label(krOperator, "krOperator");
        vm.label(kzOperator, "kzOperator");
        vm.label(uzOperator, "uzOperator");
        vm.label(deOperator, "deOperator");
        vm.label(stranger, "stranger");
        vm.label(chamberAccount, "chamberAccount");
    }

    /// @dev A syntactically valid 65-byte uncompressed public key (the registry does not check the curve).
    function _publicKey(uint256 seed) internal pure returns (bytes memory) {
        return abi.encodePacked(bytes1(0x04), keccak256(abi.encode("x", seed)), keccak256(abi.encode("y", seed)));
    }

    /// @dev Admits `code` with `operator` through a proposal voted by KR and KZ (a majority of three).
    function _admit(bytes2 code, address operator) internal returns (uint256 proposalId) {
        vm.prank(krOperator);
        proposalId = members.propose(IMemberRegistry.ProposalKind.Admit, code, operator);
        vm.prank(kzOperator);
        members.vote(proposalId);
        members.execute(proposalId);
    }

    /// @dev Removes `code` through a proposal of two members other than itself among KR, KZ, UZ.
    function _remove(bytes2 code) internal returns (uint256 proposalId) {
        (address first, address second) =
            code == KR ? (kzOperator, uzOperator) : code == KZ ? (krOperator, uzOperator) : (krOperator, kzOperator);
        vm.prank(first);
        proposalId = members.propose(IMemberRegistry.ProposalKind.Remove, code, address(0));
        vm.prank(second);
        members.vote(proposalId);
        members.execute(proposalId);
    }
}
