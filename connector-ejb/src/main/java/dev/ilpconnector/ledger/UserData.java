package dev.ilpconnector.ledger;

/**
 * 128 bits a transfer carries to say what caused it (TigerBeetle {@code user_data_128}): for an
 * ILP packet's legs, the packet link ({@link #packetLink}). Not an id: zero is allowed,
 * uniqueness is not required, and the ledger never interprets it.
 */
public record UserData(long hi, long lo) {

    /** No user data. */
    public static final UserData NONE = new UserData(0, 0);

    /**
     * A packet's link: the hold's time in milliseconds since the epoch (48 bits), then the
     * first 10 bytes of the execution condition (80 bits: unique among packets in practice).
     * Time first because TigerBeetle indexes {@code user_data_128}: values that rise with time
     * are appended to that index, random ones (the bare condition) land anywhere in it, which
     * cost about 40 % of the server's time per transfer and more as the data grew (measured,
     * docs/performance.md).
     */
    public static UserData packetLink(long epochMillis, byte[] executionCondition) {
        if (executionCondition.length < 10) {
            throw new IllegalArgumentException("need 10 bytes of the condition, got "
                    + executionCondition.length);
        }
        long hi = ((epochMillis & 0xFFFF_FFFF_FFFFL) << 16)
                | ((executionCondition[0] & 0xFFL) << 8) | (executionCondition[1] & 0xFFL);
        return new UserData(hi, bigEndian(executionCondition, 2));
    }

    private static long bigEndian(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[off + i] & 0xFFL);
        }
        return v;
    }
}
