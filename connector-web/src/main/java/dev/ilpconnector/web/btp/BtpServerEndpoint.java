package dev.ilpconnector.web.btp;

import dev.ilpconnector.Limits;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code /btp}: peers that dial us (RFC 23). Each WebSocket gets one instance and one
 * {@link BtpSession}, which does all the protocol work; this class only adapts the container's
 * callbacks to it.
 *
 * <p>A programmatic endpoint ({@link BtpEndpointConfig} registers it): the container calls the
 * message handler through its interface, where an annotated {@code @OnMessage} method would be
 * invoked by reflection for every frame.
 */
public final class BtpServerEndpoint extends Endpoint {

    /** The path peers dial. */
    public static final String PATH = "/btp";

    private static final Logger LOG = Logger.getLogger(BtpServerEndpoint.class.getName());

    private final BtpRuntime runtime;
    private BtpSession btp;
    private SerialFrameSender sender;
    private volatile ServerKeepAlive keepAlive;

    BtpServerEndpoint(BtpRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        if (!runtime.started()) {
            close(session, new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER,
                    "node starting"));
            return;
        }
        String address = RemoteAddressFilter.of(config, session);
        HandshakeGuard.Ticket ticket = runtime.handshakes().admit(address);
        if (ticket == null) {
            LOG.fine(() -> "btp.refused address=" + address + " reason=unauthenticated_max");
            close(session, new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER,
                    "too many unauthenticated connections from this address"));
            return;
        }
        session.setMaxBinaryMessageBufferSize(Limits.BTP_FRAME_BYTES_MAX);
        SerialFrameSender writes =
                SerialFrameSender.of(session, runtime.threads(), runtime.tasks());
        sender = writes;
        BtpSession opened = BtpSession.server(writes, runtime.services());
        opened.remoteAddress(address);
        btp = opened;
        opened.authenticated().whenComplete((ok, failure) -> {
            ticket.release();
            if (failure == null) {
                keepAlive = ServerKeepAlive.start(session, writes, runtime);
            }
        });
        session.addMessageHandler(ByteBuffer.class,
                (MessageHandler.Whole<ByteBuffer>) frame -> opened.onFrame(bytes(frame)));
        // BTP is binary only; a text frame means the other side speaks something else.
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text ->
                close(session, new CloseReason(CloseReason.CloseCodes.CANNOT_ACCEPT,
                        "BTP frames are binary")));
        runtime.scheduleAuthDeadline(opened);
    }

    /**
     * The frame's bytes: the container's own array when the buffer spans all of it (the
     * session decodes before returning and keeps copies only), else a copy.
     */
    private static byte[] bytes(ByteBuffer frame) {
        if (frame.hasArray() && frame.arrayOffset() == 0 && frame.position() == 0
                && frame.remaining() == frame.array().length) {
            return frame.array();
        }
        byte[] copy = new byte[frame.remaining()];
        frame.get(copy);
        return copy;
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
        ServerKeepAlive pinging = keepAlive;
        if (pinging != null) {
            pinging.stop();
        }
        if (sender != null) {
            sender.closed();
        }
        BtpSession closed = btp;
        if (closed != null) {
            if (closed.peerId() == null) {
                LOG.fine(() -> "btp.closed code=" + reason.getCloseCode().getCode());
            } else {
                LOG.info(() -> "btp.link.down peer=" + closed.peerId() + " side=server code="
                        + reason.getCloseCode().getCode() + " reason=\""
                        + reason.getReasonPhrase() + "\"");
            }
            closed.onClosed();
        }
    }

    /** The container closes the session after an error; onClose then cleans up. */
    @Override
    public void onError(Session session, Throwable failure) {
        BtpSession failed = btp;
        LOG.log(Level.FINE, "btp.error peer=" + (failed == null ? "-" : failed.peerId()),
                failure);
    }

    private static void close(Session session, CloseReason reason) {
        try {
            session.close(reason);
        } catch (IOException e) {
            LOG.fine(() -> "btp.close.failed reason=\"" + e.getMessage() + "\"");
        }
    }
}
