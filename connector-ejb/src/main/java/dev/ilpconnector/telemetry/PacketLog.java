package dev.ilpconnector.telemetry;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The last {@code packetsMax} answered packets, newest last, with their wire bytes while those
 * fit in {@code bytesMax}: past the budget the oldest packets lose their bytes first (and say
 * so), past the count the oldest packets go. Written by the explorer's pump, read by admin
 * calls; one lock, never taken on the packet path.
 */
public final class PacketLog {

    /** What a listing may ask for at most. */
    public static final int LIMIT_MAX = 500;

    private final int packetsMax;
    private final long bytesMax;
    private final ArrayDeque<LoggedPacket> packets = new ArrayDeque<>();
    /** The packets still holding bytes, oldest first: always the newest part of the log. */
    private final ArrayDeque<LoggedPacket> withBytes = new ArrayDeque<>();
    private final Map<Long, LoggedPacket> byId = new HashMap<>();
    private long bytes;
    private long logged;
    private long bytesEvicted;

    public PacketLog(int packetsMax, long bytesMax) {
        if (packetsMax < 1 || bytesMax < 0) {
            throw new IllegalArgumentException("packet log needs packetsMax >= 1, bytesMax >= 0");
        }
        this.packetsMax = packetsMax;
        this.bytesMax = bytesMax;
    }

    public synchronized void add(LoggedPacket packet) {
        packets.addLast(packet);
        byId.put(packet.id(), packet);
        logged++;
        LoggedPacket.Bytes b = packet.bytes();
        if (b != null) {
            withBytes.addLast(packet);
            bytes += b.length();
        }
        while (packets.size() > packetsMax) {
            LoggedPacket old = packets.removeFirst();
            byId.remove(old.id());
            if (!withBytes.isEmpty() && withBytes.peekFirst() == old) {
                withBytes.removeFirst();
                bytes -= old.bytes().length();
            }
        }
        while (bytes > bytesMax) {
            LoggedPacket old = withBytes.removeFirst();
            bytes -= old.bytes().length();
            old.evictBytes();
            bytesEvicted++;
        }
    }

    /** The packet with this id, or null when it is unknown or left the log. */
    public synchronized LoggedPacket get(long id) {
        return byId.get(id);
    }

    /**
     * Newest first, at most {@code limit} (1..{@link #LIMIT_MAX}) packets matching every filter
     * given (null: any). {@code peer} matches the source or the next hop, {@code prefix} the
     * destination's start, {@code code} the reject code, {@code condition} the execution
     * condition.
     */
    public synchronized List<LoggedPacket> find(String peer, String prefix, String code,
                                                byte[] condition, int limit) {
        if (limit < 1 || limit > LIMIT_MAX) {
            throw new IllegalArgumentException("limit must be 1.." + LIMIT_MAX);
        }
        List<LoggedPacket> out = new ArrayList<>(Math.min(limit, packets.size()));
        for (Iterator<LoggedPacket> it = packets.descendingIterator();
             it.hasNext() && out.size() < limit; ) {
            LoggedPacket p = it.next();
            if (p.matches(peer, prefix, code, condition)) {
                out.add(p);
            }
        }
        return out;
    }

    /** Packets in the log now. */
    public synchronized int size() {
        return packets.size();
    }

    /** Packets logged since start (including those that left the log). */
    public synchronized long logged() {
        return logged;
    }

    /** Wire bytes held now. */
    public synchronized long bytes() {
        return bytes;
    }

    /** Packets whose bytes were evicted to keep within the byte budget, since start. */
    public synchronized long bytesEvicted() {
        return bytesEvicted;
    }
}
