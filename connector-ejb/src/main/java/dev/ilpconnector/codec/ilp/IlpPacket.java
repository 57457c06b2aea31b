package dev.ilpconnector.codec.ilp;

/**
 * An ILPv4 packet (RFC 27): a Prepare or a response to one. Values are immutable and validated
 * on construction; byte arrays are copied in and out.
 */
public sealed interface IlpPacket permits IlpPrepare, IlpResponse {

    /** RFC 27 type byte of ILP Prepare. */
    int TYPE_PREPARE = 12;
    /** RFC 27 type byte of ILP Fulfill. */
    int TYPE_FULFILL = 13;
    /** RFC 27 type byte of ILP Reject. */
    int TYPE_REJECT = 14;

    /** The RFC 27 type byte: 12, 13 or 14. */
    int typeId();

    /** A copy of the end-to-end data (at most {@code Limits.DATA_BYTES_MAX} bytes). */
    byte[] data();

    /** Length of {@link #data()} without copying it. */
    int dataLength();
}
