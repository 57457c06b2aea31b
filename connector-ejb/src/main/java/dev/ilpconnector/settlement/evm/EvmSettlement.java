package dev.ilpconnector.settlement.evm;

import dev.ilpconnector.config.EvmSettlementConfig;
import dev.ilpconnector.packetswitch.Link;
import dev.ilpconnector.packetswitch.LinkListener;
import dev.ilpconnector.packetswitch.LinkRegistry;
import dev.ilpconnector.peer.PeerConfig;
import dev.ilpconnector.settlement.SettlementEngine;
import dev.ilpconnector.settlement.SettlementOutcome;
import dev.ilpconnector.settlement.SettlementRequest;
import dev.ilpconnector.settlement.evm.ChannelStore.OutChannel;
import dev.ilpconnector.settlement.evm.ChannelStore.OutClaim;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Pays peers through one-way TokenNetwork channels: one signed claim per settlement, the
 * chain only to open and top up (docs/settlement-evm.md).
 *
 * <p>Order, so that a failure neither loses nor doubles a payment: open or top up the channel
 * first (a transaction that reverts ends the settlement {@code failed}: nothing was signed);
 * then sign the claim at the channel's next nonce and store it ({@link ChannelStore}, fsync)
 * before it goes out in a BTP Transfer ({@code evm_claim}); the peer's Response settles it.
 * Once signed a settlement never fails: a refusal, a timeout or a dropped link sends the same
 * stored claim again, and the same key after a restart finds it in the store. An outcome the
 * chain cannot give yet (RPC down, transaction not mined) completes the stage exceptionally:
 * the ledger intent stays pending and the node asks again under the same key.
 *
 * <p>All chain I/O and waiting runs on {@code executor} (the managed settlement executor);
 * {@link #settle} returns at once.
 */
public final class EvmSettlement implements SettlementEngine, LinkListener {

    private static final Logger LOG = Logger.getLogger(EvmSettlement.class.getName());
    /** A claim's Response wait; the peer checks a signature and reads the chain at most. */
    static final long ACK_TIMEOUT_MS = 30_000;
    static final long RESEND_INITIAL_MS = 500;
    static final long RESEND_MAX_MS = 30_000;

    private final EvmSettlementConfig config;
    private final TokenNetworkClient client;
    private final ChannelStore store;
    private final ClaimDomain domain;
    private final int decimals;
    private final LinkRegistry links;
    private final Function<String, Optional<PeerConfig>> peers;
    private final ScheduledExecutorService executor;
    private final PeerAddresses addresses;
    private final Set<String> evmPeers;
    /** Settlements signed and not yet acknowledged, by key: their stages, completed at ack. */
    private final Map<String, CompletableFuture<SettlementOutcome>> sending =
            new ConcurrentHashMap<>();
    private final Map<String, Object> peerLocks = new ConcurrentHashMap<>();

    public EvmSettlement(EvmSettlementConfig config, TokenNetworkClient client, ChannelStore store,
                         int decimals, LinkRegistry links,
                         Function<String, Optional<PeerConfig>> peers,
                         ScheduledExecutorService executor, PeerAddresses addresses,
                         Set<String> evmPeers) {
        this.evmPeers = Set.copyOf(evmPeers);
        this.config = config;
        this.client = client;
        this.store = store;
        this.domain = new ClaimDomain(config.chainId(), client.tokenNetwork());
        this.decimals = decimals;
        this.links = links;
        this.peers = peers;
        this.executor = executor;
        this.addresses = addresses;
    }

    @Override
    public CompletionStage<SettlementOutcome> settle(SettlementRequest request) {
        CompletableFuture<SettlementOutcome> done = new CompletableFuture<>();
        CompletableFuture<SettlementOutcome> existing =
                sending.putIfAbsent(request.idempotencyKey(), done);
        if (existing != null) {
            return existing; // the same key again while its claim is on its way
        }
        run(() -> attempt(request, done), done);
        return done;
    }

    private void attempt(SettlementRequest request, CompletableFuture<SettlementOutcome> done) {
        String key = request.idempotencyKey();
        try {
            OutClaim claim;
            synchronized (peerLocks.computeIfAbsent(request.peerId(), p -> new Object())) {
                claim = store.claim(key).orElse(null);
                if (claim == null) {
                    claim = sign(request);
                }
            }
            if (claim.acked() || claim.claim() == null) {
                finish(key, SettlementOutcome.settled(reference(claim)));
            } else {
                send(claim, RESEND_INITIAL_MS);
            }
        } catch (TokenNetworkClient.RevertedException | NoChannelException e) {
            // Nothing was signed: certainly not paid.
            LOG.warning("event=evm_settlement_failed peer=" + request.peerId() + " key=" + key
                    + " reason=" + e.getMessage());
            finish(key, SettlementOutcome.failed(e.getMessage()));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "event=evm_settlement_unknown peer=" + request.peerId()
                    + " key=" + key + " (asked again later)", e);
            sending.remove(key);
            done.completeExceptionally(e);
        }
    }

    /** Opens or tops up the channel as needed, then signs and stores the claim. */
    private OutClaim sign(SettlementRequest request)
            throws IOException, TokenNetworkClient.RevertedException, NoChannelException {
        String key = request.idempotencyKey();
        PeerConfig peer = peers.apply(request.peerId()).orElseThrow(
                () -> new NoChannelException("unknown peer " + request.peerId()));
        TokenUnits units = new TokenUnits(peer.assetScale(), decimals);
        OutChannel channel = store.outChannel(peer.id()).orElse(null);
        BigInteger amount = new BigInteger(Long.toUnsignedString(request.amount()));
        BigInteger total = (channel == null ? BigInteger.ZERO : channel.requested()).add(amount);
        BigInteger cumulative = units.toTokens(total);
        if (channel == null) {
            channel = open(peer, key, cumulative);
        }
        if (cumulative.compareTo(channel.deposit()) > 0) {
            BigInteger newTotal = cumulative.add(config.deposit());
            client.deposit(key, channel.channelId(), channel.deposit(), newTotal);
            store.recordDeposit(peer.id(), newTotal);
            LOG.info("event=evm_deposit peer=" + peer.id() + " channel=" + channel.channelId()
                    + " deposit=" + newTotal);
        }
        OutClaim last = channel.last();
        BigInteger lastCumulative = last == null ? BigInteger.ZERO
                : last.claim().cumulativeAmount();
        if (cumulative.equals(lastCumulative)) {
            // Below one token unit: nothing to sign; carried into the next claim's total.
            store.recordCarried(key, peer.id(), total, amount);
            return store.claim(key).orElseThrow();
        }
        BigInteger nonce = last == null ? BigInteger.ONE : last.claim().nonce().add(
                BigInteger.ONE);
        Claim claim = new Claim(channel.channelId(), cumulative, nonce);
        byte[] signature = ClaimSignatures.sign(domain, claim, config.key());
        store.recordClaim(key, peer.id(), claim, signature, total, amount);
        LOG.info("event=evm_claim_signed peer=" + peer.id() + " channel=" + claim.channelId()
                + " nonce=" + nonce + " cumulative=" + cumulative + " key=" + key);
        return store.claim(key).orElseThrow();
    }

    private OutChannel open(PeerConfig peer, String key, BigInteger cumulative)
            throws IOException, TokenNetworkClient.RevertedException, NoChannelException {
        String receiver = addresses.address(peer.id()).orElseThrow(() -> new NoChannelException(
                "peer " + peer.id() + " has not sent its evm_info"));
        BigInteger deposit = config.deposit().max(cumulative);
        long timeout = config.settleTimeout().toSeconds();
        BigInteger id = client.openChannel(key, receiver, deposit, timeout);
        store.recordOpened(peer.id(), id, deposit, timeout, BigInteger.ZERO);
        LOG.info("event=evm_channel_opened peer=" + peer.id() + " channel=" + id + " deposit="
                + deposit + " receiver=" + receiver);
        announce(peer.id(), id);
        return store.outChannel(peer.id()).orElseThrow();
    }

    /** Tells the peer about our channel (best effort: a claim on it teaches it too). */
    private void announce(String peerId, BigInteger channelId) {
        Link link = links.link(peerId);
        if (link != null && link.isConnected()) {
            link.sendMessage(EvmMessages.channel(channelId)).whenComplete((ok, failure) -> {
                if (failure != null) {
                    LOG.fine(() -> "peer=" + peerId + " evm_channel not taken: " + failure);
                }
            });
        }
    }

    /**
     * Sends the stored claim; again, with backoff, until the peer acknowledges it.
     *
     * @param backoffMs the wait before the next try; 0 for one extra try outside the retry
     *                  chain (a link came up)
     */
    private void send(OutClaim claim, long backoffMs) {
        if (!sending.containsKey(claim.key())) {
            return; // acknowledged meanwhile
        }
        Link link = links.link(claim.peerId());
        if (link == null || !link.isConnected()) {
            retry(claim, backoffMs, "link down");
            return;
        }
        link.sendTransfer(claim.delta().longValue(), EvmMessages.claim(EvmMessages.CLAIM,
                        new EvmMessages.SignedClaim(claim.claim(), claim.signature())))
                .orTimeout(ACK_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                .whenComplete((response, failure) -> {
                    if (failure == null) {
                        run(() -> acked(claim), null);
                    } else {
                        retry(claim, backoffMs, String.valueOf(failure));
                    }
                });
    }

    private void acked(OutClaim claim) {
        try {
            store.recordAcked(claim.key());
        } catch (RuntimeException e) {
            // Not recorded: the next restart sends the claim again, the peer takes it again.
            LOG.log(Level.WARNING, "event=evm_ack_unrecorded key=" + claim.key(), e);
        }
        LOG.info("event=evm_claim_acked peer=" + claim.peerId() + " nonce="
                + claim.claim().nonce() + " key=" + claim.key());
        finish(claim.key(), SettlementOutcome.settled(reference(claim)));
    }

    private void retry(OutClaim claim, long backoffMs, String why) {
        if (backoffMs == 0) {
            return;
        }
        LOG.warning("event=evm_claim_resend peer=" + claim.peerId() + " key=" + claim.key()
                + " in_ms=" + backoffMs + " reason=" + why);
        try {
            executor.schedule(() -> send(store.claim(claim.key()).orElse(claim),
                    Math.min(backoffMs * 2, RESEND_MAX_MS)), backoffMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.warning("event=evm_claim_unsent key=" + claim.key() + " (shutting down; sent"
                    + " again after the restart)");
        }
    }

    /** A link came up: claims waiting for it go now; we tell the peer who we are. */
    @Override
    public void linkUp(String peerId) {
        Link link = links.link(peerId);
        if (link == null || !evmPeers.contains(peerId)) {
            return;
        }
        for (OutClaim claim : store.unacked()) {
            if (claim.peerId().equals(peerId) && sending.containsKey(claim.key())) {
                run(() -> send(claim, 0), null);
            }
        }
        link.sendMessage(EvmMessages.info(new EvmMessages.Info(config.chainId(),
                client.tokenNetwork(), config.key().address()))).whenComplete((ok, failure) -> {
                    if (failure != null) {
                        LOG.warning("event=evm_info_refused peer=" + peerId + " reason="
                                + failure.getMessage());
                    }
                });
    }

    @Override
    public void linkDown(String peerId) {
        // Claims in flight time out and are sent again once the link is back.
    }

    /** Reference for the ledger and the operator: {@code evm:<chain>:<channel>:<nonce>}. */
    private String reference(OutClaim claim) {
        if (claim.claim() == null) {
            return "evm:carried:" + claim.requested();
        }
        return "evm:" + config.chainId() + ":" + claim.claim().channelId() + ":"
                + claim.claim().nonce();
    }

    private void finish(String key, SettlementOutcome outcome) {
        CompletableFuture<SettlementOutcome> done = sending.remove(key);
        if (done != null) {
            done.complete(outcome);
        }
    }

    private void run(Runnable task, CompletableFuture<?> onRejected) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            if (onRejected != null) {
                onRejected.completeExceptionally(e);
            }
        }
    }

    /** The settlement cannot start: no channel can be opened (nothing was signed). */
    static final class NoChannelException extends Exception {
        private static final long serialVersionUID = 1L;

        NoChannelException(String message) {
            super(message);
        }
    }
}
