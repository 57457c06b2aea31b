package dev.ilpconnector.packetswitch;

import dev.ilpconnector.codec.ilp.IlpAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * What the switch needs to know about its own node.
 *
 * @param address          this node's ILP address: {@code triggeredBy} of our rejects, the root of
 *                         children's addresses and of local delivery
 * @param minMessageWindow time the next hop gets to pass a Fulfill back before our upstream
 *                         expiry (RFC 27 connector behaviour); expiry is shortened by it per hop
 * @param maxHoldTime      the longest we hold a packet (and its money); longer expiries are
 *                         shortened to it, not rejected
 */
public record SwitchSettings(IlpAddress address, Duration minMessageWindow, Duration maxHoldTime) {

    public SwitchSettings {
        Objects.requireNonNull(address, "address");
        if (minMessageWindow.isNegative() || minMessageWindow.isZero()) {
            throw new IllegalArgumentException("min message window must be positive");
        }
        if (maxHoldTime.compareTo(minMessageWindow.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException(
                    "max hold time must be at least two message windows");
        }
    }
}
