// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {CredentialRegistry} from "../src/CredentialRegistry.sol";
import {MemberRegistry} from "../src/MemberRegistry.sol";
import {MraRegistry} from "../src/MraRegistry.sol";
import {OriginRegistry} from "../src/OriginRegistry.sol";
import {IMemberRegistry} from "../src/interfaces/IMemberRegistry.sol";

interface ScriptVm {
    function envUint(string calldata name) external view returns (uint256);
    function envOr(string calldata name, uint256 defaultValue) external view returns (uint256);
    function envString(string calldata name, string calldata delimiter) external view returns (string[] memory);
    function envAddress(string calldata name, string calldata delimiter) external view returns (address[] memory);
    function startBroadcast(uint256 privateKey) external;
    function stopBroadcast() external;
}

/// @notice Deploys and links the four registries from the command line, for chains the C# deploy routine
///         (`RegistryDeployer` in sdk/CredentialLedger.Contracts) does not reach, e.g. a Besu network:
///
///   DEPLOYER_KEY=0x... FOUNDERS=KR,KZ,UZ FIRST_OPERATORS=0x..,0x..,0x.. [VOTING_PERIOD=604800] \
///   forge script script/01_Deploy.s.sol --rpc-url http://127.0.0.1:8545 --broadcast
contract Deploy {
    ScriptVm private constant vm = ScriptVm(address(uint160(uint256(keccak256("hevm cheat code")))));

    /// @notice Deploys the registries; returns their addresses in deployment order.
    /// @return members The member registry.
    /// @return credentials The AEO credential registry.
    /// @return mras The MRA registry.
    /// @return origins The certificate-of-origin registry.
    function run() external returns (address members, address credentials, address mras, address origins) {
        string[] memory codes = vm.envString("FOUNDERS", ",");
        address[] memory operators = vm.envAddress("FIRST_OPERATORS", ",");
        bytes2[] memory founders = new bytes2[](codes.length);
        for (uint256 i = 0; i < codes.length; ++i) {
            require(bytes(codes[i]).length == 2, "FOUNDERS: two-letter ISO 3166-1 codes, comma-separated");
            founders[i] = bytes2(bytes(codes[i]));
        }
        uint64 votingPeriod = uint64(vm.envOr("VOTING_PERIOD", 7 days));

        vm.startBroadcast(vm.envUint("DEPLOYER_KEY"));
        MemberRegistry memberRegistry = new MemberRegistry(founders, operators, votingPeriod);
        IMemberRegistry linked = IMemberRegistry(address(memberRegistry));
        credentials = address(new CredentialRegistry(linked));
        mras = address(new MraRegistry(linked));
        origins = address(new OriginRegistry(linked));
        vm.stopBroadcast();
        members = address(memberRegistry);
    }
}
