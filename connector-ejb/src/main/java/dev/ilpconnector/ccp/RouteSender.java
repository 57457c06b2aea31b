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
    boolean inFlight;
    Instant lastSent = Instant.MIN;

    void reset() {
        mode = CcpMode.IDLE;
        lastKnownEpoch = 0;
        lastSent = Instant.MIN;
    }
}
