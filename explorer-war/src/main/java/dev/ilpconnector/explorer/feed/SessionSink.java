package dev.ilpconnector.explorer.feed;

import dev.ilpconnector.telemetry.FeedSink;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A feed client's WebSocket session. Sends are asynchronous, so the pump that calls
 * {@link #send} never waits for a browser; the client keeps one send in flight at a time.
 */
final class SessionSink implements FeedSink {

    private static final Logger LOG = Logger.getLogger(SessionSink.class.getName());

    private final Session session;

    SessionSink(Session session) {
        this.session = session;
    }

    @Override
    public void send(String text, Consumer<Boolean> done) {
        try {
            session.getAsyncRemote().sendText(text, result -> done.accept(result.isOK()));
        } catch (IllegalStateException | IllegalArgumentException e) {
            // The session closed under us: the client is dropped when onClose runs.
            LOG.log(Level.FINE, "explorer.feed.send.failed", e);
            done.accept(false);
        }
    }

    /** A Ping is 10 bytes and is sent only while little is unread, so it does not wait. */
    @Override
    public void ping(long mark, Consumer<Boolean> done) {
        try {
            session.getAsyncRemote().sendPing(ByteBuffer.allocate(Long.BYTES).putLong(0, mark));
        } catch (IOException | IllegalStateException | IllegalArgumentException e) {
            LOG.log(Level.FINE, "explorer.feed.ping.failed", e);
            done.accept(false);
            return;
        }
        done.accept(true);
    }

    @Override
    public void close(int code, String reason) {
        close(session, CloseReason.CloseCodes.getCloseCode(code), reason);
    }

    static void close(Session session, CloseReason.CloseCode code, String reason) {
        try {
            if (session.isOpen()) {
                session.close(new CloseReason(code, reason));
            }
        } catch (IOException | IllegalStateException e) {
            LOG.log(Level.FINE, "explorer.feed.close.failed code=" + code.getCode(), e);
        }
    }
}
