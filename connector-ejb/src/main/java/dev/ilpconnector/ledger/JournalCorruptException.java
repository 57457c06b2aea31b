package dev.ilpconnector.ledger;

/**
 * The ledger journal cannot be replayed as it is (damage before its last record, a foreign
 * file, records that contradict each other). The node must not start: balances would be wrong.
 * The message is one line for the operator.
 */
public final class JournalCorruptException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public JournalCorruptException(String message) {
        super(message);
    }
}
