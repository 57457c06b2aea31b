package dev.ilpconnector.packetswitch;

import dev.ilpconnector.codec.ilp.IlpPrepare;
import dev.ilpconnector.codec.ilp.IlpResponse;
import java.util.concurrent.CompletableFuture;

/**
 * Receives Prepares addressed to this node's own address space (not to a child): the agent
 * runtime (SPSP/STREAM receiver) implements it, in-process or over ILP-over-HTTP.
 */
public interface LocalDelivery {

    /** Completes with the Fulfill or Reject; never blocks the caller. */
    CompletableFuture<IlpResponse> deliver(IlpPrepare prepare);
}
