package dev.ilpconnector.web.btp;

import java.util.concurrent.CompletionStage;
import dev.ilpconnector.packetswitch.PeerLoad;

/** Where a {@link BtpSession} writes its frames: a WebSocket in the server, a fake in tests. */
public interface FrameSender {

    /**
     * Queues one binary frame. Never blocks; frames go out in call order. The stage completes
     * when the frame is written, exceptionally when it cannot be (session closed, queue full).
     */
    CompletionStage<Void> send(byte[] frame);

    /**
     * From now on counts the bytes of frames queued, and a write that outlives the connection,
     * also in {@code peer}, shared by all sessions of one peer, so that a peer's bounds hold
     * over its sessions.
     */
    default void chargeTo(PeerLoad peer) {
    }

    /** Closes the connection; the session hears of it through {@link BtpSession#onClosed}. */
    void close(String reason);
}
