package dev.ilpconnector.packetswitch;

import dev.ilpconnector.codec.ilp.IlpErrorCode;
import dev.ilpconnector.codec.ilp.IlpFulfill;
import dev.ilpconnector.codec.ilp.IlpPrepare;
import dev.ilpconnector.codec.ilp.IlpReject;
import dev.ilpconnector.codec.ilp.IlpResponse;
import dev.ilpconnector.peer.PeerConfig;
import dev.ilpconnector.peer.PeerDirectory;
import dev.ilpconnector.routing.Route;
import dev.ilpconnector.routing.RouteSource;
import dev.ilpconnector.routing.RoutingTable;
import dev.ilpconnector.telemetry.PacketEvent;
import dev.ilpconnector.telemetry.Telemetry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One Prepare in, one Fulfill or Reject out (RFC 27, "connector" behaviour). This class holds the
 * only branching of the packet path; the rules run in the order of {@link #handle}. Never blocks,
 * never throws: anything unexpected becomes {@code T00} triggered by this node.
 */
public final class PacketSwitch {

    private static final Logger LOG = Logger.getLogger(PacketSwitch.class.getName());
    private static final long DRAIN_POLL_MS = 10;

    private final SwitchSettings settings;
    private final PeerDirectory peers;
    private final RoutingTable routes;
    private final LinkRegistry links;
    private final Accounting accounting;
    private final PeerProtocols peerProtocols;
    private final LocalDelivery localDelivery;
    private final Rejects rejects;
    private final Clock clock;
    private final Telemetry telemetry;
    private final PeerRateLimits rateLimits;
    /** Runs what follows an expiry (the hold's release): the JDK's timer thread only fires. */
    private final Executor timeoutWork;
    private final AtomicLong sequence = new AtomicLong();
    /** Prepares taken and not answered yet; what a graceful shutdown waits for. */
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean draining;

    public PacketSwitch(SwitchSettings settings, PeerDirectory peers, RoutingTable routes,
                        LinkRegistry links, Accounting accounting, PeerProtocols peerProtocols,
                        LocalDelivery localDelivery, Clock clock) {
        this(settings, peers, routes, links, accounting, peerProtocols, localDelivery, clock,
                Telemetry.NONE);
    }

    /** @param telemetry hears of every answered Prepare ({@link Telemetry#NONE}: nobody) */
    public PacketSwitch(SwitchSettings settings, PeerDirectory peers, RoutingTable routes,
                        LinkRegistry links, Accounting accounting, PeerProtocols peerProtocols,
                        LocalDelivery localDelivery, Clock clock, Telemetry telemetry) {
        this(settings, peers, routes, links, accounting, peerProtocols, localDelivery, clock,
                telemetry, Runnable::run);
    }

    /**
     * @param timeoutWork runs the release of a hold whose packet got no answer in time (a
     *                    managed executor in the server): the timer that notices the expiry is
     *                    the JDK's own thread, where no ledger work belongs
     */
    public PacketSwitch(SwitchSettings settings, PeerDirectory peers, RoutingTable routes,
                        LinkRegistry links, Accounting accounting, PeerProtocols peerProtocols,
                        LocalDelivery localDelivery, Clock clock, Telemetry telemetry,
                        Executor timeoutWork) {
        this(settings, peers, routes, links, accounting, peerProtocols, localDelivery, clock,
                telemetry, timeoutWork, PeerRateLimits.NONE);
    }

    /** @param rateLimits the peers' packet and amount rates, checked before the ledger hold */
    public PacketSwitch(SwitchSettings settings, PeerDirectory peers, RoutingTable routes,
                        LinkRegistry links, Accounting accounting, PeerProtocols peerProtocols,
                        LocalDelivery localDelivery, Clock clock, Telemetry telemetry,
                        Executor timeoutWork, PeerRateLimits rateLimits) {
        this.timeoutWork = timeoutWork;
        this.settings = settings;
        this.peers = peers;
        this.routes = routes;
        this.links = links;
        this.accounting = accounting;
        this.peerProtocols = peerProtocols;
        this.localDelivery = localDelivery;
        this.rejects = new Rejects(settings.address());
        this.clock = clock;
        this.telemetry = telemetry;
        this.rateLimits = rateLimits;
    }

    /** The reject factory of this node, for the boundaries that map codec failures (F01). */
    public Rejects rejects() {
        return rejects;
    }

    /**
     * Handles a Prepare that arrived from {@code sourcePeerId}. Completes with the Fulfill or
     * Reject to send back; the future never completes exceptionally.
     */
    public CompletableFuture<IlpResponse> handle(String sourcePeerId, IlpPrepare prepare) {
        if (draining) {
            // Shutting down: a temporary refusal, so the sender retries here after the restart.
            return done(rejects.reject(IlpErrorCode.T03_CONNECTOR_BUSY, "node shutting down"));
        }
        inFlight.incrementAndGet();
        CompletableFuture<IlpResponse> answer = answer(sourcePeerId, prepare);
        if (answer.isDone()) {
            inFlight.decrementAndGet();
        } else {
            answer.whenComplete((response, failure) -> inFlight.decrementAndGet());
        }
        return answer;
    }

    /**
     * Graceful shutdown: refuses new Prepares ({@code T03}) from now on and waits up to
     * {@code wait} for those in flight to be answered (their holds committed or released).
     *
     * @return true when none is left in flight
     */
    public boolean drain(Duration wait) {
        draining = true;
        long deadline = System.nanoTime() + wait.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(DRAIN_POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        int left = inFlight.get();
        LOG.info("event=switch_drained in_flight_left=" + left);
        return left == 0;
    }

    /** Prepares taken and not answered yet. */
    public int inFlight() {
        return inFlight.get();
    }

    private CompletableFuture<IlpResponse> answer(String sourcePeerId, IlpPrepare prepare) {
        Instant now = clock.instant();
        PacketTrace trace = new PacketTrace(telemetry, sequence.incrementAndGet(), now,
                System.nanoTime(), sourcePeerId, prepare);
        CompletableFuture<IlpResponse> answer;
        try {
            answer = route(sourcePeerId, prepare, now, trace);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING,
                    "peer=" + sourcePeerId + " unexpected failure on the packet path", e);
            answer = done(rejects.reject(IlpErrorCode.T00_INTERNAL_ERROR, "internal error"));
        }
        if (telemetry != Telemetry.NONE) {
            answer.whenComplete(trace);
        }
        return answer;
    }

    private CompletableFuture<IlpResponse> route(String sourcePeerId, IlpPrepare prepare,
                                                 Instant now, PacketTrace trace) {
        PeerConfig source = peers.get(sourcePeerId);
        if (source == null) {
            // Links authenticate peers from the directory, so this is our bug, not the peer's.
            throw new IllegalStateException("packet from unknown peer " + sourcePeerId);
        }
        // RFC 27: a Prepare past its expiry can no longer be fulfilled by anyone.
        if (!prepare.expiresAt().isAfter(now)) {
            return done(rejects.reject(IlpErrorCode.R00_TRANSFER_TIMED_OUT, "packet expired"));
        }
        // Checked before anything else costs us work; F08 tells the sender what we accept.
        if (Long.compareUnsigned(prepare.amount(), source.maxPacketAmount()) > 0) {
            return done(rejects.amountTooLarge(prepare.amount(), source.maxPacketAmount()));
        }
        String destination = prepare.destination().value();
        // peer.* addresses are spoken between neighbours only (ILDCP, CCP), never forwarded.
        if (PeerProtocols.isPeerProtocol(destination)) {
            return done(peerProtocols.handle(source, prepare));
        }
        Route route = routes.resolve(destination);
        if (route == null) {
            return done(rejects.reject(IlpErrorCode.F02_UNREACHABLE, "no route to " + destination));
        }
        if (route.source() == RouteSource.LOCAL) {
            return deliverLocally(source, prepare, now, trace);
        }
        // Sending a packet back where it came from can only loop.
        if (route.nextHop().equals(sourcePeerId)) {
            return done(rejects.reject(IlpErrorCode.F02_UNREACHABLE,
                    "route points back to sender"));
        }
        PeerConfig nextHop = peers.get(route.nextHop());
        Link link = links.link(route.nextHop());
        if (nextHop == null || link == null || !link.isConnected()) {
            return done(rejects.reject(IlpErrorCode.T01_PEER_UNREACHABLE,
                    "next hop " + route.nextHop() + " is not connected"));
        }
        return forward(source, prepare, nextHop, link, now, trace);
    }

    private CompletableFuture<IlpResponse> forward(PeerConfig source, IlpPrepare prepare,
                                                   PeerConfig nextHop, Link link, Instant now,
                                                   PacketTrace trace) {
        if (!source.assetCode().equals(nextHop.assetCode())) {
            return done(rejects.reject(IlpErrorCode.F02_UNREACHABLE, "no exchange rate "
                    + source.assetCode() + "->" + nextHop.assetCode()));
        }
        long amount;
        try {
            amount = AssetConversion.convert(prepare.amount(), source.assetScale(),
                    nextHop.assetScale());
        } catch (ArithmeticException e) {
            return done(rejects.reject(IlpErrorCode.F03_INVALID_AMOUNT, e.getMessage()));
        }
        // A non-zero payment that rounds to nothing would deliver nothing (RFC 27 §R01).
        if (amount == 0 && prepare.amount() != 0) {
            return done(rejects.reject(IlpErrorCode.R01_INSUFFICIENT_SOURCE_AMOUNT,
                    "amount rounds to zero at the next hop"));
        }
        Instant expiresAt = outgoingExpiry(prepare.expiresAt(), now);
        if (tooLittleTime(expiresAt, now)) {
            return done(insufficientTimeout());
        }
        // Last check before the ledger: a peer over its rate costs us no hold (RFC 27 §T05).
        IlpReject overRate = rateLimits.check(source.id(), prepare.amount(), rejects);
        if (overRate != null) {
            return done(overRate);
        }
        IlpPrepare outgoing = prepare.withAmountAndExpiry(amount, expiresAt);
        long timeoutMs = Duration.between(now, expiresAt).toMillis();
        // The hold lives as long as we wait for the next hop: until the outgoing expiry.
        return accounting.hold(source, prepare.amount(), nextHop, amount, expiresAt,
                        prepare.executionCondition())
                .toCompletableFuture()
                .thenCompose(hold -> hold.status() == Accounting.HoldStatus.HELD
                        ? sendHeld(link, outgoing, hold, timeoutMs, trace)
                        : done(refused(hold.status(), source)))
                .exceptionally(this::internalError);
    }

    private CompletableFuture<IlpResponse> deliverLocally(PeerConfig source, IlpPrepare prepare,
                                                         Instant now, PacketTrace trace) {
        Instant expiresAt = outgoingExpiry(prepare.expiresAt(), now);
        if (tooLittleTime(expiresAt, now)) {
            return done(insufficientTimeout());
        }
        IlpReject overRate = rateLimits.check(source.id(), prepare.amount(), rejects);
        if (overRate != null) {
            return done(overRate);
        }
        long timeoutMs = Duration.between(now, expiresAt).toMillis();
        IlpPrepare local = prepare.withAmountAndExpiry(prepare.amount(), expiresAt);
        return accounting.hold(source, prepare.amount(), null, prepare.amount(), expiresAt,
                        prepare.executionCondition())
                .toCompletableFuture()
                .thenCompose(hold -> hold.status() == Accounting.HoldStatus.HELD
                        ? settle(deliverHeld(source, local, trace), local, hold, timeoutMs)
                        : done(refused(hold.status(), source)))
                .exceptionally(this::internalError);
    }

    private CompletableFuture<IlpResponse> deliverHeld(PeerConfig source, IlpPrepare local,
                                                       PacketTrace trace) {
        trace.held();
        trace.forwarded(PacketEvent.NO_HOP, local);
        return localDelivery.deliver(source, local);
    }

    private CompletableFuture<IlpResponse> sendHeld(Link link, IlpPrepare outgoing,
                                                    Accounting.Hold hold, long timeoutMs,
                                                    PacketTrace trace) {
        trace.held();
        trace.forwarded(link.peerId(), outgoing);
        CompletableFuture<IlpResponse> sent;
        try {
            sent = link.sendPrepare(outgoing);
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        return settle(sent, outgoing, hold, timeoutMs);
    }

    /** Waits for the answer until the outgoing expiry, then commits or releases the hold. */
    private CompletableFuture<IlpResponse> settle(CompletableFuture<IlpResponse> answer,
                                                  IlpPrepare outgoing, Accounting.Hold hold,
                                                  long timeoutMs) {
        return answer.orTimeout(timeoutMs, TimeUnit.MILLISECONDS)
                .handle((response, failure) -> isTimeout(failure)
                        ? finishAfterTimeout(outgoing, failure, hold)
                        : finish(outgoing, response, failure, hold))
                .thenCompose(finished -> finished);
    }

    /**
     * Completed by the JDK's timer thread: the release runs on our executor. When that refuses
     * (the container is stopping) it runs here rather than not at all: a hold must not outlive
     * the drain that waits for it.
     */
    private CompletableFuture<IlpResponse> finishAfterTimeout(IlpPrepare outgoing,
                                                              Throwable failure,
                                                              Accounting.Hold hold) {
        try {
            return CompletableFuture.supplyAsync(() -> finish(outgoing, null, failure, hold),
                    timeoutWork).thenCompose(finished -> finished);
        } catch (RejectedExecutionException stopping) {
            return finish(outgoing, null, failure, hold);
        }
    }

    /** Commits the hold for a valid Fulfill, else releases it; answers what goes upstream. */
    private CompletableFuture<IlpResponse> finish(IlpPrepare outgoing, IlpResponse response,
                                                  Throwable failure, Accounting.Hold hold) {
        IlpResponse upstream = outcome(outgoing, response, failure);
        return upstream instanceof IlpFulfill
                ? accounting.commit(hold).toCompletableFuture()
                        .handle((ok, commitFailure) -> committed(upstream, commitFailure))
                : accounting.release(hold).toCompletableFuture()
                        .handle((ok, releaseFailure) -> released(upstream, releaseFailure));
    }

    private static boolean isTimeout(Throwable failure) {
        return failure != null && (failure instanceof TimeoutException
                || failure.getCause() instanceof TimeoutException);
    }

    /** Maps what came back (or did not) to the response for upstream. */
    private IlpResponse outcome(IlpPrepare outgoing, IlpResponse response, Throwable failure) {
        if (failure != null) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause instanceof TimeoutException) {
                return rejects.reject(IlpErrorCode.R00_TRANSFER_TIMED_OUT,
                        "no answer before expiry");
            }
            if (cause instanceof LinkDownException) {
                return rejects.reject(IlpErrorCode.T01_PEER_UNREACHABLE, cause.getMessage());
            }
            LOG.log(Level.WARNING, "forwarding failed", cause);
            return rejects.reject(IlpErrorCode.T00_INTERNAL_ERROR, "internal error");
        }
        if (response instanceof IlpFulfill fulfill
                && !outgoing.isFulfilledBy(fulfill)) {
            // RFC 27: an invalid fulfillment is no fulfillment; nobody is paid.
            return rejects.reject(IlpErrorCode.F05_WRONG_CONDITION,
                    "fulfillment does not match the condition");
        }
        return response;
    }

    private IlpResponse committed(IlpResponse fulfill, Throwable failure) {
        if (failure != null) {
            // We hold a valid fulfillment: upstream owes us, so the Fulfill must go back even
            // though our own books failed. This is an accounting fault for the operator.
            LOG.log(Level.SEVERE, "invariant: fulfilled packet could not be committed", failure);
        }
        return fulfill;
    }

    private IlpResponse released(IlpResponse reject, Throwable failure) {
        if (failure != null) {
            // The ledger's pending timeout releases the hold should this call have failed.
            LOG.log(Level.WARNING, "hold release failed; the ledger timeout will release it",
                    failure);
        }
        return reject;
    }

    private IlpReject refused(Accounting.HoldStatus status, PeerConfig source) {
        return switch (status) {
            case EXCEEDS_LIMIT -> rejects.reject(IlpErrorCode.T04_INSUFFICIENT_LIQUIDITY,
                    "peer " + source.id() + " would exceed its balance limit");
            case BUSY -> rejects.reject(IlpErrorCode.T03_CONNECTOR_BUSY,
                    "too many packets in flight");
            case UNAVAILABLE -> rejects.reject(IlpErrorCode.T00_INTERNAL_ERROR,
                    "ledger unavailable");
            case HELD -> throw new IllegalStateException("a held packet is not refused");
        };
    }

    private IlpResponse internalError(Throwable failure) {
        LOG.log(Level.WARNING, "unexpected failure on the packet path", failure);
        return rejects.reject(IlpErrorCode.T00_INTERNAL_ERROR, "internal error");
    }

    /** One message window less than we got, and never more than the max hold time from now. */
    private Instant outgoingExpiry(Instant incoming, Instant now) {
        Instant shortened = incoming.minus(settings.minMessageWindow());
        Instant cap = now.plus(settings.maxHoldTime());
        return shortened.isAfter(cap) ? cap : shortened;
    }

    /** The receiver must get at least one message window to answer in (RFC 27 §R02). */
    private boolean tooLittleTime(Instant outgoingExpiry, Instant now) {
        return Duration.between(now, outgoingExpiry).compareTo(settings.minMessageWindow()) < 0;
    }

    private IlpReject insufficientTimeout() {
        return rejects.reject(IlpErrorCode.R02_INSUFFICIENT_TIMEOUT,
                "too little time left to forward");
    }

    private static CompletableFuture<IlpResponse> done(IlpResponse response) {
        return CompletableFuture.completedFuture(response);
    }
}
