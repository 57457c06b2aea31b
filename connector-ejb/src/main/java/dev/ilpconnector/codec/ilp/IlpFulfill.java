package dev.ilpconnector.codec.ilp;

import dev.ilpconnector.Limits;
import java.util.Arrays;

/**
 * ILP Fulfill (RFC 27 §ILP Fulfill): the 32-byte preimage of the Prepare's condition and up to
 * 32767 bytes of data. {@link #toString()} never prints the fulfillment.
 */
public final class IlpFulfill implements IlpResponse {

    private final byte[] fulfillment;
    private final byte[] data;

    public IlpFulfill(byte[] fulfillment, byte[] data) {
        this(fulfillment.clone(), data.clone(), true);
    }

    /** Takes ownership of the arrays (codec-internal: no copy). */
    IlpFulfill(byte[] fulfillment, byte[] data, boolean owned) {
        if (fulfillment.length != Limits.CONDITION_BYTES) {
            throw new IllegalArgumentException("fulfillment must be 32 bytes");
        }
        if (data.length > Limits.DATA_BYTES_MAX) {
            throw new IllegalArgumentException("data longer than " + Limits.DATA_BYTES_MAX);
        }
        this.fulfillment = fulfillment;
        this.data = data;
    }

    @Override
    public int typeId() {
        return TYPE_FULFILL;
    }

    public byte[] fulfillment() {
        return fulfillment.clone();
    }

    byte[] fulfillmentNoCopy() {
        return fulfillment;
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public int dataLength() {
        return data.length;
    }

    byte[] dataNoCopy() {
        return data;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IlpFulfill f && Arrays.equals(fulfillment, f.fulfillment)
                && Arrays.equals(data, f.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(fulfillment) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "IlpFulfill[fulfillment=(hidden), dataBytes=" + data.length + "]";
    }
}
