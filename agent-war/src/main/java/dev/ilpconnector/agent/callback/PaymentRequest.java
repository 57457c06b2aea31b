package dev.ilpconnector.agent.callback;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * The body of one {@code POST /handle-payment}: a STREAM packet that carries money and that the
 * agent can fulfil.
 *
 * @param paymentId   the SPSP payment (from the connection token)
 * @param destination the Prepare's ILP address
 * @param amount      unsigned 64-bit, in the agent's asset; sent as a decimal string
 * @param expiresAt   the Prepare's expiry
 * @param data        the STREAM packet's decrypted data frames (may be empty)
 * @param metadata    what payment-setup returned for this payment; null when nothing
 */
public record PaymentRequest(String paymentId, String destination, long amount,
                             Instant expiresAt, byte[] data, JsonObject metadata) {

    public PaymentRequest {
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(expiresAt, "expiresAt");
        data = data.clone();
    }

    /** The JSON the business logic receives (docs/agent.md). */
    String toJson() {
        JsonObjectBuilder json = BusinessLogicClient.JSON.createObjectBuilder()
                .add("paymentId", paymentId)
                .add("destination", destination)
                .add("amount", Long.toUnsignedString(amount))
                .add("expiresAt", expiresAt.toString())
                .add("data", Base64.getEncoder().encodeToString(data));
        if (metadata != null) {
            json.add("metadata", metadata);
        }
        return json.build().toString();
    }

    @Override
    public String toString() {
        return "PaymentRequest[paymentId=" + paymentId + ", amount="
                + Long.toUnsignedString(amount) + "]";
    }
}
