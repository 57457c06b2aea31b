package dev.ilpconnector.packetswitch;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * RFC 27 §Fulfill: a Fulfill counts only when SHA-256(fulfillment) equals the Prepare's
 * execution condition; otherwise nobody is paid.
 */
final class FulfillmentCheck {

    /** MessageDigest is not thread-safe; one per thread avoids allocating one per packet. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    });

    private FulfillmentCheck() {
    }

    static boolean matches(byte[] fulfillment, byte[] executionCondition) {
        MessageDigest digest = SHA_256.get();
        byte[] hash = digest.digest(fulfillment);
        return MessageDigest.isEqual(hash, executionCondition);
    }
}
