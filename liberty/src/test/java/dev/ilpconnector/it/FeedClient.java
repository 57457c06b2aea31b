package dev.ilpconnector.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A browser's end of {@code /explorer/feed}, with the JDK's WebSocket client. */
final class FeedClient implements AutoCloseable {

    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final WebSocket ws;

    private FeedClient(URI uri, boolean reads) throws Exception {
        StringBuilder partial = new StringBuilder();
        ws = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(uri, new WebSocket.Listener() {
                    @Override
                    public void onOpen(WebSocket webSocket) {
                        if (reads) {
                            webSocket.request(1);
                        }
                    }

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data,
                                                     boolean last) {
                        partial.append(data);
                        if (last) {
                            messages.add(partial.toString());
                            partial.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode,
                                                      String reason) {
                        closeCode.complete(statusCode);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket webSocket, Throwable error) {
                        closeCode.completeExceptionally(error);
                    }
                }).get(10, TimeUnit.SECONDS);
    }

    /** Opens the feed; {@code ticket} null leaves the parameter out. */
    static FeedClient open(ConnectorProcess node, String ticket) throws Exception {
        return open(node, ticket, true);
    }

    /** {@code reads} false: a browser that never reads a message. */
    static FeedClient open(ConnectorProcess node, String ticket, boolean reads) throws Exception {
        String query = ticket == null ? "" : "?ticket=" + ticket;
        return new FeedClient(URI.create("ws://127.0.0.1:" + node.httpPort() + "/explorer/feed"
                + query), reads);
    }

    /** The close code the server sent, waiting up to {@code timeout}. */
    int awaitClose(Duration timeout) throws Exception {
        return closeCode.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean isClosed() {
        return closeCode.isDone();
    }

    List<String> messages() {
        return messages;
    }

    /** The first message matching, waiting up to {@code timeout}. */
    String await(Predicate<String> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (String m : messages) {
                if (wanted.test(m)) {
                    return m;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no matching feed message within " + timeout + " in "
                + messages);
    }

    @Override
    public void close() {
        if (!ws.isOutputClosed()) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        ws.abort();
    }
}
