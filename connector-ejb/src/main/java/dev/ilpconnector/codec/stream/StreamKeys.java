package dev.ilpconnector.codec.stream;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Random;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys of one STREAM connection, derived from its 32-byte shared secret (RFC 29 §4):
 * the encryption key HMAC-SHA256(secret, "ilp_stream_encryption") and the fulfillment key
 * HMAC-SHA256(secret, "ilp_stream_fulfillment"). A Prepare's fulfillment is
 * HMAC-SHA256(fulfillment key, Prepare data) and its condition SHA-256 of that. Immutable and
 * thread-safe; {@code toString()} shows no key.
 */
public final class StreamKeys {

    private static final byte[] ENCRYPTION = ascii("ilp_stream_encryption");
    private static final byte[] FULFILLMENT = ascii("ilp_stream_fulfillment");

    private final SecretKeySpec encryptionKey;
    private final SecretKeySpec fulfillmentKey;

    private StreamKeys(byte[] sharedSecret) {
        if (sharedSecret.length != StreamCrypto.KEY_BYTES) {
            throw new IllegalArgumentException("shared secret must be 32 bytes");
        }
        this.encryptionKey = StreamCrypto.aesKey(StreamCrypto.hmacSha256(sharedSecret,
                ENCRYPTION));
        this.fulfillmentKey = new SecretKeySpec(StreamCrypto.hmacSha256(sharedSecret,
                FULFILLMENT), "HmacSHA256");
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Derives the keys of a connection from its 32-byte shared secret. */
    public static StreamKeys fromSharedSecret(byte[] sharedSecret) {
        return new StreamKeys(sharedSecret);
    }

    /** The fulfillment of a Prepare carrying {@code prepareData}. */
    public byte[] fulfillment(byte[] prepareData) {
        return StreamCrypto.hmacSha256(fulfillmentKey, prepareData);
    }

    /** Whether {@code condition} is the one this connection would fulfil for that data. */
    public boolean canFulfill(byte[] prepareData, byte[] condition) {
        return MessageDigest.isEqual(StreamCrypto.sha256(fulfillment(prepareData)), condition);
    }

    /** Encrypts and encodes a STREAM packet for ILP data. */
    public byte[] seal(StreamPacket packet) {
        return StreamCrypto.encrypt(encryptionKey, StreamCodec.encode(packet),
                StreamCrypto.RANDOM);
    }

    /** As {@link #seal(StreamPacket)} with the IV drawn from {@code random} (tests). */
    public byte[] seal(StreamPacket packet, Random random) {
        return StreamCrypto.encrypt(encryptionKey, StreamCodec.encode(packet), random);
    }

    /**
     * Decrypts and decodes the STREAM packet in ILP data.
     *
     * @throws dev.ilpconnector.codec.oer.CodecException when it does not decrypt or decode
     */
    public StreamPacket open(byte[] data) {
        return StreamCodec.decode(decrypt(data));
    }

    /** Decrypts ILP data without decoding it (the fuzz target and tests). */
    public byte[] decrypt(byte[] data) {
        return StreamCrypto.decrypt(encryptionKey, data);
    }

    /** Encrypts bytes as they are (tests build malformed packets with it). */
    public byte[] encrypt(byte[] plaintext, Random random) {
        return StreamCrypto.encrypt(encryptionKey, plaintext, random);
    }

    @Override
    public String toString() {
        return "StreamKeys[hidden]";
    }
}
