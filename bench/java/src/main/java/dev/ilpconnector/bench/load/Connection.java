package dev.ilpconnector.bench.load;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One BTP client connection over the JDK's WebSocket client: authenticates, sends frames one
 * at a time (the JDK allows one outstanding send) from a queue, and hands every whole binary
 * message to a consumer on the client's thread.
 */
final class Connection {

    private final Queue<ByteBuffer> outgoing = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean sending = new AtomicBoolean();
    private final CompletableFuture<String> closed = new CompletableFuture<>();
    private volatile WebSocket socket;

    /**
     * Opens {@code url} ({@code btp+ws://user:token@host:port/path} or {@code ws://...}) and
     * authenticates; returns once the peer accepted the auth Message.
     */
    static Connection open(HttpClient client, String url, Consumer<Frames.Incoming> frames)
            throws Exception {
        return open(client, url, frames, false);
    }

    /** @param echo the peer sends every frame back: the echoed auth Message accepts it */
    static Connection open(HttpClient client, String url, Consumer<Frames.Incoming> frames,
                           boolean echo) throws Exception {
        URI btp = URI.create(url);
        String userInfo = btp.getRawUserInfo() == null ? ":" : btp.getRawUserInfo();
        int colon = userInfo.indexOf(':');
        String user = colon < 0 ? "" : userInfo.substring(0, colon);
        String token = colon < 0 ? userInfo : userInfo.substring(colon + 1);
        String scheme = btp.getScheme().endsWith("wss") ? "wss" : "ws";
        URI ws = new URI(scheme, null, btp.getHost(), btp.getPort(),
                btp.getPath() == null || btp.getPath().isEmpty() ? "/" : btp.getPath(), null, null);
        Connection c = new Connection();
        CompletableFuture<Void> authed = new CompletableFuture<>();
        long authId = 1;
        c.socket = client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(ws, c.listener(in -> {
                    if (!authed.isDone()) {
                        if (in.requestId() == authId
                                && (echo || in.type() == Frames.BTP_RESPONSE)) {
                            authed.complete(null);
                        } else {
                            authed.completeExceptionally(new IllegalStateException(
                                    "auth refused: BTP type " + in.type()));
                        }
                        return;
                    }
                    frames.accept(in);
                })).get(10, TimeUnit.SECONDS);
        c.send(Frames.auth(authId, user, token));
        authed.get(10, TimeUnit.SECONDS);
        return c;
    }

    private WebSocket.Listener listener(Consumer<Frames.Incoming> frames) {
        return new WebSocket.Listener() {
            private ByteArrayOutputStream partial;

            @Override
            public void onOpen(WebSocket webSocket) {
                webSocket.request(Long.MAX_VALUE);
            }

            @Override
            public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data,
                                               boolean last) {
                if (!last || partial != null) {
                    if (partial == null) {
                        partial = new ByteArrayOutputStream();
                    }
                    byte[] chunk = new byte[data.remaining()];
                    data.get(chunk);
                    partial.write(chunk, 0, chunk.length);
                    if (!last) {
                        return null;
                    }
                    data = ByteBuffer.wrap(partial.toByteArray());
                    partial = null;
                }
                frames.accept(Frames.read(data));
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int code, String reason) {
                closed.complete(code + " " + reason);
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                closed.completeExceptionally(error);
            }
        };
    }

    /** Queues a frame; the JDK client takes one send at a time. */
    void send(byte[] frame) {
        outgoing.add(ByteBuffer.wrap(frame));
        drain();
    }

    private void drain() {
        while (!outgoing.isEmpty() && sending.compareAndSet(false, true)) {
            ByteBuffer next = outgoing.poll();
            if (next == null) {
                sending.set(false);
                continue;
            }
            socket.sendBinary(next, true).whenComplete((ws, failure) -> {
                if (failure != null) {
                    closed.completeExceptionally(failure);
                }
                sending.set(false);
                drain();
            });
            return;
        }
    }

    /**
     * Completes with the close code and reason when the peer closed the connection
     * (exceptionally on an error).
     */
    CompletableFuture<String> closed() {
        return closed;
    }

    void close() {
        WebSocket ws = socket;
        if (ws != null) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").orTimeout(5, TimeUnit.SECONDS)
                    .exceptionally(e -> null).join();
        }
    }
}
