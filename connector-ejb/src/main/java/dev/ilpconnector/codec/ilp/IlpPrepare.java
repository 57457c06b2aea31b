package dev.ilpconnector.codec.ilp;

import dev.ilpconnector.Limits;
import dev.ilpconnector.codec.oer.UInt64;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * ILP Prepare (RFC 27 §ILP Prepare): amount (UInt64, unsigned bits in a long), expiresAt
 * (millisecond precision; finer input is truncated to what the wire carries), a 32-byte
 * execution condition, the destination address and up to 32767 bytes of data.
 */
public final class IlpPrepare implements IlpPacket {

    private final long amount;
    private final Instant expiresAt;
    private final byte[] executionCondition;
    private final IlpAddress destination;
    private final byte[] data;

    /**
     * @throws IllegalArgumentException when a value breaks RFC 27 (condition not 32 bytes,
     *     data too long, expiry outside years 0000..9999)
     * @throws NullPointerException when a value is null
     */
    public IlpPrepare(long amount, Instant expiresAt, byte[] executionCondition,
            IlpAddress destination, byte[] data) {
        this(amount, expiresAt, executionCondition.clone(), destination, data.clone(), true);
    }

    /** Takes ownership of the arrays (codec-internal: no copy). */
    IlpPrepare(long amount, Instant expiresAt, byte[] executionCondition,
            IlpAddress destination, byte[] data, boolean owned) {
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(destination, "destination");
        if (executionCondition.length != Limits.CONDITION_BYTES) {
            throw new IllegalArgumentException("executionCondition must be 32 bytes");
        }
        if (data.length > Limits.DATA_BYTES_MAX) {
            throw new IllegalArgumentException("data longer than " + Limits.DATA_BYTES_MAX);
        }
        Instant t = InterledgerTimestamp.truncate(expiresAt);
        if (!InterledgerTimestamp.isRepresentable(t)) {
            throw new IllegalArgumentException("expiresAt outside years 0000..9999");
        }
        this.amount = amount;
        this.expiresAt = t;
        this.executionCondition = executionCondition;
        this.destination = destination;
        this.data = data;
    }

    @Override
    public int typeId() {
        return TYPE_PREPARE;
    }

    /** Unsigned 64-bit amount as a bit pattern (see {@link UInt64}). */
    public long amount() {
        return amount;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public byte[] executionCondition() {
        return executionCondition.clone();
    }

    public IlpAddress destination() {
        return destination;
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public int dataLength() {
        return data.length;
    }

    byte[] conditionNoCopy() {
        return executionCondition;
    }

    byte[] dataNoCopy() {
        return data;
    }

    /** The same Prepare with a new amount and expiry (forwarding, RFC 27); arrays shared. */
    public IlpPrepare withAmountAndExpiry(long newAmount, Instant newExpiresAt) {
        return new IlpPrepare(newAmount, newExpiresAt, executionCondition, destination, data,
                true);
    }

    /** True when SHA-256 of the fulfillment equals this Prepare's condition (RFC 27). */
    public boolean isFulfilledBy(IlpFulfill fulfill) {
        return MessageDigest.isEqual(Sha256.digest(fulfill.fulfillmentNoCopy()),
                executionCondition);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IlpPrepare p && amount == p.amount && expiresAt.equals(p.expiresAt)
                && Arrays.equals(executionCondition, p.executionCondition)
                && destination.equals(p.destination) && Arrays.equals(data, p.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(amount, expiresAt, destination, Arrays.hashCode(executionCondition),
                Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return "IlpPrepare[amount=" + UInt64.format(amount) + ", expiresAt=" + expiresAt
                + ", executionCondition=" + HexFormat.of().formatHex(executionCondition)
                + ", destination=" + destination + ", dataBytes=" + data.length + "]";
    }
}
