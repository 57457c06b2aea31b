package dev.ilpconnector.agent.spsp;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Payment ids: chosen by us for {@code GET /} (128 random bits), by the payer for
 * {@code GET /{paymentId}}, or by payment-setup. They travel in connection tokens and
 * business-logic calls, so they are short and of ILP address segment characters (RFC 15).
 */
final class PaymentIds {

    /** Characters of an ILP address segment, at most 64 of them. */
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_~-]{1,64}");
    private static final int RANDOM_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private PaymentIds() {
    }

    static String random() {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static boolean isValid(String paymentId) {
        return paymentId != null && VALID.matcher(paymentId).matches();
    }

    /** What {@link #isValid} wants, for error messages. */
    static String rule() {
        return "1-64 of A-Z a-z 0-9 _ ~ -";
    }
}
