package dev.ilpconnector.web.btp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ilpconnector.packetswitch.PeerLoad;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class SerialFrameSenderTest {

    private static final byte[] PING = {'b', 't', 'p'};

    @Test
    void writesCompletingInlineGoOutInOrderWithoutRecursion() {
        List<Integer> written = new ArrayList<>();
        SerialFrameSender sender = new SerialFrameSender(writes((frame, done) -> {
                    written.add(frame.getInt());
                    done.accept(null);
                }), reason -> { });
        // Far more frames than a recursive drain could take on the stack.
        for (int i = 0; i < BtpLimits.SEND_QUEUE_FRAMES_MAX; i++) {
            assertTrue(sender.send(ByteBuffer.allocate(4).putInt(i).array())
                    .toCompletableFuture().isDone());
        }
        assertEquals(BtpLimits.SEND_QUEUE_FRAMES_MAX, written.size());
        for (int i = 0; i < written.size(); i++) {
            assertEquals(i, written.get(i));
        }
    }

    @Test
    void oneWriteAtATime() {
        Deque<Consumer<Throwable>> outstanding = new ArrayDeque<>();
        List<Integer> written = new ArrayList<>();
        SerialFrameSender sender = new SerialFrameSender(writes((frame, done) -> {
            written.add(frame.getInt());
            outstanding.add(done);
        }), reason -> { });
        CompletionStage<Void> first = sender.send(ByteBuffer.allocate(4).putInt(1).array());
        CompletionStage<Void> second = sender.send(ByteBuffer.allocate(4).putInt(2).array());
        assertEquals(List.of(1), written);
        assertEquals(1, outstanding.size());

        outstanding.poll().accept(null);
        assertTrue(first.toCompletableFuture().isDone());
        assertEquals(List.of(1, 2), written);

        outstanding.poll().accept(new IllegalStateException("broken pipe"));
        assertTrue(second.toCompletableFuture().isCompletedExceptionally());
    }

    @Test
    void fullQueueFailsTheFrameAndClosesTheSession() {
        List<String> closed = new ArrayList<>();
        SerialFrameSender sender = new SerialFrameSender(writes((frame, done) -> { }),
                closed::add);
        for (int i = 0; i <= BtpLimits.SEND_QUEUE_FRAMES_MAX; i++) {
            sender.send(new byte[] {1});    // the first is being written, the rest queue
        }
        assertTrue(closed.isEmpty());
        CompletionStage<Void> over = sender.send(new byte[] {1});

        assertTrue(over.toCompletableFuture().isCompletedExceptionally());
        assertEquals(1, closed.size());
        assertTrue(sender.send(new byte[] {1}).toCompletableFuture().isCompletedExceptionally());
    }

    @Test
    void queueIsBoundedInBytesNotOnlyInFrames() {
        List<String> closed = new ArrayList<>();
        Deque<Consumer<Throwable>> outstanding = new ArrayDeque<>();
        SerialFrameSender sender = new SerialFrameSender(
                writes((frame, done) -> outstanding.add(done)), closed::add);
        byte[] big = new byte[dev.ilpconnector.Limits.BTP_FRAME_BYTES_MAX];
        long fit = BtpLimits.SEND_QUEUE_BYTES_MAX / big.length;
        for (int i = 0; i < fit; i++) {
            assertFalse(sender.send(big).toCompletableFuture().isCompletedExceptionally());
        }
        assertTrue(closed.isEmpty());
        assertTrue(fit < BtpLimits.SEND_QUEUE_FRAMES_MAX, "far fewer frames than the count bound");

        CompletionStage<Void> over = sender.send(big);

        assertTrue(over.toCompletableFuture().isCompletedExceptionally());
        assertEquals(List.of("peer does not read its frames"), closed);
        // What was queued is failed and its bytes are given back.
        assertEquals(0, sender.queuedFrames());
        outstanding.poll().accept(null);
        assertEquals(0, sender.queuedBytes());
    }

    @Test
    void writtenFramesGiveTheirBytesBack() {
        Deque<Consumer<Throwable>> outstanding = new ArrayDeque<>();
        SerialFrameSender sender = new SerialFrameSender(
                writes((frame, done) -> outstanding.add(done)), reason -> { });
        byte[] big = new byte[dev.ilpconnector.Limits.BTP_FRAME_BYTES_MAX];
        for (int round = 0; round < 4 * BtpLimits.SEND_QUEUE_BYTES_MAX / big.length; round++) {
            CompletionStage<Void> sent = sender.send(big);
            outstanding.poll().accept(null);
            assertTrue(sent.toCompletableFuture().isDone());
            assertFalse(sent.toCompletableFuture().isCompletedExceptionally());
        }
        assertEquals(0, sender.queuedBytes());
    }

    @Test
    void sessionsOfOnePeerShareOneByteBound() {
        PeerLoad peer = new PeerLoad();
        List<String> closed = new ArrayList<>();
        byte[] big = new byte[dev.ilpconnector.Limits.BTP_FRAME_BYTES_MAX];
        long perSocket = BtpLimits.SEND_QUEUE_BYTES_MAX / big.length;
        long perPeer = BtpLimits.SEND_QUEUE_BYTES_PER_PEER_MAX / big.length;
        SerialFrameSender last = null;
        long sent = 0;
        // Sockets each well within their own bound, together at the peer's.
        while (sent < perPeer) {
            last = new SerialFrameSender(writes((frame, done) -> { }), closed::add);
            last.chargeTo(peer);
            for (int i = 0; i < perSocket / 2 && sent < perPeer; i++, sent++) {
                assertFalse(last.send(big).toCompletableFuture().isCompletedExceptionally());
            }
        }
        assertTrue(closed.isEmpty());

        assertTrue(last.send(big).toCompletableFuture().isCompletedExceptionally());
        assertEquals(List.of("peer does not read its frames"), closed);
        assertTrue(last.queuedBytes() <= BtpLimits.SEND_QUEUE_BYTES_MAX / 2);
    }

    /**
     * A keep-alive ping started beside a binary write closed a busy session in the load bench;
     * pings now wait for a gap between writes, and frames wait for the ping.
     */
    @Test
    void aPingNeverOverlapsAWrite() throws Exception {
        List<String> events = new ArrayList<>();
        Deque<Consumer<Throwable>> outstanding = new ArrayDeque<>();
        AtomicReference<SerialFrameSender> self = new AtomicReference<>();
        SerialFrameSender sender = new SerialFrameSender(new SerialFrameSender.AsyncWriter() {
            @Override
            public void write(ByteBuffer frame, Consumer<Throwable> done) {
                events.add("write " + frame.get(0));
                outstanding.add(done);
            }

            @Override
            public void ping(ByteBuffer data) {
                events.add("ping");
                // A Fulfill the switch sends while the ping is on the wire.
                self.get().send(new byte[] {2});
                events.add("ping done");
            }

            @Override
            public void release() {
            }
        }, reason -> { });
        self.set(sender);

        sender.send(new byte[] {1});
        assertFalse(sender.pingIfIdle(PING), "a write is in progress");
        outstanding.poll().accept(null);
        assertTrue(sender.pingIfIdle(PING));

        assertEquals(List.of("write 1", "ping", "ping done", "write 2"), events);
        outstanding.poll().accept(null);
        assertEquals(0, sender.queuedFrames());
        assertEquals(0, sender.queuedBytes());
    }

    @Test
    void aFailedPingReachesTheCaller() {
        SerialFrameSender sender = new SerialFrameSender(new SerialFrameSender.AsyncWriter() {
            @Override
            public void write(ByteBuffer frame, Consumer<Throwable> done) {
                done.accept(null);
            }

            @Override
            public void ping(ByteBuffer data) throws IOException {
                throw new IOException("broken pipe");
            }

            @Override
            public void release() {
            }
        }, reason -> { });
        assertThrows(IOException.class, () -> sender.pingIfIdle(PING));
        // The socket is free again for frames.
        assertTrue(sender.send(new byte[] {1}).toCompletableFuture().isDone());
    }

    /** A writer whose frames go to {@code write}; pings succeed. */
    private static SerialFrameSender.AsyncWriter writes(
            BiConsumer<ByteBuffer, Consumer<Throwable>> write) {
        return new SerialFrameSender.AsyncWriter() {
            @Override
            public void write(ByteBuffer frame, Consumer<Throwable> done) {
                write.accept(frame, done);
            }

            @Override
            public void ping(ByteBuffer data) {
            }

            @Override
            public void release() {
            }
        };
    }
}
