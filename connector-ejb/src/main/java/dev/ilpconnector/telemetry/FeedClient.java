package dev.ilpconnector.telemetry;

import java.util.ArrayDeque;

/**
 * One feed subscriber: a bounded queue in front of its sink with one send in flight. A browser
 * that reads slowly (or never) fills its queue; then the oldest message goes and is counted,
 * so nothing it does reaches back to the pump or the packet path. Packet messages are also
 * capped per second, so the table can say "showing N of M/s".
 */
public final class FeedClient {

    /** Messages waiting per client: about 200 KiB of JSON at most. */
    public static final int QUEUE_MAX = 512;
    /** Packet messages a client gets per second; the 1/s totals come on top. */
    public static final int PACKETS_PER_SECOND_MAX = 200;

    private final FeedSink sink;
    private final ArrayDeque<String> queue = new ArrayDeque<>();
    private boolean sending;
    private boolean closed;
    private long dropped;
    /** Pump thread only. */
    private int packetsThisSecond;

    FeedClient(FeedSink sink) {
        this.sink = sink;
    }

    /** Whether another packet fits in this second's allowance (pump thread). */
    boolean takesPacket() {
        if (packetsThisSecond >= PACKETS_PER_SECOND_MAX) {
            return false;
        }
        packetsThisSecond++;
        return true;
    }

    /** Packet messages taken this second; starts a new second (pump thread). */
    int newSecond() {
        int shown = packetsThisSecond;
        packetsThisSecond = 0;
        return shown;
    }

    /** Queues the message, dropping the oldest when full; starts a send if none is running. */
    void offer(String text) {
        synchronized (this) {
            if (closed) {
                return;
            }
            if (queue.size() == QUEUE_MAX) {
                queue.removeFirst();
                dropped++;
            }
            queue.addLast(text);
            if (sending) {
                return;
            }
            sending = true;
        }
        sendNext();
    }

    private void sendNext() {
        String next;
        synchronized (this) {
            next = closed ? null : queue.pollFirst();
            if (next == null) {
                sending = false;
                return;
            }
        }
        sink.send(next, this::sent);
    }

    private void sent(boolean ok) {
        if (ok) {
            sendNext();
        } else {
            close(1011, "send failed");
        }
    }

    /** Stops sending and closes the sink; queued messages are discarded. */
    void close(int code, String reason) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            queue.clear();
        }
        sink.close(code, reason);
    }

    synchronized boolean closed() {
        return closed;
    }

    /** Messages this client lost to a full queue. */
    public synchronized long dropped() {
        return dropped;
    }

    /** Messages waiting now. */
    public synchronized int queued() {
        return queue.size();
    }
}
