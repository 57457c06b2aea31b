package dev.ilpconnector.telemetry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class PacketLogTest {

    private static final Asset XRP = new Asset("XRP", 9);

    @Test
    void keepsTheLastPacketsNewestFirst() {
        PacketLog log = new PacketLog(3, 1 << 20);
        for (long seq = 1; seq <= 5; seq++) {
            log.add(LoggedPacket.of(Packets.fulfilled(seq, "alice", "bob", 0), XRP));
        }
        assertEquals(3, log.size());
        assertEquals(5, log.logged());
        assertEquals(List.of(5L, 4L, 3L), log.find(null, null, null, null, 10).stream()
                .map(LoggedPacket::id).toList());
        assertNull(log.get(2), "left the log");
        assertNotNull(log.get(3));
    }

    @Test
    void oldestBytesGoFirstAndThePacketSaysSo() {
        LoggedPacket first = LoggedPacket.of(Packets.fulfilled(1, "alice", "bob", 1000), XRP);
        long one = first.bytes().prepare().length + first.bytes().response().length;
        PacketLog log = new PacketLog(100, 2 * one + one / 2);
        log.add(first);
        for (long seq = 2; seq <= 4; seq++) {
            log.add(LoggedPacket.of(Packets.fulfilled(seq, "alice", "bob", 1000), XRP));
        }
        assertNull(log.get(1).bytes());
        assertNull(log.get(2).bytes());
        assertNotNull(log.get(3).bytes());
        assertNotNull(log.get(4).bytes());
        assertEquals(2 * one, log.bytes());
        assertEquals(2, log.bytesEvicted());
        assertEquals(4, log.size(), "the packets stay, only their bytes went");
    }

    @Test
    void bytesOfPacketsLeavingTheLogAreNoLongerCounted() {
        PacketLog log = new PacketLog(2, 1 << 20);
        for (long seq = 1; seq <= 10; seq++) {
            log.add(LoggedPacket.of(Packets.fulfilled(seq, "alice", "bob", 100), XRP));
        }
        long two = 0;
        for (LoggedPacket p : log.find(null, null, null, null, 10)) {
            two += p.bytes().prepare().length + p.bytes().response().length;
        }
        assertEquals(two, log.bytes());
    }

    @Test
    void filtersByPeerPrefixCodeAndCondition() {
        PacketLog log = new PacketLog(100, 1 << 20);
        log.add(LoggedPacket.of(Packets.fulfilled(1, "alice", "bob", 0), XRP));
        log.add(LoggedPacket.of(Packets.fulfilled(2, "alice", "carol", 0), XRP));
        log.add(LoggedPacket.of(Packets.rejected(3, "alice", "T04", "no"), XRP));
        log.add(LoggedPacket.of(Packets.rejected(4, "dave", "F99", "no"), XRP));
        assertEquals(List.of(4L, 3L, 1L), ids(log.find("bob", null, null, null, 10)));
        assertEquals(List.of(2L), ids(log.find(null, "test.node.carol", null, null, 10)));
        assertEquals(List.of(3L), ids(log.find(null, null, "T04", null, 10)));
        byte[] condition = Packets.sha256(Packets.fulfillment(2));
        assertEquals(List.of(2L), ids(log.find(null, null, null, condition, 10)));
        assertEquals(List.of(4L), ids(log.find(null, null, null, null, 1)));
        assertThrows(IllegalArgumentException.class, () -> log.find(null, null, null, null, 501));
    }

    @Test
    void aLongRejectMessageIsShortenedInTheListingButWholeInTheBytes() {
        String message = "x".repeat(5000);
        LoggedPacket p = LoggedPacket.of(Packets.rejected(1, "alice", "F99", message), XRP);
        assertEquals(LoggedPacket.MESSAGE_CHARS_MAX + 1, p.message().length());
        assertEquals(true, p.bytes().response().length > 5000);
    }

    /**
     * The log keeps packets flat and decodes them again: what a caller reads back is what was
     * logged, field by field, with its bytes and after the budget took them, across many turns
     * of the ring.
     */
    @Test
    void aPacketReadBackIsThePacketLoggedWithOrWithoutItsBytes() {
        PacketLog log = new PacketLog(7, 1 << 20);
        PacketLog noBytes = new PacketLog(7, 0);
        for (long seq = 1; seq <= 100; seq++) {
            PacketEvent e = seq % 3 == 0 ? Packets.rejected(seq, "alice", "F99", "x".repeat(2000))
                    : Packets.fulfilled(seq, "alice", "bob", (int) seq);
            LoggedPacket logged = LoggedPacket.of(e, XRP);
            log.add(logged);
            noBytes.add(logged);
            assertSameFields(logged, log.get(seq));
            assertSameFields(logged, noBytes.get(seq));
            assertArrayEquals(logged.bytes().prepare(), log.get(seq).bytes().prepare());
            assertArrayEquals(logged.bytes().response(), log.get(seq).bytes().response());
            assertNull(noBytes.get(seq).bytes());
        }
        assertEquals(7, log.size());
        assertNull(log.get(93));
    }

    private static void assertSameFields(LoggedPacket expected, LoggedPacket actual) {
        assertEquals(expected.id(), actual.id());
        assertEquals(expected.time(), actual.time());
        assertEquals(expected.from(), actual.from());
        assertEquals(expected.to(), actual.to());
        assertEquals(expected.destination(), actual.destination());
        assertEquals(expected.amount(), actual.amount());
        assertEquals(expected.expiresAt(), actual.expiresAt());
        assertEquals(expected.outgoing().amount(), actual.outgoing().amount());
        assertEquals(expected.outgoing().expiresAt(), actual.outgoing().expiresAt());
        assertArrayEquals(expected.condition(), actual.condition());
        assertEquals(expected.asset(), actual.asset());
        assertEquals(expected.fulfilled(), actual.fulfilled());
        assertArrayEquals(expected.fulfillment(), actual.fulfillment());
        assertEquals(expected.code(), actual.code());
        assertEquals(expected.message(), actual.message());
        assertEquals(expected.triggeredBy(), actual.triggeredBy());
        assertEquals(expected.heldNanos(), actual.heldNanos());
        assertEquals(expected.forwardedNanos(), actual.forwardedNanos());
        assertEquals(expected.answeredNanos(), actual.answeredNanos());
    }

    private static List<Long> ids(List<LoggedPacket> packets) {
        return packets.stream().map(LoggedPacket::id).toList();
    }
}
