// SPDX-License-Identifier: UNLICENSED
pragma solidity ^0.8.24;

import {Base} from "./Base.sol";
import {M2MToken} from "../src/M2MToken.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

contract M2MTokenTest is Base {
    M2MToken internal token;
    address internal constant ALICE = address(0xA11CE);

    function setUp() public {
        token = new M2MToken(1_000_000e6);
    }

    function test_constructorMintsInitialSupplyToDeployerWithSixDecimals() public view {
        eq(token.decimals(), 6, "decimals");
        eq(token.totalSupply(), 1_000_000e6, "supply");
        eq(token.balanceOf(address(this)), 1_000_000e6, "deployer balance");
        eq(token.owner(), address(this), "owner");
    }

    function testFuzz_ownerMints(address to, uint96 amount) public {
        vm.assume(to != address(0) && to != address(this));
        token.mint(to, amount);
        eq(token.balanceOf(to), amount, "minted balance");
        eq(token.totalSupply(), 1_000_000e6 + uint256(amount), "supply after mint");
    }

    function test_mintByOtherThanOwnerReverts() public {
        vm.prank(ALICE);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, ALICE));
        token.mint(ALICE, 1);
    }
}
