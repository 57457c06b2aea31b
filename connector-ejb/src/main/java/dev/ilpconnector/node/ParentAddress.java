package dev.ilpconnector.node;

import dev.ilpconnector.ccp.Timers;
import dev.ilpconnector.codec.ildcp.Ildcp;
import dev.ilpconnector.codec.ildcp.IldcpResponse;
import dev.ilpconnector.codec.ilp.IlpFulfill;
import dev.ilpconnector.codec.ilp.IlpReject;
import dev.ilpconnector.codec.ilp.IlpResponse;
import dev.ilpconnector.codec.oer.CodecException;
import dev.ilpconnector.packetswitch.Link;
import dev.ilpconnector.packetswitch.LinkListener;
import dev.ilpconnector.packetswitch.LinkRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Learns this node's ILP address from its parent by IL-DCP (RFC 31) when none is configured:
 * once the parent's link is up it sends {@code peer.config}, and retries with a growing delay
 * until the parent answers. The answer is taken once; nothing here blocks, so start-up never
 * waits for the parent. An answer in another asset than the parent's configured one is not
 * taken: our accounts with the parent would count its amounts in the wrong unit.
 */
final class ParentAddress implements LinkListener {

    private static final Logger LOG = Logger.getLogger(ParentAddress.class.getName());
    /** Expiry of the request and how long we wait for the answer. */
    static final Duration REQUEST_EXPIRY = Duration.ofSeconds(10);
    static final long RETRY_MS = 1_000;
    static final long RETRY_MAX_MS = 30_000;

    private final String parentId;
    private final String assetCode;
    private final int assetScale;
    private final LinkRegistry links;
    private final Timers timers;
    private final Clock clock;
    private final Consumer<IldcpResponse> onAddress;

    // guarded by this
    private boolean up;
    private boolean inFlight;
    private boolean done;
    private int failures;
    private String status;

    ParentAddress(String parentId, String assetCode, int assetScale, LinkRegistry links,
                  Timers timers, Clock clock, Consumer<IldcpResponse> onAddress) {
        this.parentId = parentId;
        this.assetCode = assetCode;
        this.assetScale = assetScale;
        this.links = links;
        this.timers = timers;
        this.clock = clock;
        this.onAddress = onAddress;
        this.status = "waiting for the link to parent " + parentId + " to ask for our address"
                + " (IL-DCP)";
    }

    /** Why the node has no address yet, for the readiness check. */
    synchronized String status() {
        return status;
    }

    @Override
    public void linkUp(String peerId) {
        if (peerId.equals(parentId)) {
            synchronized (this) {
                up = true;
            }
            timers.schedule(this::request, 0);
        }
    }

    @Override
    public void linkDown(String peerId) {
        if (peerId.equals(parentId)) {
            synchronized (this) {
                up = false;
            }
        }
    }

    /** Sends one IL-DCP request unless one is on its way, the link is down, or we are done. */
    void request() {
        Link link = links.link(parentId);
        synchronized (this) {
            if (done || inFlight || !up || link == null) {
                return;
            }
            inFlight = true;
        }
        CompletableFuture<IlpResponse> answer;
        try {
            answer = link.sendPrepare(Ildcp.request(clock.instant().plus(REQUEST_EXPIRY)));
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.orTimeout(REQUEST_EXPIRY.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete(this::answered);
    }

    private void answered(IlpResponse response, Throwable failure) {
        IldcpResponse learned = null;
        String problem;
        if (failure != null) {
            problem = "no answer: " + failure;
        } else if (response instanceof IlpFulfill fulfill) {
            try {
                learned = Ildcp.decode(fulfill);
                problem = assetProblem(learned);
                if (problem != null) {
                    learned = null;
                }
            } catch (CodecException e) {
                problem = "bad answer: " + e.getMessage();
            }
        } else {
            IlpReject reject = (IlpReject) response;
            problem = "refused " + reject.code().code() + " " + reject.message();
        }
        if (learned != null) {
            synchronized (this) {
                inFlight = false;
                done = true;
                status = "address " + learned.clientAddress() + " from parent " + parentId;
            }
            IldcpResponse address = learned;
            LOG.info(() -> "ildcp.address address=" + address.clientAddress() + " parent="
                    + parentId + " asset=" + address.assetCode() + "/" + address.assetScale());
            onAddress.accept(learned);
            return;
        }
        long delay;
        int failed;
        synchronized (this) {
            inFlight = false;
            failed = ++failures;
            delay = Math.min(RETRY_MAX_MS, RETRY_MS << Math.min(failed - 1, 10));
            status = "asking parent " + parentId + " for our address (IL-DCP) failed "
                    + failed + " time(s), last: " + problem;
        }
        String why = problem;
        // A parent that keeps refusing would fill the log: warn once; the health check tells.
        LOG.log(failed == 1 ? Level.WARNING : Level.FINE, () -> "ildcp.failed parent="
                + parentId + " attempt=" + failed + " retryMs=" + delay + " reason=\"" + why
                + "\"");
        timers.schedule(this::request, delay);
    }

    /** Why the parent's asset is not the one configured for it, or null. */
    private String assetProblem(IldcpResponse answer) {
        if (answer.assetCode().equals(assetCode) && answer.assetScale() == assetScale) {
            return null;
        }
        return "parent's asset is " + answer.assetCode() + "/" + answer.assetScale()
                + ", configured peer." + parentId + ".asset.code/asset.scale " + assetCode + "/"
                + assetScale;
    }
}
