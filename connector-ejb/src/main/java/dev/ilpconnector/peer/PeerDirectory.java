package dev.ilpconnector.peer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The node's one list of peers, looked up by id on every packet. Seeded from the config,
 * changed at run time by the admin API; each change swaps in a new immutable snapshot, so the
 * packet path reads without a lock, then tells the listeners (links, health).
 */
public final class PeerDirectory {

    private record Snapshot(Map<String, PeerConfig> byId, List<PeerConfig> ordered) {

        static Snapshot of(Collection<PeerConfig> peers) {
            Map<String, PeerConfig> map = new LinkedHashMap<>();
            for (PeerConfig peer : peers) {
                if (map.putIfAbsent(peer.id(), peer) != null) {
                    throw new IllegalArgumentException("duplicate peer id " + peer.id());
                }
            }
            return new Snapshot(Map.copyOf(map), List.copyOf(map.values()));
        }
    }

    private volatile Snapshot snapshot;
    private final List<PeerListener> listeners = new CopyOnWriteArrayList<>();

    public PeerDirectory(List<PeerConfig> peers) {
        this.snapshot = Snapshot.of(peers);
    }

    public void addListener(PeerListener listener) {
        listeners.add(listener);
    }

    /** Adds a peer at the end. @throws IllegalArgumentException when the id is taken */
    public void add(PeerConfig peer) {
        synchronized (this) {
            if (snapshot.byId().containsKey(peer.id())) {
                throw new IllegalArgumentException("peer " + peer.id() + " exists");
            }
            List<PeerConfig> next = new ArrayList<>(snapshot.ordered());
            next.add(peer);
            snapshot = Snapshot.of(next);
        }
        for (PeerListener l : listeners) {
            l.peerAdded(peer);
        }
    }

    /** Replaces the peer of the same id in place. @throws IllegalArgumentException if none */
    public void replace(PeerConfig peer) {
        PeerConfig before;
        synchronized (this) {
            before = snapshot.byId().get(peer.id());
            if (before == null) {
                throw new IllegalArgumentException("no peer " + peer.id());
            }
            snapshot = Snapshot.of(snapshot.ordered().stream()
                    .map(p -> p.id().equals(peer.id()) ? peer : p).toList());
        }
        for (PeerListener l : listeners) {
            l.peerChanged(before, peer);
        }
    }

    /** Removes the peer; false when there was none. */
    public boolean remove(String id) {
        PeerConfig gone;
        synchronized (this) {
            gone = snapshot.byId().get(id);
            if (gone == null) {
                return false;
            }
            snapshot = Snapshot.of(snapshot.ordered().stream()
                    .filter(p -> !p.id().equals(id)).toList());
        }
        for (PeerListener l : listeners) {
            l.peerRemoved(gone);
        }
        return true;
    }

    /** All peers: configuration order, then those added at run time. */
    public List<PeerConfig> all() {
        return snapshot.ordered();
    }

    public Optional<PeerConfig> byId(String id) {
        return Optional.ofNullable(snapshot.byId().get(id));
    }

    /** The peer or null; for the packet path, which must not allocate an Optional. */
    public PeerConfig get(String id) {
        return snapshot.byId().get(id);
    }

    /**
     * BTP auth (RFC 23, "auth" sub-protocol): the username names the peer, the token must equal
     * its incoming token. Compared in constant time so the answer time leaks nothing of the token.
     * Empty when the peer is unknown, dials out itself, or the token differs.
     */
    public Optional<PeerConfig> authenticate(String username, String token) {
        PeerConfig peer = snapshot.byId().get(username);
        if (peer == null || peer.incomingToken().isEmpty() || token == null) {
            return Optional.empty();
        }
        byte[] expected = peer.incomingToken().get().getBytes(StandardCharsets.UTF_8);
        byte[] given = token.getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, given) ? Optional.of(peer) : Optional.empty();
    }
}
