package dev.ilpconnector.ccp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ilpconnector.ccp.CcpNet.Node;
import dev.ilpconnector.codec.ccp.Ccp;
import dev.ilpconnector.codec.ccp.CcpRoute;
import dev.ilpconnector.codec.ccp.CcpRouteUpdateRequest;
import dev.ilpconnector.codec.ilp.IlpErrorCode;
import dev.ilpconnector.codec.ilp.IlpFulfill;
import dev.ilpconnector.codec.ilp.IlpPrepare;
import dev.ilpconnector.codec.ilp.IlpReject;
import dev.ilpconnector.codec.ilp.IlpResponse;
import dev.ilpconnector.peer.PeerLimits;
import dev.ilpconnector.peer.Relation;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** peer.<id>.max-routes: a peer that announces too much hurts only itself. */
class RouteLimitsTest {

    private static final byte[] AUTH = new byte[32];
    /** Routes of about 60 bytes: this many fill most of one update Prepare. */
    private static final int ROUTES_PER_UPDATE = 400;

    private final CcpNet net = new CcpNet();
    private final Logger log = Logger.getLogger(RouteBroadcaster.class.getName());
    private final AtomicInteger warnings = new AtomicInteger();
    private final Handler counter = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel() == Level.WARNING
                    && record.getMessage().contains("reason=max_routes")) {
                warnings.incrementAndGet();
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        log.addHandler(counter);
    }

    @AfterEach
    void stopListening() {
        log.removeHandler(counter);
    }

    @Test
    void anUpdatePastTheBoundIsRefusedWholeAndLoggedOnce() {
        Node a = net.node("a").peer("b", Relation.PEER).peer("c", Relation.PEER);
        a.limits.put("b", new PeerLimits(5, 0, 0));
        a.start().up();
        UUID table = UUID.randomUUID();
        assertInstanceOf(IlpFulfill.class, handle(a, "b", table, 0, 1, routes("test.b.r", 0, 4)));
        long epoch = a.table.epoch();

        // 4 + 2 new = 6 > 5: nothing of it is taken
        IlpReject refused = assertInstanceOf(IlpReject.class,
                handle(a, "b", table, 1, 2, routes("test.b.s", 0, 2)));
        IlpReject again = assertInstanceOf(IlpReject.class,
                handle(a, "b", table, 1, 3, routes("test.b.t", 0, 3)));

        assertEquals(IlpErrorCode.F00_BAD_REQUEST, refused.code());
        assertTrue(refused.message().contains("peer.b.max-routes (5)"), refused.message());
        assertEquals(IlpErrorCode.F00_BAD_REQUEST, again.code());
        assertEquals(epoch, a.table.epoch(), "the table did not change");
        assertEquals(4, a.broadcaster.status().get("b").routes());
        assertEquals("b", a.table.resolve("test.b.r3").nextHop());
        assertEquals(null, a.route("test.b.s0"));
        assertEquals(1, warnings.get(), "said once, not per update");
        // Withdrawing and replacing within the bound is fine: 4 - 2 + 3 = 5.
        List<CcpRoute> replace = routes("test.b.u", 0, 3);
        assertInstanceOf(IlpFulfill.class, a.broadcaster.handle(a.peerConfig("b"),
                update(table, 1, 2, replace, List.of("test.b.r0", "test.b.r1"))));
        assertEquals(5, a.broadcaster.status().get("b").routes());
        // Another peer has its own bound (the default).
        assertInstanceOf(IlpFulfill.class, handle(a, "c", UUID.randomUUID(), 0, 1,
                routes("test.c.r", 0, 50)));
        assertEquals(50, a.broadcaster.status().get("c").routes());
    }

    @Test
    void aPeerAnnouncingAMillionRoutesKeepsTheDefaultBoundAndTheOthersRoutes() {
        Node a = net.node("a").peer("b", Relation.PEER).peer("c", Relation.PEER).start().up();
        assertInstanceOf(IlpFulfill.class, handle(a, "c", UUID.randomUUID(), 0, 1,
                routes("test.c.r", 0, 3)));
        UUID table = UUID.randomUUID();
        int refused = 0;
        long started = System.nanoTime();
        for (int i = 0, epoch = 0; i < 1_000_000; i += ROUTES_PER_UPDATE, epoch++) {
            IlpResponse answer = handle(a, "b", table, epoch, epoch + 1,
                    routes("test.b.r", i, ROUTES_PER_UPDATE));
            if (answer instanceof IlpReject) {
                refused++;
                epoch--; // the speaker resends from the epoch we have
            }
        }
        long tookMs = (System.nanoTime() - started) / 1_000_000;

        assertEquals(PeerLimits.MAX_ROUTES_DEFAULT, a.broadcaster.status().get("b").routes());
        assertEquals(1_000_000 / ROUTES_PER_UPDATE - PeerLimits.MAX_ROUTES_DEFAULT
                / ROUTES_PER_UPDATE, refused);
        assertTrue(a.table.routes().size() <= PeerLimits.MAX_ROUTES_DEFAULT + 10);
        assertEquals("c", a.table.resolve("test.c.r2").nextHop(), "c's routes are untouched");
        assertEquals(1, warnings.get());
        // Not a benchmark: a bound against refused updates rebuilding the table each time.
        assertTrue(tookMs < 60_000, "took " + tookMs + " ms");
    }

    private IlpResponse handle(Node a, String peer, UUID table, long from, long to,
                               List<CcpRoute> routes) {
        return a.broadcaster.handle(a.peerConfig(peer), update(table, from, to, routes,
                List.of()));
    }

    private IlpPrepare update(UUID table, long from, long to, List<CcpRoute> routes,
                              List<String> withdrawn) {
        String speaker = "test." + routes.stream().findFirst()
                .map(r -> r.prefix().split("\\.")[1]).orElse("b");
        return Ccp.updateRequest(new CcpRouteUpdateRequest(table, to, from, to, 45_000,
                speaker, routes, withdrawn), net.clock.now.plusSeconds(10));
    }

    private static List<CcpRoute> routes(String prefix, int first, int count) {
        List<CcpRoute> out = new ArrayList<>(count);
        for (int i = first; i < first + count; i++) {
            out.add(new CcpRoute(prefix + i, List.of(prefix.substring(0, 6)), AUTH));
        }
        return out;
    }
}
