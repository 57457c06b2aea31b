package dev.ilpconnector.packetswitch;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The links currently up, one per peer; read on every forwarded packet. Listeners hear of each
 * link that comes up and of each peer left without a link. A peer's newer link replaces its
 * older one, which is told so ({@link Link#replaced()}); the {@link PeerLoad} of a peer is
 * shared by all its sessions, so bounds hold per peer, not per session.
 */
public final class LinkRegistry {

    private final ConcurrentMap<String, Link> links = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, PeerLoad> loads = new ConcurrentHashMap<>();
    private final List<LinkListener> listeners = new CopyOnWriteArrayList<>();

    public void addListener(LinkListener listener) {
        listeners.add(listener);
    }

    /**
     * Makes the link the peer's current one; a newer session replaces an older one, which is
     * told after the listeners heard of the new one.
     */
    public void register(Link link) {
        Link older = links.put(link.peerId(), link);
        for (LinkListener l : listeners) {
            l.linkUp(link.peerId());
        }
        if (older != null && older != link) {
            older.replaced();
        }
    }

    /** What the peer's sessions hold together; authenticated peers only (the ids are ours). */
    public PeerLoad load(String peerId) {
        return loads.computeIfAbsent(peerId, id -> new PeerLoad());
    }

    /** Forgets the link, unless a newer one of the same peer has replaced it meanwhile. */
    public void unregister(Link link) {
        if (links.remove(link.peerId(), link)) {
            for (LinkListener l : listeners) {
                l.linkDown(link.peerId());
            }
        }
    }

    /** The peer's link, or null when it has none. */
    public Link link(String peerId) {
        return links.get(peerId);
    }

    public boolean isConnected(String peerId) {
        Link link = links.get(peerId);
        return link != null && link.isConnected();
    }
}
