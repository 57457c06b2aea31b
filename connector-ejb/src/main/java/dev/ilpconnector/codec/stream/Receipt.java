package dev.ilpconnector.codec.stream;

import dev.ilpconnector.codec.oer.CodecException;
import dev.ilpconnector.codec.oer.OerReader;
import dev.ilpconnector.codec.oer.OerWriter;
import dev.ilpconnector.codec.oer.UInt64;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * A STREAM receipt (RFC 39): the receiver's signed statement that a stream has received
 * {@code totalReceived} so far. 58 bytes in the layout the JS library writes and verifies:
 * UInt8 version 1 || 16-byte nonce || UInt8 stream id || UInt64 total received ||
 * HMAC-SHA256(receipt secret, the 26 bytes before). The stream id is one byte there, so
 * streams above 255 get no receipt ({@link #canCover(long)}).
 */
public final class Receipt {

    public static final int VERSION = 1;
    public static final int NONCE_BYTES = 16;
    public static final int SECRET_BYTES = 32;
    public static final int BYTES = 58;
    private static final int SIGNED_BYTES = 26;
    private static final int HMAC_BYTES = 32;

    private final byte[] nonce;
    private final int streamId;
    private final long totalReceived;
    private final byte[] hmac;

    private Receipt(byte[] nonce, int streamId, long totalReceived, byte[] hmac) {
        this.nonce = nonce;
        this.streamId = streamId;
        this.totalReceived = totalReceived;
        this.hmac = hmac;
    }

    /** Whether a receipt can name this stream (its id fits the one-byte field). */
    public static boolean canCover(long streamId) {
        return streamId >= 0 && streamId <= 0xff;
    }

    /**
     * Signs a receipt.
     *
     * @throws IllegalArgumentException when nonce or secret has the wrong size or the stream
     *     id does not fit one byte
     */
    public static byte[] create(byte[] nonce, long streamId, long totalReceived,
            byte[] secret) {
        if (nonce.length != NONCE_BYTES || secret.length != SECRET_BYTES) {
            throw new IllegalArgumentException("receipt nonce must be 16 bytes, secret 32");
        }
        if (!canCover(streamId)) {
            throw new IllegalArgumentException("stream id " + UInt64.format(streamId)
                    + " does not fit a receipt");
        }
        OerWriter out = new OerWriter(BYTES);
        out.writeUInt8(VERSION).writeOctets(nonce).writeUInt8((int) streamId)
                .writeUInt64(totalReceived);
        byte[] signed = out.toByteArray();
        byte[] receipt = Arrays.copyOf(signed, BYTES);
        System.arraycopy(StreamCrypto.hmacSha256(secret, signed), 0, receipt, SIGNED_BYTES,
                HMAC_BYTES);
        return receipt;
    }

    /**
     * Decodes a receipt without checking its HMAC.
     *
     * @throws CodecException when not 58 bytes of version 1
     */
    public static Receipt decode(byte[] receipt) {
        if (receipt.length != BYTES) {
            throw new CodecException("receipt of " + receipt.length + " bytes, not " + BYTES,
                    -1);
        }
        OerReader in = new OerReader(receipt);
        int version = in.uint8();
        if (version != VERSION) {
            throw new CodecException("unsupported receipt version " + version, 0);
        }
        return new Receipt(in.octets(NONCE_BYTES), in.uint8(), in.uint64(),
                in.octets(HMAC_BYTES));
    }

    /**
     * Decodes a receipt and checks its HMAC with the receipt secret.
     *
     * @throws CodecException when malformed or the HMAC does not match
     */
    public static Receipt verify(byte[] receipt, byte[] secret) {
        Receipt decoded = decode(receipt);
        byte[] expected = StreamCrypto.hmacSha256(secret, Arrays.copyOf(receipt, SIGNED_BYTES));
        if (!MessageDigest.isEqual(expected, decoded.hmac)) {
            throw new CodecException("receipt HMAC does not match", SIGNED_BYTES);
        }
        return decoded;
    }

    public byte[] nonce() {
        return nonce.clone();
    }

    public long streamId() {
        return streamId;
    }

    /** Unsigned 64-bit bit pattern. */
    public long totalReceived() {
        return totalReceived;
    }

    @Override
    public String toString() {
        return "Receipt[streamId=" + streamId + ", totalReceived="
                + UInt64.format(totalReceived) + "]";
    }
}
