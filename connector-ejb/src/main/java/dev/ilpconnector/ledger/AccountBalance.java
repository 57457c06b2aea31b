package dev.ilpconnector.ledger;

import java.math.BigInteger;
import java.util.Objects;

/**
 * An account's four running totals, each an unsigned 128-bit value (TigerBeetle's
 * {@code debits_pending}, {@code debits_posted}, {@code credits_pending},
 * {@code credits_posted}). Totals only ever grow, except pending ones, which shrink when a
 * pending transfer is posted, voided or expires. 128 bits because single amounts are 64-bit:
 * an 18-decimal asset passes 2^64 after about 18 whole units.
 */
public record AccountBalance(BigInteger debitsPending, BigInteger debitsPosted,
                             BigInteger creditsPending, BigInteger creditsPosted) {

    /** 2^128: the first value a total cannot take. */
    public static final BigInteger U128_LIMIT = BigInteger.ONE.shiftLeft(128);

    public AccountBalance {
        requireU128(debitsPending, "debitsPending");
        requireU128(debitsPosted, "debitsPosted");
        requireU128(creditsPending, "creditsPending");
        requireU128(creditsPosted, "creditsPosted");
    }

    /** Totals given as unsigned 64-bit values in {@code long}s. */
    public static AccountBalance ofUnsigned64(long debitsPending, long debitsPosted,
            long creditsPending, long creditsPosted) {
        return new AccountBalance(u64(debitsPending), u64(debitsPosted), u64(creditsPending),
                u64(creditsPosted));
    }

    /**
     * Posted net balance {@code creditsPosted - debitsPosted}: positive when the connector owes
     * the account holder, negative when the holder owes the connector.
     */
    public BigInteger netPosted() {
        return creditsPosted.subtract(debitsPosted);
    }

    /**
     * Available balance {@code creditsPosted - debitsPosted - debitsPending}: what the limit
     * ({@link AccountSpec#minBalance()}) is checked against. Pending debits count (money that
     * may leave), pending credits do not (money that may never arrive).
     */
    public BigInteger available() {
        return creditsPosted.subtract(debitsPosted).subtract(debitsPending);
    }

    /** True when nothing is pending on either side. */
    public boolean nothingPending() {
        return debitsPending.signum() == 0 && creditsPending.signum() == 0;
    }

    private static BigInteger u64(long value) {
        return new BigInteger(Long.toUnsignedString(value));
    }

    private static void requireU128(BigInteger value, String name) {
        Objects.requireNonNull(value, name);
        if (value.signum() < 0 || value.compareTo(U128_LIMIT) >= 0) {
            throw new IllegalArgumentException(name + " is not an unsigned 128-bit value: "
                    + value);
        }
    }
}
