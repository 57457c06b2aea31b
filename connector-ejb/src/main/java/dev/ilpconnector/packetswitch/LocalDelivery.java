package dev.ilpconnector.packetswitch;

import dev.ilpconnector.codec.ilp.IlpPrepare;
import dev.ilpconnector.codec.ilp.IlpResponse;
import dev.ilpconnector.peer.PeerConfig;
import java.util.concurrent.CompletableFuture;

/**
 * Receives Prepares addressed to this node's own address space (not to a child): the agent
 * runtime (SPSP/STREAM receiver) implements it, in-process or over ILP-over-HTTP.
 */
public interface LocalDelivery {

    /** Completes with the Fulfill or Reject; never blocks the caller. */
    CompletableFuture<IlpResponse> deliver(IlpPrepare prepare);

    /**
     * Delivers a Prepare that came from {@code source}, its amount in the source's asset: a
     * receiver with an asset of its own converts it like a forward does. Never blocks.
     */
    default CompletableFuture<IlpResponse> deliver(PeerConfig source, IlpPrepare prepare) {
        return deliver(prepare);
    }
}
