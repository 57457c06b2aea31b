package dev.ilpconnector.ccp;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Route exchange settings.
 *
 * @param broadcastInterval how often route updates go to peers in sync mode even without a
 *                          change (the keep-alive of our routes)
 * @param routeExpiry       the hold-down time we announce: how long peers keep our routes
 *                          without hearing from us
 * @param peers             per peer id, what route exchange may do with it
 */
public record CcpSettings(Duration broadcastInterval, Duration routeExpiry,
                          Map<String, PeerRouting> peers) {

    public CcpSettings {
        Objects.requireNonNull(broadcastInterval, "broadcastInterval");
        Objects.requireNonNull(routeExpiry, "routeExpiry");
        if (broadcastInterval.isNegative() || broadcastInterval.isZero()) {
            throw new IllegalArgumentException("broadcast interval must be positive");
        }
        if (routeExpiry.compareTo(broadcastInterval) <= 0) {
            throw new IllegalArgumentException(
                    "route expiry must be longer than the broadcast interval");
        }
        peers = Map.copyOf(peers);
    }

    /** The peer's settings; a peer nobody configured exchanges nothing. */
    public PeerRouting peer(String peerId) {
        return peers.getOrDefault(peerId, new PeerRouting(false, false, 0));
    }
}
