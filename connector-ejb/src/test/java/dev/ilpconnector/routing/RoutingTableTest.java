package dev.ilpconnector.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class RoutingTableTest {

    static Route r(String prefix, String hop) {
        return Route.of(prefix, hop, RouteSource.STATIC);
    }

    static String hop(Route route) {
        return route == null ? null : route.nextHop();
    }

    @Test
    void longestPrefixWins() {
        RoutingTable t = new RoutingTable();
        t.setRoutes(List.of(r("g", "parent"), r("g.us", "us"), r("g.us.nyc", "nyc")));
        assertEquals("nyc", hop(t.resolve("g.us.nyc.bob")));
        assertEquals("nyc", hop(t.resolve("g.us.nyc")));
        assertEquals("us", hop(t.resolve("g.us.sf.alice")));
        assertEquals("us", hop(t.resolve("g.us")));
        assertEquals("parent", hop(t.resolve("g.eu.x")));
        assertNull(t.resolve("test.x"));
    }

    @Test
    void matchesOnlyAtSegmentBoundaries() {
        RoutingTable t = new RoutingTable();
        t.setRoutes(List.of(r("test.a", "a")));
        assertEquals("a", hop(t.resolve("test.a")));
        assertEquals("a", hop(t.resolve("test.a.b")));
        assertNull(t.resolve("test.ab"));
        assertNull(t.resolve("test.ab.c"));
        assertNull(t.resolve("test"));
        assertNull(t.resolve("test."));
        assertNull(t.resolve(""));
        assertTrue(r("test.a", "a").covers("test.a.b"));
        assertFalse(r("test.a", "a").covers("test.ab"));
    }

    @Test
    void defaultRouteCoversEverythingButLosesToLongerPrefixes() {
        RoutingTable t = new RoutingTable();
        t.setRoutes(List.of(r("", "parent"), r("g.child", "child")));
        assertEquals("parent", hop(t.resolve("g.other")));
        assertEquals("parent", hop(t.resolve("g.childish")));
        assertEquals("child", hop(t.resolve("g.child.x")));
    }

    @Test
    void prefixLongerThanScannedPartIsSkippedCheaply() {
        RoutingTable t = new RoutingTable();
        t.setRoutes(List.of(r("g.a", "short"), r("g.a.bbbbbbbbbbbbbbbbbbbb", "long")));
        assertEquals("short", hop(t.resolve("g.a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p")));
        assertEquals("long", hop(t.resolve("g.a.bbbbbbbbbbbbbbbbbbbb")));
        assertEquals("long", hop(t.resolve("g.a.bbbbbbbbbbbbbbbbbbbb.c")));
        assertEquals("short", hop(t.resolve("g.a.bbbbbbbbbbbbbbbbbbbbc")));
    }

    @Test
    void hashCollisionsAreResolvedByComparingTheText() {
        // "Aa" and "BB" have the same String.hashCode
        RoutingTable t = new RoutingTable();
        t.setRoutes(List.of(r("test.Aa", "one"), r("test.BB", "two")));
        assertEquals("one", hop(t.resolve("test.Aa.x")));
        assertEquals("two", hop(t.resolve("test.BB.x")));
        assertNull(t.resolve("test.AB.x"));
    }

    @Test
    void epochGrowsByOnePerChangedPrefixOnly() {
        RoutingTable t = new RoutingTable();
        assertEquals(0, t.epoch());
        t.setRoutes(List.of(r("g.a", "a")));
        assertEquals(1, t.epoch());
        t.setRoutes(List.of(r("g.a", "a"))); // same content: no change
        assertEquals(1, t.epoch());
        put(t, r("g.b", "b"));
        assertEquals(2, t.epoch());
        put(t, r("g.b", "b"));
        assertEquals(2, t.epoch());
        put(t, r("g.b", "c")); // replacement is a change
        assertEquals(3, t.epoch());
        remove(t, r -> r.nextHop().equals("zzz"));
        assertEquals(3, t.epoch());
        remove(t, r -> r.nextHop().equals("c"));
        assertEquals(4, t.epoch());
    }

    @Test
    void invalidRoutesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> r("g..a", "a"));
        assertThrows(IllegalArgumentException.class, () -> r(".g", "a"));
        assertThrows(IllegalArgumentException.class, () -> r("g.", "a"));
        assertThrows(IllegalArgumentException.class, () -> r("g", ""));
        assertThrows(IllegalArgumentException.class, () -> r("g" + ".a".repeat(512), "x"));
        assertThrows(NullPointerException.class, () -> new Route("g", "a", null,
                RouteSource.STATIC));
        RoutingTable t = new RoutingTable();
        assertThrows(IllegalArgumentException.class,
                () -> t.setRoutes(List.of(r("g.a", "a"), r("g.a", "b"))));
        assertEquals(0, t.epoch());
        List<String> path = new ArrayList<>(List.of("g.x"));
        Route withPath = new Route("g", "a", path, RouteSource.CCP);
        path.add("g.y");
        assertEquals(List.of("g.x"), withPath.path()); // copied in
    }

    /** Seeded: resolve() agrees with a brute-force scan over random tables and addresses. */
    @Test
    void agreesWithBruteForce() {
        long seed = System.nanoTime();
        System.out.println("RoutingTableTest.agreesWithBruteForce seed=" + seed);
        Random rnd = new Random(seed);
        String[] seg = {"a", "b", "ab", "ba", "Aa", "BB", "c"};
        for (int round = 0; round < 200; round++) {
            List<Route> routes = new ArrayList<>();
            java.util.Set<String> seen = new java.util.HashSet<>();
            int n = rnd.nextInt(12);
            for (int i = 0; i < n; i++) {
                String p = rnd.nextInt(15) == 0 ? "" : randomAddress(rnd, seg);
                if (seen.add(p)) {
                    routes.add(r(p, "hop" + i));
                }
            }
            RoutingTable t = new RoutingTable();
            t.setRoutes(routes);
            for (int q = 0; q < 50; q++) {
                String dest = randomAddress(rnd, seg);
                Route expected = null;
                for (Route route : routes) {
                    if (route.covers(dest) && (expected == null
                            || route.prefix().length() > expected.prefix().length())) {
                        expected = route;
                    }
                }
                assertSame(expected, t.resolve(dest), "seed=" + seed + " dest=" + dest);
            }
        }
    }

    private static String randomAddress(Random rnd, String[] seg) {
        StringBuilder sb = new StringBuilder("g");
        int n = 1 + rnd.nextInt(4);
        for (int i = 0; i < n; i++) {
            sb.append('.').append(seg[rnd.nextInt(seg.length)]);
        }
        return sb.toString();
    }

    @Test
    void readersSeeConsistentSnapshotsDuringUpdates() throws Exception {
        RoutingTable t = new RoutingTable();
        t.setRoutes(List.of(r("g", "parent"), r("g.stable", "stable")));
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        int readers = 3;
        CountDownLatch done = new CountDownLatch(readers);
        for (int i = 0; i < readers; i++) {
            Thread th = new Thread(() -> {
                try {
                    long lastEpoch = -1;
                    while (!stop.get()) {
                        assertEquals("stable", hop(t.resolve("g.stable.x")));
                        assertEquals("parent", hop(t.resolve("g.zzz")));
                        Route v = t.resolve("g.volatile.x");
                        String h = hop(v);
                        assertTrue(h.equals("parent") || h.startsWith("v"), h);
                        long e = t.epoch();
                        assertTrue(e >= lastEpoch, "epoch went back");
                        lastEpoch = e;
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                } finally {
                    done.countDown();
                }
            });
            th.start();
        }
        for (int i = 0; i < 2000; i++) {
            put(t, r("g.volatile", "v" + i));
            put(t, r("g.other" + (i % 50), "o"));
            if (i % 3 == 0) {
                remove(t, r -> r.prefix().equals("g.volatile"));
            }
        }
        stop.set(true);
        assertTrue(done.await(10, TimeUnit.SECONDS));
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        assertTrue(t.epoch() > 2000);
    }

    @Test
    void remembersTheEpochOfEachPrefixChangeWithdrawalsIncluded() {
        RoutingTable t = new RoutingTable();
        t.setRoutes(List.of(r("g.a", "a"), r("g.b", "b")));
        put(t, r("g.c", "c"));
        t.setRoutes(List.of(r("g.a", "a"), r("g.c", "c2")));
        RoutingTable.TableState s = t.state();
        // one epoch per changed prefix: a 1, b 2, c 3, then b withdrawn 4 and c changed 5
        assertEquals(5, s.epoch());
        assertEquals(1, s.changedAt("g.a"));
        assertEquals(4, s.changedAt("g.b"));
        assertEquals(5, s.changedAt("g.c"));
        assertEquals(0, s.changedAt("g.never"));
        assertFalse(s.routes().containsKey("g.b"));
        assertEquals(List.of("g.b", "g.c"), s.changedSince(2));
        assertEquals(List.of("g.c"), s.changedSince(4));
        assertEquals("g.a", s.changedSince(0).get(0));
        assertEquals(List.of(), s.changedSince(5));
        t.setRoutes(List.of(r("g.a", "a"), r("g.c", "c2")));
        assertEquals(5, t.state().epoch());
    }

    /** The table with {@code route} put in, through its only write: a whole new table. */
    private static void put(RoutingTable t, Route route) {
        Map<String, Route> next = new TreeMap<>();
        t.routes().forEach(r -> next.put(r.prefix(), r));
        next.put(route.prefix(), route);
        t.setRoutes(next.values());
    }

    /** The table without the routes {@code doomed} picks. */
    private static void remove(RoutingTable t, Predicate<Route> doomed) {
        t.setRoutes(t.routes().stream().filter(doomed.negate()).toList());
    }
}
