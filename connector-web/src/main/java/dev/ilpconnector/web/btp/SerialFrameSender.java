package dev.ilpconnector.web.btp;

import dev.ilpconnector.packetswitch.LinkDownException;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * A {@link FrameSender} that keeps at most one asynchronous write in progress per WebSocket:
 * Jakarta WebSocket does not promise that a second {@code sendBinary} may start before the first
 * finished. Frames wait in a bounded queue; one drainer at a time starts the next write, and a
 * write that completes inline does not recurse (the drainer loops instead).
 */
final class SerialFrameSender implements FrameSender {

    /** Starts one write; calls {@code done} with null on success, else with the failure. */
    interface AsyncWriter {
        void write(ByteBuffer frame, Consumer<Throwable> done);
    }

    private static final Logger LOG = Logger.getLogger(SerialFrameSender.class.getName());

    private record Outgoing(ByteBuffer frame, CompletableFuture<Void> done) {
    }

    private final AsyncWriter writer;
    private final Consumer<String> closer;
    private final Queue<Outgoing> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    /** Drain requests; only the caller that moves it from 0 drains, the others make it loop. */
    private final AtomicInteger drainRequests = new AtomicInteger();
    private final AtomicBoolean writing = new AtomicBoolean();
    private volatile boolean closed;

    SerialFrameSender(AsyncWriter writer, Consumer<String> closer) {
        this.writer = writer;
        this.closer = closer;
    }

    /** A sender over a container session's asynchronous remote endpoint. */
    static SerialFrameSender of(Session session) {
        AsyncWriter writer = (frame, done) -> session.getAsyncRemote().sendBinary(frame,
                result -> done.accept(result.isOK() ? null : result.getException()));
        return new SerialFrameSender(writer, reason -> closeSession(session, reason));
    }

    @Override
    public CompletionStage<Void> send(byte[] frame) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (closed) {
            done.completeExceptionally(new LinkDownException("session closed"));
            return done;
        }
        if (queued.incrementAndGet() > BtpLimits.SEND_QUEUE_FRAMES_MAX) {
            queued.decrementAndGet();
            done.completeExceptionally(new LinkDownException("send queue full"));
            close("peer does not read its frames");
            return done;
        }
        queue.add(new Outgoing(ByteBuffer.wrap(frame), done));
        drain();
        return done;
    }

    @Override
    public void close(String reason) {
        closed = true;
        closer.accept(reason);
        LinkDownException down = new LinkDownException("session closed");
        for (Outgoing left = queue.poll(); left != null; left = queue.poll()) {
            queued.decrementAndGet();
            left.done().completeExceptionally(down);
        }
    }

    private void drain() {
        if (drainRequests.getAndIncrement() != 0) {
            return;
        }
        do {
            if (!writing.get()) {
                Outgoing next = queue.poll();
                if (next != null) {
                    queued.decrementAndGet();
                    writing.set(true);
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
