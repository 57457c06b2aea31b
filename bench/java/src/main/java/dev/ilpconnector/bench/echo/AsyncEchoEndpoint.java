package dev.ilpconnector.bench.echo;

import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.nio.ByteBuffer;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends every binary message back through the asynchronous remote, one write at a time, as the
 * node's BTP sessions write: the transport's limit on that path, where {@link EchoEndpoint}
 * writes on the reading thread.
 */
public final class AsyncEchoEndpoint extends Endpoint {

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        session.setMaxBinaryMessageBufferSize(1 << 16);
        Queue<ByteBuffer> queue = new ConcurrentLinkedQueue<>();
        AtomicBoolean writing = new AtomicBoolean();
        session.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) frame -> {
            ByteBuffer copy = ByteBuffer.allocate(frame.remaining()).put(frame).flip();
            queue.add(copy);
            writeNext(session, queue, writing);
        });
    }

    private static void writeNext(Session session, Queue<ByteBuffer> queue, AtomicBoolean writing) {
        while (!queue.isEmpty() && writing.compareAndSet(false, true)) {
            ByteBuffer next = queue.poll();
            if (next == null) {
                writing.set(false);
                continue;
            }
            session.getAsyncRemote().sendBinary(next, result -> {
                writing.set(false);
                writeNext(session, queue, writing);
            });
            return;
        }
    }
}
