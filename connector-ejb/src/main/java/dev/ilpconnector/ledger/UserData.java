package dev.ilpconnector.ledger;

/**
 * 128 bits a transfer carries to say what caused it (TigerBeetle {@code user_data_128}): for an
 * ILP packet's legs, the first 16 bytes of the execution condition, so both legs of one packet
 * can be found from the packet and vice versa. Not an id: zero is allowed, uniqueness is not
 * required, and the ledger never interprets it.
 */
public record UserData(long hi, long lo) {

    /** No user data. */
    public static final UserData NONE = new UserData(0, 0);

    /** The first 16 bytes of {@code bytes} (at least 16), most significant first. */
    public static UserData ofPrefix(byte[] bytes) {
        if (bytes.length < 16) {
            throw new IllegalArgumentException("need 16 bytes, got " + bytes.length);
        }
        return new UserData(bigEndian(bytes, 0), bigEndian(bytes, 8));
    }

    private static long bigEndian(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[off + i] & 0xFFL);
        }
        return v;
    }
}
