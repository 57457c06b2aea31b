package dev.ilpconnector.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ilpconnector.codec.ilp.IlpAddress;
import dev.ilpconnector.codec.ilp.IlpErrorCode;
import dev.ilpconnector.codec.ilp.IlpFulfill;
import dev.ilpconnector.codec.ilp.IlpPrepare;
import dev.ilpconnector.codec.ilp.IlpReject;
import dev.ilpconnector.codec.ilp.IlpResponse;
import dev.ilpconnector.telemetry.PacketEvent;
import dev.ilpconnector.telemetry.SettlementEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

/** Series per peer, outcome and code: a bounded set, whatever strangers put in packets. */
class PacketMetricsTest {

    /** Series by name and labels, as a Prometheus backend would key them. */
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> timings = new ConcurrentHashMap<>();
    private final Map<String, DoubleSupplier> gauges = new ConcurrentHashMap<>();
    private final MetricsBackend backend = new MetricsBackend() {
        @Override
        public Count counter(String name, String description, String... tags) {
            AtomicLong c = counts.computeIfAbsent(key(name, tags), k -> new AtomicLong());
            return c::incrementAndGet;
        }

        @Override
        public Durations timer(String name, String description, String... tags) {
            AtomicLong t = timings.computeIfAbsent(key(name, tags), k -> new AtomicLong());
            return t::addAndGet;
        }

        @Override
        public void gauge(String name, String description, DoubleSupplier value,
                          String... tags) {
            gauges.put(key(name, tags), value);
        }
    };

    @Test
    void countsByPeerOutcomeAndCodeWithDurations() {
        PacketMetrics metrics = new PacketMetrics(backend);

        metrics.packet(event("alice", "g.shop.x", new IlpFulfill(new byte[32], new byte[0]), 5));
        metrics.packet(event("alice", "g.shop.y", reject("T04"), 7));
        metrics.packet(event("alice", "g.shop.z", reject("T04"), 7));
        metrics.packet(event("bob", "g.a", reject("F99"), 7));

        assertEquals(1, count("ilp_packets{peer=alice,outcome=fulfilled,code=none}"));
        assertEquals(2, count("ilp_packets{peer=alice,outcome=rejected,code=T04}"));
        assertEquals(1, count("ilp_packets{peer=bob,outcome=rejected,code=F99}"));
        assertEquals(1000, timings.get("ilp_packet_duration{peer=alice,outcome=fulfilled}")
                .get());
        assertEquals(4 * 500, timings.get("ilp_ledger_call_duration{call=hold}").get());
    }

    @Test
    void randomDestinationsAndCodesMakeNoNewSeriesAfterEachCodeWasSeenOnce() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        PacketMetrics metrics = new PacketMetrics(backend);
        metrics.peer("alice", this, t -> 12.5, t -> 1);
        metrics.peer("bob", this, t -> 0, t -> 0);
        for (int i = 0; i < 10_000; i++) {
            metrics.packet(randomEvent(random));
        }
        int after10k = counts.size() + timings.size() + gauges.size();
        for (int i = 0; i < 10_000; i++) {
            metrics.packet(randomEvent(random));
        }

        String why = "seed " + seed;
        assertEquals(after10k, counts.size() + timings.size() + gauges.size(), why);
        // two peers x (fulfilled + 21 RFC codes + other), nothing else
        assertEquals(2 * (1 + IlpCodes.COUNT), counts.size(), why + " " + counts.keySet());
        for (String series : counts.keySet()) {
            assertFalse(series.contains("g.") || series.contains("made"), series);
        }
        assertTrue(counts.containsKey("ilp_packets{peer=bob,outcome=rejected,code=other}"));
        assertEquals(12.5, gauges.get("ilp_peer_balance{peer=alice}").getAsDouble());
        assertEquals(1, gauges.get("ilp_link_up{peer=alice}").getAsDouble());
    }

    @Test
    void settlementsByPeerDirectionAndStatus() {
        PacketMetrics metrics = new PacketMetrics(backend);
        metrics.settlement(new SettlementEvent(Instant.now(), "alice", "key-1", 5, false,
                SettlementEvent.Status.CONFIRMED, "tx 0xabc"));
        metrics.settlement(new SettlementEvent(Instant.now(), "alice", "key-2", 5, false,
                SettlementEvent.Status.CONFIRMED, "tx 0xdef"));

        assertEquals(2, count(
                "ilp_settlements{peer=alice,direction=outgoing,status=confirmed}"));
    }

    @Test
    void everyRfcCodeHasItsOwnIndexAndTheRestAreOther() {
        for (int i = 0; i < IlpCodes.CODES.size(); i++) {
            assertEquals(i, IlpCodes.index(new IlpErrorCode(IlpCodes.CODES.get(i))));
        }
        for (String made : List.of("F09", "T06", "R03", "F9A", "T98", "R~~")) {
            assertEquals(IlpCodes.OTHER, IlpCodes.index(new IlpErrorCode(made)), made);
        }
        assertEquals("other", IlpCodes.label(IlpCodes.OTHER));
    }

    private long count(String series) {
        AtomicLong c = counts.get(series);
        return c == null ? 0 : c.get();
    }

    private static PacketEvent randomEvent(Random random) {
        String destination = "g.shop." + Long.toHexString(random.nextLong());
        String peer = random.nextBoolean() ? "alice" : "bob";
        IlpResponse response;
        int pick = random.nextInt(IlpCodes.COUNT + 3);
        if (pick < IlpCodes.CODES.size()) {
            response = reject(IlpCodes.CODES.get(pick));
        } else if (pick < IlpCodes.COUNT + 1) {
            // made up by some peer: a valid family, digits the RFC does not define
            response = reject("FTR".charAt(random.nextInt(3)) + "" + (10 + random.nextInt(80)));
        } else {
            response = new IlpFulfill(new byte[32], new byte[0]);
        }
        return event(peer, destination, response, random.nextInt(1000));
    }

    private static PacketEvent event(String from, String destination, IlpResponse response,
                                     long nanos) {
        IlpPrepare prepare = new IlpPrepare(1, Instant.now().plusSeconds(30), new byte[32],
                IlpAddress.of(destination), new byte[0]);
        return new PacketEvent(1, Instant.now(), from, "next", prepare, prepare, response,
                500, 600, nanos * 200);
    }

    private static IlpReject reject(String code) {
        return new IlpReject(new IlpErrorCode(code), "g.madeup", "made up message",
                new byte[0]);
    }

    private static String key(String name, String... tags) {
        StringBuilder k = new StringBuilder(name).append('{');
        for (int i = 0; i < tags.length; i += 2) {
            k.append(i == 0 ? "" : ",").append(tags[i]).append('=').append(tags[i + 1]);
        }
        return k.append('}').toString();
    }
}
