package dev.ilpconnector.telemetry;

import dev.ilpconnector.codec.ilp.IlpCodec;
import dev.ilpconnector.codec.ilp.IlpPrepare;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The last {@code packetsMax} answered packets, newest last, with their wire bytes while those
 * fit in {@code bytesMax}: past the budget the oldest packets lose their bytes first (and say
 * so), past the count the oldest packets go. Written by the explorer's pump, read by admin
 * calls; one lock, never taken on the packet path.
 *
 * <p>Kept flat: a ring of primitive columns and two byte arrays a packet (its Prepare and
 * answer as on the wire, or their summaries once the budget took the bytes), so the young
 * collections of a busy node copy two objects a logged packet, not the dozen of its decoded
 * form. A {@link LoggedPacket} is decoded again when a caller asks for it.
 */
public final class PacketLog {

    /** What a listing may ask for at most. */
    public static final int LIMIT_MAX = 500;

    private final int packetsMax;
    private final long bytesMax;
    // one column per field, slot = position % packetsMax
    private final long[] sequence;
    private final long[] receivedSeconds;
    private final int[] receivedNanos;
    private final String[] from;
    private final String[] to;
    private final Asset[] asset;
    /** The Prepare as forwarded differs from the one received in amount and expiry only. */
    private final boolean[] forwarded;
    private final long[] outgoingAmount;
    private final long[] outgoingExpirySeconds;
    private final int[] outgoingExpiryNanos;
    private final long[] heldNanos;
    private final long[] forwardedNanos;
    private final long[] answeredNanos;
    private final byte[][] prepare;
    private final byte[][] response;
    /** Positions: the oldest packet kept, the oldest still holding its bytes, the next. */
    private long oldest;
    private long oldestWithBytes;
    private long next;
    private long bytes;
    private long bytesEvicted;

    public PacketLog(int packetsMax, long bytesMax) {
        if (packetsMax < 1 || bytesMax < 0) {
            throw new IllegalArgumentException("packet log needs packetsMax >= 1, bytesMax >= 0");
        }
        this.packetsMax = packetsMax;
        this.bytesMax = bytesMax;
        sequence = new long[packetsMax];
        receivedSeconds = new long[packetsMax];
        receivedNanos = new int[packetsMax];
        from = new String[packetsMax];
        to = new String[packetsMax];
        asset = new Asset[packetsMax];
        forwarded = new boolean[packetsMax];
        outgoingAmount = new long[packetsMax];
        outgoingExpirySeconds = new long[packetsMax];
        outgoingExpiryNanos = new int[packetsMax];
        heldNanos = new long[packetsMax];
        forwardedNanos = new long[packetsMax];
        answeredNanos = new long[packetsMax];
        prepare = new byte[packetsMax][];
        response = new byte[packetsMax][];
    }

    /** Logs a packet as {@link LoggedPacket#of} made it (with its bytes). */
    public synchronized void add(LoggedPacket packet) {
        if (packet.bytes() == null) {
            throw new IllegalArgumentException("log packets with their bytes");
        }
        if (next - oldest == packetsMax) {
            drop();
        }
        int i = slot(next);
        sequence[i] = packet.id();
        receivedSeconds[i] = packet.time().getEpochSecond();
        receivedNanos[i] = packet.time().getNano();
        from[i] = packet.from();
        to[i] = packet.to();
        asset[i] = packet.asset();
        IlpPrepare out = packet.outgoing();
        forwarded[i] = out != null;
        outgoingAmount[i] = out == null ? 0 : out.amount();
        outgoingExpirySeconds[i] = out == null ? 0 : out.expiresAt().getEpochSecond();
        outgoingExpiryNanos[i] = out == null ? 0 : out.expiresAt().getNano();
        heldNanos[i] = packet.heldNanos();
        forwardedNanos[i] = packet.forwardedNanos();
        answeredNanos[i] = packet.answeredNanos();
        LoggedPacket.Bytes b = packet.bytes();
        prepare[i] = b.prepare();
        response[i] = b.response();
        bytes += b.length();
        next++;
        while (bytes > bytesMax) {
            evictBytes();
        }
    }

    /** The packet with this id, or null when it is unknown or left the log. */
    public synchronized LoggedPacket get(long id) {
        for (long p = next - 1; p >= oldest; p--) {
            if (sequence[slot(p)] == id) {
                return decode(p);
            }
        }
        return null;
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
        List<LoggedPacket> out = new ArrayList<>(Math.min(limit, size()));
        for (long p = next - 1; p >= oldest && out.size() < limit; p--) {
            int i = slot(p);
            if (peer != null && !peer.equals(from[i]) && !peer.equals(to[i])) {
                continue; // the cheap filter first: no decoding
            }
            LoggedPacket packet = decode(p);
            if (packet.matches(peer, prefix, code, condition)) {
                out.add(packet);
            }
        }
        return out;
    }

    /** Packets in the log now. */
    public synchronized int size() {
        return (int) (next - oldest);
    }

    /** Packets logged since start (including those that left the log). */
    public synchronized long logged() {
        return next;
    }

    /** Wire bytes held now. */
    public synchronized long bytes() {
        return bytes;
    }

    /** Packets whose bytes were evicted to keep within the byte budget, since start. */
    public synchronized long bytesEvicted() {
        return bytesEvicted;
    }

    private int slot(long position) {
        return (int) (position % packetsMax);
    }

    private void drop() {
        int i = slot(oldest);
        if (oldestWithBytes == oldest) {
            bytes -= prepare[i].length + response[i].length;
            oldestWithBytes++;
        }
        from[i] = null;
        to[i] = null;
        asset[i] = null;
        prepare[i] = null;
        response[i] = null;
        oldest++;
    }

    private void evictBytes() {
        int i = slot(oldestWithBytes);
        bytes -= prepare[i].length + response[i].length;
        LoggedPacket packet = decode(oldestWithBytes);
        prepare[i] = IlpCodec.encode(packet.summaryPrepare());
        response[i] = IlpCodec.encode(packet.summaryResponse());
        oldestWithBytes++;
        bytesEvicted++;
    }

    private LoggedPacket decode(long position) {
        int i = slot(position);
        IlpPrepare received = IlpCodec.decodePrepare(prepare[i]);
        IlpPrepare out = !forwarded[i] ? null : new IlpPrepare(outgoingAmount[i],
                Instant.ofEpochSecond(outgoingExpirySeconds[i], outgoingExpiryNanos[i]),
                received.executionCondition(), received.destination(), new byte[0]);
        PacketEvent event = new PacketEvent(sequence[i],
                Instant.ofEpochSecond(receivedSeconds[i], receivedNanos[i]), from[i], to[i],
                received, out, IlpCodec.decodeResponse(response[i]), heldNanos[i],
                forwardedNanos[i], answeredNanos[i]);
        return position >= oldestWithBytes
                ? LoggedPacket.restored(event, asset[i],
                        new LoggedPacket.Bytes(prepare[i], response[i]))
                : LoggedPacket.restored(event, asset[i], null);
    }
}
