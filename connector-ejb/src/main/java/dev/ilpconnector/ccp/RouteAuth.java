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
 * One {@link Mac} and one digest serve every route (an update may carry thousands), so it is
 * not thread-safe: the broadcaster's lock guards it.
 */
final class RouteAuth {

    private final Mac hmac;
    private final MessageDigest sha256;

    RouteAuth() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        try {
            hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(key, "HmacSHA256"));
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            // every Java platform must provide both
            throw new IllegalStateException("HmacSHA256 or SHA-256 unavailable", e);
        }
    }

    byte[] own(String prefix) {
        // doFinal resets the Mac for the next prefix, keeping the key
        return hmac.doFinal(prefix.getBytes(StandardCharsets.US_ASCII));
    }

    byte[] forwarded(byte[] received) {
        return sha256.digest(received);
    }
}
