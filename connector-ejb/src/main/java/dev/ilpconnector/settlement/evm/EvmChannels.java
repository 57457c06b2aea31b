package dev.ilpconnector.settlement.evm;

import dev.ilpconnector.packetswitch.Link;
import dev.ilpconnector.packetswitch.LinkRegistry;
import dev.ilpconnector.settlement.evm.ChannelStore.InChannel;
import dev.ilpconnector.settlement.evm.ChannelStore.OutChannel;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The operator's view of a peer's channels and the operator's actions on them (admin API):
 * top up our channel, close it cooperatively (the peer countersigns our last claim over
 * {@code evm_close}) or unilaterally (our last claim, or the best claim we hold when the
 * channel is the peer's). Blocking: the admin layer runs these on the settlement executor.
 */
public final class EvmChannels {

    private static final Logger LOG = Logger.getLogger(EvmChannels.class.getName());
    private static final long CLOSE_ANSWER_MS = 30_000;

    private final TokenNetworkClient client;
    private final ChannelStore store;
    private final ClaimDomain domain;
    private final EvmKey key;
    private final LinkRegistry links;

    EvmChannels(TokenNetworkClient client, ChannelStore store, ClaimDomain domain, EvmKey key,
                LinkRegistry links) {
        this.client = client;
        this.store = store;
        this.domain = domain;
        this.key = key;
        this.links = links;
    }

    /**
     * One direction of a peer's channels, as stored and as the chain has it now;
     * {@code bestSignature} is the best claim's signature as signed or received (empty before
     * the first), so an operator can compare what both ends hold.
     */
    public record ChannelState(String direction, BigInteger channelId, String state,
                               BigInteger deposit, BigInteger claimed, BigInteger bestClaim,
                               BigInteger bestNonce, long settleAt, byte[] bestSignature) {
    }

    /** No such channel, or the action does not apply to it (the admin's 404 / 409). */
    public static final class ChannelActionException extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean missing;

        ChannelActionException(boolean missing, String message) {
            super(message);
            this.missing = missing;
        }

        public boolean missing() {
            return missing;
        }
    }

    /** The peer's channels, ours to it ({@code outgoing}) and its to us ({@code incoming}). */
    public List<ChannelState> of(String peerId) throws IOException {
        List<ChannelState> out = new ArrayList<>();
        Optional<OutChannel> ours = store.outChannels().stream()
                .filter(c -> c.peerId().equals(peerId)).reduce((first, second) -> second);
        if (ours.isPresent()) {
            OutChannel c = ours.get();
            TokenNetworkAbi.ChannelView view = client.channel(c.channelId());
            out.add(new ChannelState("outgoing", c.channelId(), state(view.state()),
                    view.deposit(), view.claimed(), c.last() == null ? BigInteger.ZERO
                    : c.last().claim().cumulativeAmount(), c.last() == null ? BigInteger.ZERO
                    : c.last().claim().nonce(), view.settleAt(), c.last() == null ? new byte[0]
                    : c.last().signature()));
        }
        for (InChannel c : store.inChannels(peerId)) {
            TokenNetworkAbi.ChannelView view = client.channel(c.channelId());
            out.add(new ChannelState("incoming", c.channelId(), state(view.state()),
                    view.deposit(), view.claimed(), c.best() == null ? BigInteger.ZERO
                    : c.best().cumulativeAmount(), c.best() == null ? BigInteger.ZERO
                    : c.best().nonce(), view.settleAt(), c.best() == null ? new byte[0]
                    : c.bestSignature()));
        }
        return out;
    }

    /** Adds {@code amount} token units to our open channel to the peer. */
    public BigInteger deposit(String peerId, BigInteger amount)
            throws IOException, ChannelActionException {
        OutChannel channel = store.outChannel(peerId).orElseThrow(() ->
                new ChannelActionException(true, "no open channel of ours to " + peerId));
        BigInteger total = channel.deposit().add(amount);
        try {
            client.deposit("admin:" + peerId + ":" + channel.channelId() + ":" + total,
                    channel.channelId(), channel.deposit(), total);
        } catch (TokenNetworkClient.RevertedException e) {
            throw new ChannelActionException(false, e.getMessage());
        }
        store.recordDeposit(peerId, total);
        LOG.info("event=evm_deposit peer=" + peerId + " channel=" + channel.channelId()
                + " deposit=" + total + " by=admin");
        return total;
    }

    /**
     * Closes the peer's channel: ours (cooperatively or not) when we have one open, else the
     * peer's to us (unilaterally, on the best claim we hold).
     *
     * @return the transaction hash
     */
    public String close(String peerId, boolean cooperative)
            throws IOException, ChannelActionException {
        Optional<OutChannel> ours = store.outChannel(peerId);
        try {
            if (ours.isPresent()) {
                return cooperative ? closeTogether(peerId, ours.get())
                        : closeAlone(ours.get().channelId(), lastClaim(ours.get()));
            }
            InChannel theirs = store.inChannels(peerId).stream().filter(c -> !c.closed())
                    .findFirst().orElseThrow(() -> new ChannelActionException(true,
                            "no open channel with " + peerId));
            if (cooperative) {
                throw new ChannelActionException(false, "a cooperative close is the sender's;"
                        + " close the peer's channel unilaterally");
            }
            return closeAlone(theirs.channelId(), theirs.best() == null ? null
                    : new EvmMessages.SignedClaim(theirs.best(), theirs.bestSignature()));
        } catch (TokenNetworkClient.RevertedException e) {
            throw new ChannelActionException(false, e.getMessage());
        }
    }

    private EvmMessages.SignedClaim lastClaim(OutChannel channel) {
        return channel.last() == null ? null : new EvmMessages.SignedClaim(
                channel.last().claim(), channel.last().signature());
    }

    private String closeAlone(BigInteger channelId, EvmMessages.SignedClaim claim)
            throws IOException, TokenNetworkClient.RevertedException {
        Claim c = claim == null ? new Claim(channelId, BigInteger.ZERO, BigInteger.ZERO)
                : claim.claim();
        String hash = client.send("close:" + channelId, TokenNetworkAbi.closeChannel(c,
                claim == null ? new byte[0] : claim.signature())).getTransactionHash();
        store.recordClosed(channelId);
        LOG.info("event=evm_close channel=" + channelId + " nonce=" + c.nonce() + " tx=" + hash);
        return hash;
    }

    private String closeTogether(String peerId, OutChannel channel)
            throws IOException, ChannelActionException, TokenNetworkClient.RevertedException {
        Claim claim = channel.last() == null
                ? new Claim(channel.channelId(), BigInteger.ZERO, BigInteger.ZERO)
                : channel.last().claim();
        byte[] ours = channel.last() == null ? ClaimSignatures.sign(domain, claim, key)
                : channel.last().signature();
        Link link = links.link(peerId);
        if (link == null || !link.isConnected()) {
            throw new ChannelActionException(false, "peer " + peerId + " is not connected");
        }
        byte[] theirs;
        try {
            theirs = EvmMessages.parseSignature(link.sendMessage(EvmMessages.claim(
                    EvmMessages.CLOSE, new EvmMessages.SignedClaim(claim, ours)))
                    .get(CLOSE_ANSWER_MS, TimeUnit.MILLISECONDS), EvmMessages.CLOSE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (Exception e) {
            throw new ChannelActionException(false, "peer " + peerId + " did not countersign: "
                    + e.getMessage());
        }
        String hash = client.send("coop-close:" + channel.channelId(),
                TokenNetworkAbi.cooperativeClose(claim, ours, theirs)).getTransactionHash();
        store.recordClosed(channel.channelId());
        LOG.info("event=evm_cooperative_close peer=" + peerId + " channel="
                + channel.channelId() + " cumulative=" + claim.cumulativeAmount() + " tx=" + hash);
        return hash;
    }

    private static String state(int state) {
        return switch (state) {
            case TokenNetworkAbi.STATE_OPEN -> "open";
            case TokenNetworkAbi.STATE_CLOSED -> "closed";
            case TokenNetworkAbi.STATE_SETTLED -> "settled";
            default -> "none";
        };
    }
}
