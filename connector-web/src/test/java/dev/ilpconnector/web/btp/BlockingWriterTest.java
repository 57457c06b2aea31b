package dev.ilpconnector.web.btp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ilpconnector.packetswitch.LinkDownException;
import dev.ilpconnector.packetswitch.PeerLoad;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BlockingWriterTest {

    /** A session whose blocking remote records each frame and the thread that wrote it. */
    private final List<String> written = new CopyOnWriteArrayList<>();
    private final List<Thread> writers = new CopyOnWriteArrayList<>();
    /** Counted down to let a write return: a peer that reads again. */
    private volatile CountDownLatch peerReads = new CountDownLatch(0);

    private final Session session = session();

    @Test
    void framesAreWrittenInOrderOnTheWritersThreadNotTheCallers() throws Exception {
        SerialFrameSender sender = new SerialFrameSender(
                BlockingWriter.start(session, Thread::new), reason -> { });
        CompletableFuture<Void> last = null;
        for (int i = 0; i < 1_000; i++) {
            last = sender.send(new byte[] {(byte) (i % 100)}).toCompletableFuture();
        }
        last.get(5, TimeUnit.SECONDS);

        assertEquals(1_000, written.size());
        for (int i = 0; i < written.size(); i++) {
            assertEquals(String.valueOf(i % 100), written.get(i));
        }
        assertEquals(1, writers.stream().distinct().count());
        assertNotEquals(Thread.currentThread(), writers.get(0));
        sender.closed();
    }

    @Test
    void aPeerThatStopsReadingNeverBlocksTheCaller() throws Exception {
        peerReads = new CountDownLatch(1);
        SerialFrameSender sender = new SerialFrameSender(
                BlockingWriter.start(session, Thread::new), reason -> { });

        // Each send returns at once although the first write hangs in the socket.
        CompletableFuture<Void> first = sender.send(new byte[] {1}).toCompletableFuture();
        CompletableFuture<Void> second = sender.send(new byte[] {2}).toCompletableFuture();
        assertEquals(1, sender.queuedFrames());
        assertTrue(!first.isDone() && !second.isDone());

        peerReads.countDown();
        second.get(5, TimeUnit.SECONDS);
        assertEquals(List.of("1", "2"), written);
        sender.closed();
    }

    @Test
    void closingEndsTheThreadAndFailsWhatWasQueued() throws Exception {
        peerReads = new CountDownLatch(1);
        SerialFrameSender sender = new SerialFrameSender(
                BlockingWriter.start(session, Thread::new), reason -> { });
        CompletableFuture<Void> inProgress = sender.send(new byte[] {1}).toCompletableFuture();
        CompletableFuture<Void> queued = sender.send(new byte[] {2}).toCompletableFuture();
        while (writers.isEmpty()) {
            Thread.onSpinWait();
        }

        sender.closed();
        assertTrue(queued.isCompletedExceptionally());
        peerReads.countDown(); // the socket gives up the write in progress
        inProgress.get(5, TimeUnit.SECONDS);
        writers.get(0).join(5_000);
        assertTrue(!writers.get(0).isAlive(), "the writer's thread ended");
        assertEquals(List.of("1"), written);

        Throwable after = sender.send(new byte[] {3}).toCompletableFuture()
                .handle((ok, failure) -> failure).join();
        assertInstanceOf(LinkDownException.class, after);
    }

    @Test
    void aWriteThatOutlivesTheConnectionCountsAsStalledUntilItReturns() throws Exception {
        peerReads = new CountDownLatch(1);
        PeerLoad peer = new PeerLoad();
        SerialFrameSender sender = new SerialFrameSender(
                BlockingWriter.start(session, Thread::new), reason -> { });
        sender.chargeTo(peer);
        CompletableFuture<Void> stuck = sender.send(new byte[] {1}).toCompletableFuture();
        while (writers.isEmpty()) {
            Thread.onSpinWait();
        }

        sender.closed();
        assertEquals(1, peer.stalledWriters.get());

        peerReads.countDown(); // the peer reads at last, or its connection breaks
        stuck.get(5, TimeUnit.SECONDS);
        writers.get(0).join(5_000);
        assertEquals(0, peer.stalledWriters.get());
    }

    @Test
    void aConnectionClosedBetweenWritesStallsNothing() throws Exception {
        PeerLoad peer = new PeerLoad();
        SerialFrameSender sender = new SerialFrameSender(
                BlockingWriter.start(session, Thread::new), reason -> { });
        sender.chargeTo(peer);
        sender.send(new byte[] {1}).toCompletableFuture().get(5, TimeUnit.SECONDS);

        sender.closed();
        writers.get(0).join(5_000);
        assertEquals(0, peer.stalledWriters.get());
    }

    private Session session() {
        RemoteEndpoint.Basic basic = (RemoteEndpoint.Basic) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {RemoteEndpoint.Basic.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("sendBinary")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    writers.add(Thread.currentThread());
                    if (!peerReads.await(5, TimeUnit.SECONDS)) {
                        throw new IOException("peer never read");
                    }
                    written.add(String.valueOf(((ByteBuffer) args[0]).get(0)));
                    return null;
                });
        return (Session) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Session.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getBasicRemote")) {
                        return basic;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
