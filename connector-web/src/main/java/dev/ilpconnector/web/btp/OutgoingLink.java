package dev.ilpconnector.web.btp;

import dev.ilpconnector.Limits;
import dev.ilpconnector.peer.BtpUrl;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.ScheduledFuture;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Our side of a peer we dial ({@code peer.<id>.btp.url}): connect, authenticate (RFC 23
 * §Authentication, client side), ping, and reconnect with exponential backoff after any loss.
 * The protocol work is {@link BtpSession}'s, shared with the server endpoint.
 *
 * <p>Connection attempts run on the managed scheduler ({@code connectToServer} waits for the
 * handshake); everything else runs on WebSocket callbacks and never waits.
 */
final class OutgoingLink {

    private static final Logger LOG = Logger.getLogger(OutgoingLink.class.getName());
    private static final byte[] PING = {'b', 't', 'p'};

    private final String peerId;
    private final BtpUrl url;
    private final WebSocketContainer container;
    private final BtpRuntime runtime;
    private final Backoff backoff;

    private volatile boolean stopped;
    private volatile Session session;
    /** Failed attempts since the last successful auth; only the first one is a warning. */
    private volatile int failuresInARow;
    private volatile ScheduledFuture<?> nextAttempt;

    OutgoingLink(String peerId, BtpUrl url, WebSocketContainer container, BtpRuntime runtime,
                 Backoff backoff) {
        this.peerId = peerId;
        this.url = url;
        this.container = container;
        this.runtime = runtime;
        this.backoff = backoff;
    }

    String peerId() {
        return peerId;
    }

    /** The URI dialled; it never carries the token (that travels in the auth message). */
    URI uri() {
        return url.webSocketUri();
    }

    void start() {
        nextAttempt = runtime.schedule(this::connect, 0);
    }

    /** Application shutdown: no more attempts, and the session is closed. */
    void stop() {
        stopped = true;
        cancel(nextAttempt);
        Session open = session;
        if (open != null) {
            closeQuietly(open, new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "shutdown"));
        }
    }

    private void connect() {
        if (stopped) {
            return;
        }
        try {
            ClientEndpointConfig config = ClientEndpointConfig.Builder.create().build();
            container.connectToServer(new Client(), config, url.webSocketUri());
        } catch (DeploymentException | IOException | RuntimeException e) {
            // A peer that stays down would fill the log: warn once, then FINE until it is back.
            Level level = ++failuresInARow == 1 ? Level.WARNING : Level.FINE;
            LOG.log(level, () -> "btp.connect.failed peer=" + peerId + " url=" + uri()
                    + " attempt=" + failuresInARow + " reason=\"" + e.getMessage() + "\"");
            reconnectLater();
        }
    }

    private void reconnectLater() {
        if (stopped) {
            return;
        }
        long delayMs = backoff.nextDelayMs();
        LOG.fine(() -> "btp.reconnect peer=" + peerId + " delayMs=" + delayMs);
        nextAttempt = runtime.schedule(this::connect, delayMs);
    }

    private static void cancel(ScheduledFuture<?> task) {
        if (task != null) {
            task.cancel(false);
        }
    }

    private static void closeQuietly(Session open, CloseReason reason) {
        try {
            open.close(reason);
        } catch (IOException e) {
            // The close is reported through onClose either way; nothing else to do here.
            LOG.fine(() -> "btp.close.failed reason=\"" + e.getMessage() + "\"");
        }
    }

    /** One WebSocket connection attempt's callbacks. */
    private final class Client extends Endpoint {

        private BtpSession btp;
        private SerialFrameSender sender;
        private volatile ScheduledFuture<?> pings;
        private volatile boolean awaitingPong;

        @Override
        public void onOpen(Session open, EndpointConfig config) {
            session = open;
            open.setMaxBinaryMessageBufferSize(Limits.BTP_FRAME_BYTES_MAX);
            sender = SerialFrameSender.of(open, runtime.threads(), runtime.tasks());
            btp = BtpSession.client(peerId, sender, runtime.services());
            open.addMessageHandler(byte[].class, (MessageHandler.Whole<byte[]>) btp::onFrame);
            open.addMessageHandler(PongMessage.class,
                    (MessageHandler.Whole<PongMessage>) pong -> awaitingPong = false);
            awaitingPong = false;
            BtpSession authenticating = btp;
            authenticating.authenticate(url.username(), url.token())
                    .whenComplete((ok, failure) -> authenticated(open, failure));
            runtime.scheduleAuthDeadline(authenticating);
        }

        private void authenticated(Session open, Throwable failure) {
            if (failure != null) {
                LOG.warning(() -> "btp.auth.failed peer=" + peerId + " url=" + uri()
                        + " reason=\"" + failure.getMessage() + "\"");
                closeQuietly(open, new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY,
                        "authentication failed"));
                return;
            }
            backoff.reset();
            failuresInARow = 0;
            if (open.isOpen() && !stopped) {
                pings = runtime.scheduleWithFixedDelay(() -> ping(open),
                        BtpLimits.PING_INTERVAL_MS);
            }
        }

        /** A ping still unanswered when the next one is due means the peer is gone. */
        private void ping(Session open) {
            if (!open.isOpen()) {
                cancel(pings);
                return;
            }
            if (awaitingPong) {
                LOG.warning(() -> "btp.pong.missing peer=" + peerId);
                closeQuietly(open, new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "no pong"));
                return;
            }
            try {
                // Set before the ping goes out: its pong may arrive before this returns.
                awaitingPong = true;
                if (!sender.pingIfIdle(PING)) {
                    awaitingPong = false; // frames flowing; their completions show the peer reads
                }
            } catch (IOException | RuntimeException e) {
                closeQuietly(open, new CloseReason(CloseReason.CloseCodes.GOING_AWAY,
                        "ping failed"));
            }
        }

        @Override
        public void onClose(Session closed, CloseReason reason) {
            cancel(pings);
            session = null;
            if (sender != null) {
                sender.closed();
            }
            if (btp != null) {
                btp.onClosed();
            }
            LOG.info(() -> "btp.link.down peer=" + peerId + " code="
                    + reason.getCloseCode().getCode() + " reason=\"" + reason.getReasonPhrase()
                    + "\"");
            reconnectLater();
        }

        @Override
        public void onError(Session failed, Throwable failure) {
            LOG.log(Level.FINE, "btp.error peer=" + peerId, failure);
        }
    }
}
