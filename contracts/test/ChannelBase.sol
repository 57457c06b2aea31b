// SPDX-License-Identifier: UNLICENSED
pragma solidity ^0.8.24;

import {Base} from "./Base.sol";
import {M2MToken} from "../src/M2MToken.sol";
import {TokenNetwork} from "../src/TokenNetwork.sol";

/// @dev A token, a network and two keys: the sender (who deposits and signs claims) and the
/// receiver; `OTHER` is neither.
abstract contract ChannelBase is Base {
    uint256 internal constant SENDER_PK = 0xA11CE;
    uint256 internal constant RECEIVER_PK = 0xB0B;
    uint256 internal constant OTHER_PK = 0xE7E;
    uint256 internal constant DEPOSIT = 1_000e6;
    uint256 internal constant CHAIN_ID = 84532;
    uint64 internal constant TIMEOUT = 1 hours;
    uint256 internal constant SECP256K1_N =
        0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;

    M2MToken internal token;
    TokenNetwork internal net;
    address internal sender;
    address internal receiver;
    address internal other;

    /// @dev getChannel's nine values.
    struct View {
        address sender;
        address receiver;
        uint256 deposit;
        uint256 claimed;
        uint256 lastNonce;
        uint64 settleTimeout;
        uint64 settleAt;
        uint256 closedCumulative;
        uint8 state;
    }

    function setUp() public virtual {
        vm.warp(1_700_000_000);
        vm.chainId(CHAIN_ID); // Base Sepolia, what the connector's testnet mode expects
        sender = vm.addr(SENDER_PK);
        receiver = vm.addr(RECEIVER_PK);
        other = vm.addr(OTHER_PK);
        token = new M2MToken(0);
        token.mint(sender, 1_000_000e6);
        net = new TokenNetwork(address(token));
        vm.prank(sender);
        token.approve(address(net), type(uint256).max);
    }

    function open(uint256 deposit) internal returns (uint256) {
        vm.prank(sender);
        return net.openChannel(receiver, deposit, TIMEOUT);
    }

    /// @dev Decoded as one static struct: nine named locals would not fit the stack.
    function channel(uint256 id) internal view returns (View memory) {
        (bool ok, bytes memory out) = address(net).staticcall(abi.encodeCall(net.getChannel, (id)));
        isTrue(ok, "getChannel");
        return abi.decode(out, (View));
    }

    function signClaim(uint256 pk, uint256 id, uint256 cumulative, uint256 nonce)
        internal
        view
        returns (bytes memory)
    {
        return signClaimOn(net, pk, id, cumulative, nonce);
    }

    function signClaimOn(TokenNetwork n, uint256 pk, uint256 id, uint256 cumulative, uint256 nonce)
        internal
        view
        returns (bytes memory)
    {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(pk, n.claimDigest(id, cumulative, nonce));
        return abi.encodePacked(r, s, v);
    }

    function claimAs(address caller, uint256 id, uint256 cumulative, uint256 nonce, bytes memory sig)
        internal
    {
        vm.prank(caller);
        net.claim(id, cumulative, nonce, sig);
    }

    function closeAs(address caller, uint256 id, uint256 cumulative, uint256 nonce, bytes memory sig)
        internal
    {
        vm.prank(caller);
        net.closeChannel(id, cumulative, nonce, sig);
    }

    function updateAs(address caller, uint256 id, uint256 cumulative, uint256 nonce, bytes memory sig)
        internal
    {
        vm.prank(caller);
        net.updateClaim(id, cumulative, nonce, sig);
    }

    function expectError(bytes4 selector) internal {
        vm.expectRevert(abi.encodeWithSelector(selector));
    }

    function stateError(uint256 id, TokenNetwork.State state) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(TokenNetwork.InvalidChannelState.selector, id, state);
    }

    function badSignature(address expectedSigner) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(TokenNetwork.InvalidSignature.selector, expectedSigner);
    }
}
