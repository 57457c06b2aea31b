package dev.ilpconnector.web.btp;

import dev.ilpconnector.packetswitch.LinkDownException;
import dev.ilpconnector.packetswitch.PeerLoad;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * A {@link FrameSender} that keeps at most one asynchronous write in progress per WebSocket:
 * Jakarta WebSocket does not promise that a second {@code sendBinary} may start before the first
 * finished. Frames wait in a queue bounded in frames and in bytes, per socket and (once the peer
 * is known) per peer; one drainer at a time starts the next write, and a write that completes
 * inline does not recurse (the drainer loops instead). Keep-alive pings go out only between
 * writes, for the same reason.
 */
final class SerialFrameSender implements FrameSender {

    /** Starts one write; calls {@code done} with null on success, else with the failure. */
    interface AsyncWriter {
        void write(ByteBuffer frame, Consumer<Throwable> done);

        /** Sends a WebSocket ping; returns once it is written. */
        void ping(ByteBuffer data) throws IOException;

        /** The connection is closed: frees what the writer holds (its thread). */
        void release();

        /**
         * Counts in {@code stalled} while a write outlives the connection. A writer that never
         * blocks a thread has nothing to count.
         */
        default void countStallsIn(AtomicInteger stalled) {
        }
    }

    private static final Logger LOG = Logger.getLogger(SerialFrameSender.class.getName());

    /** {@code peerBytes}: the peer's counter this frame's bytes were added to, or null. */
    private record Outgoing(ByteBuffer frame, CompletableFuture<Void> done, AtomicLong peerBytes) {
    }

    private final AsyncWriter writer;
    private final Consumer<String> closer;
    private final Queue<Outgoing> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    /** Bytes queued, the write in progress included. */
    private final AtomicLong queuedBytes = new AtomicLong();
    private volatile AtomicLong peerBytes;
    /** Drain requests; only the caller that moves it from 0 drains, the others make it loop. */
    private final AtomicInteger drainRequests = new AtomicInteger();
    private final AtomicBoolean writing = new AtomicBoolean();
    private volatile boolean closed;

    SerialFrameSender(AsyncWriter writer, Consumer<String> closer) {
        this.writer = writer;
        this.closer = closer;
    }

    /**
     * A sender over a container session, writing on a thread from {@code threads}. Closes run on
     * {@code tasks}: a close waits for the write in progress, which a peer that does not read
     * holds, and must not hold the thread that found the queue full.
     */
    static SerialFrameSender of(Session session, ThreadFactory threads, Executor tasks) {
        return new SerialFrameSender(BlockingWriter.start(session, threads),
                reason -> tasks.execute(() -> closeSession(session, reason)));
    }

    @Override
    public CompletionStage<Void> send(byte[] frame) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (closed) {
            done.completeExceptionally(new LinkDownException("session closed"));
            return done;
        }
        AtomicLong peer = peerBytes;
        long size = frame.length;
        boolean full = queued.incrementAndGet() > BtpLimits.SEND_QUEUE_FRAMES_MAX;
        full |= queuedBytes.addAndGet(size) > BtpLimits.SEND_QUEUE_BYTES_MAX;
        full |= peer != null
                && peer.addAndGet(size) > BtpLimits.SEND_QUEUE_BYTES_PER_PEER_MAX;
        Outgoing outgoing = new Outgoing(ByteBuffer.wrap(frame), done, peer);
        if (full) {
            queued.decrementAndGet();
            releaseBytes(outgoing);
            done.completeExceptionally(new LinkDownException("send queue full"));
            LOG.warning(() -> "btp.send.queue.full frames=" + queued.get() + " bytes="
                    + queuedBytes.get() + " peerBytes=" + (peer == null ? "-" : peer.get())
                    + " writing=" + writing.get());
            close("peer does not read its frames");
            return done;
        }
        queue.add(outgoing);
        drain();
        return done;
    }

    /**
     * Sends a keep-alive ping now if no write is in progress or queued, and holds off frames
     * until it is written. Returns false without pinging while frames flow: their completions
     * already show the peer reads, and a stalled peer fills the queue, which closes the session.
     */
    boolean pingIfIdle(byte[] data) throws IOException {
        if (closed || !queue.isEmpty() || !writing.compareAndSet(false, true)) {
            return false;
        }
        try {
            writer.ping(ByteBuffer.wrap(data));
            return true;
        } finally {
            writing.set(false);
            drain();
        }
    }

    /**
     * From now on the frames also count against the peer's queued bytes, which all sessions of
     * the peer share, and a write stalled past the close against its stalled writers.
     */
    @Override
    public void chargeTo(PeerLoad peer) {
        peerBytes = peer.queuedBytes;
        writer.countStallsIn(peer.stalledWriters);
    }

    /** Frames and bytes queued, for tests. */
    int queuedFrames() {
        return queued.get();
    }

    long queuedBytes() {
        return queuedBytes.get();
    }

    /** Gives the frame's bytes back: it was written, failed, or never queued. */
    private void releaseBytes(Outgoing outgoing) {
        long size = outgoing.frame().capacity();
        queuedBytes.addAndGet(-size);
        if (outgoing.peerBytes() != null) {
            outgoing.peerBytes().addAndGet(-size);
        }
    }

    @Override
    public void close(String reason) {
        closed = true;
        closer.accept(reason);
        closed();
    }

    /** The connection is closed (by either side): fails what is queued, frees the writer. */
    void closed() {
        closed = true;
        writer.release();
        LinkDownException down = new LinkDownException("session closed");
        for (Outgoing left = queue.poll(); left != null; left = queue.poll()) {
            queued.decrementAndGet();
            releaseBytes(left);
            left.done().completeExceptionally(down);
        }
    }

    private void drain() {
        if (drainRequests.getAndIncrement() != 0) {
            return;
        }
        do {
            // A CAS, not a check: a keep-alive ping may take the socket between two writes.
            if (writing.compareAndSet(false, true)) {
                Outgoing next = queue.poll();
                if (next == null) {
                    writing.set(false);
                } else {
                    queued.decrementAndGet();
                    start(next);
                }
            }
        } while (drainRequests.decrementAndGet() != 0);
    }

    private void start(Outgoing next) {
        try {
            writer.write(next.frame(), failure -> finished(next, failure));
        } catch (RuntimeException e) {
            finished(next, e);
        }
    }

    private void finished(Outgoing sent, Throwable failure) {
        releaseBytes(sent);
        writing.set(false);
        if (failure == null) {
            sent.done().complete(null);
        } else {
            LOG.fine(() -> "btp.write.failed reason=\"" + failure + "\"");
            sent.done().completeExceptionally(new LinkDownException("write failed"));
        }
        drain();
    }

    private static void closeSession(Session session, String reason) {
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, reason));
        } catch (IOException e) {
            // Closing a broken connection may fail; the container reports the close either way.
            LOG.fine(() -> "btp.close.failed reason=\"" + e.getMessage() + "\"");
        }
    }
}
