package dev.ilpconnector.telemetry;

import dev.ilpconnector.codec.ilp.IlpPrepare;
import dev.ilpconnector.codec.ilp.IlpResponse;
import dev.ilpconnector.codec.stream.StreamPacket;
import java.util.Optional;

/**
 * Opens the STREAM packets of a logged Prepare and its answer for the explorer, when the
 * Prepare was for a connection of this node's STREAM receiver (the agent attaches one). The
 * keys stay with the receiver: only decrypted frames come out.
 */
@FunctionalInterface
public interface StreamView {

    /**
     * @param request the STREAM packet the sender put in the Prepare
     * @param reply   the one in our Fulfill or Reject; empty when it carried none
     */
    record Packets(StreamPacket request, Optional<StreamPacket> reply) {
    }

    /** Empty when the Prepare is no STREAM packet of this node's receiver. */
    Optional<Packets> open(IlpPrepare prepare, IlpResponse response);
}
