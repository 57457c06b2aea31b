package dev.ilpconnector.ledger;

/**
 * Unsigned 64-bit arithmetic on the bit pattern of a {@code long}. Private to the ledger so it
 * compiles without the codec's {@code UInt64}; same semantics.
 */
final class Unsigned {

    private Unsigned() {
    }

    /** True when {@code a + b} does not fit in 64 unsigned bits. */
    static boolean addOverflows(long a, long b) {
        return Long.compareUnsigned(a + b, a) < 0;
    }

    /** {@code a + b}, or {@link ArithmeticException} on unsigned overflow. */
    static long addExact(long a, long b) {
        long r = a + b;
        if (Long.compareUnsigned(r, a) < 0) {
            throw new ArithmeticException("u64 overflow: " + Long.toUnsignedString(a) + " + "
                    + Long.toUnsignedString(b));
        }
        return r;
    }

    /** {@code a - b}, or {@link ArithmeticException} when {@code b > a}. */
    static long subtractExact(long a, long b) {
        if (Long.compareUnsigned(a, b) < 0) {
            throw new ArithmeticException("u64 underflow: " + Long.toUnsignedString(a) + " - "
                    + Long.toUnsignedString(b));
        }
        return a - b;
    }
}
