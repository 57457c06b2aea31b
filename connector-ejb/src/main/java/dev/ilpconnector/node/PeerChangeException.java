package dev.ilpconnector.node;

/**
 * A peer change the node refuses, with the HTTP status the admin API answers: 400 (a bad
 * value; {@code field} names it), 404 (no such peer), 409 (the peer exists, or still holds
 * money or packets), 503 (the ledger did not answer).
 */
public final class PeerChangeException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String field;

    public PeerChangeException(int status, String field, String message) {
        super(message);
        this.status = status;
        this.field = field;
    }

    public int status() {
        return status;
    }

    /** The API field at fault, or null. */
    public String field() {
        return field;
    }
}
