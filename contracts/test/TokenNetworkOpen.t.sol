// SPDX-License-Identifier: UNLICENSED
pragma solidity ^0.8.24;

import {ChannelBase} from "./ChannelBase.sol";
import {TokenNetwork} from "../src/TokenNetwork.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";

/// openChannel, deposit, getChannel, channelCounter, token, claimDigest.
contract TokenNetworkOpenTest is ChannelBase {
    function test_openPullsDepositAndRecordsChannel() public {
        vm.expectEmit(true, true, true, true, address(net));
        emit TokenNetwork.ChannelOpened(1, sender, receiver, DEPOSIT, TIMEOUT);
        uint256 id = open(DEPOSIT);

        eq(id, 1, "first id");
        eq(net.channelCounter(), 1, "counter");
        View memory c = channel(id);
        eq(c.sender, sender, "sender");
        eq(c.receiver, receiver, "receiver");
        eq(c.deposit, DEPOSIT, "deposit");
        eq(c.claimed, 0, "claimed");
        eq(c.lastNonce, 0, "lastNonce");
        eq(c.settleTimeout, TIMEOUT, "settleTimeout");
        eq(c.settleAt, 0, "settleAt");
        eq(c.closedCumulative, 0, "closedCumulative");
        eq(c.state, uint8(TokenNetwork.State.Open), "state");
        eq(token.balanceOf(address(net)), DEPOSIT, "network holds the deposit");
        eq(token.balanceOf(sender), 1_000_000e6 - DEPOSIT, "sender paid it");
    }

    function test_idsCountUpAndNeverRepeatForTheSamePair() public {
        uint256 a = open(DEPOSIT);
        vm.prank(sender);
        net.closeChannel(a, 0, 0, "");
        vm.warp(block.timestamp + TIMEOUT);
        net.settleChannel(a);
        uint256 b = open(DEPOSIT);
        eq(a, 1, "first");
        eq(b, 2, "reopened between the same pair gets a new id");
        eq(net.channelCounter(), 2, "counter");
    }

    function testFuzz_openAnyDepositAndTimeout(uint256 deposit, uint64 timeout) public {
        deposit = deposit % (1_000_000e6 + 1);
        timeout = uint64(1 + timeout % net.SETTLE_TIMEOUT_MAX());
        vm.prank(sender);
        uint256 id = net.openChannel(receiver, deposit, timeout);
        View memory c = channel(id);
        eq(c.deposit, deposit, "deposit");
        eq(c.settleTimeout, timeout, "timeout");
        eq(token.balanceOf(address(net)), deposit, "held");
    }

    function test_openToZeroOrSelfReverts() public {
        vm.startPrank(sender);
        vm.expectRevert(abi.encodeWithSelector(TokenNetwork.InvalidReceiver.selector, address(0)));
        net.openChannel(address(0), DEPOSIT, TIMEOUT);
        vm.expectRevert(abi.encodeWithSelector(TokenNetwork.InvalidReceiver.selector, sender));
        net.openChannel(sender, DEPOSIT, TIMEOUT);
        vm.stopPrank();
    }

    function test_openWithZeroOrHugeTimeoutReverts() public {
        uint64 max = net.SETTLE_TIMEOUT_MAX();
        vm.startPrank(sender);
        vm.expectRevert(abi.encodeWithSelector(TokenNetwork.InvalidSettleTimeout.selector, 0));
        net.openChannel(receiver, DEPOSIT, 0);
        vm.expectRevert(abi.encodeWithSelector(TokenNetwork.InvalidSettleTimeout.selector, max + 1));
        net.openChannel(receiver, DEPOSIT, max + 1);
        net.openChannel(receiver, DEPOSIT, max); // the bound itself is fine
        vm.stopPrank();
    }

    function test_openWithoutAllowanceRevertsAndLeavesNoChannel() public {
        vm.prank(sender);
        token.approve(address(net), DEPOSIT - 1);
        vm.prank(sender);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector,
            address(net), DEPOSIT - 1, DEPOSIT));
        net.openChannel(receiver, DEPOSIT, TIMEOUT);
        eq(net.channelCounter(), 0, "counter untouched");
    }

    function test_depositRaisesTheTotalAndPullsTheDifference() public {
        uint256 id = open(DEPOSIT);
        vm.expectEmit(true, false, false, true, address(net));
        emit TokenNetwork.ChannelDeposited(id, DEPOSIT + 5);
        vm.prank(sender);
        net.deposit(id, DEPOSIT + 5);
        eq(channel(id).deposit, DEPOSIT + 5, "new total");
        eq(token.balanceOf(address(net)), DEPOSIT + 5, "pulled only the difference");
    }

    function testFuzz_depositsAreMonotonicTotals(uint256 a, uint256 b) public {
        uint256 id = open(0);
        a = 1 + a % 1_000e6;
        b = b % 2_000e6;
        vm.prank(sender);
        net.deposit(id, a);
        vm.prank(sender);
        if (b <= a) {
            vm.expectRevert(abi.encodeWithSelector(TokenNetwork.DepositNotIncreasing.selector, a, b));
            net.deposit(id, b);
            eq(token.balanceOf(address(net)), a, "unchanged");
        } else {
            net.deposit(id, b);
            eq(token.balanceOf(address(net)), b, "total held");
        }
    }

    function test_depositByOtherThanSenderReverts() public {
        uint256 id = open(DEPOSIT);
        vm.prank(receiver);
        vm.expectRevert(abi.encodeWithSelector(TokenNetwork.NotSender.selector, id, receiver));
        net.deposit(id, DEPOSIT + 1);
    }

    function test_depositSameOrLowerTotalReverts() public {
        uint256 id = open(DEPOSIT);
        vm.startPrank(sender);
        vm.expectRevert(abi.encodeWithSelector(
            TokenNetwork.DepositNotIncreasing.selector, DEPOSIT, DEPOSIT));
        net.deposit(id, DEPOSIT);
        vm.expectRevert(abi.encodeWithSelector(
            TokenNetwork.DepositNotIncreasing.selector, DEPOSIT, DEPOSIT - 1));
        net.deposit(id, DEPOSIT - 1);
        vm.stopPrank();
    }

    function test_depositOnUnknownClosedOrSettledChannelReverts() public {
        vm.prank(sender);
        vm.expectRevert(stateError(7, TokenNetwork.State.None));
        net.deposit(7, 1);

        uint256 id = open(DEPOSIT);
        closeAs(sender, id, 0, 0, "");
        vm.prank(sender);
        vm.expectRevert(stateError(id, TokenNetwork.State.Closed));
        net.deposit(id, DEPOSIT + 1);

        vm.warp(block.timestamp + TIMEOUT);
        net.settleChannel(id);
        vm.prank(sender);
        vm.expectRevert(stateError(id, TokenNetwork.State.Settled));
        net.deposit(id, DEPOSIT + 1);
    }

    function test_unknownChannelReadsAsZero() public view {
        View memory c = channel(42);
        eq(c.sender, address(0), "sender");
        eq(c.deposit, 0, "deposit");
        eq(c.state, uint8(TokenNetwork.State.None), "state none");
    }

    function test_tokenIsTheConstructorArgument() public view {
        eq(net.token(), address(token), "token");
    }

    /// The digest is EIP-712 over the domain (name "TokenNetwork", version "1", chain id, this
    /// contract), computed here from the standard's definition.
    function testFuzz_claimDigestIsEip712(uint256 id, uint256 cumulative, uint256 nonce) public view {
        bytes32 domain = keccak256(abi.encode(
            keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
            keccak256("TokenNetwork"), keccak256("1"), block.chainid, address(net)));
        bytes32 structHash = keccak256(abi.encode(
            keccak256("Claim(uint256 channelId,uint256 cumulativeAmount,uint256 nonce)"),
            id, cumulative, nonce));
        bytes32 expected = keccak256(abi.encodePacked(hex"1901", domain, structHash));
        isTrue(net.claimDigest(id, cumulative, nonce) == expected, "EIP-712 digest");
        isTrue(net.CLAIM_TYPEHASH()
            == keccak256("Claim(uint256 channelId,uint256 cumulativeAmount,uint256 nonce)"), "typehash");
    }

    function test_claimDigestFollowsTheChainId() public {
        bytes32 here = net.claimDigest(1, 2, 3);
        vm.chainId(31337);
        isTrue(net.claimDigest(1, 2, 3) != here, "another chain, another digest");
    }
}
