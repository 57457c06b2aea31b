package dev.ilpconnector.codec.ilp;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 for the fulfillment check on every Fulfill, without a provider lookup per packet. */
final class Sha256 {

    /** MessageDigest is not thread-safe; one per thread. */
    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // every Java platform must provide SHA-256 (java.security.MessageDigest docs)
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    });

    private Sha256() {
    }

    static byte[] digest(byte[] in) {
        return DIGEST.get().digest(in);
    }
}
