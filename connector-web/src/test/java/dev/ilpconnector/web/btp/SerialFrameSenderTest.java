package dev.ilpconnector.web.btp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class SerialFrameSenderTest {

    @Test
    void writesCompletingInlineGoOutInOrderWithoutRecursion() {
        List<Integer> written = new ArrayList<>();
        SerialFrameSender sender = new SerialFrameSender(
                (frame, done) -> {
                    written.add(frame.getInt());
                    done.accept(null);
                }, reason -> { });
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
        SerialFrameSender sender = new SerialFrameSender((frame, done) -> {
            written.add(frame.getInt());
            outstanding.add(done);
        }, reason -> { });
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
        SerialFrameSender sender = new SerialFrameSender((frame, done) -> { },
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
}
