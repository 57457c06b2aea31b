package dev.ilpconnector.packetswitch;

/**
 * Told when a peer's link comes up or goes down. Called on the thread that changed the link
 * (often a WebSocket thread): it must not wait.
 */
public interface LinkListener {

    void linkUp(String peerId);

    void linkDown(String peerId);
}
