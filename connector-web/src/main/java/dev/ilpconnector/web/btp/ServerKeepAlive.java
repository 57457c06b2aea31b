package dev.ilpconnector.web.btp;

import jakarta.websocket.Session;
import java.io.IOException;
import java.util.concurrent.ScheduledFuture;
import java.util.logging.Logger;

/**
 * Keeps an accepted, authenticated session honest: the container closes it after
 * {@link BtpLimits#IDLE_TIMEOUT_MS} without traffic, and we ping it every
 * {@link BtpLimits#PING_INTERVAL_MS}, which a live peer's WebSocket answers with a pong. So an
 * idle but live peer stays, and a vanished one (no FIN, a dead NAT entry) is closed and its
 * link comes down instead of holding our Prepares until they expire. Pings go through the
 * session's {@link SerialFrameSender}, between its writes.
 */
final class ServerKeepAlive {

    private static final Logger LOG = Logger.getLogger(ServerKeepAlive.class.getName());
    private static final byte[] PING = {'b', 't', 'p'};

    private final Session session;
    private final SerialFrameSender sender;
    private volatile ScheduledFuture<?> pings;

    private ServerKeepAlive(Session session, SerialFrameSender sender) {
        this.session = session;
        this.sender = sender;
    }

    static ServerKeepAlive start(Session session, SerialFrameSender sender, BtpRuntime runtime) {
        ServerKeepAlive alive = new ServerKeepAlive(session, sender);
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
            sender.pingIfIdle(PING);
        } catch (IOException | RuntimeException e) {
            LOG.fine(() -> "btp.ping.failed reason=\"" + e.getMessage() + "\"");
            sender.close("ping failed");
        }
    }
}
