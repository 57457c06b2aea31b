package dev.ilpconnector.telemetry;

import java.util.function.Consumer;

/** One browser's end of the feed, as the container gives it (a WebSocket session). */
public interface FeedSink {

    /**
     * Starts sending {@code text} and returns at once; {@code done} hears true when it was
     * written, false when it failed. At most one send is outstanding per sink.
     */
    void send(String text, Consumer<Boolean> done);

    /**
     * Sends a WebSocket Ping whose application data is {@code mark} (8 bytes, big-endian); the
     * browser's Pong brings it back to {@link FeedClient#pong}. {@code done} as for
     * {@link #send}; never called while a send is outstanding.
     */
    void ping(long mark, Consumer<Boolean> done);

    /** Closes the connection with a WebSocket close code (RFC 6455 §7.4). */
    void close(int code, String reason);
}
