package dev.ilpconnector.telemetry;

import dev.ilpconnector.codec.ilp.IlpPrepare;
import dev.ilpconnector.codec.ilp.IlpResponse;
import java.time.Instant;

/**
 * One Prepare that went through the switch, published once its answer is known. The packets
 * are the decoded objects the switch already holds (nothing is copied on the packet path); an
 * observer that keeps bytes encodes them on its own thread.
 *
 * @param sequence       this node's running number of the packet (from 1), unique per start
 * @param receivedAt     wall-clock time the switch took it
 * @param sourcePeer     the peer it came from
 * @param nextHop        the peer it was forwarded to; null when not forwarded (local delivery,
 *                       a peer protocol, or refused before a next hop was chosen)
 * @param prepare        the Prepare as received
 * @param outgoing       the Prepare as forwarded or delivered locally (converted amount,
 *                       shortened expiry); null when it was neither
 * @param response       the Fulfill or Reject sent back to {@code sourcePeer}
 * @param heldNanos      from receipt to the ledger hold being placed; -1 if never held
 * @param forwardedNanos from receipt to the handing to the link or local delivery; -1 if never
 * @param answeredNanos  from receipt to the answer being ready for the source peer
 */
public record PacketEvent(long sequence, Instant receivedAt, String sourcePeer, String nextHop,
                          IlpPrepare prepare, IlpPrepare outgoing, IlpResponse response,
                          long heldNanos, long forwardedNanos, long answeredNanos) {

    /** Packets that were not handed to a link or local delivery have no next hop. */
    public static final String NO_HOP = null;
}
