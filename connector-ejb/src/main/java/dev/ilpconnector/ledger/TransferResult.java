package dev.ilpconnector.ledger;

/**
 * Outcome of a transfer operation. Each value names the TigerBeetle result(s) it stands for,
 * so a TigerBeetle-backed {@link Ledger} maps 1:1. The ILP reject the packet switch sends for
 * each is in {@code docs/ledger.md}.
 */
public enum TransferResult {
    /** Done now. TigerBeetle: {@code ok}. */
    OK,
    /** Same id, same content, already done: an idempotent replay, nothing moved. {@code exists}. */
    EXISTS,
    /** Same id, different content; nothing moved. {@code exists_with_different_*}. */
    EXISTS_DIFFERENT,
    /**
     * Bad arguments: zero amount, same debit and credit account, code out of 1..65535, timeout
     * outside 1 s .. {@link LedgerLimits#PENDING_TIMEOUT_SECONDS_MAX}. TigerBeetle:
     * {@code accounts_must_be_different}, {@code code_must_not_be_zero}, {@code overflows_timeout}.
     */
    INVALID,
    /** {@code debit_account_not_found} / {@code credit_account_not_found}. */
    ACCOUNT_NOT_FOUND,
    /** The two accounts are on different ledgers. {@code accounts_must_have_the_same_ledger}. */
    LEDGER_MISMATCH,
    /**
     * The debit would take the debit account's available balance below its minimum.
     * TigerBeetle: {@code exceeds_credits} (limit mapped onto
     * {@code debits_must_not_exceed_credits}).
     */
    EXCEEDS_LIMIT,
    /** A u128 total would pass 2^128 - 1; nothing changed. {@code overflows_*}. */
    OVERFLOW,
    /**
     * The embedded ledger holds {@link LedgerLimits#PENDING_TRANSFERS_MAX} pending transfers
     * already (a bound, not a TigerBeetle result; a remote implementation uses it for a full
     * request queue or a timed-out call).
     */
    BUSY,
    /** No transfer with that id. {@code pending_transfer_not_found}. */
    PENDING_NOT_FOUND,
    /** The transfer exists but is single-phase. {@code pending_transfer_not_pending}. */
    NOT_PENDING,
    /**
     * The pending transfer timed out; its amount is released.
     * {@code pending_transfer_expired}.
     */
    PENDING_EXPIRED,
    /** {@code pending_transfer_already_posted}. */
    ALREADY_POSTED,
    /** {@code pending_transfer_already_voided}. */
    ALREADY_VOIDED;

    /** True for {@link #OK} and {@link #EXISTS}: the requested state holds. */
    public boolean isSuccess() {
        return this == OK || this == EXISTS;
    }
}
