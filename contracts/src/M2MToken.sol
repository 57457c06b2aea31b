// SPDX-License-Identifier: UNLICENSED
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// @title M2M settlement token
/// @notice ERC-20 with 6 decimals (like USDC on Base) that the connectors settle in. The deployer
/// receives the initial supply and is the only account that can mint more (test faucets, demos).
contract M2MToken is ERC20, Ownable {
    constructor(uint256 initialSupply) ERC20("M2M Token", "M2M") Ownable(msg.sender) {
        _mint(msg.sender, initialSupply);
    }

    /// @notice Six decimals: one unit is 10^-6 M2M.
    function decimals() public pure override returns (uint8) {
        return 6;
    }

    /// @notice Mints `amount` units to `to`; owner only.
    function mint(address to, uint256 amount) external onlyOwner {
        _mint(to, amount);
    }
}
