package dev.ilpconnector.packetswitch;

import dev.ilpconnector.codec.oer.UInt64;

/**
 * Converts an amount between two peers' asset scales (same asset code), rounding down so the
 * connector never pays out more than it receives. Amounts are unsigned 64-bit.
 */
public final class AssetConversion {

    /** 10^0 .. 10^19: every power of ten that fits in an unsigned 64-bit value. */
    private static final long[] POWERS_OF_TEN = new long[20];

    static {
        long p = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = p;
            p *= 10;
        }
    }

    private AssetConversion() {
    }

    /**
     * The amount at the destination scale.
     *
     * @throws ArithmeticException when it does not fit in 64 unsigned bits
     */
    public static long convert(long amount, int sourceScale, int destinationScale) {
        int shift = destinationScale - sourceScale;
        if (shift == 0 || amount == 0) {
            return amount;
        }
        if (shift < 0) {
            return -shift >= POWERS_OF_TEN.length
                    ? 0 : Long.divideUnsigned(amount, POWERS_OF_TEN[-shift]);
        }
        if (shift >= POWERS_OF_TEN.length) {
            throw new ArithmeticException(
                    "amount does not fit 64 bits at scale " + destinationScale);
        }
        return UInt64.multiplyExact(amount, POWERS_OF_TEN[shift]);
    }
}
