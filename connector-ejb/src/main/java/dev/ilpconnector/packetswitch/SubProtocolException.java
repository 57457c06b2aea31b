package dev.ilpconnector.packetswitch;

/**
 * A BTP Error (RFC 23 §Error) for a sub-protocol request: thrown or completed by a
 * {@link SubProtocolHandler} to refuse a peer's request, and completed by a {@link Link} when the
 * peer answers our request with an Error. The message travels to the peer: no secrets in it.
 */
public final class SubProtocolException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;
    private final String name;

    public SubProtocolException(String code, String name, String message) {
        super(message);
        this.code = code;
        this.name = name;
    }

    /** F00: understood, and refused (bad signature, unknown channel, not allowed now). */
    public static SubProtocolException notAccepted(String message) {
        return new SubProtocolException("F00", "NotAcceptedError", message);
    }

    /** F01: the data does not parse or a field is out of range. */
    public static SubProtocolException invalidFields(String message) {
        return new SubProtocolException("F01", "InvalidFieldsError", message);
    }

    /** T00: could not be handled now; the peer may try again. */
    public static SubProtocolException temporary(String message) {
        return new SubProtocolException("T00", "UnreachableError", message);
    }

    /** The BTP error code, e.g. {@code F00}. */
    public String code() {
        return code;
    }

    /** The BTP error name, e.g. {@code NotAcceptedError}. */
    public String name() {
        return name;
    }
}
