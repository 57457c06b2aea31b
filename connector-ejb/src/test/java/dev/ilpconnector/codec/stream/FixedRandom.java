package dev.ilpconnector.codec.stream;

import java.util.HexFormat;
import java.util.Random;

/**
 * Test helper: a Random whose {@code nextBytes} hands out given bytes in order (the IVs and
 * nonces of a vector), so sealing reproduces the JS library's output byte for byte.
 */
public final class FixedRandom extends Random {

    private static final long serialVersionUID = 1L;

    private final byte[] bytes;
    private int next;

    public FixedRandom(String hex) {
        this.bytes = HexFormat.of().parseHex(hex);
    }

    @Override
    public void nextBytes(byte[] out) {
        if (out.length > bytes.length - next) {
            throw new IllegalStateException("FixedRandom ran out of bytes");
        }
        System.arraycopy(bytes, next, out, 0, out.length);
        next += out.length;
    }
}
