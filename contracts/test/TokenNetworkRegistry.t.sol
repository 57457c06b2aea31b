// SPDX-License-Identifier: UNLICENSED
pragma solidity ^0.8.24;

import {Base} from "./Base.sol";
import {M2MToken} from "../src/M2MToken.sol";
import {TokenNetwork} from "../src/TokenNetwork.sol";
import {TokenNetworkRegistry} from "../src/TokenNetworkRegistry.sol";

contract TokenNetworkRegistryTest is Base {
    TokenNetworkRegistry internal registry;
    M2MToken internal token;

    function setUp() public {
        registry = new TokenNetworkRegistry();
        token = new M2MToken(1e12);
    }

    function test_createTokenNetworkDeploysOneNetworkBoundToTheToken() public {
        eq(registry.tokenNetworks(address(token)), address(0), "no network before");
        vm.expectEmit(true, false, false, false, address(registry));
        emit TokenNetworkRegistry.TokenNetworkCreated(address(token), address(0));
        address network = registry.createTokenNetwork(address(token));

        isTrue(network != address(0) && network.code.length > 0, "network deployed");
        eq(registry.tokenNetworks(address(token)), network, "registered");
        eq(TokenNetwork(network).token(), address(token), "network's token");
        eq(TokenNetwork(network).channelCounter(), 0, "no channel yet");
    }

    function test_eventNamesTokenAndNetwork() public {
        // the network's address is the registry's first CREATE (nonce 1)
        address expected = _createAddress(address(registry), 1);
        vm.expectEmit(true, true, false, true, address(registry));
        emit TokenNetworkRegistry.TokenNetworkCreated(address(token), expected);
        eq(registry.createTokenNetwork(address(token)), expected, "address");
    }

    function test_eachTokenGetsItsOwnNetwork() public {
        M2MToken other = new M2MToken(1);
        address a = registry.createTokenNetwork(address(token));
        address b = registry.createTokenNetwork(address(other));
        isTrue(a != b, "distinct networks");
        eq(TokenNetwork(b).token(), address(other), "second network's token");
    }

    function test_secondNetworkForATokenReverts() public {
        address first = registry.createTokenNetwork(address(token));
        vm.expectRevert(abi.encodeWithSelector(
            TokenNetworkRegistry.TokenNetworkExists.selector, address(token), first));
        registry.createTokenNetwork(address(token));
    }

    function test_zeroTokenReverts() public {
        vm.expectRevert(abi.encodeWithSelector(TokenNetworkRegistry.ZeroAddress.selector));
        registry.createTokenNetwork(address(0));
    }

    function testFuzz_tokenWithoutCodeReverts(address notAContract) public {
        vm.assume(notAContract != address(0) && notAContract.code.length == 0);
        vm.expectRevert(abi.encodeWithSelector(
            TokenNetworkRegistry.NotAContract.selector, notAContract));
        registry.createTokenNetwork(notAContract);
    }

    function test_networkWithZeroTokenReverts() public {
        vm.expectRevert(abi.encodeWithSelector(TokenNetwork.ZeroAddress.selector));
        new TokenNetwork(address(0));
    }

    function _createAddress(address deployer, uint8 nonce) private pure returns (address) {
        return address(uint160(uint256(keccak256(
            abi.encodePacked(bytes1(0xd6), bytes1(0x94), deployer, bytes1(nonce))))));
    }
}
