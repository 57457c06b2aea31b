package dev.ilpconnector.web.btp;

import java.util.concurrent.CompletionStage;

/** Where a {@link BtpSession} writes its frames: a WebSocket in the server, a fake in tests. */
public interface FrameSender {

    /**
     * Queues one binary frame. Never blocks; frames go out in call order. The stage completes
     * when the frame is written, exceptionally when it cannot be (session closed, queue full).
     */
    CompletionStage<Void> send(byte[] frame);

    /** Closes the connection; the session hears of it through {@link BtpSession#onClosed}. */
    void close(String reason);
}
