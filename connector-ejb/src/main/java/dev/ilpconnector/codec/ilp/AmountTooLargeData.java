package dev.ilpconnector.codec.ilp;

import dev.ilpconnector.Limits;
import dev.ilpconnector.codec.oer.CodecException;
import dev.ilpconnector.codec.oer.OerReader;
import dev.ilpconnector.codec.oer.OerWriter;
import dev.ilpconnector.codec.oer.UInt64;

/**
 * Data of an F08 Amount Too Large reject (RFC 27 §F08): UInt64 receivedAmount followed by
 * UInt64 maximumAmount, both unsigned bit patterns in a long.
 *
 * @param receivedAmount the amount the rejecting node received (unsigned)
 * @param maximumAmount the largest amount it accepts (unsigned)
 */
public record AmountTooLargeData(long receivedAmount, long maximumAmount) {

    /** The 16-byte F08 data. */
    public byte[] encode() {
        return new OerWriter(Limits.AMOUNT_TOO_LARGE_DATA_BYTES)
                .writeUInt64(receivedAmount)
                .writeUInt64(maximumAmount)
                .toByteArray();
    }

    /** Parses F08 data: exactly 16 bytes. */
    public static AmountTooLargeData decode(byte[] data) {
        OerReader in = new OerReader(data);
        long received = in.uint64();
        long maximum = in.uint64();
        in.requireEnd();
        return new AmountTooLargeData(received, maximum);
    }

    /** Parses the data of an F08 reject. */
    public static AmountTooLargeData of(IlpReject reject) {
        if (!reject.code().equals(IlpErrorCode.F08_AMOUNT_TOO_LARGE)) {
            throw new CodecException("not an F08 reject: " + reject.code(), -1);
        }
        return decode(reject.dataNoCopy());
    }

    @Override
    public String toString() {
        return "AmountTooLargeData[receivedAmount=" + UInt64.format(receivedAmount)
                + ", maximumAmount=" + UInt64.format(maximumAmount) + "]";
    }
}
