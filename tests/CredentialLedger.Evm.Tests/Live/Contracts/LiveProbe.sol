// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice A small contract for the live RPC / sender tests: a counter, an event with indexed and data fields,
/// and a custom error with arguments.
contract LiveProbe {
    error TooLarge(uint256 value, uint256 limit, address caller);

    event Bumped(address indexed caller, uint256 indexed newCount, uint256 amount, string note);

    uint256 public count;
    uint256 public immutable limit;

    constructor(uint256 limit_) {
        limit = limit_;
    }

    function bump(uint256 amount, string calldata note) external returns (uint256) {
        if (amount > limit) revert TooLarge(amount, limit, msg.sender);
        count += 1;
        emit Bumped(msg.sender, count, amount, note);
        return count;
    }

    function fail(uint256 value) external view {
        revert TooLarge(value, limit, msg.sender);
    }

    function failWithMessage() external pure {
        revert("plain message");
    }
}
