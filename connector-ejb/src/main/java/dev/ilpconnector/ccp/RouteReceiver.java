package dev.ilpconnector.ccp;

import dev.ilpconnector.codec.ccp.CcpRoute;
import dev.ilpconnector.codec.ccp.CcpRouteControlRequest;
import dev.ilpconnector.codec.ccp.CcpRouteUpdateRequest;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * What we learned from one peer: its routing table id, the epoch of that table we are at, the
 * routes it announced, and until when they hold. Not thread-safe: the broadcaster's lock
 * guards it.
 */
final class RouteReceiver {

    /** What an update did. */
    enum Outcome {
        /** Applied; the epoch moved to the update's {@code toEpochIndex}. */
        APPLIED,
        /** Starts after the epoch we have: changes are missing, a resync is needed. */
        GAP,
        /** Ends before the epoch we have: already applied, ignored. */
        STALE
    }

    private final Map<String, CcpRoute> routes = new TreeMap<>();
    private UUID tableId = CcpRouteControlRequest.NO_TABLE;
    private long epoch;
    private Instant expiresAt = Instant.MIN;

    // route control bookkeeping, driven by the broadcaster
    /** Counts link sessions: the answer to a request of an earlier one is ignored. */
    int session;
    boolean controlInFlight;
    boolean controlAcknowledged;
    int controlAttempts;
    Instant nextControlAt = Instant.MIN;

    UUID tableId() {
        return tableId;
    }

    long epoch() {
        return epoch;
    }

    Instant expiresAt() {
        return expiresAt;
    }

    Map<String, CcpRoute> routes() {
        return Collections.unmodifiableMap(routes);
    }

    /**
     * Applies an update. An applied update, a heartbeat at our epoch too, keeps the routes
     * alive for the hold-down time it announces; one we do not apply (a gap, a stale epoch)
     * does not, or a peer stuck in a gap would keep routes it may no longer have. A new
     * table id means the speaker restarted: what it said before no longer holds. Withdrawals
     * apply first, then new routes; a new route that {@code acceptable} refuses replaces
     * nothing and removes the peer's earlier route for that prefix (a loop
     * or a prefix the peer may not announce).
     *
     * @return the outcome; {@link #routes()} tells whether anything changed
     */
    Outcome apply(CcpRouteUpdateRequest update, Instant now, Predicate<CcpRoute> acceptable) {
        if (!update.routingTableId().equals(tableId)) {
            tableId = update.routingTableId();
            epoch = 0;
            routes.clear();
        }
        if (update.fromEpochIndex() > epoch) {
            return Outcome.GAP;
        }
        if (update.toEpochIndex() < epoch) {
            return Outcome.STALE;
        }
        for (String prefix : update.withdrawnRoutes()) {
            routes.remove(prefix);
        }
        for (CcpRoute route : update.newRoutes()) {
            if (acceptable.test(route)) {
                routes.put(route.prefix(), route);
            } else {
                routes.remove(route.prefix());
            }
        }
        epoch = update.toEpochIndex();
        Instant holds = now.plusMillis(update.holdDownTime());
        if (holds.isAfter(expiresAt)) {
            expiresAt = holds;
        }
        return Outcome.APPLIED;
    }

    /** Asks for everything again from epoch 0 of the same table (after a gap). */
    void resync() {
        epoch = 0;
    }

    /** A link came up or went down: forgets the routes and any request of the old session. */
    void newSession() {
        forget();
        controlInFlight = false;
        session++;
    }

    /** Forgets the routes (link down, expiry); the next update must start from epoch 0. */
    void forget() {
        routes.clear();
        epoch = 0;
        expiresAt = Instant.MIN;
        controlAcknowledged = false;
        controlAttempts = 0;
        nextControlAt = Instant.MIN;
    }
}
