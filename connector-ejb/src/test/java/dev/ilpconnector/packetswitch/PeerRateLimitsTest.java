package dev.ilpconnector.packetswitch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ilpconnector.accounting.LedgerAccounting;
import dev.ilpconnector.codec.ilp.IlpAddress;
import dev.ilpconnector.codec.ilp.IlpErrorCode;
import dev.ilpconnector.codec.ilp.IlpFulfill;
import dev.ilpconnector.codec.ilp.IlpPrepare;
import dev.ilpconnector.codec.ilp.IlpReject;
import dev.ilpconnector.codec.ilp.IlpResponse;
import dev.ilpconnector.ledger.AccountBalance;
import dev.ilpconnector.ledger.EmbeddedLedger;
import dev.ilpconnector.peer.PeerConfig;
import dev.ilpconnector.peer.PeerDirectory;
import dev.ilpconnector.peer.PeerLimits;
import dev.ilpconnector.peer.Relation;
import dev.ilpconnector.routing.Route;
import dev.ilpconnector.routing.RouteSource;
import dev.ilpconnector.routing.RoutingTable;
import dev.ilpconnector.telemetry.Telemetry;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Per-peer rate limits: T05 naming the limit, no balance moved, other peers untouched. */
class PeerRateLimitsTest {

    private static final IlpAddress SELF = IlpAddress.of("test.node");
    private static final byte[] FULFILLMENT = new byte[32];
    private static final byte[] CONDITION = sha256(FULFILLMENT);
    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong nanos = new AtomicLong(123_456_789L);
    private final PeerConfig flooder = child("flooder");
    private final PeerConfig calm = child("calm");
    private final PeerConfig shop = child("shop");
    private final List<PeerConfig> peers = List.of(flooder, calm, shop);
    private final EmbeddedLedger ledger = new EmbeddedLedger();
    private final LedgerAccounting accounting =
            new LedgerAccounting(ledger, peers, Clock.systemUTC());

    private PacketSwitch newSwitch(Map<String, PeerLimits> limits) {
        RoutingTable routes = new RoutingTable();
        routes.setRoutes(List.of(
                new Route("test.node", "self", List.of(), RouteSource.LOCAL),
                new Route("test.node.shop", "shop", List.of(), RouteSource.STATIC)));
        LinkRegistry links = new LinkRegistry();
        links.register(new FakeLink("shop", p -> CompletableFuture.completedFuture(
                new IlpFulfill(FULFILLMENT, new byte[0]))));
        return new PacketSwitch(new SwitchSettings(SELF, Duration.ofMillis(200),
                Duration.ofSeconds(5)), new PeerDirectory(peers), routes, links, accounting,
                new PeerProtocols(SELF, null), p -> CompletableFuture.completedFuture(
                        new IlpFulfill(FULFILLMENT, new byte[0])), Clock.systemUTC(),
                Telemetry.NONE, Runnable::run, new PeerRateLimits(limits, nanos::get));
    }

    @Test
    void packetRateOverTheLimitIsT05NamingItAndMovesNoMoney() throws Exception {
        PacketSwitch packetSwitch = newSwitch(Map.of("flooder", new PeerLimits(10, 3, 0)));

        for (int i = 0; i < 3; i++) {
            assertInstanceOf(IlpFulfill.class, send(packetSwitch, "flooder", 10));
        }
        BigInteger paid = balance(flooder).netPosted();
        IlpReject reject = assertInstanceOf(IlpReject.class, send(packetSwitch, "flooder", 10));

        assertEquals(IlpErrorCode.T05_RATE_LIMITED, reject.code());
        assertTrue(reject.message().contains("peer.flooder.max-packets-per-second (3)"),
                reject.message());
        assertEquals(SELF.value(), reject.triggeredBy());
        assertEquals(paid, balance(flooder).netPosted());
        assertTrue(balance(flooder).nothingPending());
        // Local delivery is held to the same rate.
        assertInstanceOf(IlpReject.class, sendTo(packetSwitch, "flooder", 1, "test.node.x"));
        // Another peer keeps forwarding at full speed.
        for (int i = 0; i < 50; i++) {
            assertInstanceOf(IlpFulfill.class, send(packetSwitch, "calm", 10));
        }
        // The bucket refills with time: a third of a second brings one packet back.
        nanos.addAndGet(SECOND / 3 + 1);
        assertInstanceOf(IlpFulfill.class, send(packetSwitch, "flooder", 10));
        assertInstanceOf(IlpReject.class, send(packetSwitch, "flooder", 10));
    }

