// SPDX-License-Identifier: UNLICENSED
pragma solidity ^0.8.24;

import {ChannelBase} from "./ChannelBase.sol";
import {TokenNetwork} from "../src/TokenNetwork.sol";

/// claim, and what binds a signed claim to one channel, chain, network and signer.
contract TokenNetworkClaimTest is ChannelBase {
    uint256 internal id;

    function setUp() public override {
        super.setUp();
        id = open(DEPOSIT);
    }

    function test_receiverCashesOutAndChannelStaysOpen() public {
        vm.expectEmit(true, false, false, true, address(net));
        emit TokenNetwork.ChannelClaimed(id, 300, 1, 300);
        claimAs(receiver, id, 300, 1, signClaim(SENDER_PK, id, 300, 1));

        vm.expectEmit(true, false, false, true, address(net));
        emit TokenNetwork.ChannelClaimed(id, 1_000, 5, 700);
        claimAs(receiver, id, 1_000, 5, signClaim(SENDER_PK, id, 1_000, 5));

        eq(token.balanceOf(receiver), 1_000, "receiver got the cumulative amount once");
        eq(token.balanceOf(address(net)), DEPOSIT - 1_000, "rest still held");
        View memory c = channel(id);
        eq(c.claimed, 1_000, "claimed");
        eq(c.lastNonce, 5, "lastNonce");
        eq(c.state, uint8(TokenNetwork.State.Open), "still open");
    }

    function testFuzz_claimPaysExactlyTheNewCumulative(uint256 first, uint256 second, uint256 nonce)
        public
    {
        first = 1 + first % DEPOSIT;
        second = first + 1 + second % (DEPOSIT - first + 1);
        vm.assume(second <= DEPOSIT);
        nonce = 1 + nonce % (type(uint256).max - 1);
        claimAs(receiver, id, first, nonce, signClaim(SENDER_PK, id, first, nonce));
        claimAs(receiver, id, second, nonce + 1, signClaim(SENDER_PK, id, second, nonce + 1));
        eq(token.balanceOf(receiver), second, "paid in total");
        eq(token.balanceOf(address(net)) + token.balanceOf(receiver), DEPOSIT, "conserved");
    }

    function test_claimUpToTheWholeDeposit() public {
        claimAs(receiver, id, DEPOSIT, 1, signClaim(SENDER_PK, id, DEPOSIT, 1));
        eq(token.balanceOf(receiver), DEPOSIT, "all of it");
    }

    function test_claimByOtherThanReceiverReverts() public {
        bytes memory sig = signClaim(SENDER_PK, id, 100, 1);
        vm.expectRevert(abi.encodeWithSelector(TokenNetwork.NotReceiver.selector, id, sender));
        claimAs(sender, id, 100, 1, sig);
        vm.expectRevert(abi.encodeWithSelector(TokenNetwork.NotReceiver.selector, id, other));
        claimAs(other, id, 100, 1, sig);
    }

    function test_claimWithUsedOrLowerNonceReverts() public {
        claimAs(receiver, id, 100, 4, signClaim(SENDER_PK, id, 100, 4));
        bytes memory sameNonce = signClaim(SENDER_PK, id, 200, 4);
        bytes memory lowerNonce = signClaim(SENDER_PK, id, 300, 3);
        uint256 fresh = open(DEPOSIT);
        bytes memory nonceZero = signClaim(SENDER_PK, fresh, 1, 0);

        vm.expectRevert(abi.encodeWithSelector(TokenNetwork.StaleNonce.selector, 4, 4));
        claimAs(receiver, id, 200, 4, sameNonce);
        vm.expectRevert(abi.encodeWithSelector(TokenNetwork.StaleNonce.selector, 4, 3));
        claimAs(receiver, id, 300, 3, lowerNonce);
        vm.expectRevert(abi.encodeWithSelector(TokenNetwork.StaleNonce.selector, 0, 0));
        claimAs(receiver, fresh, 1, 0, nonceZero);
    }

    function test_replayingTheSameClaimReverts() public {
        bytes memory sig = signClaim(SENDER_PK, id, 100, 1);
        claimAs(receiver, id, 100, 1, sig);
        vm.expectRevert(abi.encodeWithSelector(TokenNetwork.StaleNonce.selector, 1, 1));
        claimAs(receiver, id, 100, 1, sig);
        eq(token.balanceOf(receiver), 100, "paid once");
    }

    function test_claimNotAboveClaimedReverts() public {
        claimAs(receiver, id, 100, 1, signClaim(SENDER_PK, id, 100, 1));
        bytes memory same = signClaim(SENDER_PK, id, 100, 2);
        bytes memory lower = signClaim(SENDER_PK, id, 50, 3);
        vm.expectRevert(abi.encodeWithSelector(TokenNetwork.NothingToClaim.selector, 100, 100));
        claimAs(receiver, id, 100, 2, same);
        vm.expectRevert(abi.encodeWithSelector(TokenNetwork.NothingToClaim.selector, 50, 100));
        claimAs(receiver, id, 50, 3, lower);
    }

    function test_claimAboveDepositRevertsUntilTheSenderTopsUp() public {
        bytes memory sig = signClaim(SENDER_PK, id, DEPOSIT + 1, 1);
        vm.expectRevert(abi.encodeWithSelector(
            TokenNetwork.ClaimExceedsDeposit.selector, DEPOSIT + 1, DEPOSIT));
        claimAs(receiver, id, DEPOSIT + 1, 1, sig);

        vm.prank(sender);
        net.deposit(id, DEPOSIT + 1);
        claimAs(receiver, id, DEPOSIT + 1, 1, sig);
        eq(token.balanceOf(receiver), DEPOSIT + 1, "accepted after the top-up");
    }

    function test_claimSignedByAnyoneButTheSenderReverts() public {
        bytes memory byReceiver = signClaim(RECEIVER_PK, id, 100, 1);
        bytes memory byOther = signClaim(OTHER_PK, id, 100, 1);
        vm.expectRevert(badSignature(sender));
        claimAs(receiver, id, 100, 1, byReceiver);
        vm.expectRevert(badSignature(sender));
        claimAs(receiver, id, 100, 1, byOther);
    }

    function test_claimWithAlteredAmountOrNonceReverts() public {
        bytes memory sig = signClaim(SENDER_PK, id, 100, 1);
        vm.expectRevert(badSignature(sender));
        claimAs(receiver, id, 101, 1, sig);
        vm.expectRevert(badSignature(sender));
        claimAs(receiver, id, 100, 2, sig);
    }

    function test_malformedSignaturesRevert() public {
        bytes memory sig = signClaim(SENDER_PK, id, 100, 1);
        bytes memory short = new bytes(64);
        for (uint256 i = 0; i < 64; i++) short[i] = sig[i];
        vm.expectRevert(badSignature(sender));
        claimAs(receiver, id, 100, 1, short);
        vm.expectRevert(badSignature(sender));
        claimAs(receiver, id, 100, 1, "");
        vm.expectRevert(badSignature(sender));
        claimAs(receiver, id, 100, 1, new bytes(65));
        bytes memory badV = bytes.concat(sig);
        badV[64] = bytes1(uint8(sig[64]) - 27); // v as 0/1 instead of 27/28
        vm.expectRevert(badSignature(sender));
        claimAs(receiver, id, 100, 1, badV);
    }

    /// ECDSA malleability: (r, n - s, v ^ 1) recovers the same signer with ecrecover, yet the
    /// contract must refuse it, so no valid claim has a second encoding.
    function test_highSTwinOfAValidSignatureIsRejected() public {
        bytes32 digest = net.claimDigest(id, 100, 1);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(SENDER_PK, digest);
        bytes32 highS = bytes32(SECP256K1_N - uint256(s));
        uint8 twinV = v == 27 ? 28 : 27;
        eq(ecrecover(digest, twinV, r, highS), sender, "the twin is a valid ecrecover signature");

        vm.expectRevert(badSignature(sender));
        claimAs(receiver, id, 100, 1, abi.encodePacked(r, highS, twinV));
        claimAs(receiver, id, 100, 1, abi.encodePacked(r, s, v));
        eq(token.balanceOf(receiver), 100, "paid once, for the low-s original");
    }

    function test_claimForChannelAFailsForChannelB() public {
        uint256 b = open(DEPOSIT);
        bytes memory forA = signClaim(SENDER_PK, id, 100, 1);
        vm.expectRevert(badSignature(sender));
        claimAs(receiver, b, 100, 1, forA);
        claimAs(receiver, id, 100, 1, forA);
    }

    function test_claimForAnotherChainIdFails() public {
        vm.chainId(31337);
        bytes memory forAnvilDefault = signClaim(SENDER_PK, id, 100, 1);
        vm.chainId(CHAIN_ID);
        vm.expectRevert(badSignature(sender));
        claimAs(receiver, id, 100, 1, forAnvilDefault);
    }

    function test_claimForAnotherTokenNetworkFails() public {
        TokenNetwork second = new TokenNetwork(address(token));
        vm.prank(sender);
        token.approve(address(second), DEPOSIT);
        vm.prank(sender);
        uint256 sameId = second.openChannel(receiver, DEPOSIT, TIMEOUT);
        eq(sameId, id, "both networks have a channel 1 between the same pair");

        bytes memory forSecond = signClaimOn(second, SENDER_PK, sameId, 100, 1);
        vm.expectRevert(badSignature(sender));
        claimAs(receiver, id, 100, 1, forSecond);
    }

    function test_afterCloseAndReopenOldClaimsFail() public {
        bytes memory old = signClaim(SENDER_PK, id, 500, 9);
        closeAs(sender, id, 0, 0, "");
        vm.warp(block.timestamp + TIMEOUT);
        net.settleChannel(id);
        uint256 reopened = open(DEPOSIT);

        vm.expectRevert(stateError(id, TokenNetwork.State.Settled));
        claimAs(receiver, id, 500, 9, old);
        vm.expectRevert(badSignature(sender));
        claimAs(receiver, reopened, 500, 9, old);
        eq(token.balanceOf(receiver), 0, "nothing paid");
    }

    function test_claimOnUnknownOrClosedChannelReverts() public {
        bytes memory unknown = signClaim(SENDER_PK, 99, 1, 1);
        vm.expectRevert(stateError(99, TokenNetwork.State.None));
        claimAs(receiver, 99, 1, 1, unknown);
        closeAs(receiver, id, 0, 0, "");
        bytes memory sig = signClaim(SENDER_PK, id, 100, 1);
        vm.expectRevert(stateError(id, TokenNetwork.State.Closed));
        claimAs(receiver, id, 100, 1, sig);
    }
}
