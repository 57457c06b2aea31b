package dev.ilpconnector.stream;

import dev.ilpconnector.codec.oer.UInt64;
import dev.ilpconnector.codec.stream.StreamKeys;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the receiver remembers of one connection: its keys (derived once), the payment id and
 * receipt request from its token, and the money each stream has received in fulfilled
 * Prepares (for receipts and StreamMaxMoney), and per stream the data sent back to the sender
 * and how far its StreamMaxData lets it go. Totals and offsets change under the connection's
 * lock, held for a few map operations only.
 */
final class Connection {

    final String id;
    final String paymentId;
    final StreamKeys keys;
    final Optional<ReceiptRequest> receipt;
    private final Map<Long, Long> totals = new HashMap<>();
    /** Per stream: the offset of the next byte we send the sender, and its window's end. */
    private final Map<Long, long[]> dataOut = new HashMap<>();
    private volatile long lastSeenMillis;

    Connection(String id, String paymentId, StreamKeys keys, Optional<ReceiptRequest> receipt,
            long nowMillis) {
        this.id = id;
        this.paymentId = paymentId;
        this.keys = keys;
        this.receipt = receipt;
        this.lastSeenMillis = nowMillis;
    }

    void seen(long nowMillis) {
        lastSeenMillis = nowMillis;
    }

    boolean expired(long nowMillis, long ttlMillis) {
        return nowMillis - lastSeenMillis > ttlMillis;
    }

    synchronized long total(long streamId) {
        return totals.getOrDefault(streamId, 0L);
    }

    synchronized int streamCount() {
        return totals.size();
    }

    synchronized boolean knows(long streamId) {
        return totals.containsKey(streamId);
    }

    /**
     * Adds the amounts a fulfilled Prepare brought to its streams; returns the new totals.
     * A total saturates at 2^64-1 rather than wrap (it only feeds receipts).
     */
    synchronized long[] credit(long[] streamIds, long[] amounts) {
        long[] after = new long[streamIds.length];
        for (int i = 0; i < streamIds.length; i++) {
            long before = totals.getOrDefault(streamIds[i], 0L);
            long sum = before + amounts[i];
            long total = UInt64.compare(sum, before) < 0 ? UInt64.MAX : sum;
            totals.put(streamIds[i], total);
            after[i] = total;
        }
        return after;
    }

    /**
     * Takes {@code length} bytes of the stream's outgoing data: their offset, or -1 when that
     * would pass the largest offset the sender allowed (RFC 29 §5.3.8; none allowed yet: -1).
     *
     * @param senderMaxOffset the StreamMaxData of the sender's Prepare, 0 when it had none
     */
    synchronized long takeDataOffset(long streamId, long senderMaxOffset, int length) {
        long[] out = dataOut.computeIfAbsent(streamId, id -> new long[] {0, 0});
        if (UInt64.compare(senderMaxOffset, out[1]) > 0) {
            out[1] = senderMaxOffset;
        }
        if (UInt64.compare(out[0] + length, out[1]) > 0) {
            return -1;
        }
        long offset = out[0];
        out[0] += length;
        return offset;
    }
}
