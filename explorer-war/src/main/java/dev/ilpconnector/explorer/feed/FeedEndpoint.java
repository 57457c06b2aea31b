package dev.ilpconnector.explorer.feed;

import dev.ilpconnector.node.ExplorerNode;
import dev.ilpconnector.telemetry.Explorer;
import dev.ilpconnector.telemetry.FeedClient;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code /explorer/feed?ticket=...}: a browser's live view of the node. A browser cannot send
 * the admin token on a WebSocket upgrade, so it opens the feed with a one-time ticket from
 * {@code POST /admin/explorer/tickets}: none, used or expired closes with 1008; a ninth client
 * closes with 1013. Messages flow one way; whatever a client sends is ignored, but for the
 * Pongs to the Pings by which its {@code FeedClient} knows how far the browser has read.
 *
 * <p>{@code @Dependent} makes it a CDI bean, so that Liberty injects its fields.
 */
@ServerEndpoint("/feed")
@Dependent
public class FeedEndpoint {

    private static final Logger LOG = Logger.getLogger(FeedEndpoint.class.getName());
    private static final String CLIENT_KEY = FeedClient.class.getName();
    /** Nothing a client says matters; refuse anything large before buffering it. */
    private static final int CLIENT_MESSAGE_BYTES_MAX = 1024;

    @Inject
    ExplorerNode node;

    @OnOpen
    public void open(Session session) {
        Explorer explorer = node.explorer();
        List<String> tickets = session.getRequestParameterMap().get("ticket");
        String ticket = tickets == null || tickets.isEmpty() ? null : tickets.get(0);
        if (!explorer.tickets().redeem(ticket)) {
            SessionSink.close(session, CloseReason.CloseCodes.VIOLATED_POLICY,
                    "ticket missing, used or expired");
            return;
        }
        session.setMaxTextMessageBufferSize(CLIENT_MESSAGE_BYTES_MAX);
        FeedClient client = explorer.clients().join(new SessionSink(session));
        if (client == null) {
            SessionSink.close(session, CloseReason.CloseCodes.TRY_AGAIN_LATER,
                    "too many explorer clients");
            return;
        }
        session.getUserProperties().put(CLIENT_KEY, client);
        LOG.fine(() -> "explorer.feed.open clients=" + explorer.clients().size());
    }

    @OnMessage(maxMessageSize = CLIENT_MESSAGE_BYTES_MAX)
    public void message(String text, Session session) {
        // The feed is one-way; a client's messages are read and dropped.
    }

    /** The answer to one of the client's Pings: the browser has read all sent before it. */
    @OnMessage
    public void pong(PongMessage pong, Session session) {
        FeedClient client = (FeedClient) session.getUserProperties().get(CLIENT_KEY);
        ByteBuffer data = pong.getApplicationData();
        if (client != null && data.remaining() == Long.BYTES) {
            client.pong(data.getLong(data.position()));
        }
    }

    @OnClose
    public void closed(Session session, CloseReason reason) {
        FeedClient client = (FeedClient) session.getUserProperties().remove(CLIENT_KEY);
        if (client != null) {
            node.explorer().clients().leave(client);
        }
    }

    /** The container closes the session after an error; {@link #closed} then cleans up. */
    @OnError
    public void error(Session session, Throwable failure) {
        LOG.log(Level.FINE, "explorer.feed.error", failure);
    }
}
