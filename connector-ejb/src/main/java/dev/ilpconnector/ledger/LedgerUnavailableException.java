package dev.ilpconnector.ledger;

/**
 * A remote ledger did not answer in time or cannot be reached: an operating failure, never an
 * expected outcome. The outcome of the call is unknown (a create may still be applied later);
 * the pending timeout releases whatever it held.
 */
public final class LedgerUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LedgerUnavailableException(String message) {
        super(message);
    }
}
