package dev.ilpconnector.settlement.evm;

import dev.ilpconnector.settlement.evm.ChannelStore.InChannel;
import dev.ilpconnector.settlement.evm.ChannelStore.OutChannel;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Guards our channels on chain, every {@link #INTERVAL_MS}: a peer's channel to us closed on a
 * claim below the best one we hold gets our {@code updateClaim} within its challenge window
 * (at least {@code SETTLEMENT_EVM_MIN_SETTLE_TIMEOUT}, which we check when we accept the
 * channel); any closed channel of ours is settled once its window is over. It reads each
 * channel's state rather than following events, so a restart (or an RPC outage shorter than
 * the window) misses nothing: the next pass sees the chain as it is.
 */
public final class ChannelWatcher {

    private static final Logger LOG = Logger.getLogger(ChannelWatcher.class.getName());
    /** How often the channels are read: a small part of any sensible challenge window. */
    public static final long INTERVAL_MS = 2_000;

    private final TokenNetworkClient client;
    private final ChannelStore store;
    private final ScheduledExecutorService executor;
    private final Duration interval;
    /** Channels settled on chain: nothing more to watch. */
    private final Set<BigInteger> finished = ConcurrentHashMap.newKeySet();
    private volatile ScheduledFuture<?> task;

    public ChannelWatcher(TokenNetworkClient client, ChannelStore store,
                          ScheduledExecutorService executor,
                          Duration interval) {
        this.client = client;
        this.store = store;
        this.executor = executor;
        this.interval = interval;
    }

    public void start() {
        try {
            task = executor.scheduleWithFixedDelay(this::pass, interval.toMillis(),
                    interval.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.warning("event=evm_watcher_not_started reason=" + e);
        }
    }

    public void stop() {
        ScheduledFuture<?> running = task;
        if (running != null) {
            running.cancel(false);
        }
    }

    /** One look at every channel; public for tests that drive it by hand. */
    public void pass() {
        try {
            long now = client.rpc().head().timestamp();
            for (InChannel channel : store.inChannels()) {
                if (!finished.contains(channel.channelId())) {
                    watchIncoming(channel, now);
                }
            }
            for (OutChannel channel : store.outChannels()) {
                if (!finished.contains(channel.channelId())) {
                    watchOutgoing(channel, now);
                }
            }
        } catch (IOException e) {
            LOG.warning("event=evm_watcher_unavailable reason=" + e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "event=evm_watcher_failed", e);
        }
    }

    private void watchIncoming(InChannel channel, long now) throws IOException {
        TokenNetworkAbi.ChannelView view = client.channel(channel.channelId());
        if (view.state() == TokenNetworkAbi.STATE_SETTLED) {
            finished.add(channel.channelId());
            return;
        }
        if (view.state() != TokenNetworkAbi.STATE_CLOSED) {
            return;
        }
        if (!channel.closed()) {
            store.recordClosed(channel.channelId());
            LOG.warning("event=evm_channel_closed channel=" + channel.channelId()
                    + " nonce=" + view.lastNonce() + " cumulative=" + view.closedCumulative()
                    + " settle_at=" + view.settleAt());
        }
        Claim best = channel.best();
        // updateClaim takes a claim whose cumulative amount is higher than the closing one.
        if (best != null && best.cumulativeAmount().compareTo(view.closedCumulative()) > 0
                && now < view.settleAt()) {
            try {
                client.send("update:" + channel.channelId() + ":" + best.nonce(),
                        TokenNetworkAbi.updateClaim(best, channel.bestSignature()));
                LOG.warning("event=evm_claim_updated channel=" + channel.channelId()
                        + " nonce=" + best.nonce() + " cumulative=" + best.cumulativeAmount()
                        + " (closed at nonce " + view.lastNonce() + ")");
            } catch (TokenNetworkClient.RevertedException e) {
                LOG.severe("event=evm_update_failed channel=" + channel.channelId() + " "
                        + e.getMessage());
            }
            return;
        }
        settleWhenDue(channel.channelId(), view, now);
    }

    private void watchOutgoing(OutChannel channel, long now) throws IOException {
        TokenNetworkAbi.ChannelView view = client.channel(channel.channelId());
        if (view.state() == TokenNetworkAbi.STATE_SETTLED) {
            if (!channel.closed()) {
                store.recordClosed(channel.channelId());
            }
            finished.add(channel.channelId());
            return;
        }
        if (view.state() != TokenNetworkAbi.STATE_CLOSED) {
            return;
        }
        if (!channel.closed()) {
            store.recordClosed(channel.channelId());
            LOG.warning("event=evm_channel_closed channel=" + channel.channelId() + " ours"
                    + " nonce=" + view.lastNonce() + " settle_at=" + view.settleAt());
        }
        settleWhenDue(channel.channelId(), view, now);
    }

    private void settleWhenDue(BigInteger channelId, TokenNetworkAbi.ChannelView view,
                               long now) throws IOException {
        if (now <= view.settleAt()) {
            return;
        }
        try {
            client.send("settle:" + channelId, TokenNetworkAbi.settleChannel(channelId));
            LOG.info("event=evm_channel_settled channel=" + channelId);
            finished.add(channelId);
        } catch (TokenNetworkClient.RevertedException e) {
            // The other side settled first: the next pass reads state 3.
            LOG.info("event=evm_settle_skipped channel=" + channelId + " " + e.getMessage());
        }
    }
}
