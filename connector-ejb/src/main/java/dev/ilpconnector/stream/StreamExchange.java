package dev.ilpconnector.stream;

import dev.ilpconnector.codec.stream.StreamPacket;
import java.util.Optional;

/**
 * A logged Prepare and its answer, decrypted (for the explorer).
 *
 * @param connectionId the connection token of the Prepare's address
 * @param paymentId the payment id the connection was opened for
 * @param request the STREAM packet of the Prepare
 * @param reply the STREAM packet of the Fulfill or Reject, empty when it carried none
 */
public record StreamExchange(String connectionId, String paymentId, StreamPacket request,
        Optional<StreamPacket> reply) {
}
