package dev.ilpconnector.routing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The connector's routing table: at most one route per prefix, longest segment-aware prefix
 * wins.
 *
 * <p>Copy-on-write: readers see one immutable {@link Snapshot} through a volatile field, take
 * no lock and allocate nothing ({@link #resolve} hashes the destination's prefixes in place
 * instead of cutting substrings). Writers are serialized and publish a new snapshot. Each
 * write bumps {@link #epoch()} by one per prefix whose route it changes (CCP route update
 * epochs); a write that changes nothing does not. The table remembers the epoch at which each
 * prefix last changed, also for prefixes whose route is gone (a withdrawal a route update must
 * still carry), so a CCP speaker can tell a peer what changed since the epoch it knows
 * ({@link TableState#changedSince}).
 */
public final class RoutingTable {

    private static final Logger LOG = Logger.getLogger(RoutingTable.class.getName());

    private final Object writeLock = new Object();
    private volatile Snapshot snapshot = Snapshot.build(new TreeMap<>(), new TreeMap<>(), 0);

    /**
     * The route with the longest prefix covering {@code destination}, or {@code null}.
     * Lock-free and allocation-free; cost linear in the destination's length.
     */
    public Route resolve(String destination) {
        return snapshot.resolve(destination);
    }

    /** All routes, sorted by prefix; an immutable copy of the current snapshot. */
    public List<Route> routes() {
        return snapshot.list;
    }

    /** Number of prefix changes so far; starts at 0, grows by one per changed prefix. */
    public long epoch() {
        return snapshot.epoch;
    }

    /** The routes and the change epochs of one moment, consistent with each other. */
    public TableState state() {
        Snapshot s = snapshot;
        return new TableState(s.epoch, s.map, s.changedAt);
    }

    /**
     * One published state of the table.
     *
     * @param epoch     the table's epoch
     * @param routes    prefix to route (unmodifiable)
     * @param changedAt prefix to the epoch at which its route last changed, including prefixes
     *                  that have no route any more (unmodifiable)
     */
    public record TableState(long epoch, Map<String, Route> routes, Map<String, Long> changedAt) {

        /** Prefixes whose route changed after {@code epoch}, oldest change first. */
        public List<String> changedSince(long since) {
            List<String> out = new ArrayList<>();
            for (Map.Entry<String, Long> e : changedAt.entrySet()) {
                if (e.getValue() > since) {
                    out.add(e.getKey());
                }
            }
            out.sort((a, b) -> Long.compare(changedAt.get(a), changedAt.get(b)));
            return out;
        }

        /** The epoch at which the prefix last changed, 0 when it never had a route. */
        public long changedAt(String prefix) {
            return changedAt.getOrDefault(prefix, 0L);
        }
    }

    /**
     * Replaces the whole table.
     *
     * @throws IllegalArgumentException when two routes share a prefix
     */
    public void setRoutes(Collection<Route> routes) {
        TreeMap<String, Route> next = byPrefix(routes);
        synchronized (writeLock) {
            publish(next);
        }
    }

    /** Caller holds writeLock. Publishes {@code next} unless it equals the current table. */
    private void publish(TreeMap<String, Route> next) {
        Snapshot current = snapshot;
        if (current.map.equals(next)) {
            return;
        }
        // One epoch per changed prefix (as the reference connector's route log), so a route
        // update can always stop between two changes when the table is too big for one.
        TreeSet<String> changed = new TreeSet<>();
        for (Map.Entry<String, Route> e : next.entrySet()) {
            if (!e.getValue().equals(current.map.get(e.getKey()))) {
                changed.add(e.getKey());
            }
        }
        for (String prefix : current.map.keySet()) {
            if (!next.containsKey(prefix)) {
                changed.add(prefix);
            }
        }
        TreeMap<String, Long> changedAt = new TreeMap<>(current.changedAt);
        long epoch = current.epoch;
        for (String prefix : changed) {
            changedAt.put(prefix, ++epoch);
        }
        snapshot = Snapshot.build(next, changedAt, epoch);
        if (LOG.isLoggable(Level.FINE)) {
            LOG.fine("event=routes_changed epoch=" + epoch
                    + " routes=" + next.size());
        }
    }

    private static TreeMap<String, Route> byPrefix(Collection<Route> routes) {
        Objects.requireNonNull(routes, "routes");
        TreeMap<String, Route> m = new TreeMap<>();
        for (Route r : routes) {
            Objects.requireNonNull(r, "route");
            if (m.put(r.prefix(), r) != null) {
                throw new IllegalArgumentException("two routes for prefix '" + r.prefix() + "'");
            }
        }
        return m;
    }

    /**
     * Immutable table: open addressing (linear probing, load <= 1/2) keyed by prefix, using
     * {@link String#hashCode()}'s polynomial so a lookup can hash {@code destination[0, end)}
     * incrementally without building the substring.
     */
    private static final class Snapshot {
        final Map<String, Route> map; // unmodifiable, for writers and equality
        final Map<String, Long> changedAt; // unmodifiable, tombstones included
        final List<Route> list;
        final long epoch;
        final String[] keys;
        final Route[] values;
        final int mask;
        final int maxPrefixChars;
        final Route defaultRoute; // prefix ""

        private Snapshot(TreeMap<String, Route> routes, TreeMap<String, Long> changedAt,
                         long epoch) {
            this.map = Collections.unmodifiableMap(routes);
            this.changedAt = Collections.unmodifiableMap(changedAt);
            this.list = List.copyOf(new ArrayList<>(routes.values()));
            this.epoch = epoch;
            int capacity = Integer.highestOneBit(Math.max(4, routes.size() * 2 - 1)) << 1;
            this.keys = new String[capacity];
            this.values = new Route[capacity];
            this.mask = capacity - 1;
            int max = 0;
            Route dflt = null;
            for (Route r : routes.values()) {
                String p = r.prefix();
                if (p.isEmpty()) {
                    dflt = r;
                    continue;
                }
                max = Math.max(max, p.length());
                int i = spread(p.hashCode()) & mask;
                while (keys[i] != null) {
                    i = (i + 1) & mask;
                }
                keys[i] = p;
                values[i] = r;
            }
            this.maxPrefixChars = max;
            this.defaultRoute = dflt;
        }

        static Snapshot build(TreeMap<String, Route> routes, TreeMap<String, Long> changedAt,
                              long epoch) {
            return new Snapshot(routes, changedAt, epoch);
        }

        Route resolve(String destination) {
            Route best = defaultRoute;
            int len = destination.length();
            int h = 0;
            for (int i = 0; i < len; i++) {
                char c = destination.charAt(i);
                if (c == '.') {
                    // destination[0, i) ends at a segment boundary: a candidate prefix
                    Route r = lookup(destination, i, h);
                    if (r != null) {
                        best = r;
                    }
                }
                if (i >= maxPrefixChars) {
                    return best; // no prefix is longer than what was scanned
                }
                h = 31 * h + c;
            }
            Route whole = lookup(destination, len, h);
            return whole != null ? whole : best;
        }

        private Route lookup(String destination, int end, int hash) {
            int i = spread(hash) & mask;
            String k;
            while ((k = keys[i]) != null) {
                if (k.length() == end && destination.regionMatches(0, k, 0, end)) {
                    return values[i];
                }
                i = (i + 1) & mask;
            }
            return null;
        }

        private static int spread(int h) {
            return h ^ (h >>> 16);
        }
    }
}
