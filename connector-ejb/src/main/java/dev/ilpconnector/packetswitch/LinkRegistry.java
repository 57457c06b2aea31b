package dev.ilpconnector.packetswitch;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The links currently up, one per peer; read on every forwarded packet. */
public final class LinkRegistry {

    private final ConcurrentMap<String, Link> links = new ConcurrentHashMap<>();

    /** Makes the link the peer's current one; a newer session replaces an older one. */
    public void register(Link link) {
        links.put(link.peerId(), link);
    }

    /** Forgets the link, unless a newer one of the same peer has replaced it meanwhile. */
    public void unregister(Link link) {
        links.remove(link.peerId(), link);
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
