package dev.ilpconnector.web.btp;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

/** Where a {@link BtpSession} writes its frames: a WebSocket in the server, a fake in tests. */
public interface FrameSender {

    /**
     * Queues one binary frame. Never blocks; frames go out in call order. The stage completes
     * when the frame is written, exceptionally when it cannot be (session closed, queue full).
     */
    CompletionStage<Void> send(byte[] frame);

    /**
     * Counts the bytes of frames queued from now on also in {@code peerQueuedBytes}, shared by
     * all sessions of one peer, so that a peer's queue bound holds over its sessions.
     */
    default void chargeTo(AtomicLong peerQueuedBytes) {
    }

    /** Closes the connection; the session hears of it through {@link BtpSession#onClosed}. */
    void close(String reason);
}
