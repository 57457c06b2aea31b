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

    /** The answer to a request, with what the filter puts in the HTTP response. */
    enum Outcome {
        /** The header carries the configured token. */
        ACCEPTED(200, null, null),
        /** No token is configured: the admin API is off for everyone. */
        DISABLED(403, "admin API disabled: set ADMIN_API_TOKEN (admin.api.token)", null),
        /** No {@code Bearer} credentials in the request (RFC 6750 §3: no error code). */
        MISSING(401, "missing bearer token", CHALLENGE),
        /** Bearer credentials that are not the token (RFC 6750 §3.1 invalid_token). */
        WRONG(401, "invalid bearer token", CHALLENGE + ", error=\"invalid_token\"");

        private final int status;
        private final String error;
        private final String challenge;

        Outcome(int status, String error, String challenge) {
            this.status = status;
            this.error = error;
            this.challenge = challenge;
        }

        /** HTTP status of the refusal (200 when accepted). */
        int status() {
            return status;
        }

        /** The {@code error} text of the JSON body; null when accepted. */
        String error() {
            return error;
        }

        /** The {@code WWW-Authenticate} value; null when none is sent. */
        String challenge() {
            return challenge;
        }
    }

    /** MicroProfile Config key of the token. */
    static final String TOKEN_KEY = "admin.api.token";
    private static final String CHALLENGE = "Bearer realm=\"ilp-connector-admin\"";
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
