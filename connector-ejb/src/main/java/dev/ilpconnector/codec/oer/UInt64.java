package dev.ilpconnector.codec.oer;

/**
 * Unsigned 64-bit integers carried in a Java {@code long} (the bit pattern). ILP amounts are
 * UInt64 (RFC 27, RFC 30); 2^64-1 is the long {@code -1L}. No BigInteger on the hot path.
 */
public final class UInt64 {

    /** 2^64-1 as a bit pattern. */
    public static final long MAX = -1L;

    private UInt64() {
    }

    /**
     * Parses a decimal string 0..18446744073709551615 (no sign, no spaces).
     *
     * @throws NumberFormatException when not a canonical unsigned 64-bit decimal
     */
    public static long parse(String decimal) {
        if (decimal == null || decimal.isEmpty()) {
            throw new NumberFormatException("empty unsigned 64-bit value");
        }
        for (int i = 0; i < decimal.length(); i++) {
            char c = decimal.charAt(i);
            if (c < '0' || c > '9') {
                throw new NumberFormatException("not an unsigned decimal: " + decimal);
            }
        }
        return Long.parseUnsignedLong(decimal);
    }

    /** Decimal form of the unsigned value. */
    public static String format(long value) {
        return Long.toUnsignedString(value);
    }

    /** Unsigned comparison: negative, zero or positive as a is below, equal to, above b. */
    public static int compare(long a, long b) {
        return Long.compareUnsigned(a, b);
    }

    /**
     * Unsigned a + b.
     *
     * @throws ArithmeticException when the sum exceeds 2^64-1
     */
    public static long addExact(long a, long b) {
        long sum = a + b;
        if (Long.compareUnsigned(sum, a) < 0) {
            throw new ArithmeticException("unsigned 64-bit overflow: " + format(a) + " + "
                    + format(b));
        }
        return sum;
    }

    /**
     * Unsigned a - b.
     *
     * @throws ArithmeticException when b is greater than a
     */
    public static long subtractExact(long a, long b) {
        if (Long.compareUnsigned(a, b) < 0) {
            throw new ArithmeticException("unsigned 64-bit underflow: " + format(a) + " - "
                    + format(b));
        }
        return a - b;
    }

    /**
     * Unsigned a * b.
     *
     * @throws ArithmeticException when the product exceeds 2^64-1
     */
    public static long multiplyExact(long a, long b) {
        long hi = Math.multiplyHigh(a, b)
                + ((a >> 63) & b) + ((b >> 63) & a); // signed high word -> unsigned high word
        if (hi != 0) {
            throw new ArithmeticException("unsigned 64-bit overflow: " + format(a) + " * "
                    + format(b));
        }
        return a * b;
    }
}
