package dev.ilpconnector.agent.callback;

import jakarta.json.JsonObject;
import java.util.Objects;

/**
 * The answer of {@code POST /payment-setup} to one SPSP query.
 *
 * @param outcome   allowed, denied (403), or unavailable (503, nothing is created)
 * @param paymentId the payment id the business logic chose; null: keep ours
 * @param metadata  passed to every {@code /handle-payment} of this payment; null when none
 * @param reason    why unavailable or denied, for the SPSP error and the log; empty when allowed
 */
public record PaymentSetup(Outcome outcome, String paymentId, JsonObject metadata,
                           String reason) {

    /** What the SPSP endpoint does with the query. */
    public enum Outcome {
        /** Create the connection (also when the business logic has no payment-setup: 404). */
        ALLOWED,
        /** {@code allow: false}: 403. */
        DENIED,
        /** Down, 5xx, malformed or too slow: 503. */
        UNAVAILABLE
    }

    public PaymentSetup {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(reason, "reason");
    }

    static PaymentSetup allowed(String paymentId, JsonObject metadata) {
        return new PaymentSetup(Outcome.ALLOWED, paymentId, metadata, "");
    }

    static PaymentSetup unavailable(String reason) {
        return new PaymentSetup(Outcome.UNAVAILABLE, null, null, reason);
    }
}
