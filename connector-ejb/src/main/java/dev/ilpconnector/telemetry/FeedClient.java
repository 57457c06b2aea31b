package dev.ilpconnector.telemetry;

import java.util.ArrayDeque;

/**
 * One feed subscriber: a bounded queue in front of its sink with one frame in flight. A browser
 * that reads slowly (or never) fills its queue; then the oldest message goes and is counted,
 * so nothing it does reaches back to the pump or the packet path. Packet messages are also
 * capped per second, so the table can say "showing N of M/s".
 *
 * <p>A send completes once the operating system has taken the frame, and a socket's send
 * buffer takes megabytes: a browser that stopped reading would otherwise be fed for a minute
 * before its queue filled, all of it stale by then. So the client also bounds what the browser
 * has not yet read: every {@link #PING_EVERY} characters it sends a WebSocket Ping carrying the
 * count sent so far; the Pong (browsers answer on their own, after reading all before it)
 * confirms that much read. With {@link #UNREAD_MAX} unconfirmed, sending waits and the queue
 * takes the rest.
 */
public final class FeedClient {

    /** Messages waiting per client: about 200 KiB of JSON at most. */
    public static final int QUEUE_MAX = 512;
    /** Packet messages a client gets per second; the 1/s totals come on top. */
    public static final int PACKETS_PER_SECOND_MAX = 200;
    /** Characters sent and not yet confirmed read before sending waits (JSON: ~bytes). */
    public static final long UNREAD_MAX = 64 * 1024;
    /** A Ping goes out once this many characters were sent since the last one. */
    public static final long PING_EVERY = 16 * 1024;

    private final FeedSink sink;
    private final ArrayDeque<String> queue = new ArrayDeque<>();
    /** A text or ping frame is in flight. */
    private boolean sending;
    private boolean closed;
    private long dropped;
    /** Characters handed to the sink, and as of the last Ping and the last valid Pong. */
    private long sentChars;
    private long pingedChars;
    private long readChars;
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
        }
        sendNext();
    }

    /**
     * The browser answered the Ping that carried {@code mark}: it has read everything sent
     * before it. A mark no Ping carried (a forged Pong) is ignored.
     */
    public void pong(long mark) {
        synchronized (this) {
            if (mark <= readChars || mark > pingedChars) {
                return;
            }
            readChars = mark;
        }
        sendNext();
    }

    /**
     * Unless a frame is in flight: a Ping when one is due, else the oldest message while the
     * browser is less than {@link #UNREAD_MAX} behind.
     */
    private void sendNext() {
        String text = null;
        long mark;
        synchronized (this) {
            if (closed || sending) {
                return;
            }
            if (sentChars - pingedChars >= PING_EVERY) {
                pingedChars = sentChars;
            } else if (queue.isEmpty() || sentChars - readChars >= UNREAD_MAX) {
                return;
            } else {
                text = queue.pollFirst();
                sentChars += text.length();
            }
            mark = sentChars;
            sending = true;
        }
        if (text == null) {
            sink.ping(mark, this::sent);
        } else {
            sink.send(text, this::sent);
        }
    }

    private void sent(boolean ok) {
        if (!ok) {
            close(1011, "send failed");
            return;
        }
        synchronized (this) {
            sending = false;
        }
        sendNext();
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
