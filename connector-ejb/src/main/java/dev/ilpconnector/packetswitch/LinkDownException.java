package dev.ilpconnector.packetswitch;

/** The peer's link could not carry the packet; the switch answers {@code T01}. */
public final class LinkDownException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LinkDownException(String message) {
        super(message, null, false, false);
    }
}
