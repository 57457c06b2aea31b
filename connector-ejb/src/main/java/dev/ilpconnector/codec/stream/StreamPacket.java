package dev.ilpconnector.codec.stream;

import dev.ilpconnector.codec.oer.UInt64;
import java.util.List;
import java.util.Objects;

/**
 * A STREAM packet before encryption (RFC 29 §5.2): version 1, the type of the ILP packet that
 * carries it (Prepare 12, Fulfill 13, Reject 14), the sequence number, the prepare amount
 * (in a Prepare: the least the receiver may accept; in a reply: the amount that arrived) and
 * the frames.
 */
public record StreamPacket(int ilpPacketType, long sequence, long prepareAmount,
        List<StreamFrame> frames) {

    /** RFC 29: the only version. */
    public static final int VERSION = 1;
    public static final int ILP_PREPARE = 12;
    public static final int ILP_FULFILL = 13;
    public static final int ILP_REJECT = 14;

    public StreamPacket {
        if (ilpPacketType != ILP_PREPARE && ilpPacketType != ILP_FULFILL
                && ilpPacketType != ILP_REJECT) {
            throw new IllegalArgumentException("ilpPacketType must be 12, 13 or 14, not "
                    + ilpPacketType);
        }
        frames = List.copyOf(Objects.requireNonNull(frames, "frames"));
    }

    @Override
    public String toString() {
        return "StreamPacket[ilpPacketType=" + ilpPacketType + ", sequence="
                + UInt64.format(sequence) + ", prepareAmount=" + UInt64.format(prepareAmount)
                + ", frames=" + frames + "]";
    }
}
