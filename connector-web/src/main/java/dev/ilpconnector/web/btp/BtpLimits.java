package dev.ilpconnector.web.btp;

/**
 * Bounds of the BTP sessions, each with its unit. RFC 23 sets none of them; they keep one peer
 * from holding unbounded memory or threads of this node. The frame size bound itself is
 * {@link dev.ilpconnector.Limits#BTP_FRAME_BYTES_MAX}.
 */
public final class BtpLimits {

    /**
     * Incoming Prepares of one session handed to the switch and not yet answered (count). Over it
     * the Prepare is answered with an ILP T03 reject at once: the peer sends faster than we
     * settle its packets.
     */
    public static final int IN_FLIGHT_PER_SESSION_MAX = 1_024;

    /**
     * Outgoing Prepares of one link waiting for the peer's Response (count): the requestId map's
     * bound. Over it the Prepare is answered with an ILP T03 reject without being sent.
     */
    public static final int PENDING_PER_LINK_MAX = 4_096;

    /**
     * Frames queued for one WebSocket behind the one write in progress (count). A peer that
     * does not read that much is treated as gone: the session is closed.
     */
    public static final int SEND_QUEUE_FRAMES_MAX = 8_192;

    /** RFC 23 §Authentication "reasonable time" to send (server) or answer (client) auth (ms). */
    public static final long AUTH_TIMEOUT_MS = 10_000;

    /** Interval between WebSocket pings of an outgoing link; a ping unanswered by the next
     * one marks the link down (ms). */
    public static final long PING_INTERVAL_MS = 20_000;

    /** Bytes of a codec message copied into a BTP Error's data (RFC 23 allows 8192). */
    public static final int ERROR_DATA_BYTES_MAX = 1_024;

    private BtpLimits() {
    }
}
