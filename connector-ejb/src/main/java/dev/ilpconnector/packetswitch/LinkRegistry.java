package dev.ilpconnector.packetswitch;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The links currently up, one per peer; read on every forwarded packet. Listeners hear of each
 * link that comes up and of each peer left without a link.
 */
public final class LinkRegistry {

    private final ConcurrentMap<String, Link> links = new ConcurrentHashMap<>();
    private final List<LinkListener> listeners = new CopyOnWriteArrayList<>();

    public void addListener(LinkListener listener) {
        listeners.add(listener);
    }

    /** Makes the link the peer's current one; a newer session replaces an older one. */
    public void register(Link link) {
        links.put(link.peerId(), link);
        for (LinkListener l : listeners) {
            l.linkUp(link.peerId());
        }
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
