package dev.ilpconnector.ccp;

import java.time.Duration;
import java.util.HashMap;
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

    /** The same settings with the peer's route exchange set (a peer added at run time). */
    public CcpSettings withPeer(String peerId, PeerRouting routing) {
        Map<String, PeerRouting> next = new HashMap<>(peers);
        next.put(peerId, routing);
        return new CcpSettings(broadcastInterval, routeExpiry, next);
    }

    /** The same settings without the peer's (a peer removed at run time). */
    public CcpSettings withoutPeer(String peerId) {
        Map<String, PeerRouting> next = new HashMap<>(peers);
        next.remove(peerId);
        return new CcpSettings(broadcastInterval, routeExpiry, next);
    }

    /** The peer's settings; a peer nobody configured exchanges nothing. */
    public PeerRouting peer(String peerId) {
        return peers.getOrDefault(peerId, new PeerRouting(false, false, 0));
    }
}
