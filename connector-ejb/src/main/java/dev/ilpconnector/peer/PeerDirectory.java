package dev.ilpconnector.peer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The configured peers, looked up by id on every packet. Immutable. */
public final class PeerDirectory {

    private final Map<String, PeerConfig> byId;
    private final List<PeerConfig> ordered;

    public PeerDirectory(List<PeerConfig> peers) {
        Map<String, PeerConfig> map = new LinkedHashMap<>();
        for (PeerConfig peer : peers) {
            if (map.putIfAbsent(peer.id(), peer) != null) {
                throw new IllegalArgumentException("duplicate peer id " + peer.id());
            }
        }
        this.byId = Map.copyOf(map);
        this.ordered = List.copyOf(map.values());
    }

    /** All peers in configuration order. */
    public Collection<PeerConfig> all() {
        return ordered;
    }

    public Optional<PeerConfig> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The peer or null; for the packet path, which must not allocate an Optional. */
    public PeerConfig get(String id) {
        return byId.get(id);
    }

    /**
     * BTP auth (RFC 23, "auth" sub-protocol): the username names the peer, the token must equal
     * its incoming token. Compared in constant time so the answer time leaks nothing of the token.
     * Empty when the peer is unknown, dials out itself, or the token differs.
     */
    public Optional<PeerConfig> authenticate(String username, String token) {
        PeerConfig peer = byId.get(username);
        if (peer == null || peer.incomingToken().isEmpty() || token == null) {
            return Optional.empty();
        }
        byte[] expected = peer.incomingToken().get().getBytes(StandardCharsets.UTF_8);
        byte[] given = token.getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, given) ? Optional.of(peer) : Optional.empty();
    }
}
