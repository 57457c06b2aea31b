package dev.ilpconnector.ledger;

import java.math.BigInteger;

/**
 * A mutable unsigned 128-bit running total as two {@code long}s ({@code hi} most significant),
 * so the packet path adds and compares account totals without allocating. Not thread-safe:
 * the owning account's lock guards it. Amounts added are unsigned 64-bit.
 */
final class U128 {

    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

    long hi;
    long lo;

    /** Adds unsigned {@code amount}; {@link ArithmeticException} past 2^128 - 1. */
    void add(long amount) {
        long sum = lo + amount;
        if (Long.compareUnsigned(sum, lo) < 0) { // carry into hi
            if (hi == -1L) {
                throw new ArithmeticException("u128 overflow: " + this + " + "
                        + Long.toUnsignedString(amount));
            }
            hi++;
        }
        lo = sum;
    }

    /** Subtracts unsigned {@code amount}; {@link ArithmeticException} below zero. */
    void subtract(long amount) {
        if (Long.compareUnsigned(lo, amount) < 0) { // borrow from hi
            if (hi == 0) {
                throw new ArithmeticException("u128 underflow: " + this + " - "
                        + Long.toUnsignedString(amount));
            }
            hi--;
        }
        lo -= amount;
    }

    boolean isZero() {
        return hi == 0 && lo == 0;
    }

    /** Sets the value; {@code value} must be in 0 .. 2^128 - 1. */
    void set(BigInteger value) {
        if (value.signum() < 0 || value.bitLength() > 128) {
            throw new IllegalArgumentException("not an unsigned 128-bit value: " + value);
        }
        hi = value.shiftRight(64).longValue();
        lo = value.longValue();
    }

    BigInteger toBigInteger() {
        return toBigInteger(hi, lo);
    }

    static BigInteger toBigInteger(long hi, long lo) {
        BigInteger low = new BigInteger(Long.toUnsignedString(lo));
        return hi == 0 ? low
                : new BigInteger(Long.toUnsignedString(hi)).multiply(TWO_TO_64).add(low);
    }

    /** True when {@code a + b + amount} does not fit in 128 unsigned bits. */
    static boolean sumOverflows(U128 a, U128 b, long amount) {
        long lo1 = a.lo + b.lo;
        long carry1 = Long.compareUnsigned(lo1, a.lo) < 0 ? 1 : 0;
        long carry2 = Long.compareUnsigned(lo1 + amount, lo1) < 0 ? 1 : 0;
        long hi1 = a.hi + b.hi;
        if (Long.compareUnsigned(hi1, a.hi) < 0) {
            return true;
        }
        long hi2 = hi1 + carry1 + carry2; // adds at most 2
        return Long.compareUnsigned(hi2, hi1) < 0;
    }

    /** High 64 bits of {@code a + b + amount}; the caller has ruled out overflow. */
    static long sumHi(U128 a, U128 b, long amount) {
        long lo1 = a.lo + b.lo;
        long carry1 = Long.compareUnsigned(lo1, a.lo) < 0 ? 1 : 0;
        long carry2 = Long.compareUnsigned(lo1 + amount, lo1) < 0 ? 1 : 0;
        return a.hi + b.hi + carry1 + carry2;
    }

    /** Low 64 bits of {@code a + b + amount}. */
    static long sumLo(U128 a, U128 b, long amount) {
        return a.lo + b.lo + amount;
    }

    /** Unsigned comparison of {@code (aHi, aLo)} with {@code (bHi, bLo)}. */
    static int compare(long aHi, long aLo, long bHi, long bLo) {
        int c = Long.compareUnsigned(aHi, bHi);
        return c != 0 ? c : Long.compareUnsigned(aLo, bLo);
    }

    @Override
    public String toString() {
        return toBigInteger().toString();
    }
}
