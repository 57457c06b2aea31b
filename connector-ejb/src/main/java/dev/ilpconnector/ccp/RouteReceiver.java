package dev.ilpconnector.ccp;

import dev.ilpconnector.codec.ccp.CcpRoute;
import dev.ilpconnector.codec.ccp.CcpRouteControlRequest;
import dev.ilpconnector.codec.ccp.CcpRouteUpdateRequest;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
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
        STALE,
        /** Would leave the peer more routes than it may have: refused whole, nothing changed. */
        TOO_MANY
    }

    private final Map<String, CcpRoute> routes = new TreeMap<>();
    private UUID tableId = CcpRouteControlRequest.NO_TABLE;
    private long epoch;
    private Instant expiresAt = Instant.MIN;
    /** How many routes the last refused update would have left (for the log line). */
    private long refusedSize;
    private long changes;
    /** The peer went past its route bound and was told so in the log; cleared when back. */
    boolean overLimitLogged;

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

    private void clear() {
        if (!routes.isEmpty()) {
            routes.clear();
            changes++;
        }
    }

    /** Counts changes to {@link #routes()}: equal before and after means nothing changed. */
    long changes() {
        return changes;
    }

    long refusedSize() {
        return refusedSize;
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
        return apply(update, now, acceptable, Integer.MAX_VALUE);
    }

    /**
     * As {@link #apply(CcpRouteUpdateRequest, Instant, Predicate)}, refusing ({@link
     * Outcome#TOO_MANY}) an update after which the peer would have more than {@code maxRoutes}
     * routes. The count is worked out from the update alone, before anything is merged, so a
     * peer announcing a million routes never gets them into our maps or routing table.
     */
    Outcome apply(CcpRouteUpdateRequest update, Instant now, Predicate<CcpRoute> acceptable,
                  int maxRoutes) {
        if (!update.routingTableId().equals(tableId)) {
            tableId = update.routingTableId();
            epoch = 0;
            clear();
        }
        if (update.fromEpochIndex() > epoch) {
            return Outcome.GAP;
        }
        if (update.toEpochIndex() < epoch) {
            return Outcome.STALE;
        }
        // Per prefix touched, what it holds afterwards (null: nothing); later entries win, so
        // withdrawals go first and new routes after them.
        Map<String, CcpRoute> touched = new HashMap<>();
        for (String prefix : update.withdrawnRoutes()) {
            touched.put(prefix, null);
        }
        for (CcpRoute route : update.newRoutes()) {
            touched.put(route.prefix(), acceptable.test(route) ? route : null);
        }
        long size = routes.size();
        for (Map.Entry<String, CcpRoute> e : touched.entrySet()) {
            size += (e.getValue() != null ? 1 : 0) - (routes.containsKey(e.getKey()) ? 1 : 0);
        }
        if (size > maxRoutes) {
            refusedSize = size;
            return Outcome.TOO_MANY;
        }
        for (Map.Entry<String, CcpRoute> e : touched.entrySet()) {
            CcpRoute was = e.getValue() == null ? routes.remove(e.getKey())
                    : routes.put(e.getKey(), e.getValue());
            if (!Objects.equals(was, e.getValue())) {
                changes++;
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
        clear();
        epoch = 0;
        expiresAt = Instant.MIN;
        controlAcknowledged = false;
        controlAttempts = 0;
        nextControlAt = Instant.MIN;
    }
}
