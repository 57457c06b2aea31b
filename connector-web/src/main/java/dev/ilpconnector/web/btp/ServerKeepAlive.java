package dev.ilpconnector.web.btp;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.ScheduledFuture;
import java.util.logging.Logger;

/**
 * Keeps an accepted, authenticated session honest: the container closes it after
 * {@link BtpLimits#IDLE_TIMEOUT_MS} without traffic, and we ping it every
 * {@link BtpLimits#PING_INTERVAL_MS}, which a live peer's WebSocket answers with a pong. So an
 * idle but live peer stays, and a vanished one (no FIN, a dead NAT entry) is closed and its
 * link comes down instead of holding our Prepares until they expire.
 */
final class ServerKeepAlive {

    private static final Logger LOG = Logger.getLogger(ServerKeepAlive.class.getName());
    private static final byte[] PING = {'b', 't', 'p'};

    private final Session session;
    private volatile ScheduledFuture<?> pings;

    private ServerKeepAlive(Session session) {
        this.session = session;
    }

    static ServerKeepAlive start(Session session, BtpRuntime runtime) {
        ServerKeepAlive alive = new ServerKeepAlive(session);
        session.setMaxIdleTimeout(BtpLimits.IDLE_TIMEOUT_MS);
        alive.pings = runtime.scheduleWithFixedDelay(alive::ping, BtpLimits.PING_INTERVAL_MS);
        return alive;
    }

    void stop() {
        ScheduledFuture<?> scheduled = pings;
        if (scheduled != null) {
            scheduled.cancel(false);
        }
    }

    private void ping() {
        if (!session.isOpen()) {
            stop();
            return;
        }
        try {
            session.getAsyncRemote().sendPing(ByteBuffer.wrap(PING));
        } catch (IOException | RuntimeException e) {
            LOG.fine(() -> "btp.ping.failed reason=\"" + e.getMessage() + "\"");
            try {
                session.close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "ping failed"));
            } catch (IOException closing) {
                LOG.fine(() -> "btp.close.failed reason=\"" + closing.getMessage() + "\"");
            }
        }
    }
}
