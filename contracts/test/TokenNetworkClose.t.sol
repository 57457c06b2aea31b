// SPDX-License-Identifier: UNLICENSED
pragma solidity ^0.8.24;

import {ChannelBase} from "./ChannelBase.sol";
import {TokenNetwork} from "../src/TokenNetwork.sol";

/// cooperativeClose, closeChannel, updateClaim, settleChannel.
contract TokenNetworkCloseTest is ChannelBase {
    uint256 internal id;

    function setUp() public override {
        super.setUp();
        id = open(DEPOSIT);
    }

    // ---- cooperativeClose

    function test_cooperativeClosePaysBothSidesAtOnce() public {
        claimAs(receiver, id, 100, 1, signClaim(SENDER_PK, id, 100, 1));
        bytes memory s = signClaim(SENDER_PK, id, 400, 2);
        bytes memory r = signClaim(RECEIVER_PK, id, 400, 2);

        vm.expectEmit(true, false, false, true, address(net));
        emit TokenNetwork.ChannelSettled(id, 300, DEPOSIT - 400);
        vm.prank(other); // anyone may submit both signatures
        net.cooperativeClose(id, 400, 2, s, r);

        eq(token.balanceOf(receiver), 400, "receiver: 100 claimed + 300");
        eq(token.balanceOf(sender), 1_000_000e6 - 400, "sender refunded the rest");
        eq(token.balanceOf(address(net)), 0, "nothing left behind");
        View memory c = channel(id);
        eq(c.state, uint8(TokenNetwork.State.Settled), "settled");
        eq(c.claimed, 400, "claimed");
        eq(c.lastNonce, 2, "lastNonce");
    }

    function test_cooperativeCloseDuringTheWindowOfAUnilateralClose() public {
        closeAs(sender, id, 0, 0, "");
        bytes memory s = signClaim(SENDER_PK, id, 250, 3);
        bytes memory r = signClaim(RECEIVER_PK, id, 250, 3);
        net.cooperativeClose(id, 250, 3, s, r);
        eq(token.balanceOf(receiver), 250, "receiver");
        eq(channel(id).state, uint8(TokenNetwork.State.Settled), "settled");
    }

    function testFuzz_cooperativeCloseConservesTheDeposit(uint256 claimed, uint256 total) public {
        claimed = claimed % (DEPOSIT + 1);
        total = claimed + total % (DEPOSIT - claimed + 1);
        if (claimed > 0) claimAs(receiver, id, claimed, 1, signClaim(SENDER_PK, id, claimed, 1));
        bytes memory s = signClaim(SENDER_PK, id, total, 2);
        bytes memory r = signClaim(RECEIVER_PK, id, total, 2);
        net.cooperativeClose(id, total, 2, s, r);
        eq(token.balanceOf(receiver), total, "receiver gets the agreed total");
        eq(token.balanceOf(sender), 1_000_000e6 - total, "sender the rest");
        eq(token.balanceOf(address(net)), 0, "empty");
    }

    function test_cooperativeCloseNeedsBothRightSignatures() public {
        bytes memory s = signClaim(SENDER_PK, id, 400, 2);
        bytes memory r = signClaim(RECEIVER_PK, id, 400, 2);
        bytes memory o = signClaim(OTHER_PK, id, 400, 2);
        bytes memory s401 = signClaim(SENDER_PK, id, 401, 2);
        vm.expectRevert(badSignature(sender));
        net.cooperativeClose(id, 400, 2, r, s);
        vm.expectRevert(badSignature(receiver));
        net.cooperativeClose(id, 400, 2, s, s);
        vm.expectRevert(badSignature(receiver));
        net.cooperativeClose(id, 400, 2, s, o);
        vm.expectRevert(badSignature(receiver));
        net.cooperativeClose(id, 401, 2, s401, r); // the receiver did not agree to 401
        vm.expectRevert(badSignature(sender));
        net.cooperativeClose(id, 400, 3, s, r);
        eq(channel(id).state, uint8(TokenNetwork.State.Open), "still open");
    }

    function test_cooperativeCloseOutsideTheDepositOrBelowClaimedReverts() public {
        claimAs(receiver, id, 100, 1, signClaim(SENDER_PK, id, 100, 1));
        bytes memory s1 = signClaim(SENDER_PK, id, DEPOSIT + 1, 2);
        bytes memory r1 = signClaim(RECEIVER_PK, id, DEPOSIT + 1, 2);
        bytes memory s2 = signClaim(SENDER_PK, id, 99, 2);
        bytes memory r2 = signClaim(RECEIVER_PK, id, 99, 2);
        vm.expectRevert(abi.encodeWithSelector(
            TokenNetwork.ClaimExceedsDeposit.selector, DEPOSIT + 1, DEPOSIT));
        net.cooperativeClose(id, DEPOSIT + 1, 2, s1, r1);
        vm.expectRevert(abi.encodeWithSelector(TokenNetwork.ClaimBelowClaimed.selector, 99, 100));
        net.cooperativeClose(id, 99, 2, s2, r2);
    }

    function test_cooperativeCloseOnUnknownOrSettledChannelReverts() public {
        bytes memory s = signClaim(SENDER_PK, id, 10, 1);
        bytes memory r = signClaim(RECEIVER_PK, id, 10, 1);
        bytes memory s9 = signClaim(SENDER_PK, 9, 10, 1);
        bytes memory r9 = signClaim(RECEIVER_PK, 9, 10, 1);
        vm.expectRevert(stateError(9, TokenNetwork.State.None));
        net.cooperativeClose(9, 10, 1, s9, r9);
        net.cooperativeClose(id, 10, 1, s, r);
        vm.expectRevert(stateError(id, TokenNetwork.State.Settled));
        net.cooperativeClose(id, 10, 1, s, r);
        eq(token.balanceOf(receiver), 10, "paid once");
    }

    // ---- closeChannel

    function test_senderClosesWithAClaimAndTheWindowStarts() public {
        bytes memory sig = signClaim(SENDER_PK, id, 300, 3);
        uint64 settleAt = uint64(block.timestamp) + TIMEOUT;
        vm.expectEmit(true, false, false, true, address(net));
        emit TokenNetwork.ChannelClosed(id, sender, 300, 3, settleAt);
        closeAs(sender, id, 300, 3, sig);
        View memory c = channel(id);
        eq(c.state, uint8(TokenNetwork.State.Closed), "closed");
        eq(c.settleAt, settleAt, "settleAt");
        eq(c.closedCumulative, 300, "closedCumulative");
        eq(c.lastNonce, 3, "lastNonce");
        eq(token.balanceOf(address(net)), DEPOSIT, "nothing paid before settlement");
    }

    function test_receiverClosesWithItsBestClaim() public {
        bytes memory sig = signClaim(SENDER_PK, id, 700, 7);
        closeAs(receiver, id, 700, 7, sig);
        vm.warp(block.timestamp + TIMEOUT);
        net.settleChannel(id);
        eq(token.balanceOf(receiver), 700, "receiver");
    }

    function test_closeWithoutAClaimKeepsWhatWasClaimed() public {
        claimAs(receiver, id, 100, 2, signClaim(SENDER_PK, id, 100, 2));
        uint64 settleAt = uint64(block.timestamp) + TIMEOUT;
        vm.expectEmit(true, false, false, true, address(net));
        emit TokenNetwork.ChannelClosed(id, sender, 100, 2, settleAt);
        closeAs(sender, id, 0, 0, "");
        eq(channel(id).closedCumulative, 100, "closes at what was claimed");
        vm.warp(settleAt);
        net.settleChannel(id);
        eq(token.balanceOf(receiver), 100, "nothing more for the receiver");
        eq(token.balanceOf(sender), 1_000_000e6 - 100, "sender refunded");
    }

    function test_closeByOtherThanAParticipantReverts() public {
        vm.expectRevert(abi.encodeWithSelector(TokenNetwork.NotParticipant.selector, id, other));
        closeAs(other, id, 0, 0, "");
    }

    function test_closeWithAStaleNonceReverts() public {
        claimAs(receiver, id, 100, 5, signClaim(SENDER_PK, id, 100, 5));
        bytes memory sig = signClaim(SENDER_PK, id, 200, 5);
        vm.expectRevert(abi.encodeWithSelector(TokenNetwork.StaleNonce.selector, 5, 5));
        closeAs(receiver, id, 200, 5, sig);
        // a zero amount with a signature is a claim, not "no claim": nonce 0 is stale
        bytes memory zero = signClaim(SENDER_PK, id, 0, 0);
        vm.expectRevert(abi.encodeWithSelector(TokenNetwork.StaleNonce.selector, 5, 0));
        closeAs(sender, id, 0, 0, zero);
    }

    function test_closeWithAClaimOutsideTheDepositOrBelowClaimedReverts() public {
        claimAs(receiver, id, 100, 1, signClaim(SENDER_PK, id, 100, 1));
        bytes memory below = signClaim(SENDER_PK, id, 50, 8);
        bytes memory above = signClaim(SENDER_PK, id, DEPOSIT + 1, 8);
        vm.expectRevert(abi.encodeWithSelector(TokenNetwork.ClaimBelowClaimed.selector, 50, 100));
        closeAs(sender, id, 50, 8, below);
        vm.expectRevert(abi.encodeWithSelector(
            TokenNetwork.ClaimExceedsDeposit.selector, DEPOSIT + 1, DEPOSIT));
        closeAs(receiver, id, DEPOSIT + 1, 8, above);
    }

    function test_closeWithAClaimNotSignedByTheSenderReverts() public {
        bytes memory byReceiver = signClaim(RECEIVER_PK, id, 300, 1);
        vm.expectRevert(badSignature(sender));
        closeAs(receiver, id, 300, 1, byReceiver);
        vm.expectRevert(badSignature(sender));
        closeAs(receiver, id, 300, 1, hex"01");
    }

    function test_closeTwiceOrUnknownReverts() public {
        closeAs(sender, id, 0, 0, "");
        vm.expectRevert(stateError(id, TokenNetwork.State.Closed));
        closeAs(receiver, id, 0, 0, "");
        vm.expectRevert(stateError(5, TokenNetwork.State.None));
        closeAs(receiver, 5, 0, 0, "");
    }

    // ---- updateClaim

    /// The sender closes at nonce 3 while the receiver holds nonce 7: the receiver's update lands
    /// in the window and settlement pays 7's amount; one second after the window it reverts.
    function test_updateInTheWindowWithAHigherNonceWinsAndALateOneReverts() public {
        bytes memory three = signClaim(SENDER_PK, id, 300, 3);
        bytes memory seven = signClaim(SENDER_PK, id, 700, 7);
        bytes memory eight = signClaim(SENDER_PK, id, 800, 8);
        closeAs(sender, id, 300, 3, three);
        uint64 settleAt = channel(id).settleAt;

        vm.warp(settleAt - 1);
        vm.expectEmit(true, false, false, true, address(net));
        emit TokenNetwork.ClaimUpdated(id, 700, 7);
        updateAs(receiver, id, 700, 7, seven);
        View memory c = channel(id);
        eq(c.closedCumulative, 700, "best claim");
        eq(c.lastNonce, 7, "its nonce");

        vm.warp(settleAt);
        vm.expectRevert(abi.encodeWithSelector(TokenNetwork.SettleWindowOver.selector, id, settleAt));
        updateAs(receiver, id, 800, 8, eight);

        net.settleChannel(id);
        eq(token.balanceOf(receiver), 700, "receiver gets cumulative 7");
        eq(token.balanceOf(sender), 1_000_000e6 - 700, "sender the rest");
    }

    /// A sender who signs a higher nonce for a smaller amount and closes with it cannot undercut
    /// the best claim the receiver holds: the higher amount wins.
    function test_aHigherNonceForLessDoesNotUndercutTheReceiversBestClaim() public {
        bytes memory best = signClaim(SENDER_PK, id, 700, 7);
        bytes memory cheat = signClaim(SENDER_PK, id, 10, 8);
        closeAs(sender, id, 10, 8, cheat);
        updateAs(receiver, id, 700, 7, best);
        vm.warp(block.timestamp + TIMEOUT);
        net.settleChannel(id);
        eq(token.balanceOf(receiver), 700, "the best claim");
    }

    function test_updateWithANotHigherAmountReverts() public {
        bytes memory seven = signClaim(SENDER_PK, id, 700, 7);
        bytes memory three = signClaim(SENDER_PK, id, 300, 3);
        closeAs(receiver, id, 700, 7, seven);
        vm.expectRevert(abi.encodeWithSelector(TokenNetwork.ClaimNotHigher.selector, 700, 700));
        updateAs(sender, id, 700, 7, seven);
        vm.expectRevert(abi.encodeWithSelector(TokenNetwork.ClaimNotHigher.selector, 300, 700));
        updateAs(sender, id, 300, 3, three);
    }

    function test_updateAboveTheDepositOrBadlySignedReverts() public {
        closeAs(sender, id, 0, 0, "");
        bytes memory above = signClaim(SENDER_PK, id, DEPOSIT + 1, 1);
        bytes memory byReceiver = signClaim(RECEIVER_PK, id, 500, 1);
        vm.expectRevert(abi.encodeWithSelector(
            TokenNetwork.ClaimExceedsDeposit.selector, DEPOSIT + 1, DEPOSIT));
        updateAs(receiver, id, DEPOSIT + 1, 1, above);
        vm.expectRevert(badSignature(sender));
        updateAs(receiver, id, 500, 1, byReceiver);
    }

    function test_updateByOtherOrOnAnOpenChannelReverts() public {
        bytes memory sig = signClaim(SENDER_PK, id, 500, 1);
        vm.expectRevert(stateError(id, TokenNetwork.State.Open));
        updateAs(receiver, id, 500, 1, sig);
        closeAs(sender, id, 0, 0, "");
        vm.expectRevert(abi.encodeWithSelector(TokenNetwork.NotParticipant.selector, id, other));
        updateAs(other, id, 500, 1, sig);
    }

    // ---- settleChannel

    function test_settleBeforeTheWindowEndsReverts() public {
        closeAs(sender, id, 0, 0, "");
        uint64 settleAt = channel(id).settleAt;
        vm.warp(settleAt - 1);
        vm.expectRevert(abi.encodeWithSelector(TokenNetwork.SettleWindowOpen.selector, id, settleAt));
        net.settleChannel(id);
    }

    function test_settleOpenUnknownOrSettledChannelReverts() public {
        vm.expectRevert(stateError(id, TokenNetwork.State.Open));
        net.settleChannel(id);
        vm.expectRevert(stateError(3, TokenNetwork.State.None));
        net.settleChannel(3);
        closeAs(sender, id, 0, 0, "");
        vm.warp(block.timestamp + TIMEOUT);
        vm.expectEmit(true, false, false, true, address(net));
        emit TokenNetwork.ChannelSettled(id, 0, DEPOSIT);
        vm.prank(other); // anyone may settle
        net.settleChannel(id);
        vm.expectRevert(stateError(id, TokenNetwork.State.Settled));
        net.settleChannel(id);
        eq(token.balanceOf(sender), 1_000_000e6, "refunded once");
    }

    /// Any mix of top-up, claim, close, update and settle pays out exactly the deposit: the
    /// receiver its best claim, the sender the rest.
    function testFuzz_unilateralLifecycleConservesTheDeposit(
        uint256 topUp,
        uint256 claimed,
        uint256 closedAt,
        uint256 best,
        bool receiverCloses
    ) public {
        uint256 total = DEPOSIT + topUp % DEPOSIT;
        if (total > DEPOSIT) {
            vm.prank(sender);
            net.deposit(id, total);
        }
        claimed = claimed % (total + 1);
        closedAt = claimed + closedAt % (total - claimed + 1);
        best = closedAt + best % (total - closedAt + 1);
        if (claimed > 0) claimAs(receiver, id, claimed, 1, signClaim(SENDER_PK, id, claimed, 1));
        bytes memory closing = signClaim(SENDER_PK, id, closedAt, 2);
        closeAs(receiverCloses ? receiver : sender, id, closedAt, 2, closing);
        if (best > closedAt) {
            bytes memory better = signClaim(SENDER_PK, id, best, 3);
            updateAs(receiver, id, best, 3, better);
        }
        vm.warp(block.timestamp + TIMEOUT);
        net.settleChannel(id);
        eq(token.balanceOf(receiver), best, "receiver: its best claim");
        eq(token.balanceOf(sender), 1_000_000e6 - best, "sender: the rest");
        eq(token.balanceOf(address(net)), 0, "nothing left");
    }
}
