package dev.ilpconnector.ledger;

import java.util.Objects;

/**
 * What an account is: its id, the ledger it lives on and its balance limit.
 *
 * <p>{@code ledger} is the asset (TigerBeetle {@code ledger}, u32, non-zero: one number per
 * asset code and scale, e.g. USD scale 2 and USD scale 9 are different ledgers). {@code code}
 * is the account's kind (TigerBeetle {@code code}, u16, non-zero; see {@link #CODE_PEER}).
 *
 * <p>{@code minBalance} is signed: the lowest value the account's available balance
 * ({@code creditsPosted - debitsPosted - debitsPending}, see
 * {@link AccountBalance#available()}) may reach through a debit. {@code -1000} lets a peer owe
 * us up to 1000 units (in flight included); {@code 0} means the peer must prepay;
 * {@link #NO_LIMIT} turns the check off (the connector's own and settlement accounts).
 * Credits are never limited.
 */
public record AccountSpec(LedgerId id, int ledger, int code, long minBalance) {

    /** {@code minBalance} value meaning "debits are not limited". */
    public static final long NO_LIMIT = Long.MIN_VALUE;

    /** Account code of a peer's account (what the peer owes us / we owe the peer). */
    public static final int CODE_PEER = 1;
    /** Account code of the connector's own account on a ledger (its side of every hop). */
    public static final int CODE_CONNECTOR = 2;
    /** Account code of a settlement account (value that left/entered the ILP side on chain). */
    public static final int CODE_SETTLEMENT = 3;

    /** Largest account/transfer code (TigerBeetle's {@code code} is a u16). */
    public static final int CODE_MAX = 0xFFFF;

    public AccountSpec {
        Objects.requireNonNull(id, "id");
        if (ledger == 0) {
            // TigerBeetle: ledger_must_not_be_zero; read as u32, so negative ints are allowed
            throw new IllegalArgumentException("ledger must not be zero");
        }
        if (code <= 0 || code > CODE_MAX) {
            throw new IllegalArgumentException("code must be 1..65535, got " + code);
        }
    }

    /** An account whose debits are not limited. */
    public static AccountSpec unlimited(LedgerId id, int ledger, int code) {
        return new AccountSpec(id, ledger, code, NO_LIMIT);
    }

    public boolean hasLimit() {
        return minBalance != NO_LIMIT;
    }

    /** Same ledger and code (the immutable part; TigerBeetle cannot change them). */
    boolean sameIdentity(AccountSpec other) {
        return id.equals(other.id) && ledger == other.ledger && code == other.code;
    }

    @Override
    public String toString() {
        return "AccountSpec[id=" + id + ", ledger=" + Integer.toUnsignedString(ledger)
                + ", code=" + code + ", minBalance=" + (hasLimit() ? minBalance : "none") + "]";
    }
}
