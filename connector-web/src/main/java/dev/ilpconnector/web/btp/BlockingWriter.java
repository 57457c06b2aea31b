package dev.ilpconnector.web.btp;

import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Writes one WebSocket's frames with the container's blocking remote, on a managed thread of its
 * own. Liberty completes every asynchronous write on a worker thread of its TCP channel: a bare
 * echo answering that way does a quarter of the round trips of one writing on the reading thread
 * ({@code bench/load.sh ... "echo echo-async"}, docs/performance.md). Here a burst of frames
 * costs one wake-up, and a peer that stops reading blocks only this thread, never a WebSocket
 * thread, until the {@link SerialFrameSender}'s bounds close the session.
 *
 * <p>{@link SerialFrameSender} keeps at most one write outstanding, so the queue holds at most
 * one frame; the next is queued from the completion, on this thread, without a wake-up.
 */
final class BlockingWriter implements SerialFrameSender.AsyncWriter {

    private static final Logger LOG = Logger.getLogger(BlockingWriter.class.getName());

    private record Job(ByteBuffer frame, Consumer<Throwable> done) {
    }

    private static final Job STOP = new Job(ByteBuffer.allocate(0), failure -> { });

    private static final int IDLE = 0;
    private static final int WRITING = 1;
    /** Writing, and the connection was closed meanwhile: counted in {@link #stalls}. */
    private static final int STALLED = 2;

    private final Session session;
    private final BlockingQueue<Job> jobs = new LinkedBlockingQueue<>();
    private final AtomicInteger state = new AtomicInteger(IDLE);
    private volatile AtomicInteger stalls = new AtomicInteger();
    private volatile boolean stopped;

    private BlockingWriter(Session session) {
        this.session = session;
    }

    /** A writer for {@code session} whose thread comes from {@code threads}. */
    static BlockingWriter start(Session session, ThreadFactory threads) {
        BlockingWriter writer = new BlockingWriter(session);
        threads.newThread(writer::run).start();
        return writer;
    }

    @Override
    public void write(ByteBuffer frame, Consumer<Throwable> done) {
        if (stopped) {
            done.accept(new IOException("session closed"));
            return;
        }
        jobs.add(new Job(frame, done));
    }

    /** Called between writes only (the sender holds its writing flag). */
    @Override
    public void ping(ByteBuffer data) throws IOException {
        session.getBasicRemote().sendPing(data);
    }

    /**
     * Ends the thread after the write in progress, if any. That write may outlive the
     * connection: the container's blocking write has no timeout and ignores both the close and
     * an interrupt, so it returns only when the peer reads or the TCP connection breaks; until
     * then it counts as stalled.
     */
    @Override
    public void release() {
        stopped = true;
        jobs.add(STOP);
        if (state.compareAndSet(WRITING, STALLED)) {
            stalls.incrementAndGet();
        }
    }

    @Override
    public void countStallsIn(AtomicInteger stalled) {
        stalls = stalled;
    }

    private void run() {
        try {
            for (Job job = jobs.take(); job != STOP; job = jobs.take()) {
                Throwable failure = null;
                state.set(WRITING);
                try {
                    if (stopped) { // released before this write began
                        throw new IOException("session closed");
                    }
                    session.getBasicRemote().sendBinary(job.frame());
                } catch (IOException | RuntimeException e) {
                    failure = e;
                } finally {
                    if (!state.compareAndSet(WRITING, IDLE)) { // STALLED: no longer
                        state.set(IDLE);
                        stalls.decrementAndGet();
                    }
                }
                job.done().accept(failure);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.fine("btp.writer.interrupted");
        } finally {
            stopped = true;
            IOException closed = new IOException("session closed");
            for (Job left = jobs.poll(); left != null; left = jobs.poll()) {
                left.done().accept(closed);
            }
        }
    }
}
