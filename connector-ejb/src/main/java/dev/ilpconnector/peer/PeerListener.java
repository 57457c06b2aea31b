package dev.ilpconnector.peer;

/**
 * Hears of peers added, changed and removed at run time (the admin API), after the
 * {@link PeerDirectory} shows the change. Called on the admin's thread: return quickly.
 */
public interface PeerListener {

    default void peerAdded(PeerConfig peer) {
    }

    default void peerChanged(PeerConfig before, PeerConfig after) {
    }

    default void peerRemoved(PeerConfig peer) {
    }
}
