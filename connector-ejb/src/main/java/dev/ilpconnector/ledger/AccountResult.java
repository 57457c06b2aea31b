package dev.ilpconnector.ledger;

/** Outcome of {@link Ledger#createAccount} and {@link Ledger#setMinBalance}. */
public enum AccountResult {
    /** Created (or limit changed). TigerBeetle: {@code ok}. */
    OK,
    /** Same id and same spec exist: idempotent replay. {@code exists}. */
    EXISTS,
    /**
     * Same id exists on another ledger or with another code; a configuration error.
     * {@code exists_with_different_ledger} / {@code exists_with_different_code}.
     */
    EXISTS_DIFFERENT,
    /**
     * Same id, ledger and code exist with another minimum balance (e.g. the operator changed
     * the peer's limit before a restart). Nothing changed; call {@link Ledger#setMinBalance}.
     */
    EXISTS_DIFFERENT_LIMIT,
    /** {@link Ledger#setMinBalance} on an unknown account. */
    NOT_FOUND
}
