package dev.ilpconnector.web.btp;

import dev.ilpconnector.Limits;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code /btp}: peers that dial us (RFC 23). Each WebSocket gets one {@link BtpSession}, which
 * does all the protocol work; this class only adapts the container's callbacks to it.
 *
 * <p>{@code @Dependent} makes it a CDI bean: Liberty injects {@code @Inject} fields of an
 * endpoint only when CDI discovers the class (annotated discovery mode needs the annotation).
 */
@ServerEndpoint("/btp")
@Dependent
public class BtpServerEndpoint {

    private static final Logger LOG = Logger.getLogger(BtpServerEndpoint.class.getName());
    private static final String SESSION_KEY = BtpSession.class.getName();

    @Inject
    BtpRuntime runtime;

    @OnOpen
    public void open(Session session) {
        if (!runtime.started()) {
            close(session, new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER,
                    "node starting"));
            return;
        }
        session.setMaxBinaryMessageBufferSize(Limits.BTP_FRAME_BYTES_MAX);
        BtpSession btp = BtpSession.server(SerialFrameSender.of(session), runtime.services());
        session.getUserProperties().put(SESSION_KEY, btp);
        runtime.scheduleAuthDeadline(btp);
    }

    @OnMessage(maxMessageSize = Limits.BTP_FRAME_BYTES_MAX)
    public void frame(byte[] frame, Session session) {
        BtpSession btp = btp(session);
        if (btp != null) {
            btp.onFrame(frame);
        }
    }

    /** BTP is binary only; a text frame means the other side speaks something else. */
    @OnMessage
    public void text(String text, Session session) {
        close(session, new CloseReason(CloseReason.CloseCodes.CANNOT_ACCEPT,
                "BTP frames are binary"));
    }

    @OnClose
    public void closed(Session session, CloseReason reason) {
        BtpSession btp = btp(session);
        if (btp != null) {
            LOG.fine(() -> "btp.closed peer=" + btp.peerId() + " code="
                    + reason.getCloseCode().getCode());
            btp.onClosed();
        }
    }

    /** The container closes the session after an error; onClosed then cleans up. */
    @OnError
    public void error(Session session, Throwable failure) {
        BtpSession btp = btp(session);
        LOG.log(Level.FINE, "btp.error peer=" + (btp == null ? "-" : btp.peerId()), failure);
    }

    private static BtpSession btp(Session session) {
        return (BtpSession) session.getUserProperties().get(SESSION_KEY);
    }

    private static void close(Session session, CloseReason reason) {
        try {
            session.close(reason);
        } catch (IOException e) {
            LOG.fine(() -> "btp.close.failed reason=\"" + e.getMessage() + "\"");
        }
    }
}
