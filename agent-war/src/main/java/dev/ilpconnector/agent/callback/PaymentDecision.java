package dev.ilpconnector.agent.callback;

import dev.ilpconnector.codec.ilp.IlpErrorCode;
import java.util.Objects;

/**
 * The business logic's verdict on one packet: accept (Fulfill) or refuse with an ILP code. Every
 * failure to get a verdict is a refusal too ({@code T00} with the cause as message).
 *
 * @param accepted true: fulfil the packet
 * @param code     the reject code when refused; null when accepted
 * @param message  the reject message when refused (shown to the sender); empty when accepted
 */
public record PaymentDecision(boolean accepted, IlpErrorCode code, String message) {

    static final PaymentDecision ACCEPT = new PaymentDecision(true, null, "");

    public PaymentDecision {
        Objects.requireNonNull(message, "message");
        if (accepted != (code == null)) {
            throw new IllegalArgumentException("a refusal has a code, an acceptance none");
        }
    }

    static PaymentDecision refuse(IlpErrorCode code, String message) {
        return new PaymentDecision(false, code, message);
    }

    /** Temporary failure on our side of the business logic: the sender may retry. */
    static PaymentDecision internalError(String cause) {
        return refuse(IlpErrorCode.T00_INTERNAL_ERROR, cause);
    }
}
