package dev.ilpconnector.ccp;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The 32-byte {@code auth} of the routes we announce, as the reference connector derives it:
 * HMAC-SHA256 of the prefix under a secret of this run for routes that start here, SHA-256 of
 * the auth we received for routes we pass on. Nobody checks it today; it must be 32 bytes.
 */
final class RouteAuth {

    private final SecretKeySpec secret;

    RouteAuth() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        secret = new SecretKeySpec(key, "HmacSHA256");
    }

    byte[] own(String prefix) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(secret);
            return mac.doFinal(prefix.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            // every Java platform must provide HmacSHA256
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    byte[] forwarded(byte[] received) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(received);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
