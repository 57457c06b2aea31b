package dev.ilpconnector.web.btp;

/**
 * Bounds of the BTP sessions, each with its unit. RFC 23 sets none of them; they keep one peer
 * from holding unbounded memory or threads of this node. The frame size bound itself is
 * {@link dev.ilpconnector.Limits#BTP_FRAME_BYTES_MAX}.
 */
public final class BtpLimits {

    /**
     * Incoming Prepares of one peer, over all its sessions, handed to the switch and not yet
     * answered (count). Over it the Prepare is answered with an ILP T03 reject at once: the peer
     * sends faster than we settle its packets.
     */
    public static final int IN_FLIGHT_PER_PEER_MAX = 1_024;

    /**
     * Outgoing Prepares to one peer, over all its sessions, waiting for its Response (count):
     * the requestId maps' bound. Over it the Prepare is answered with an ILP T03 reject unsent.
     */
    public static final int PENDING_PER_PEER_MAX = 4_096;

    /**
     * Frames queued for one WebSocket behind the one write in progress (count). A peer that
     * does not read that much is treated as gone: the session is closed.
     */
    public static final int SEND_QUEUE_FRAMES_MAX = 8_192;

    /**
     * Bytes of the frames queued for one WebSocket, the write in progress included. Frames may
     * be up to {@link dev.ilpconnector.Limits#BTP_FRAME_BYTES_MAX}, so a count alone would let
     * one socket hold half a gigabyte; over this the session is closed.
     */
    public static final long SEND_QUEUE_BYTES_MAX = 4L << 20;

    /** As {@link #SEND_QUEUE_BYTES_MAX}, over all sessions of one peer. */
    public static final long SEND_QUEUE_BYTES_PER_PEER_MAX = 8L << 20;

    /**
     * Closed connections of one peer whose last write still waits for the peer to read. The
     * container's blocking write has no timeout, so each holds a writer thread until the TCP
     * connection breaks; past this many the peer's new sessions are refused at auth.
     */
    public static final int STALLED_WRITERS_PER_PEER_MAX = 2;

    /**
     * Replaced sessions of one peer still answering what was in flight on them (count). A peer
     * reconnecting in a loop gets its older sessions closed at once past it.
     */
    public static final int DRAINING_PER_PEER_MAX = 4;

    /**
     * WebSockets one remote address may hold open before they authenticate (count). Each is
     * closed by {@link #AUTH_TIMEOUT_MS} anyway; over the bound a new one is closed at once.
     */
    public static final int UNAUTHENTICATED_PER_ADDRESS_MAX = 8;

    /**
     * An authenticated session that has carried no frame, ping or pong for this long is closed
     * (ms). Accepted sessions are pinged every {@link #PING_INTERVAL_MS}, which a live peer's
     * WebSocket answers, so only a dead or silent connection gets there.
     */
    public static final long IDLE_TIMEOUT_MS = 3 * 20_000 + 5_000;

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
