package dev.ilpconnector.ledger;

/**
 * An account's four running totals, each an unsigned 64-bit value in a {@code long}
 * (TigerBeetle's {@code debits_pending}, {@code debits_posted}, {@code credits_pending},
 * {@code credits_posted}). Totals only ever grow, except pending ones, which shrink when a
 * pending transfer is posted, voided or expires.
 */
public record AccountBalance(long debitsPending, long debitsPosted,
                             long creditsPending, long creditsPosted) {

    /**
     * Posted net balance {@code creditsPosted - debitsPosted}: positive when the connector owes
     * the account holder, negative when the holder owes the connector.
     *
     * @throws ArithmeticException when the difference does not fit in a signed long
     */
    public long netPosted() {
        return Unsigned.signedDifferenceExact(creditsPosted, debitsPosted);
    }

    /**
     * Available balance {@code creditsPosted - debitsPosted - debitsPending}: what the limit
     * ({@link AccountSpec#minBalance()}) is checked against. Pending debits count (money that
     * may leave), pending credits do not (money that may never arrive).
     *
     * @throws ArithmeticException when the value does not fit in a signed long
     */
    public long available() {
        return Unsigned.signedDifferenceExact(creditsPosted,
                Unsigned.addExact(debitsPosted, debitsPending));
    }

    /** True when nothing is pending on either side. */
    public boolean nothingPending() {
        return debitsPending == 0 && creditsPending == 0;
    }

    @Override
    public String toString() {
        return "AccountBalance[debitsPending=" + Long.toUnsignedString(debitsPending)
                + ", debitsPosted=" + Long.toUnsignedString(debitsPosted)
                + ", creditsPending=" + Long.toUnsignedString(creditsPending)
                + ", creditsPosted=" + Long.toUnsignedString(creditsPosted) + "]";
    }
}
