package dev.ilpconnector.web.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * Checks an {@code Authorization} header against the configured admin token. Both sides are
 * hashed (SHA-256) before the constant-time compare, so neither the content nor the length of
 * the token shows in the time taken.
 */
final class AdminToken {

    enum Outcome {
        /** The header carries the configured token. */
        ACCEPTED,
        /** No token is configured: the admin API is off. */
        DISABLED,
        /** No {@code Bearer} credentials in the request. */
        MISSING,
        /** Bearer credentials that are not the token. */
        WRONG
    }

    private static final String BEARER = "Bearer ";

    /** SHA-256 of the token, or null when none is configured. */
    private final byte[] expectedHash;

    /** @param token the configured token; empty or blank turns the API off */
    AdminToken(Optional<String> token) {
        this.expectedHash = token.map(String::strip).filter(t -> !t.isEmpty())
                .map(AdminToken::sha256).orElse(null);
    }

    Outcome check(String authorization) {
        if (expectedHash == null) {
            return Outcome.DISABLED;
        }
        // RFC 6750 §2.1: "Bearer" is case-insensitive, followed by one space and the token.
        if (authorization == null
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Outcome.MISSING;
        }
        String given = authorization.substring(BEARER.length()).strip();
        if (given.isEmpty()) {
            return Outcome.MISSING;
        }
        return MessageDigest.isEqual(expectedHash, sha256(given))
                ? Outcome.ACCEPTED : Outcome.WRONG;
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "AdminToken[" + (expectedHash == null ? "disabled" : "***") + "]";
    }
}
