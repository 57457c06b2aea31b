package dev.ilpconnector.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ExplorerTest {

    private static final Asset XRP = new Asset("XRP", 9);
    private long nanos;

    /**
     * A browser: records what it was sent and answers Pings; {@code reads} false never
     * finishes a send.
     */
    private static class Browser implements FeedSink {
        final boolean reads;
        final List<String> received = new ArrayList<>();
        int sends;
        long sentChars;
        int pings;
        Integer closedWith;
        FeedClient client;

        Browser(boolean reads) {
            this.reads = reads;
        }

        @Override
        public void send(String text, Consumer<Boolean> done) {
            sends++;
            sentChars += text.length();
            if (reads) {
                received.add(text);
                done.accept(true);
            }
        }

        @Override
        public void ping(long mark, Consumer<Boolean> done) {
            pings++;
            done.accept(true);
            if (client != null) {
                client.pong(mark);
            }
        }

        @Override
        public void close(int code, String reason) {
            closedWith = code;
        }

        long count(String type) {
            return received.stream().filter(m -> m.startsWith("{\"type\":\"" + type + "\""))
                    .count();
        }
    }

    private Explorer explorer(int ring, int logPackets, long logBytes) {
        return new Explorer(ring, new PacketLog(logPackets, logBytes),
                new FeedTickets(Clock.systemUTC()), peer -> XRP, () -> nanos);
    }

    /**
     * A browser that never reads while 200,000 packets go through: it holds one send and a
     * bounded queue, the rest is dropped and counted; the log stays within its bounds; a
     * reading browser beside it still gets its packets and the totals.
     */
    @Test
    void aBrowserThatNeverReadsCostsBoundedMemoryAndSlowsNothing() {
        Explorer explorer = explorer(1024, 5_000, 1 << 20);
        Browser stuck = new Browser(false);
        Browser reading = new Browser(true);
        FeedClient stuckClient = explorer.clients().join(stuck);
        reading.client = explorer.clients().join(reading);
        tenSecondsOf20000PacketsEach(explorer);
        assertEquals(1, stuck.sends, "one send in flight, never a second");
        assertEquals(FeedClient.QUEUE_MAX, stuckClient.queued());
        assertTrue(stuckClient.dropped() > 0);
        assertTrue(explorer.dropped() >= stuckClient.dropped());
        assertEquals(5_000, explorer.log().size());
        assertTrue(explorer.log().bytes() <= 1 << 20);
        assertEquals(200_000, explorer.log().logged());
        assertEquals(10L * FeedClient.PACKETS_PER_SECOND_MAX, reading.count("packet"),
                "200 a second for ten seconds of 20,000 packets each");
        assertEquals(10, reading.count("totals"));
        assertTrue(reading.received.stream().anyMatch(m -> m.startsWith(
                "{\"type\":\"totals\",\"packetsPerSecond\":20000,\"shownPerSecond\":200,")));
    }

    /**
     * A browser that stopped reading while its socket still takes every frame (the send
     * buffer of a TCP connection holds megabytes): sends complete, Pings are never answered.
     * What it has not read stays within {@link FeedClient#UNREAD_MAX}; the rest waits in the
     * queue, whose oldest messages are dropped and counted, so no stale minute builds up.
     */
    @Test
    void aBrowserThatNeverAnswersPingsIsSentAtMostTheUnreadWindow() {
        Explorer explorer = explorer(1024, 5_000, 1 << 20);
        Browser deaf = new Browser(true) {
            @Override
            public void ping(long mark, Consumer<Boolean> done) {
                pings++;
                done.accept(true); // the Ping left; no Pong ever comes back
            }
        };
        Browser reading = new Browser(true);
        FeedClient deafClient = explorer.clients().join(deaf);
        reading.client = explorer.clients().join(reading);
        tenSecondsOf20000PacketsEach(explorer);
        long oneMessage = deaf.received.get(0).length();
        assertTrue(deaf.sentChars <= FeedClient.UNREAD_MAX + 2 * oneMessage,
                "unread " + deaf.sentChars + " chars");
        assertTrue(deaf.pings > 0 && deaf.pings <= FeedClient.UNREAD_MAX / FeedClient.PING_EVERY,
                "one Ping per PING_EVERY sent: " + deaf.pings);
        assertEquals(FeedClient.QUEUE_MAX, deafClient.queued());
        assertTrue(deafClient.dropped() > 0);
        assertEquals(deafClient.dropped(), explorer.feedDropped());
        assertEquals(0, explorer.ringDropped());
        assertEquals(10L * FeedClient.PACKETS_PER_SECOND_MAX, reading.count("packet"),
                "a browser that answers its Pings gets everything");
        assertTrue(reading.pings > 0);

        // A Pong no Ping carried does not open the window.
        int sends = deaf.sends;
        deafClient.pong(Long.MAX_VALUE);
        assertEquals(sends, deaf.sends);
        // The browser reads again: its Pong lets the queue drain, newest messages kept.
        deafClient.pong(FeedClient.PING_EVERY);
        assertTrue(deaf.sends > sends);
    }

    /** 200,000 fulfilled packets, pumped every 500, the clock moving a second every 20,000. */
    private void tenSecondsOf20000PacketsEach(Explorer explorer) {
        for (long seq = 1; seq <= 200_000; seq++) {
            explorer.packet(Packets.fulfilled(seq, "alice", "bob", 100));
            if (seq % 500 == 0) {
                explorer.pump();
            }
            if (seq % 20_000 == 0) {
                nanos += 1_000_000_000L;
                explorer.pump();
            }
        }
        explorer.pump();
    }

    /** With no pump at all the ring fills: publishing drops and counts, it never waits. */
    @Test
    void withTheReaderStalledPublishingDropsAndCounts() {
        Explorer explorer = explorer(256, 100, 1 << 20);
        for (long seq = 1; seq <= 10_000; seq++) {
            explorer.packet(Packets.fulfilled(seq, "alice", "bob", 0));
        }
        assertEquals(256, explorer.ringSize());
        assertEquals(10_000 - 256, explorer.dropped());
        explorer.pump();
        assertEquals(0, explorer.ringSize());
        assertEquals(List.of(256L), explorer.log().find(null, null, null, null, 1).stream()
                .map(LoggedPacket::id).toList());
    }

    @Test
    void balanceChangesAreCoalescedPerPeer() {
        Explorer explorer = explorer(64, 10, 1 << 20);
        Browser browser = new Browser(true);
        explorer.clients().join(browser);
        for (int i = 0; i < 1000; i++) {
            explorer.balanceChanged("alice");
            explorer.balanceChanged("bob");
        }
        explorer.pump();
        assertEquals(2, browser.count("balance"));
        explorer.pump();
        assertEquals(2, browser.count("balance"));
        explorer.balanceChanged("alice");
        explorer.pump();
        assertEquals(2, browser.count("balance"), "at most one message a quarter second");
        nanos += Explorer.BALANCE_PERIOD_NANOS;
        explorer.pump();
        assertEquals(3, browser.count("balance"));
    }

    @Test
    void linkRoutesAndSettlementEventsReachEveryClient() {
        Explorer explorer = explorer(64, 10, 1 << 20);
        Browser a = new Browser(true);
        Browser b = new Browser(true);
        explorer.clients().join(a);
        explorer.clients().join(b);
        explorer.linkChanged("bob", false);
        explorer.routesChanged(7);
        explorer.settlement(new SettlementEvent(Packets.AT, "bob", "k1", 1000, false,
                SettlementEvent.Status.REQUESTED, "threshold"));
        explorer.pump();
        List<String> expected = List.of("{\"type\":\"link\",\"peer\":\"bob\",\"up\":false}",
                "{\"type\":\"routes\",\"epoch\":7}",
                "{\"type\":\"settlement\",\"peer\":\"bob\",\"key\":\"k1\",\"amount\":\"1000\","
                        + "\"incoming\":false,\"status\":\"requested\","
                        + "\"detail\":\"threshold\"}");
        assertEquals(expected, a.received);
        assertEquals(expected, b.received);
    }

    @Test
    void atMostEightClients() {
        Explorer explorer = explorer(64, 10, 1 << 20);
        List<FeedClient> clients = new ArrayList<>();
        for (int i = 0; i < FeedClients.CLIENTS_MAX; i++) {
            clients.add(assertNotNullReturn(explorer.clients().join(new Browser(true))));
        }
        assertNull(explorer.clients().join(new Browser(true)));
        explorer.clients().leave(clients.get(0));
        assertNotNull(explorer.clients().join(new Browser(true)), "a leaving client frees a place");
    }

    private static FeedClient assertNotNullReturn(FeedClient c) {
        assertNotNull(c);
        return c;
    }
}