    @Test
    void amountRateOverTheLimitIsT05NamingIt() throws Exception {
        PacketSwitch packetSwitch = newSwitch(Map.of("flooder", new PeerLimits(10, 0, 1000)));

        assertInstanceOf(IlpFulfill.class, send(packetSwitch, "flooder", 600));
        IlpReject reject = assertInstanceOf(IlpReject.class, send(packetSwitch, "flooder", 600));

        assertEquals(IlpErrorCode.T05_RATE_LIMITED, reject.code());
        assertTrue(reject.message().contains("peer.flooder.max-amount-per-second (1000)"),
                reject.message());
        assertEquals(BigInteger.valueOf(-600), balance(flooder).netPosted());
        assertInstanceOf(IlpFulfill.class, send(packetSwitch, "flooder", 400));
        nanos.addAndGet(SECOND / 2);
        assertInstanceOf(IlpFulfill.class, send(packetSwitch, "flooder", 500));
    }

    @Test
    void withoutLimitsNothingIsRefused() throws Exception {
        PacketSwitch packetSwitch = newSwitch(Map.of("flooder", PeerLimits.DEFAULT));
        for (int i = 0; i < 200; i++) {
            assertInstanceOf(IlpFulfill.class, send(packetSwitch, "flooder", 1));
        }
    }

    @Test
    void bucketHoldsOneSecondAndRefillsAtTheRate() {
        long t = -5 * SECOND; // nanoTime may be negative; only differences count
        TokenBucket bucket = new TokenBucket(100, t);
        for (int i = 0; i < 100; i++) {
            assertTrue(bucket.tryTake(1, t), "token " + i);
        }
        assertFalse(bucket.tryTake(1, t));
        assertTrue(bucket.tryTake(1, t + SECOND / 100));
        assertFalse(bucket.tryTake(1, t + SECOND / 100));
        // An idle minute fills the bucket once, not sixty times.
        long later = t + 60 * SECOND;
        for (int i = 0; i < 100; i++) {
            assertTrue(bucket.tryTake(1, later));
        }
        assertFalse(bucket.tryTake(1, later));
    }

    @Test
    void takeLargerThanOneSecondNeverFitsAndUnsignedRatesWork() {
        TokenBucket bucket = new TokenBucket(1000, 0);
        assertFalse(bucket.tryTake(1001, 0));
        assertFalse(bucket.tryTake(-1L, 0)); // 2^64-1 units
        TokenBucket huge = new TokenBucket(-1L, 0); // 2^64-1 units per second
        assertTrue(huge.tryTake(Long.MAX_VALUE, 0));
        assertTrue(huge.tryTake(Long.MAX_VALUE, 0));
        assertFalse(huge.tryTake(Long.MAX_VALUE, 0));
    }

    @Test
    void concurrentTakersNeverGetMoreThanTheBucketHolds() throws Exception {
        TokenBucket bucket = new TokenBucket(10_000, 0);
        AtomicLong taken = new AtomicLong();
        Thread[] threads = new Thread[4];
        for (int i = 0; i < threads.length; i++) {
            threads[i] = new Thread(() -> {
                for (int j = 0; j < 10_000; j++) {
                    if (bucket.tryTake(1, 0)) {
                        taken.incrementAndGet();
                    }
                }
            });
            threads[i].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(10_000, taken.get());
    }

    @Test
    void unlimitedPeerCostsNoReject() {
        PeerRateLimits limits = new PeerRateLimits(Map.of(), nanos::get);
        assertNull(limits.check("anyone", 5, new Rejects(SELF)));
    }

    private IlpResponse send(PacketSwitch packetSwitch, String from, long amount)
            throws Exception {
        return sendTo(packetSwitch, from, amount, "test.node.shop.x");
    }

    private static IlpResponse sendTo(PacketSwitch packetSwitch, String from, long amount,
                                      String destination) throws Exception {
        IlpPrepare prepare = new IlpPrepare(amount, Instant.now().plusSeconds(3), CONDITION,
                IlpAddress.of(destination), new byte[0]);
        return packetSwitch.handle(from, prepare).get(5, TimeUnit.SECONDS);
    }

    private AccountBalance balance(PeerConfig peer) {
        return accounting.balance(peer).toCompletableFuture().join().orElseThrow();
    }

    private static PeerConfig child(String id) {
        return new PeerConfig(id, Relation.CHILD, Optional.empty(), Optional.of(id + "-token"),
                "XRP", 9, -1L, -1_000_000_000L, List.of());
    }

    private static byte[] sha256(byte[] in) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(in);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
