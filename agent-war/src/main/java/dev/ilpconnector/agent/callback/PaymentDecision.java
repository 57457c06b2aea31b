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
 * @param data     what the business logic sends back to the sender with the Fulfill (its
 *                 {@code data}, decoded); empty when none or refused
 */
public record PaymentDecision(boolean accepted, IlpErrorCode code, String message, byte[] data) {

    static final PaymentDecision ACCEPT = accept(new byte[0]);

    public PaymentDecision {
        Objects.requireNonNull(message, "message");
        if (accepted != (code == null)) {
            throw new IllegalArgumentException("a refusal has a code, an acceptance none");
        }
        if (!accepted && data.length > 0) {
            throw new IllegalArgumentException("a refusal carries no data");
        }
    }

    /** Fulfil, and send {@code data} back to the sender (may be empty). */
    static PaymentDecision accept(byte[] data) {
        return new PaymentDecision(true, null, "", data);
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    static PaymentDecision refuse(IlpErrorCode code, String message) {
        return new PaymentDecision(false, code, message, new byte[0]);
    }

    /** Temporary failure on our side of the business logic: the sender may retry. */
    static PaymentDecision internalError(String cause) {
        return refuse(IlpErrorCode.T00_INTERNAL_ERROR, cause);
    }
}
