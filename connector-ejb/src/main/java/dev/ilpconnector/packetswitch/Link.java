package dev.ilpconnector.packetswitch;

import dev.ilpconnector.codec.ilp.IlpPrepare;
import dev.ilpconnector.codec.ilp.IlpResponse;
import java.util.concurrent.CompletableFuture;

/** A live connection to one peer, over which Prepares are forwarded (BTP implements it). */
public interface Link {

    String peerId();

    boolean isConnected();

    /**
     * Sends the Prepare and completes with the peer's Fulfill or Reject. Never blocks. The switch
     * applies the expiry timeout itself; whoever completes the future first wins, and the link
     * forgets the request then. Completes exceptionally with {@link LinkDownException} when the
     * frame could not be sent.
     */
    CompletableFuture<IlpResponse> sendPrepare(IlpPrepare prepare);
}
