package dev.ilpconnector.it;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import javax.net.ssl.SSLContext;

/**
 * A BTP session over the JDK's WebSocket client, speaking {@link Frames}. Received binary
 * frames are queued; {@link #request} sends one and waits for the reply with the same
 * requestId (RFC 23: Response or Error); frames for other request ids (the server's own
 * requests) are skipped. Every wait has a timeout.
 */
final class BtpTestClient implements AutoCloseable {

    static final Duration REPLY_TIMEOUT = Duration.ofSeconds(15);

    /** Marks the end of the session in the queue. */
    private static final byte[] CLOSED = new byte[0];

    private final LinkedBlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
    private final AtomicLong requestIds = new AtomicLong(1);
    private final WebSocket ws;
    private volatile Integer closeCode;
    private volatile boolean reading = true;

    private BtpTestClient(URI uri, HttpClient http) throws Exception {
        this.ws = http.newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .buildAsync(uri, new Listener())
                .get(REPLY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Opens a WebSocket to {@code uri} without authenticating. */
    static BtpTestClient connect(URI uri) throws Exception {
        return new BtpTestClient(uri, HttpClient.newHttpClient());
    }

    /** Opens a {@code wss://} WebSocket that trusts what {@code tls} trusts. */
    static BtpTestClient connect(URI uri, SSLContext tls) throws Exception {
        return new BtpTestClient(uri, HttpClient.newBuilder().sslContext(tls).build());
    }

    /** Opens a session and authenticates; fails unless the server answers with a Response. */
    static BtpTestClient authenticated(URI uri, String username, String token) throws Exception {
        return authenticate(connect(uri), username, token);
    }

    /** {@link #authenticated(URI, String, String)} over {@code wss://}. */
    static BtpTestClient authenticated(URI uri, SSLContext tls, String username, String token)
            throws Exception {
        return authenticate(connect(uri, tls), username, token);
    }

    private static BtpTestClient authenticate(BtpTestClient c, String username, String token)
            throws Exception {
        try {
            Frames.Btp reply = c.request(id -> Frames.btpAuth(id, username, token));
            if (reply.type() != Frames.BTP_RESPONSE) {
                throw new AssertionError("BTP auth of " + username + " refused: " + reply);
            }
            return c;
        } catch (Exception | AssertionError e) {
            c.close();
            throw e;
        }
    }

    long nextRequestId() {
        return requestIds.getAndIncrement();
    }

    void sendRaw(byte[] frame) throws Exception {
        ws.sendBinary(ByteBuffer.wrap(frame), true)
                .get(REPLY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    interface FrameFactory {
        byte[] frame(long requestId);
    }

    /** Sends the frame built for a fresh request id and returns the reply to that id. */
    Frames.Btp request(FrameFactory factory) throws Exception {
        long id = nextRequestId();
        sendRaw(factory.frame(id));
        return awaitReply(id, REPLY_TIMEOUT);
    }

    /**
     * Sends ILP packets (each in the "ilp" sub-protocol) without waiting between them, then
     * returns their ILP replies in the order sent, matched by requestId.
     */
    List<Object> sendIlpAll(List<byte[]> ilpPackets) throws Exception {
        java.util.Map<Long, Integer> index = new java.util.HashMap<>();
        for (byte[] packet : ilpPackets) {
            long id = nextRequestId();
            index.put(id, index.size());
            sendRaw(Frames.btpIlp(id, packet));
        }
        Object[] replies = new Object[ilpPackets.size()];
        int left = replies.length;
        long deadline = System.nanoTime() + REPLY_TIMEOUT.toNanos();
        while (left > 0) {
            byte[] frame = received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (frame == null || frame == CLOSED) {
                throw new AssertionError(left + " of " + replies.length + " packets unanswered"
                        + (frame == CLOSED ? ", session closed (code " + closeCode + ")" : ""));
            }
            Frames.Btp btp = Frames.decodeBtp(frame);
            Integer at = index.remove(btp.requestId());
            if (at != null && btp.type() == Frames.BTP_RESPONSE) {
                replies[at] = Frames.decodeIlp(btp.find("ilp").orElseThrow(
                        () -> new AssertionError("no ilp in " + btp)).data());
                left--;
            } else if (at != null) {
                throw new AssertionError("ILP packet answered with " + btp);
            }
        }
        return List.of(replies);
    }

    /** Sends an ILP packet (as the "ilp" sub-protocol) and returns the ILP reply packet. */
    Object sendIlp(byte[] ilpPacket) throws Exception {
        Frames.Btp reply = request(id -> Frames.btpIlp(id, ilpPacket));
        if (reply.type() != Frames.BTP_RESPONSE) {
            throw new AssertionError("ILP packet answered with " + reply);
        }
        byte[] ilp = reply.find("ilp")
                .orElseThrow(() -> new AssertionError("no ilp sub-protocol in " + reply)).data();
        return Frames.decodeIlp(ilp);
    }

    /**
     * Answers the server's ILP Prepares until the session closes: each gets what
     * {@code answer} builds (an encoded ILP Fulfill or Reject) in a BTP Response with the
     * Prepare's requestId. For a downstream peer; nothing else may read this session.
     */
    void answerPrepares(Function<Frames.Prepare, byte[]> answer) throws Exception {
        while (true) {
            byte[] frame = received.take();
            if (frame == CLOSED) {
                received.add(CLOSED);
                return;
            }
            Frames.Btp btp = Frames.decodeBtp(frame);
            Optional<Frames.ProtocolData> ilp = btp.find("ilp");
            if (btp.type() == Frames.BTP_MESSAGE && ilp.isPresent()
                    && Frames.decodeIlp(ilp.get().data()) instanceof Frames.Prepare prepare) {
                sendRaw(Frames.btpResponse(btp.requestId(),
                        List.of(Frames.ProtocolData.ilp(answer.apply(prepare)))));
            }
        }
    }

    Frames.Ildcp ildcp() throws Exception {
        Object reply = sendIlp(Frames.ildcpRequest(Instant.now().plusSeconds(30)));
        if (!(reply instanceof Frames.Fulfill f)) {
            throw new AssertionError("IL-DCP answered with " + reply);
        }
        return Frames.decodeIldcp(f.data());
    }

    /** The reply (Response or Error) to {@code requestId}. */
    Frames.Btp awaitReply(long requestId, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            byte[] frame = received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (frame == null) {
                throw new AssertionError("no BTP reply to request " + requestId + " within "
                        + timeout);
            }
            if (frame == CLOSED) {
                received.add(CLOSED);
                throw new AssertionError("session closed (code " + closeCode
                        + ") before a reply to request " + requestId);
            }
            Frames.Btp btp = Frames.decodeBtp(frame);
            boolean reply = btp.type() == Frames.BTP_RESPONSE || btp.type() == Frames.BTP_ERROR;
            if (reply && btp.requestId() == requestId) {
                return btp;
            }
        }
    }

    /**
     * The next frame of the session, or empty when the server closed it first. For the
     * "refused" checks where either an Error or a close is an acceptable answer.
     */
    java.util.Optional<Frames.Btp> awaitFrameOrClose(Duration timeout) throws Exception {
        byte[] frame = received.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (frame == null) {
            throw new AssertionError("neither a frame nor a close within " + timeout);
        }
        if (frame == CLOSED) {
            received.add(CLOSED);
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(Frames.decodeBtp(frame));
    }

    /**
     * From the next frame on, asks for no more: the client stops reading its socket, as a peer
     * that hangs would, and what the server sends piles up in the TCP buffers.
     */
    void stopReading() {
        reading = false;
    }

    boolean isClosedByServer() {
        return closeCode != null;
    }

    @Override
    public void close() {
        if (!ws.isOutputClosed()) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS)
                    .exceptionally(e -> null);
        }
        ws.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            partial.writeBytes(chunk);
            if (last) {
                received.add(partial.toByteArray());
                partial.reset();
            }
            if (reading) {
                webSocket.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode = statusCode;
            received.add(CLOSED);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closeCode = -1;
            received.add(CLOSED);
        }
    }
}
