package dev.ilpconnector.ccp;

import dev.ilpconnector.codec.ccp.CcpMode;
import java.time.Instant;

/**
 * What one peer asked of us by route control and what it has: the mode, the epoch of our
 * table it is at, whether an update to it is on its way. Guarded by the broadcaster's lock.
 */
final class RouteSender {

    CcpMode mode = CcpMode.IDLE;
    long lastKnownEpoch;
    /** Counts link sessions: the answer to an update of an earlier one is ignored. */
    int session;
    boolean inFlight;
    Instant lastSent = Instant.MIN;

    /** A link came up or went down: the peer must ask again; an update in flight is moot. */
    void reset() {
        mode = CcpMode.IDLE;
        lastKnownEpoch = 0;
        lastSent = Instant.MIN;
        inFlight = false;
        session++;
    }
}
