package dev.ilpconnector.codec.ccp;

/** RFC 10 route control mode: whether the requester wants route updates. */
public enum CcpMode {
    /** Send no route updates. */
    IDLE,
    /** Send route updates, starting from the requester's last known epoch. */
    SYNC;

    /** The UInt8 on the wire (IDLE 0, SYNC 1). */
    public int code() {
        return ordinal();
    }

    /** @throws IllegalArgumentException for any value but 0 and 1 */
    public static CcpMode of(int code) {
        return switch (code) {
            case 0 -> IDLE;
            case 1 -> SYNC;
            default -> throw new IllegalArgumentException("unknown route control mode " + code);
        };
    }
}
