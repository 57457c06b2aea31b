// SPDX-License-Identifier: UNLICENSED
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";

/// @title One-way payment channels in one ERC-20 token (XRP-ledger style)
/// @notice A sender locks a deposit for one receiver and pays off-chain by signing EIP-712
/// `Claim(channelId, cumulativeAmount, nonce)` messages, each carrying the total owed so far.
/// The receiver cashes out whenever it likes (`claim`, the channel stays open). Closing is
/// cooperative (both sign the final claim, settled at once) or unilateral: either side closes,
/// a window of `settleTimeout` seconds lets the other side present a better claim, then anyone
/// settles. Channel ids come from a counter and are never reused, so a claim signed for one
/// channel, on one chain, for one TokenNetwork is worthless anywhere else.
/// @dev A claim is better than another when its cumulative amount is higher: honest claims grow
/// with the nonce, and a sender who signs a higher nonce for less cannot undercut the best claim
/// the receiver holds. Amounts leave the contract only in `claim`, `cooperativeClose` and
/// `settleChannel`, each after its state change (checks, effects, interactions).
contract TokenNetwork is EIP712 {
    using SafeERC20 for IERC20;

    /// @notice Life cycle of a channel; `None` means the id was never opened.
    enum State {
        None,
        Open,
        Closed,
        Settled
    }

    struct Channel {
        address sender;
        address receiver;
        uint256 deposit;
        uint256 claimed;
        uint256 lastNonce;
        uint64 settleTimeout;
        uint64 settleAt;
        uint256 closedCumulative;
        State state;
    }

    /// @notice EIP-712 type hash of the off-chain claim the sender signs.
    bytes32 public constant CLAIM_TYPEHASH =
        keccak256("Claim(uint256 channelId,uint256 cumulativeAmount,uint256 nonce)");

    /// @notice Longest settlement window accepted: beyond a year the deposit is as good as lost.
    uint64 public constant SETTLE_TIMEOUT_MAX = 365 days;

    IERC20 private immutable _token;

    /// @notice The id of the last channel opened (0 before the first); ids start at 1.
    uint256 public channelCounter;

    mapping(uint256 channelId => Channel) private _channels;

    event ChannelOpened(
        uint256 indexed channelId,
        address indexed sender,
        address indexed receiver,
        uint256 deposit,
        uint64 settleTimeout
    );
    event ChannelDeposited(uint256 indexed channelId, uint256 totalDeposit);
    event ChannelClaimed(
        uint256 indexed channelId, uint256 cumulativeAmount, uint256 nonce, uint256 paid
    );
    /// @dev `cumulativeAmount` and `nonce` are what settlement would pay on: the closer's claim,
    /// or, for a close without a claim, the amount already claimed and its nonce.
    event ChannelClosed(
        uint256 indexed channelId,
        address closer,
        uint256 cumulativeAmount,
        uint256 nonce,
        uint64 settleAt
    );
    event ClaimUpdated(uint256 indexed channelId, uint256 cumulativeAmount, uint256 nonce);
    event ChannelSettled(uint256 indexed channelId, uint256 receiverAmount, uint256 senderRefund);

    /// @dev The token given to the constructor is the zero address.
    error ZeroAddress();
    /// @dev The receiver is the zero address or the sender itself.
    error InvalidReceiver(address receiver);
    /// @dev The settlement window is 0 or longer than `SETTLE_TIMEOUT_MAX`.
    error InvalidSettleTimeout(uint64 settleTimeout);
    /// @dev The channel is not in a state that allows the call (`None` = unknown channel).
    error InvalidChannelState(uint256 channelId, State state);
    /// @dev Only the channel's sender may call this.
    error NotSender(uint256 channelId, address caller);
    /// @dev Only the channel's receiver may call this.
    error NotReceiver(uint256 channelId, address caller);
    /// @dev Only the channel's sender or receiver may call this.
    error NotParticipant(uint256 channelId, address caller);
    /// @dev A new total deposit must exceed the current one.
    error DepositNotIncreasing(uint256 deposit, uint256 totalDeposit);
    /// @dev The claim's nonce is not above the last nonce the channel accepted.
    error StaleNonce(uint256 lastNonce, uint256 nonce);
    /// @dev The claim's cumulative amount exceeds the channel's deposit.
    error ClaimExceedsDeposit(uint256 cumulativeAmount, uint256 deposit);
    /// @dev The claim's cumulative amount is below what the receiver has already claimed.
    error ClaimBelowClaimed(uint256 cumulativeAmount, uint256 claimed);
    /// @dev `claim` would pay nothing: the cumulative amount is not above the amount claimed.
    error NothingToClaim(uint256 cumulativeAmount, uint256 claimed);
    /// @dev `updateClaim` needs a cumulative amount above the one the channel closed with.
    error ClaimNotHigher(uint256 cumulativeAmount, uint256 closedCumulative);
    /// @dev The signature is malformed, high-s, or not by the expected signer.
    error InvalidSignature(address expectedSigner);
    /// @dev The settlement window has ended: no more updates.
    error SettleWindowOver(uint256 channelId, uint64 settleAt);
    /// @dev The settlement window is still running: too early to settle.
    error SettleWindowOpen(uint256 channelId, uint64 settleAt);

    constructor(address token_) EIP712("TokenNetwork", "1") {
        if (token_ == address(0)) revert ZeroAddress();
        _token = IERC20(token_);
    }

    /// @notice The ERC-20 token all channels of this network hold.
    function token() external view returns (address) {
        return address(_token);
    }

    /// @notice Opens a channel from the caller to `receiver`, pulling `initialDeposit` tokens (approve
    /// first). A unilateral close gives the other side `settleTimeout` seconds to answer.
    function openChannel(address receiver, uint256 initialDeposit, uint64 settleTimeout)
        external
        returns (uint256 channelId)
    {
        if (receiver == address(0) || receiver == msg.sender) revert InvalidReceiver(receiver);
        if (settleTimeout == 0 || settleTimeout > SETTLE_TIMEOUT_MAX) {
            revert InvalidSettleTimeout(settleTimeout);
        }
        channelId = ++channelCounter;
        Channel storage ch = _channels[channelId];
        ch.sender = msg.sender;
        ch.receiver = receiver;
        ch.deposit = initialDeposit;
        ch.settleTimeout = settleTimeout;
        ch.state = State.Open;
        emit ChannelOpened(channelId, msg.sender, receiver, initialDeposit, settleTimeout);
        _token.safeTransferFrom(msg.sender, address(this), initialDeposit);
    }

    /// @notice Raises the channel's deposit to `totalDeposit`, pulling the difference. A total
    /// rather than an increment makes a repeated transaction harmless.
    function deposit(uint256 channelId, uint256 totalDeposit) external {
        Channel storage ch = _openChannel(channelId);
        if (msg.sender != ch.sender) revert NotSender(channelId, msg.sender);
        uint256 current = ch.deposit;
        if (totalDeposit <= current) revert DepositNotIncreasing(current, totalDeposit);
        ch.deposit = totalDeposit;
        emit ChannelDeposited(channelId, totalDeposit);
        _token.safeTransferFrom(msg.sender, address(this), totalDeposit - current);
    }

    /// @notice The receiver cashes out a claim: it is paid `cumulativeAmount` less what it has
    /// claimed before; the channel stays open.
    function claim(uint256 channelId, uint256 cumulativeAmount, uint256 nonce, bytes calldata signature)
        external
    {
        Channel storage ch = _openChannel(channelId);
        if (msg.sender != ch.receiver) revert NotReceiver(channelId, msg.sender);
        if (nonce <= ch.lastNonce) revert StaleNonce(ch.lastNonce, nonce);
        if (cumulativeAmount <= ch.claimed) revert NothingToClaim(cumulativeAmount, ch.claimed);
        if (cumulativeAmount > ch.deposit) revert ClaimExceedsDeposit(cumulativeAmount, ch.deposit);
        _requireSigner(channelId, cumulativeAmount, nonce, signature, ch.sender);
        uint256 paid = cumulativeAmount - ch.claimed;
        ch.claimed = cumulativeAmount;
        ch.lastNonce = nonce;
        emit ChannelClaimed(channelId, cumulativeAmount, nonce, paid);
        _token.safeTransfer(ch.receiver, paid);
    }

    /// @notice Both sides signed the same final claim: the receiver gets `cumulativeAmount` less
    /// what it claimed, the sender the rest of the deposit, and the channel is settled at once.
    /// Works while open and during a unilateral close's window.
    function cooperativeClose(
        uint256 channelId,
        uint256 cumulativeAmount,
        uint256 nonce,
        bytes calldata senderSignature,
        bytes calldata receiverSignature
    ) external {
        Channel storage ch = _channels[channelId];
        if (ch.state != State.Open && ch.state != State.Closed) {
            revert InvalidChannelState(channelId, ch.state);
        }
        _requireClaimable(ch, cumulativeAmount);
        _requireSigner(channelId, cumulativeAmount, nonce, senderSignature, ch.sender);
        _requireSigner(channelId, cumulativeAmount, nonce, receiverSignature, ch.receiver);
        if (nonce > ch.lastNonce) ch.lastNonce = nonce;
        _settle(channelId, ch, cumulativeAmount);
    }

    /// @notice Either side closes the channel, optionally with the best claim it holds
    /// (`cumulativeAmount` 0, `nonce` 0 and an empty signature: no claim). Settlement is possible
    /// `settleTimeout` seconds later; until then `updateClaim` accepts better claims.
    function closeChannel(
        uint256 channelId,
        uint256 cumulativeAmount,
        uint256 nonce,
        bytes calldata signature
    ) external {
        Channel storage ch = _openChannel(channelId);
        if (msg.sender != ch.sender && msg.sender != ch.receiver) {
            revert NotParticipant(channelId, msg.sender);
        }
        bool withoutClaim = cumulativeAmount == 0 && nonce == 0 && signature.length == 0;
        if (withoutClaim) {
            ch.closedCumulative = ch.claimed;
        } else {
            if (nonce <= ch.lastNonce) revert StaleNonce(ch.lastNonce, nonce);
            _requireClaimable(ch, cumulativeAmount);
            _requireSigner(channelId, cumulativeAmount, nonce, signature, ch.sender);
            ch.closedCumulative = cumulativeAmount;
            ch.lastNonce = nonce;
        }
        uint64 settleAt = uint64(block.timestamp) + ch.settleTimeout;
        ch.settleAt = settleAt;
        ch.state = State.Closed;
        emit ChannelClosed(channelId, msg.sender, ch.closedCumulative, ch.lastNonce, settleAt);
    }

    /// @notice During the settlement window, either side replaces the claim the channel closed
    /// with by one with a higher cumulative amount (in honest use: a higher nonce).
    function updateClaim(
        uint256 channelId,
        uint256 cumulativeAmount,
        uint256 nonce,
        bytes calldata signature
    ) external {
        Channel storage ch = _channels[channelId];
        if (ch.state != State.Closed) revert InvalidChannelState(channelId, ch.state);
        if (msg.sender != ch.sender && msg.sender != ch.receiver) {
            revert NotParticipant(channelId, msg.sender);
        }
        if (block.timestamp >= ch.settleAt) revert SettleWindowOver(channelId, ch.settleAt);
        if (cumulativeAmount <= ch.closedCumulative) {
            revert ClaimNotHigher(cumulativeAmount, ch.closedCumulative);
        }
        if (cumulativeAmount > ch.deposit) revert ClaimExceedsDeposit(cumulativeAmount, ch.deposit);
        _requireSigner(channelId, cumulativeAmount, nonce, signature, ch.sender);
        ch.closedCumulative = cumulativeAmount;
        ch.lastNonce = nonce;
        emit ClaimUpdated(channelId, cumulativeAmount, nonce);
    }

    /// @notice After the window, pays the receiver its best claim less what it has claimed and
    /// refunds the rest of the deposit to the sender. Anyone may call it.
    function settleChannel(uint256 channelId) external {
        Channel storage ch = _channels[channelId];
        if (ch.state != State.Closed) revert InvalidChannelState(channelId, ch.state);
        if (block.timestamp < ch.settleAt) revert SettleWindowOpen(channelId, ch.settleAt);
        _settle(channelId, ch, ch.closedCumulative);
    }

    /// @notice A channel's whole state; all zero for an id never opened.
    function getChannel(uint256 channelId)
        external
        view
        returns (
            address sender,
            address receiver,
            uint256 totalDeposit,
            uint256 claimed,
            uint256 lastNonce,
            uint64 settleTimeout,
            uint64 settleAt,
            uint256 closedCumulative,
            uint8 state
        )
    {
        Channel storage ch = _channels[channelId];
        return (
            ch.sender,
            ch.receiver,
            ch.deposit,
            ch.claimed,
            ch.lastNonce,
            ch.settleTimeout,
            ch.settleAt,
            ch.closedCumulative,
            uint8(ch.state)
        );
    }

    /// @notice The EIP-712 digest the sender signs for a claim on this network and chain.
    function claimDigest(uint256 channelId, uint256 cumulativeAmount, uint256 nonce)
        public
        view
        returns (bytes32)
    {
        return _hashTypedDataV4(keccak256(abi.encode(CLAIM_TYPEHASH, channelId, cumulativeAmount, nonce)));
    }

    function _openChannel(uint256 channelId) private view returns (Channel storage ch) {
        ch = _channels[channelId];
        if (ch.state != State.Open) revert InvalidChannelState(channelId, ch.state);
    }

    function _requireClaimable(Channel storage ch, uint256 cumulativeAmount) private view {
        if (cumulativeAmount < ch.claimed) revert ClaimBelowClaimed(cumulativeAmount, ch.claimed);
        if (cumulativeAmount > ch.deposit) revert ClaimExceedsDeposit(cumulativeAmount, ch.deposit);
    }

    function _requireSigner(
        uint256 channelId,
        uint256 cumulativeAmount,
        uint256 nonce,
        bytes calldata signature,
        address signer
    ) private view {
        bytes32 digest = claimDigest(channelId, cumulativeAmount, nonce);
        (address recovered, ECDSA.RecoverError err,) = ECDSA.tryRecoverCalldata(digest, signature);
        if (err != ECDSA.RecoverError.NoError || recovered != signer) revert InvalidSignature(signer);
    }

    /// @dev Marks the channel settled at `receiverTotal` and pays both sides.
    function _settle(uint256 channelId, Channel storage ch, uint256 receiverTotal) private {
        uint256 receiverAmount = receiverTotal - ch.claimed;
        uint256 senderRefund = ch.deposit - receiverTotal;
        ch.claimed = receiverTotal;
        ch.closedCumulative = receiverTotal;
        ch.state = State.Settled;
        emit ChannelSettled(channelId, receiverAmount, senderRefund);
        if (receiverAmount > 0) _token.safeTransfer(ch.receiver, receiverAmount);
        if (senderRefund > 0) _token.safeTransfer(ch.sender, senderRefund);
    }
}
